// Sentences on cards (status lines, reasons, titles), in en and zh-CN.

import type { UiLanguage } from '../vocabulary.ts'

export type Phrase<P extends unknown[] = []> = Readonly<Record<UiLanguage, (...params: P) => string>>

const phrase = <P extends unknown[] = []>(en: (...p: P) => string, zh: (...p: P) => string): Phrase<P> => ({
  en,
  'zh-CN': zh,
})
const text = (en: string, zh: string): Phrase => phrase(() => en, () => zh)

export const PHRASES = {
  listenOnly: text('Listen-only store: replies are sent from Seller Central', '仅监听模式：请在卖家平台回复'),
  paused: text('Sending is paused by an operator', '发送已被管理员暂停'),
  alreadyReplied: text('Already replied', '已回复买家'),
  markedNoResponse: text('Marked as no response needed', '已标记为无需回复'),
  awaitingApproval: text('A reply is awaiting approval', '有回复正在等待审批'),
  replyInFlight: text('A reply is being sent', '回复正在发送中'),
  noTemplates: text('No compliant template for this message', '没有适用于此消息的合规模板'),
  closed: text('The conversation is closed', '会话已结束'),
  confirmAfterUnconfirmed: text(
    'The last reply may have reached the buyer. Check Seller Central before sending again.',
    '上一条回复可能已送达买家。再次发送前请先在卖家平台核实。',
  ),
  pagedAwaitingAck: text('After hours: on-call paged, awaiting acknowledgement', '非工作时间：已呼叫值班人员，等待确认'),
  noSla: text('No reply due', '无回复时限'),
  unassigned: text('Unassigned', '未分配'),
  unknown: text('—', '—'),
  buyerFallbackName: text('Buyer', '买家'),
  buyerAddressMask: text('[buyer address]', '[买家邮箱]'),
  escalationReason: text('Escalation reason', '升级原因'),
  approvalReason: text('Approval needed because', '需要审批的原因'),
  managersChannel: text("managers' channel", '主管频道'),
  noManagerReached: text('nobody (no manager recipient configured)', '无人（未配置主管接收方）'),
  listSeparator: text(', ', '、'),
  assignedTo: phrase(
    (who: string) => `Assigned to ${who}`,
    (who: string) => `已分配给 ${who}`,
  ),
  escalatedBy: phrase(
    (who: string, when: string) => `Escalated by ${who} at ${when}`,
    (who: string, when: string) => `${who} 于 ${when} 升级给主管`,
  ),
  acknowledgedBy: phrase(
    (who: string, when: string) => `Acknowledged by ${who} at ${when}`,
    (who: string, when: string) => `${who} 于 ${when} 确认收到`,
  ),
  reply: phrase(
    (path: string, state: string, who: string, when: string) =>
      `Reply via ${path} by ${who}${when ? ` at ${when}` : ''}: ${state}`,
    (path: string, state: string, who: string, when: string) =>
      `${who}${when ? ` 于 ${when}` : ''} 通过${path}回复：${state}`,
  ),
  failureReason: phrase(
    (reason: string) => `Reason: ${reason}`,
    (reason: string) => `原因：${reason}`,
  ),
  approvalRequested: phrase(
    (who: string, when: string) => `Approval requested by ${who} at ${when}`,
    (who: string, when: string) => `${who} 于 ${when} 申请审批`,
  ),
  dueIn: phrase(
    (duration: string) => `due in ${duration}`,
    (duration: string) => `剩余 ${duration}`,
  ),
  overdueBy: phrase(
    (duration: string) => `overdue by ${duration}`,
    (duration: string) => `已超时 ${duration}`,
  ),
  conversationTitle: phrase(
    (intent: string, store: string) => `${intent} · ${store}`,
    (intent: string, store: string) => `${intent} · ${store}`,
  ),
  escalationTitle: phrase(
    (intent: string, store: string) => `Escalation: ${intent} · ${store}`,
    (intent: string, store: string) => `升级：${intent} · ${store}`,
  ),
  approvalTitle: phrase(
    (store: string) => `Approval needed · ${store}`,
    (store: string) => `待审批 · ${store}`,
  ),
  messageCount: phrase(
    (count: number) => (count === 1 ? '1 message' : `${count} messages`),
    (count: number) => `${count} 条消息`,
  ),
  healthTitle: phrase(
    (store: string, marketplace: string) => `Account health · ${store} · ${marketplace}`,
    (store: string, marketplace: string) => `账户健康 · ${store} · ${marketplace}`,
  ),
  healthBackToNormal: text('Back within target', '已恢复到目标范围内'),
} as const
