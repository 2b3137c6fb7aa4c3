import type { Transaction } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import { INTENT_LABELS, RISK_FLAG_LABELS, truncateExcerpt } from '../../domain/card/index.ts'
import type { Person } from '../../domain/routing/index.ts'
import type { Intent, RiskFlag, UiLanguage } from '../../domain/vocabulary.ts'

// One-way pings about escalations and after-hours pages, for channels that cannot carry an interactive card
// (DingTalk custom group robots). The escalation services call the hook inside the transaction that escalated
// or paged, so a ping exists exactly when the escalation or page committed; the hook's owner enqueues the
// sending as jobs.

export interface EscalationPing {
  /** A new escalation, an after-hours page step, or a re-notification of an unacknowledged escalation. */
  kind: 'escalation' | 'page' | 'reminder'
  conversationId: string
  /** ISO instant of the escalation, or of the page step. */
  at: string
  /** Who was paged (page pings). */
  personIds: string[]
  /** The chain step index (page pings), or the reminder's round (reminder pings). */
  step: number | null
}

export type PingHook = (trx: Transaction<Database>, ping: EscalationPing) => Promise<void>

/** A ping as plain text (the adapter formats and escapes it). */
export interface PingText {
  title: string
  lines: string[]
}

const EXCERPT_CHARS = 300

const WORDS = {
  escalation: { en: 'Escalated to managers', 'zh-CN': '已升级给主管' },
  page: { en: 'After-hours page to on-call', 'zh-CN': '非工作时间呼叫值班' },
  reminder: { en: 'Escalation still not acknowledged', 'zh-CN': '升级仍未确认' },
  reminderRound: { en: 'Reminder {n}', 'zh-CN': '第 {n} 次提醒' },
  order: { en: 'Order', 'zh-CN': '订单' },
  intent: { en: 'Intent', 'zh-CN': '意图' },
  risk: { en: 'Risk', 'zh-CN': '风险' },
  reason: { en: 'Reason', 'zh-CN': '原因' },
  paged: { en: 'Paged', 'zh-CN': '已呼叫' },
  round: { en: 'page {n}', 'zh-CN': '第 {n} 次' },
  buyer: { en: 'Buyer wrote', 'zh-CN': '买家消息' },
  act: { en: 'Acknowledge on the card in the chat or in the web console.', 'zh-CN': '请在聊天卡片或网页控制台中确认处理。' },
} as const

/** The ping for `ping`, from the conversation as stored now; null when the conversation is gone. */
export async function escalationPingText(db: Db, people: readonly Person[], ping: EscalationPing, language: UiLanguage): Promise<PingText | null> {
  const row = await db
    .selectFrom('conversations')
    .innerJoin('stores', 'stores.id', 'conversations.store_id')
    .select(['conversations.order_id', 'conversations.marketplace', 'conversations.intent', 'conversations.risk_flags', 'conversations.risk_score', 'conversations.escalation_reason', 'stores.name as store'])
    .where('conversations.id', '=', ping.conversationId)
    .executeTakeFirst()
  if (!row) return null
  const latest = await db
    .selectFrom('buyer_messages')
    .select('text')
    .where('conversation_id', '=', ping.conversationId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const say = (key: keyof typeof WORDS) => WORDS[key][language]
  const flags = row.risk_flags.map((flag) => RISK_FLAG_LABELS[flag as RiskFlag]?.[language] ?? flag)
  const intent = row.intent ? (INTENT_LABELS[row.intent as Intent]?.[language] ?? row.intent) : null
  const paged = ping.personIds.map((id) => people.find((person) => person.id === id)?.name ?? id)
  const lines = [
    `${say('order')}: ${row.store} · ${row.marketplace} · ${row.order_id ?? '—'}`,
    ...(intent ? [`${say('intent')}: ${intent}`] : []),
    `${say('risk')}: ${row.risk_score}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`,
    ...(ping.kind !== 'page' && row.escalation_reason ? [`${say('reason')}: ${row.escalation_reason}`] : []),
    ...(ping.kind === 'reminder' && ping.step !== null ? [say('reminderRound').replace('{n}', String(ping.step))] : []),
    ...(ping.kind === 'page' && paged.length > 0 ? [`${say('paged')}: ${paged.join(', ')}${ping.step ? `, ${say('round').replace('{n}', String(ping.step + 1))}` : ''}`] : []),
    ...(latest ? [`${say('buyer')}: ${truncateExcerpt(latest.text, EXCERPT_CHARS).text}`] : []),
    say('act'),
  ]
  return { title: `Buyerbridge · ${say(ping.kind)}`, lines }
}
