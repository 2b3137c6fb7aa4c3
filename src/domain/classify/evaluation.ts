// Measures the classifier on a labelled corpus (used by scripts/eval-classifier.ts and the corpus test).

import { z } from 'zod'
import { AppError } from '../errors.ts'
import { INTENTS, RISK_FLAGS } from '../vocabulary.ts'
import type { Intent, RiskFlag } from '../vocabulary.ts'
import { classify } from './index.ts'
import { DETECTABLE_LANGUAGES } from './language.ts'

const labelledMessageSchema = z.object({
  id: z.string().min(1),
  language: z.enum(DETECTABLE_LANGUAGES),
  text: z.string().min(1),
  subject: z.string().optional(),
  intent: z.enum(INTENTS),
  riskFlags: z.array(z.enum(RISK_FLAGS)),
  priorBuyerMessages: z.number().int().min(0).optional(),
})
export type LabelledMessage = z.infer<typeof labelledMessageSchema>

export function parseLabelledCorpus(json: unknown): LabelledMessage[] {
  const parsed = z.array(labelledMessageSchema).safeParse(json)
  if (!parsed.success) {
    throw new AppError('CLASSIFIER_CORPUS_INVALID', `Invalid labelled corpus: ${z.prettifyError(parsed.error)}`)
  }
  const messages = parsed.data
  const ids = new Set<string>()
  for (const message of messages) {
    if (ids.has(message.id)) throw new AppError('CLASSIFIER_CORPUS_INVALID', `duplicate corpus id ${message.id}`, { id: message.id })
    ids.add(message.id)
  }
  return messages
}

export const CLASSIFIER_TARGETS = { languageAccuracy: 0.97, intentMacroF1: 0.85, riskRecall: 1 } as const

export interface ClassCounts {
  truePositives: number
  falsePositives: number
  falseNegatives: number
  precision: number
  recall: number
  f1: number
}

export interface ClassifierEvaluation {
  count: number
  languageAccuracy: number
  intentAccuracy: number
  intentMacroF1: number
  perIntent: Record<Intent, ClassCounts>
  perFlag: Record<RiskFlag, ClassCounts>
  /** Micro recall over all labelled flags. */
  riskRecall: number
  riskPrecision: number
  errors: { id: string; kind: 'language' | 'intent' | 'missed-flag' | 'extra-flag'; expected: string; actual: string }[]
}

function emptyCounts(): ClassCounts {
  return { truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 0, recall: 0, f1: 0 }
}

function finish(counts: ClassCounts): void {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn } = counts
  counts.precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  counts.recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  counts.f1 = counts.precision + counts.recall === 0 ? 0 : (2 * counts.precision * counts.recall) / (counts.precision + counts.recall)
}

export function evaluateClassifier(messages: readonly LabelledMessage[]): ClassifierEvaluation {
  const perIntent = Object.fromEntries(INTENTS.map((intent) => [intent, emptyCounts()])) as Record<Intent, ClassCounts>
  const perFlag = Object.fromEntries(RISK_FLAGS.map((flag) => [flag, emptyCounts()])) as Record<RiskFlag, ClassCounts>
  const errors: ClassifierEvaluation['errors'] = []
  let languageHits = 0
  let intentHits = 0
  for (const message of messages) {
    const result = classify(message.text, {
      ...(message.subject === undefined ? {} : { subject: message.subject }),
      priorBuyerMessages: message.priorBuyerMessages ?? 0,
    })
    if (result.language === message.language) languageHits++
    else errors.push({ id: message.id, kind: 'language', expected: message.language, actual: result.language })
    if (result.intent === message.intent) {
      intentHits++
      perIntent[message.intent].truePositives++
    } else {
      perIntent[message.intent].falseNegatives++
      perIntent[result.intent].falsePositives++
      errors.push({ id: message.id, kind: 'intent', expected: message.intent, actual: result.intent })
    }
    for (const flag of RISK_FLAGS) {
      const expected = message.riskFlags.includes(flag)
      const actual = result.riskFlags.includes(flag)
      if (expected && actual) perFlag[flag].truePositives++
      if (expected && !actual) {
        perFlag[flag].falseNegatives++
        errors.push({ id: message.id, kind: 'missed-flag', expected: flag, actual: result.riskFlags.join(',') })
      }
      if (!expected && actual) {
        perFlag[flag].falsePositives++
        const terms = result.riskMatches.filter((match) => match.flag === flag).map((match) => match.term)
        errors.push({ id: message.id, kind: 'extra-flag', expected: message.riskFlags.join(','), actual: `${flag} (${terms.join(', ')})` })
      }
    }
  }
  for (const counts of [...Object.values(perIntent), ...Object.values(perFlag)]) finish(counts)
  const scoredIntents = INTENTS.filter((intent) => {
    const counts = perIntent[intent]
    return counts.truePositives + counts.falseNegatives + counts.falsePositives > 0
  })
  const intentMacroF1 = scoredIntents.reduce((sum, intent) => sum + perIntent[intent].f1, 0) / Math.max(1, scoredIntents.length)
  const flagTotals = Object.values(perFlag).reduce(
    (sum, counts) => ({
      tp: sum.tp + counts.truePositives,
      fp: sum.fp + counts.falsePositives,
      fn: sum.fn + counts.falseNegatives,
    }),
    { tp: 0, fp: 0, fn: 0 },
  )
  const count = messages.length
  return {
    count,
    languageAccuracy: count === 0 ? 0 : languageHits / count,
    intentAccuracy: count === 0 ? 0 : intentHits / count,
    intentMacroF1,
    perIntent,
    perFlag,
    riskRecall: flagTotals.tp + flagTotals.fn === 0 ? 1 : flagTotals.tp / (flagTotals.tp + flagTotals.fn),
    riskPrecision: flagTotals.tp + flagTotals.fp === 0 ? 1 : flagTotals.tp / (flagTotals.tp + flagTotals.fp),
    errors,
  }
}

/** The targets an evaluation misses, as readable lines (empty when all are met). */
export function missedTargets(evaluation: ClassifierEvaluation): string[] {
  const missed: string[] = []
  if (evaluation.languageAccuracy < CLASSIFIER_TARGETS.languageAccuracy) {
    missed.push(`language accuracy ${evaluation.languageAccuracy.toFixed(3)} < ${CLASSIFIER_TARGETS.languageAccuracy}`)
  }
  if (evaluation.intentMacroF1 < CLASSIFIER_TARGETS.intentMacroF1) {
    missed.push(`intent macro-F1 ${evaluation.intentMacroF1.toFixed(3)} < ${CLASSIFIER_TARGETS.intentMacroF1}`)
  }
  if (evaluation.riskRecall < CLASSIFIER_TARGETS.riskRecall) {
    missed.push(`risk-flag recall ${evaluation.riskRecall.toFixed(3)} < ${CLASSIFIER_TARGETS.riskRecall}`)
  }
  return missed
}
