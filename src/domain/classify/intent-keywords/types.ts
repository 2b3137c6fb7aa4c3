import type { Intent } from '../../vocabulary.ts'

/**
 * Keyword terms of one intent in one language (syntax: see ../patterns.ts).
 * strong: the phrase alone names the intent; medium: usually does; hint: supports a decision, not enough alone
 * to beat a strong term of another intent; against: phrases that look like the intent but are not it, they
 * cancel a strong term matched in them ("a 1-star review" threatens, it does not talk about reviews).
 */
export interface IntentTerms {
  readonly strong?: readonly string[]
  readonly medium?: readonly string[]
  readonly hint?: readonly string[]
  readonly against?: readonly string[]
}

export type ClassifiedIntent = Exclude<Intent, 'other'>
export type IntentKeywordTable = Readonly<Partial<Record<ClassifiedIntent, IntentTerms>>>
