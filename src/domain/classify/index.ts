// Classification of a buyer message: language, intent and risk in one pass over one normalized text.

import type { Intent, RiskFlag } from '../vocabulary.ts'
import { detectLanguage } from './language.ts'
import type { DetectableLanguage } from './language.ts'
import { classifyPreparedIntent } from './intent.ts'
import { normalizeText, normalizeWithOffsets } from './normalize.ts'
import { prepareText } from './patterns.ts'
import { assessPreparedRisk } from './risk.ts'
import type { ExtraRiskKeywords, RiskMatch } from './risk.ts'

export { detectLanguage, DETECTABLE_LANGUAGES } from './language.ts'
export type { DetectableLanguage, LanguageGuess } from './language.ts'
export { classifyIntent, INTENT_KEYWORDS, TERM_WEIGHTS } from './intent.ts'
export type { IntentResult, IntentKeywordTable, IntentTerms } from './intent.ts'
export { assessRisk, prepareExtraRiskKeywords, RISK_WEIGHTS, REPEAT_CONTACT_THRESHOLD } from './risk.ts'
export type { RiskAssessment, RiskMatch, RiskOptions, ExtraRiskKeywords } from './risk.ts'
export { DEFAULT_RISK_KEYWORDS } from './risk-keywords.ts'
export type { RiskKeywordsByLanguage } from './risk-keywords.ts'
export { normalizeText, normalizeWithOffsets } from './normalize.ts'
export type { NormalizedText } from './normalize.ts'

export interface ClassifyOptions {
  subject?: string
  priorBuyerMessages?: number
  extraKeywords?: ExtraRiskKeywords
}

export interface Classification {
  language: DetectableLanguage | 'und'
  languageConfidence: number
  intent: Intent
  intentConfidence: number
  intentScores: Record<Intent, number>
  riskFlags: RiskFlag[]
  riskScore: number
  riskMatches: RiskMatch[]
}

export function classify(text: string, options: ClassifyOptions = {}): Classification {
  const normalized = normalizeWithOffsets(text)
  const prepared = prepareText(normalized.text)
  const language = detectLanguage(text, normalized.text)
  const subject = options.subject === undefined ? null : prepareText(normalizeText(options.subject))
  const intent = classifyPreparedIntent(prepared, subject)
  const risk = assessPreparedRisk(text, normalized, prepared, {
    priorBuyerMessages: options.priorBuyerMessages ?? 0,
    ...(options.extraKeywords === undefined ? {} : { extraKeywords: options.extraKeywords }),
  })
  return {
    language: language.language,
    languageConfidence: language.confidence,
    intent: intent.intent,
    intentConfidence: intent.confidence,
    intentScores: intent.scores,
    riskFlags: risk.flags,
    riskScore: risk.score,
    riskMatches: risk.matches,
  }
}
