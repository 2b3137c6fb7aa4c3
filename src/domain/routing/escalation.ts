// High-risk escalation to managers: whether a message escalates, why (in the card's language), who hears
// about it, and when an unacknowledged escalation is re-notified.
//
// Re-notification is a pure function of the escalation time: round k (k ≥ 1) is due at
// escalatedAt + k × renotifyMinutes, so a job firing late or twice computes the same round and key.
// An acknowledgement at time t stops every round due after t; a round due at or before t was legitimately
// due (the job still sends nothing once it sees a committed acknowledgement — see chain.ts for the rule).

import { RISK_FLAG_LABELS } from '../card/labels.ts'
import { AppError } from '../errors.ts'
import { RISK_FLAGS, type RiskFlag, type UiLanguage } from '../vocabulary.ts'
import type { EscalationPolicy, Person } from './config-schema.ts'
import { managerRecipients, type Recipient } from './route.ts'

const MINUTE_MS = 60_000

export interface EscalationFacts {
  riskFlags: readonly RiskFlag[]
  riskScore: number
}

export interface EscalationDecision {
  escalate: boolean
  /** One line per trigger, in the requested language. */
  reasons: string[]
  /** The policy flags present on the message, in vocabulary order. */
  flags: RiskFlag[]
  /** True when the risk score reached the policy's minimum (flags aside). */
  score: boolean
}

const SCORE_REASON: Record<UiLanguage, (score: number, min: number) => string> = {
  en: (score, min) => `Risk score ${score} ≥ ${min}`,
  'zh-CN': (score, min) => `风险分 ${score} ≥ ${min}`,
}
const FLAG_REASON: Record<UiLanguage, (label: string) => string> = {
  en: (label) => `Risk flag: ${label}`,
  'zh-CN': (label) => `风险标记：${label}`,
}

export function shouldEscalate(
  policy: Pick<EscalationPolicy, 'flags' | 'minRiskScore'>,
  facts: EscalationFacts,
  language: UiLanguage = 'en',
): EscalationDecision {
  const flags = RISK_FLAGS.filter((flag) => policy.flags.includes(flag) && facts.riskFlags.includes(flag))
  const score = Number.isFinite(facts.riskScore) && facts.riskScore >= policy.minRiskScore
  const reasons = flags.map((flag) => FLAG_REASON[language](RISK_FLAG_LABELS[flag][language]))
  if (score) reasons.push(SCORE_REASON[language](facts.riskScore, policy.minRiskScore))
  return { escalate: flags.length > 0 || score, reasons, flags, score }
}

/** The reason text stored on the conversation (`escalate(…, { reason })`) and shown on the manager card. */
export function escalationReason(decision: EscalationDecision, language: UiLanguage = 'en'): string {
  return decision.reasons.join(language === 'zh-CN' ? '；' : '; ')
}

/** Who gets the escalation: manager channels, then manager DMs on the policy's platforms. */
export function escalationRecipients(
  policy: Pick<EscalationPolicy, 'targets' | 'managers' | 'dmPlatforms'>,
  people: readonly Person[],
  uiLanguage: UiLanguage = 'en',
): Recipient[] {
  return managerRecipients({ targets: policy.targets, managers: policy.managers, dmPlatforms: policy.dmPlatforms }, people, uiLanguage)
}

/**
 * "Escalated to Li Wei, Sam" for the agent card: the managers reached by DM, or the manager channel(s) when
 * nobody is reached personally.
 */
export function escalatedToText(recipients: readonly Recipient[], people: readonly Person[], language: UiLanguage = 'en'): string {
  const ids = [...new Set(recipients.flatMap((r) => (r.kind === 'dm' ? [r.personId] : [])))]
  const names = ids.map((id) => people.find((person) => person.id === id)?.name ?? id)
  if (language === 'zh-CN') {
    if (names.length > 0) return `已升级给 ${names.join('、')}`
    return recipients.length > 0 ? '已升级到主管频道' : '已升级（未配置主管接收方）'
  }
  if (names.length > 0) return `Escalated to ${names.join(', ')}`
  return recipients.length > 0 ? "Escalated to the managers' channel" : 'Escalated (no manager recipient configured)'
}

export interface Renotification {
  /** 1 for the first re-notification. */
  round: number
  at: Date
}

function checkDate(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN
  if (Number.isNaN(ms)) throw new AppError('INVALID_TIME', `${name} is not a valid date`, { name })
  return ms
}

/** Every re-notification round, when the policy caps them; throws when it does not (the list is endless). */
export function renotifySchedule(policy: Pick<EscalationPolicy, 'renotifyMinutes' | 'maxRenotifications'>, escalatedAt: Date): Renotification[] {
  const start = checkDate(escalatedAt, 'escalatedAt')
  if (policy.maxRenotifications === undefined) {
    throw new AppError('UNBOUNDED_SCHEDULE', 're-notification has no maximum; use nextRenotification instead')
  }
  const interval = policy.renotifyMinutes * MINUTE_MS
  return Array.from({ length: policy.maxRenotifications }, (_, i) => ({ round: i + 1, at: new Date(start + (i + 1) * interval) }))
}

/**
 * The first re-notification round due strictly after `now`, or null when acknowledged (at or before `now`)
 * or when the rounds are used up. With an acknowledgement after `now` (a caller evaluating the past), only
 * rounds due at or before the acknowledgement count.
 */
export function nextRenotification(
  policy: Pick<EscalationPolicy, 'renotifyMinutes' | 'maxRenotifications'>,
  escalatedAt: Date,
  now: Date,
  acknowledgedAt: Date | null,
): Renotification | null {
  const start = checkDate(escalatedAt, 'escalatedAt')
  const current = checkDate(now, 'now')
  const ack = acknowledgedAt === null ? null : checkDate(acknowledgedAt, 'acknowledgedAt')
  if (ack !== null && ack <= current) return null
  const interval = policy.renotifyMinutes * MINUTE_MS
  if (!(interval > 0)) throw new AppError('INVALID_DURATION', 'renotifyMinutes must be positive')
  const round = current < start ? 1 : Math.floor((current - start) / interval) + 1
  if (policy.maxRenotifications !== undefined && round > policy.maxRenotifications) return null
  const at = start + round * interval
  if (ack !== null && at > ack) return null
  return { round, at: new Date(at) }
}

/**
 * The latest round due at or before `now` — what a re-notify job sends, claiming `renotifyKey` — or null
 * before the first round and once acknowledged at or before `now` (nothing is sent after a committed ack).
 * Past the cap the last round stays the answer, so a late job still sends it once.
 */
export function dueRenotification(
  policy: Pick<EscalationPolicy, 'renotifyMinutes' | 'maxRenotifications'>,
  escalatedAt: Date,
  now: Date,
  acknowledgedAt: Date | null,
): Renotification | null {
  const start = checkDate(escalatedAt, 'escalatedAt')
  const current = checkDate(now, 'now')
  if (acknowledgedAt !== null && checkDate(acknowledgedAt, 'acknowledgedAt') <= current) return null
  const interval = policy.renotifyMinutes * MINUTE_MS
  if (!(interval > 0)) throw new AppError('INVALID_DURATION', 'renotifyMinutes must be positive')
  let round = Math.floor((current - start) / interval)
  if (policy.maxRenotifications !== undefined) round = Math.min(round, policy.maxRenotifications)
  if (round < 1) return null
  return { round, at: new Date(start + round * interval) }
}

/** The time of the next re-notification (see `nextRenotification`). */
export function renotifyAt(
  policy: Pick<EscalationPolicy, 'renotifyMinutes' | 'maxRenotifications'>,
  escalatedAt: Date,
  now: Date,
  acknowledgedAt: Date | null,
): Date | null {
  return nextRenotification(policy, escalatedAt, now, acknowledgedAt)?.at ?? null
}

/** Unique per conversation, escalation and round: the key of the job and of the "sent" row. */
export function renotifyKey(conversationId: string, escalatedAt: Date, round: number): string {
  return `renotify:${conversationId}:${checkDate(escalatedAt, 'escalatedAt')}:${round}`
}
