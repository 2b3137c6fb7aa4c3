export { isSendable, LENGTH_LIMITS, lint } from './lint.ts'
export { fold, foldWithOffsets } from './normalize.ts'
export { LINT_RULES } from './types.ts'
export type { LintContext, LintFinding, LintRuleId, LintSeverity } from './types.ts'
