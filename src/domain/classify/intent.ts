// Intent of a buyer message from weighted keyword phrases of every supported language.
//
// All languages are matched at once rather than only the detected one: buyers mix languages ("Hallo, where is
// my order?"), and a misdetected one-liner must still get its intent. The phrases are genuine vocabulary of
// each intent, so collisions across languages are rare and were checked when the tables were written.

import { INTENTS } from '../vocabulary.ts'
import type { Intent } from '../vocabulary.ts'
import { normalizeText } from './normalize.ts'
import { buildKeywordIndex, findKeywords, prepareText } from './patterns.ts'
import type { PreparedText } from './patterns.ts'
import { GERMAN_INTENT_KEYWORDS } from './intent-keywords/de.ts'
import { ENGLISH_INTENT_KEYWORDS } from './intent-keywords/en.ts'
import { SPANISH_INTENT_KEYWORDS } from './intent-keywords/es.ts'
import { FRENCH_INTENT_KEYWORDS } from './intent-keywords/fr.ts'
import { ITALIAN_INTENT_KEYWORDS } from './intent-keywords/it.ts'
import { JAPANESE_INTENT_KEYWORDS } from './intent-keywords/ja.ts'
import {
  CHINESE_INTENT_KEYWORDS,
  DUTCH_INTENT_KEYWORDS,
  POLISH_INTENT_KEYWORDS,
  SWEDISH_INTENT_KEYWORDS,
  TURKISH_INTENT_KEYWORDS,
} from './intent-keywords/other-languages.ts'
import type { ClassifiedIntent, IntentKeywordTable } from './intent-keywords/types.ts'
import { REVIEW_THREAT_KEYWORDS } from './review-threat-keywords.ts'
import { SAFETY_KEYWORDS } from './safety-keywords.ts'

export type { IntentKeywordTable, IntentTerms } from './intent-keywords/types.ts'

const TABLES: Readonly<Record<string, IntentKeywordTable>> = {
  en: ENGLISH_INTENT_KEYWORDS,
  de: GERMAN_INTENT_KEYWORDS,
  fr: FRENCH_INTENT_KEYWORDS,
  it: ITALIAN_INTENT_KEYWORDS,
  es: SPANISH_INTENT_KEYWORDS,
  ja: JAPANESE_INTENT_KEYWORDS,
  zh: CHINESE_INTENT_KEYWORDS,
  nl: DUTCH_INTENT_KEYWORDS,
  pl: POLISH_INTENT_KEYWORDS,
  sv: SWEDISH_INTENT_KEYWORDS,
  tr: TURKISH_INTENT_KEYWORDS,
}

/**
 * The keyword tables per language. Added from the risk vocabulary: safety incidents are medium evidence of a
 * defective product; review threats are `against` terms of feedback-review.
 */
export const INTENT_KEYWORDS: Readonly<Record<string, IntentKeywordTable>> = Object.fromEntries(
  Object.entries(TABLES).map(([language, table]) => {
    const feedback = table['feedback-review'] ?? {}
    const defect = table['damaged-defective'] ?? {}
    const extended: IntentKeywordTable = {
      ...table,
      'damaged-defective': { ...defect, medium: [...(defect.medium ?? []), ...(SAFETY_KEYWORDS[language] ?? [])] },
      'feedback-review': { ...feedback, against: [...(feedback.against ?? []), ...(REVIEW_THREAT_KEYWORDS[language] ?? [])] },
    }
    return [language, extended]
  }),
)

export const TERM_WEIGHTS = { against: -3, strong: 3, medium: 2, hint: 1 } as const
/** The subject is a short buyer-chosen topic: it counts, but less than the buyer's own words. */
const SUBJECT_WEIGHT = 0.5
/** Below this total no intent is claimed ('other'): one hint alone is not an intent. */
const MINIMUM_SCORE = 1.5

/**
 * When two intents score the same, the more specific problem wins over the generic request
 * (a damaged item the buyer wants to return is a damaged-item case).
 */
const TIE_PRECEDENCE: readonly ClassifiedIntent[] = [
  'damaged-defective',
  'wrong-item',
  'not-received',
  'delivery-delay',
  'cancel-request',
  'address-change',
  'refund-status',
  'return-request',
  'where-is-my-order',
  'invoice-request',
  'size-compatibility',
  'product-question',
  'feedback-review',
]

const CLASSIFIED_INTENTS = INTENTS.filter((intent): intent is ClassifiedIntent => intent !== 'other')

const TIERS = ['against', 'strong', 'medium', 'hint'] as const

const INTENT_INDEX = buildKeywordIndex(
  CLASSIFIED_INTENTS.flatMap((intent) =>
    TIERS.flatMap((tier) =>
      Object.values(INTENT_KEYWORDS).flatMap((table) =>
        (table[intent]?.[tier] ?? []).map((term) => ({ key: intent, weight: TERM_WEIGHTS[tier], term })),
      ),
    ),
  ),
)

export interface IntentResult {
  intent: Intent
  /** 0..1 */
  confidence: number
  /** Raw keyword score per intent (`other` is 0 unless nothing matched, then 1). */
  scores: Record<Intent, number>
}

function emptyScores(): Record<Intent, number> {
  const scores = {} as Record<Intent, number>
  for (const intent of INTENTS) scores[intent] = 0
  return scores
}

function addMatches(scores: Record<Intent, number>, prepared: PreparedText, factor: number): void {
  if (prepared.text.length === 0) return
  const seen = new Set<string>()
  for (const match of findKeywords(INTENT_INDEX, prepared)) {
    const phrase = `${match.key}:${prepared.text.slice(match.start, match.end)}`
    if (seen.has(phrase)) continue
    seen.add(phrase)
    scores[match.key] += match.weight * factor
  }
}

/** Intent from an already normalized and prepared text and subject (see prepareText). */
export function classifyPreparedIntent(text: PreparedText, subject: PreparedText | null): IntentResult {
  const scores = emptyScores()
  addMatches(scores, text, 1)
  if (subject !== null) addMatches(scores, subject, SUBJECT_WEIGHT)
  let best: ClassifiedIntent | null = null
  let bestScore = 0
  let runnerUpScore = 0
  for (const intent of TIE_PRECEDENCE) {
    const score = Math.max(0, scores[intent])
    scores[intent] = score
    if (score > bestScore) {
      runnerUpScore = bestScore
      best = intent
      bestScore = score
    } else if (score > runnerUpScore) {
      runnerUpScore = score
    }
  }
  if (best === null || bestScore < MINIMUM_SCORE) {
    scores.other = 1
    return { intent: 'other', confidence: round(bestScore === 0 ? 0.9 : 0.6), scores }
  }
  const strength = 1 - Math.exp(-bestScore / 3)
  const dominance = bestScore / (bestScore + runnerUpScore)
  return { intent: best, confidence: round(strength * dominance), scores }
}

export function classifyIntent(text: string, subject?: string): IntentResult {
  return classifyPreparedIntent(prepareText(normalizeText(text)), subject === undefined ? null : prepareText(normalizeText(subject)))
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
