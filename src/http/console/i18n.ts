import type { UiLanguage } from '../../domain/vocabulary.ts'

// Console chrome text; card text comes from the domain labels shared with the chat platforms.
const STRINGS = {
  appName: ['Buyerbridge console', 'Buyerbridge 控制台'],
  navConversations: ['Conversations', '会话'],
  navTemplates: ['Templates', '模板'],
  navDashboard: ['Dashboard', '仪表盘'],
  navOutbox: ['Outbox', '发件箱'],
  logout: ['Log out', '退出登录'],
  demoBanner: ['Demo — connect your real accounts: see README', '演示模式 — 连接真实账号：请参阅 README'],
  demoNoLogin: ['Opened from this machine without login.', '本机访问，无需登录。'],
  loginTitle: ['Log in', '登录'],
  loginUser: ['Your console name (optional)', '控制台用户名（可选）'],
  loginPassword: ['Console password or admin token', '控制台密码或管理令牌'],
  loginSubmit: ['Log in', '登录'],
  loginFailed: ['Wrong password.', '密码错误。'],
  filters: ['Filters', '筛选'],
  any: ['Any', '全部'],
  store: ['Store', '店铺'],
  marketplace: ['Marketplace', '站点'],
  state: ['State', '状态'],
  sla: ['SLA', '时效'],
  risk: ['Risk', '风险'],
  riskHigh: ['High (critical)', '高（严重）'],
  riskFlagged: ['Any risk flag', '任意风险标记'],
  riskNone: ['No risk flag', '无风险标记'],
  assignee: ['Assignee', '负责人'],
  unassigned: ['Unassigned', '未分配'],
  apply: ['Apply', '应用'],
  noConversations: ['No conversations match.', '没有符合条件的会话。'],
  liveOn: ['Live updates on', '实时更新已开启'],
  openConversation: ['Open conversation', '打开会话'],
  recommended: ['Recommended', '推荐'],
  otherTemplates: ['Other templates', '其他模板'],
  chooseTemplate: ['Choose a template…', '选择模板…'],
  editorTitle: ['Reply', '回复'],
  editorPath: ['Send via', '发送方式'],
  editorCancel: ['Cancel', '取消'],
  lintOk: ['No compliance findings.', '未发现合规问题。'],
  blocking: ['Blocks sending', '禁止发送'],
  warning: ['Warning', '警告'],
  confirmWarnings: ['The reply has warnings. Send anyway?', '回复存在警告，仍要发送吗？'],
  escalateReason: ['Why escalate?', '升级原因？'],
  rejectReason: ['Why reject?', '驳回原因？'],
  thread: ['Thread', '消息记录'],
  buyerMessage: ['Buyer message', '买家消息'],
  orderContext: ['Order', '订单信息'],
  noOrderContext: ['No order details fetched.', '尚未获取订单信息。'],
  replies: ['Replies', '回复'],
  noReplies: ['No replies yet.', '尚无回复。'],
  audit: ['Audit log', '操作记录'],
  noAudit: ['Nothing recorded yet.', '暂无记录。'],
  approve: ['Approve', '批准'],
  reject: ['Reject', '驳回'],
  templatesTitle: ['Templates', '模板库'],
  templatesIntro: ['Every template in every language, rendered with sample values and checked by the compliance linter.', '每个模板的每种语言版本，均以示例数据渲染并经过合规检查。'],
  dashboardTitle: ['Dashboard', '仪表盘'],
  openBySla: ['Open conversations by SLA state', '按时效统计的未处理会话'],
  responseTimes: ['Response time', '响应时间'],
  median: ['Median', '中位数'],
  replies7: ['last 7 days', '最近 7 天'],
  replies30: ['last 30 days', '最近 30 天'],
  noData: ['No data yet.', '暂无数据。'],
  escalations: ['Escalations and acknowledgements', '升级与确认'],
  escalated: ['Escalated', '已升级'],
  acknowledged: ['Acknowledged', '已确认'],
  waitingAck: ['Not yet acknowledged', '未确认'],
  ackMedian: ['Median time to acknowledge', '确认用时中位数'],
  accountHealth: ['Account health against targets', '账户健康指标与目标'],
  integrations: ['Integration health', '集成状态'],
  lastSuccess: ['Last success', '最近成功'],
  lastFailure: ['Last failure', '最近失败'],
  outboxTitle: ['Outbox (demo): what the buyer would have received', '发件箱（演示）：买家将收到的邮件'],
  outboxEmpty: ['Nothing sent yet.', '尚未发送任何邮件。'],
  to: ['To', '收件人'],
  subject: ['Subject', '主题'],
  error: ['Error', '错误'],
  back: ['Back', '返回'],
  language: ['中文', 'English'],
} as const satisfies Record<string, readonly [string, string]>

export type StringKey = keyof typeof STRINGS

export function t(language: UiLanguage, key: StringKey): string {
  const pair = STRINGS[key]
  return language === 'zh-CN' ? pair[1] : pair[0]
}

/** The other UI language, for the switch link. */
export function otherLanguage(language: UiLanguage): UiLanguage {
  return language === 'zh-CN' ? 'en' : 'zh-CN'
}

/** `?lang=`, then the cookie, then the browser's Accept-Language. */
export function pickLanguage(query: unknown, cookie: string | undefined, acceptLanguage: string | undefined): UiLanguage {
  const asked = typeof query === 'string' ? query : undefined
  for (const candidate of [asked, cookie]) {
    if (candidate === 'en' || candidate === 'zh-CN') return candidate
  }
  return acceptLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}
