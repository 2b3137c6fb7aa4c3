import type { ReplyPath } from '../vocabulary.ts'

export const LINT_RULES = [
  'external-link',
  'off-topic-amazon-link',
  'email-address',
  'phone-number',
  'html',
  'emoji-gif',
  'review-manipulation',
  'review-request',
  'review-incentive',
  'marketing',
  'off-amazon-contact',
  'line-breaks',
  'missing-order-id',
  'length-limit',
  'language-mismatch',
  'unresolved-placeholder',
] as const
export type LintRuleId = (typeof LINT_RULES)[number]

export type LintSeverity = 'block' | 'warn'

export interface LintFinding {
  ruleId: LintRuleId
  severity: LintSeverity
  message_en: string
  message_zh: string
  /** UTF-16 offsets into the linted text, [start, end). */
  start: number
  end: number
}

export interface LintContext {
  path: ReplyPath
  /** ISO 639-1 (`de`), a locale (`de-DE`) is accepted too. */
  buyerLanguage: string
  /** Marketplace country code (`DE`). */
  marketplace: string
  orderId: string | null
}
