import type { LintRuleId, LintSeverity } from './types.ts'

/** A rule's raw result before it gets its messages; `detail` is what the message quotes. */
export interface Hit {
  ruleId: LintRuleId
  severity: LintSeverity
  start: number
  end: number
  detail?: string
}
