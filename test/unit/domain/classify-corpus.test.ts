import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RISK_FLAGS } from '../../../src/domain/vocabulary.ts'
import {
  CLASSIFIER_TARGETS,
  evaluateClassifier,
  missedTargets,
  parseLabelledCorpus,
} from '../../../src/domain/classify/evaluation.ts'
import { classify } from '../../../src/domain/classify/index.ts'

function load(name: string) {
  return parseLabelledCorpus(JSON.parse(readFileSync(new URL(`../../fixtures/classifier/${name}`, import.meta.url), 'utf8')))
}

const corpus = load('corpus.json')
// holdout … holdout-7 were each measured once, then tuned on: they are regression sets here. holdout-8 was never
// tuned on and is only reported by scripts/eval-classifier.ts (its figures are below the targets).
const regressionSets = ['holdout.json', ...[2, 3, 4, 5, 6, 7].map((round) => `holdout-${round}.json`)].map(
  (name) => [name, load(name)] as const,
)

describe('classifier corpus', () => {
  it('is large and varied enough to mean something', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80)
    for (const language of ['en', 'de', 'fr', 'it', 'es', 'ja']) {
      expect(corpus.filter((message) => message.language === language).length, language).toBeGreaterThanOrEqual(12)
    }
    for (const language of ['zh', 'nl', 'pl', 'sv', 'tr']) {
      expect(corpus.some((message) => message.language === language), language).toBe(true)
    }
    for (const flag of RISK_FLAGS) {
      expect(corpus.filter((message) => message.riskFlags.includes(flag)).length, flag).toBeGreaterThanOrEqual(3)
    }
  })

  it.each([['corpus.json', corpus] as const, ...regressionSets])('%s meets the targets', (_name, messages) => {
    const evaluation = evaluateClassifier(messages)
    expect(missedTargets(evaluation)).toEqual([])
    expect(evaluation.languageAccuracy).toBeGreaterThanOrEqual(CLASSIFIER_TARGETS.languageAccuracy)
    expect(evaluation.intentMacroF1).toBeGreaterThanOrEqual(CLASSIFIER_TARGETS.intentMacroF1)
    expect(evaluation.riskRecall).toBe(1)
  })

  it('rejects a malformed corpus entry with the reason', () => {
    expect(() => parseLabelledCorpus([{ id: 'x', language: 'en', text: 'hi', intent: 'refund', riskFlags: [] }])).toThrow(/intent/)
    expect(() =>
      parseLabelledCorpus([
        { id: 'x', language: 'en', text: 'a', intent: 'other', riskFlags: [] },
        { id: 'x', language: 'en', text: 'b', intent: 'other', riskFlags: [] },
      ]),
    ).toThrow(/duplicate/)
  })
})

describe('classify', () => {
  it('combines language, intent and risk for one message', () => {
    const result = classify('Mi pedido nunca llegó y es la tercera vez que escribo. Abriré una reclamación de la Garantía de la A a la Z.', {
      subject: 'Consulta sobre envío',
      priorBuyerMessages: 1,
    })
    expect(result.language).toBe('es')
    expect(result.intent).toBe('not-received')
    expect(result.riskFlags).toEqual(['a-to-z', 'not-received', 'repeat-contact'])
    expect(result.riskScore).toBe(35 + 15 + 10)
    expect(result.riskMatches.map((match) => match.flag)).toEqual(['not-received', 'repeat-contact', 'a-to-z'])
  })

  it('passes configured risk keywords through', () => {
    const extraKeywords = { 'legal-threat': ['Stiftung Warentest'] }
    expect(classify('Ich informiere die Stiftung Warentest.', { extraKeywords }).riskFlags).toEqual(['legal-threat'])
    expect(classify('Ich informiere die Stiftung Warentest.').riskFlags).toEqual([])
  })
})
