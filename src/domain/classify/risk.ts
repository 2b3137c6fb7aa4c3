// Risk flags of a buyer message and a 0..100 score for escalation and sorting.

import { RISK_FLAGS } from '../vocabulary.ts'
import type { RiskFlag } from '../vocabulary.ts'
import { normalizeWithOffsets, originalSpan } from './normalize.ts'
import type { NormalizedText } from './normalize.ts'
import { buildKeywordIndex, findKeywords, prepareText } from './patterns.ts'
import type { KeywordIndex, PreparedText } from './patterns.ts'
import { DEFAULT_RISK_KEYWORDS } from './risk-keywords.ts'

/**
 * Score weights: what a flag costs the seller if the message is mishandled.
 *   legal-threat, safety       40  liability, possible listing removal or authority report
 *   a-to-z, chargeback         35  a claim already filed or announced: money lost and an account-health defect
 *   counterfeit                25  authenticity complaints can suspend a listing
 *   review-threat              20  public damage, still avoidable
 *   damaged, not-received      15  usual precursors of returns, claims and bad feedback
 *   repeat-contact             10  the buyer is already waiting too long
 * The score is the sum over the distinct flags present, capped at 100.
 */
export const RISK_WEIGHTS: Readonly<Record<RiskFlag, number>> = {
  'legal-threat': 40,
  safety: 40,
  'a-to-z': 35,
  chargeback: 35,
  counterfeit: 25,
  'review-threat': 20,
  damaged: 15,
  'not-received': 15,
  'repeat-contact': 10,
}

/** From this many earlier messages by the same buyer in the conversation, the message is a repeat contact. */
export const REPEAT_CONTACT_THRESHOLD = 2

/**
 * Operator keywords added to the defaults (same syntax and normalisation, see patterns.ts). They are indexed
 * once per object: pass the same (config) object on every call, and validate it at startup with
 * prepareExtraRiskKeywords.
 */
export type ExtraRiskKeywords = Partial<Record<RiskFlag, readonly string[]>>

export interface RiskOptions {
  priorBuyerMessages: number
  extraKeywords?: ExtraRiskKeywords
}

export interface RiskMatch {
  flag: RiskFlag
  /** The matched words as written in the original text. */
  term: string
  /** Offsets into the original text. */
  start: number
  end: number
}

export interface RiskAssessment {
  /** In RISK_FLAGS order. */
  flags: RiskFlag[]
  /** 0..100 */
  score: number
  matches: RiskMatch[]
}

type RiskIndex = KeywordIndex<RiskFlag>

function buildRiskIndex(extra: ExtraRiskKeywords | undefined): RiskIndex {
  return buildKeywordIndex(
    RISK_FLAGS.flatMap((flag) =>
      [...Object.values(DEFAULT_RISK_KEYWORDS[flag]).flat(), ...(extra?.[flag] ?? [])].map((term) => ({ key: flag, weight: 1, term })),
    ),
  )
}

const DEFAULT_INDEX = buildRiskIndex(undefined)
// Config objects are long-lived: index their extra keywords once per object.
const indexByExtras = new WeakMap<ExtraRiskKeywords, RiskIndex>()

function indexFor(extra: ExtraRiskKeywords | undefined): RiskIndex {
  if (extra === undefined || Object.values(extra).every((terms) => terms === undefined || terms.length === 0)) {
    return DEFAULT_INDEX
  }
  let index = indexByExtras.get(extra)
  if (index === undefined) {
    index = buildRiskIndex(extra)
    indexByExtras.set(extra, index)
  }
  return index
}

/** Indexes configured keywords now; throws AppError CLASSIFY_KEYWORD_INVALID naming a term that cannot match. */
export function prepareExtraRiskKeywords(extra: ExtraRiskKeywords): void {
  indexFor(extra)
}

/**
 * Risk of a message whose text is already normalized with offsets (normalizeWithOffsets) and prepared
 * (prepareText of its `text`).
 */
export function assessPreparedRisk(
  original: string,
  normalized: NormalizedText,
  prepared: PreparedText,
  options: RiskOptions,
): RiskAssessment {
  const matches: RiskMatch[] = []
  const present = new Set<RiskFlag>()
  for (const match of findKeywords(indexFor(options.extraKeywords), prepared)) {
    const span = originalSpan(normalized, match.start, match.end)
    matches.push({ flag: match.key, term: original.slice(span.start, span.end), start: span.start, end: span.end })
    present.add(match.key)
  }
  if (options.priorBuyerMessages >= REPEAT_CONTACT_THRESHOLD) present.add('repeat-contact')
  const flags = RISK_FLAGS.filter((flag) => present.has(flag))
  const score = Math.min(100, flags.reduce((sum, flag) => sum + RISK_WEIGHTS[flag], 0))
  matches.sort((a, b) => a.start - b.start || a.end - b.end)
  return { flags, score, matches }
}

export function assessRisk(text: string, options: RiskOptions): RiskAssessment {
  const normalized = normalizeWithOffsets(text)
  return assessPreparedRisk(text, normalized, prepareText(normalized.text), options)
}
