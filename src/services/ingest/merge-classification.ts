import type { ConversationRow } from '../../db/repos/conversations.ts'
import type { Classification } from '../../domain/classify/index.ts'

const MIN_LANGUAGE_CONFIDENCE = 0.5

/**
 * A conversation's classification after one more buyer message: the latest message decides the intent (unless
 * it says nothing classifiable), risk only accumulates (a legal threat stays flagged), and the language stays
 * what was detected with confidence.
 */
export function mergeClassification(previous: ConversationRow | null, latest: Classification) {
  const confidentLanguage = latest.language !== 'und' && latest.languageConfidence >= MIN_LANGUAGE_CONFIDENCE
  const keepIntent = previous?.intent && latest.intent === 'other'
  return {
    language: confidentLanguage ? latest.language : (previous?.language ?? (latest.language === 'und' ? null : latest.language)),
    intent: keepIntent ? previous.intent : latest.intent,
    intent_confidence: keepIntent ? previous.intent_confidence : latest.intentConfidence,
    risk_flags: [...new Set([...(previous?.risk_flags ?? []), ...latest.riskFlags])],
    risk_score: Math.max(previous?.risk_score ?? 0, latest.riskScore),
  }
}
