// Localised labels for the shared vocabulary, reused by every chat adapter and the web console.

import type {
  CardAction,
  ConversationState,
  Intent,
  ReplyState,
  RiskFlag,
  SpapiTextAction,
  UiLanguage,
} from '../vocabulary.ts'
import type { SlaStatus } from '../sla.ts'

export type Localised = Readonly<Record<UiLanguage, string>>

export const INTENT_LABELS: Readonly<Record<Intent, Localised>> = {
  'where-is-my-order': { en: 'Where is my order', 'zh-CN': '查询订单' },
  'delivery-delay': { en: 'Delivery delay', 'zh-CN': '配送延迟' },
  'not-received': { en: 'Not received', 'zh-CN': '未收到货' },
  'damaged-defective': { en: 'Damaged or defective', 'zh-CN': '损坏或故障' },
  'wrong-item': { en: 'Wrong item', 'zh-CN': '发错商品' },
  'return-request': { en: 'Return request', 'zh-CN': '退货申请' },
  'refund-status': { en: 'Refund status', 'zh-CN': '退款进度' },
  'cancel-request': { en: 'Cancellation request', 'zh-CN': '取消订单' },
  'product-question': { en: 'Product question', 'zh-CN': '商品咨询' },
  'size-compatibility': { en: 'Size or compatibility', 'zh-CN': '尺寸或兼容性' },
  'invoice-request': { en: 'Invoice request', 'zh-CN': '索要发票' },
  'address-change': { en: 'Address change', 'zh-CN': '修改地址' },
  'feedback-review': { en: 'Feedback or review', 'zh-CN': '反馈或评论' },
  other: { en: 'Other', 'zh-CN': '其他' },
}

export const RISK_FLAG_LABELS: Readonly<Record<RiskFlag, Localised>> = {
  'a-to-z': { en: 'A-to-z claim', 'zh-CN': 'A-to-z 索赔' },
  chargeback: { en: 'Chargeback', 'zh-CN': '信用卡拒付' },
  'legal-threat': { en: 'Legal threat', 'zh-CN': '法律威胁' },
  'review-threat': { en: 'Review threat', 'zh-CN': '差评威胁' },
  safety: { en: 'Safety issue', 'zh-CN': '安全问题' },
  counterfeit: { en: 'Counterfeit claim', 'zh-CN': '假货投诉' },
  damaged: { en: 'Damaged', 'zh-CN': '商品损坏' },
  'not-received': { en: 'Not received', 'zh-CN': '未收到货' },
  'repeat-contact': { en: 'Repeat contact', 'zh-CN': '重复联系' },
}

export const STATE_LABELS: Readonly<Record<ConversationState, Localised>> = {
  new: { en: 'New', 'zh-CN': '新消息' },
  notified: { en: 'Notified', 'zh-CN': '已通知' },
  assigned: { en: 'Assigned', 'zh-CN': '已分配' },
  replied: { en: 'Replied', 'zh-CN': '已回复' },
  'no-response-needed': { en: 'No response needed', 'zh-CN': '无需回复' },
}

export const ACTION_LABELS: Readonly<Record<CardAction, Localised>> = {
  'bb.pick_template': { en: 'Choose template', 'zh-CN': '选择模板' },
  'bb.edit': { en: 'Edit reply', 'zh-CN': '编辑回复' },
  'bb.send': { en: 'Send reply', 'zh-CN': '发送回复' },
  'bb.no_response': { en: 'No response needed', 'zh-CN': '无需回复' },
  'bb.assign': { en: 'Assign to me', 'zh-CN': '分配给我' },
  'bb.ack': { en: 'Acknowledge', 'zh-CN': '确认收到' },
  'bb.escalate': { en: 'Escalate', 'zh-CN': '升级给主管' },
  'bb.approve': { en: 'Approve', 'zh-CN': '批准' },
  'bb.reject': { en: 'Reject', 'zh-CN': '驳回' },
}

export const REPLY_STATE_LABELS: Readonly<Record<ReplyState, Localised>> = {
  'awaiting-approval': { en: 'Awaiting approval', 'zh-CN': '等待审批' },
  queued: { en: 'Queued', 'zh-CN': '排队中' },
  sending: { en: 'Sending', 'zh-CN': '发送中' },
  sent: { en: 'Sent', 'zh-CN': '已发送' },
  failed: { en: 'Failed', 'zh-CN': '发送失败' },
  unconfirmed: { en: 'Unconfirmed: check Seller Central', 'zh-CN': '未确认：请在卖家平台核实' },
}

export const SLA_STATUS_LABELS: Readonly<Record<SlaStatus, Localised>> = {
  'on-track': { en: 'On track', 'zh-CN': '正常' },
  'due-soon': { en: 'Due soon', 'zh-CN': '即将超时' },
  breached: { en: 'Overdue', 'zh-CN': '已超时' },
}

export const SPAPI_ACTION_LABELS: Readonly<Record<SpapiTextAction, Localised>> = {
  confirmOrderDetails: { en: 'confirm order details', 'zh-CN': '确认订单信息' },
  confirmDeliveryDetails: { en: 'confirm delivery details', 'zh-CN': '确认配送信息' },
  unexpectedProblem: { en: 'unexpected problem', 'zh-CN': '意外问题' },
  confirmServiceDetails: { en: 'confirm service details', 'zh-CN': '确认服务信息' },
  confirmCustomizationDetails: { en: 'confirm customisation details', 'zh-CN': '确认定制信息' },
  digitalAccessKey: { en: 'digital access key', 'zh-CN': '数字访问密钥' },
}

export const FIELD_LABELS = {
  store: { en: 'Store', 'zh-CN': '店铺' },
  marketplace: { en: 'Marketplace', 'zh-CN': '站点' },
  order: { en: 'Order', 'zh-CN': '订单号' },
  buyer: { en: 'Buyer', 'zh-CN': '买家' },
  product: { en: 'Product', 'zh-CN': '商品' },
  language: { en: 'Language', 'zh-CN': '语言' },
  intent: { en: 'Intent', 'zh-CN': '意图' },
  state: { en: 'State', 'zh-CN': '状态' },
  slaDue: { en: 'Reply due', 'zh-CN': '回复截止' },
  slaStatus: { en: 'SLA', 'zh-CN': '时效' },
  assignee: { en: 'Assignee', 'zh-CN': '负责人' },
  escalatedTo: { en: 'Escalated to', 'zh-CN': '已升级给' },
  pagedOnCall: { en: 'On call paged', 'zh-CN': '已呼叫值班' },
  messages: { en: 'Messages', 'zh-CN': '消息数' },
  riskScore: { en: 'Risk score', 'zh-CN': '风险分' },
  metric: { en: 'Metric', 'zh-CN': '指标' },
  value: { en: 'Value', 'zh-CN': '当前值' },
  target: { en: 'Target', 'zh-CN': '目标' },
  change: { en: 'What changed', 'zh-CN': '变化' },
  observedAt: { en: 'Observed', 'zh-CN': '检测时间' },
  reason: { en: 'Reason', 'zh-CN': '原因' },
  reply: { en: 'Reply', 'zh-CN': '回复内容' },
} as const satisfies Record<string, Localised>

export type FieldKey = keyof typeof FIELD_LABELS

/** Chinese marketplace names; English names come from the marketplace table. */
export const MARKETPLACE_NAMES_ZH: Readonly<Record<string, string>> = {
  US: '美国', CA: '加拿大', MX: '墨西哥', BR: '巴西', UK: '英国', IE: '爱尔兰', DE: '德国', FR: '法国',
  IT: '意大利', ES: '西班牙', NL: '荷兰', BE: '比利时', SE: '瑞典', PL: '波兰', TR: '土耳其', AE: '阿联酋',
  SA: '沙特阿拉伯', EG: '埃及', IN: '印度', ZA: '南非', JP: '日本', AU: '澳大利亚', SG: '新加坡',
}
