import { describe, expect, it } from 'vitest'
import { RISK_FLAGS } from '../../../src/domain/vocabulary.ts'
import type { RiskFlag } from '../../../src/domain/vocabulary.ts'
import { assessRisk, DEFAULT_RISK_KEYWORDS, prepareExtraRiskKeywords, RISK_WEIGHTS } from '../../../src/domain/classify/index.ts'

type Language = 'en' | 'de' | 'fr' | 'it' | 'es' | 'ja'

const flagged: Record<RiskFlag, Record<Language, string>> = {
  'a-to-z': {
    en: 'I will open an A-to-Z Guarantee claim tomorrow.',
    de: 'Ich habe einen Antrag auf A-bis-z-Garantie gestellt.',
    fr: 'Je vais faire jouer la garantie A-à-z.',
    it: 'Ho aperto una Garanzia dalla A alla Z.',
    es: 'He abierto una reclamación de la Garantía de la A a la Z.',
    ja: 'Ａ－ｚ保証を申請しました。',
  },
  chargeback: {
    en: 'I am going to do a chargeback.',
    de: 'Ich veranlasse eine Rückbuchung bei meiner Bank.',
    fr: 'Je vais demander une rétrofacturation.',
    it: "Chiederò lo storno dell'addebito alla banca.",
    es: 'Voy a pedir un contracargo.',
    ja: 'チャージバックを申請します。',
  },
  'legal-threat': {
    en: 'My attorney will contact you.',
    de: 'Ich schalte meinen Anwalt ein.',
    fr: 'Mon avocat va vous contacter.',
    it: 'Il mio avvocato vi contatterà.',
    es: 'Mi abogado se pondrá en contacto.',
    ja: '弁護士に相談します。',
  },
  'review-threat': {
    en: 'Expect a negative review from me.',
    de: 'Ich gebe eine schlechte Bewertung ab.',
    fr: 'Je vais laisser un avis négatif.',
    it: 'Lascerò una recensione negativa.',
    es: 'Dejaré una reseña negativa.',
    ja: '低評価をつけます。',
  },
  safety: {
    en: 'The battery exploded next to my kid.',
    de: 'Das Kabel hat gebrannt, es gab Rauch.',
    fr: "L'appareil a pris feu.",
    it: 'La presa si è surriscaldata e ha preso fuoco.',
    es: 'El cargador se sobrecalentó y salió humo.',
    ja: '充電中に発火しました。',
  },
  counterfeit: {
    en: 'This watch is a counterfeit.',
    de: 'Die Tasche ist gefälscht.',
    fr: 'Ce parfum est une contrefaçon.',
    it: 'Le scarpe sono contraffatte.',
    es: 'El bolso es falsificado.',
    ja: 'この財布は偽物です。',
  },
  damaged: {
    en: 'It arrived damaged.',
    de: 'Die Vase ist zerbrochen angekommen.',
    fr: 'Le vase est arrivé cassé.',
    it: 'Il vaso è arrivato danneggiato.',
    es: 'El jarrón llegó dañado.',
    ja: '花瓶が破損していました。',
  },
  'not-received': {
    en: 'I never received the package.',
    de: 'Ich habe die Ware nicht erhalten.',
    fr: "Je n'ai pas reçu le colis.",
    it: 'Non ho ricevuto il pacco.',
    es: 'No he recibido el paquete.',
    ja: '荷物が届いていません。',
  },
  'repeat-contact': {
    en: 'This is the third time I am writing.',
    de: 'Ich schreibe Ihnen zum dritten Mal.',
    fr: 'Je vous écris pour la troisième fois.',
    it: 'Vi scrivo per la terza volta.',
    es: 'Les escribo por tercera vez.',
    ja: '何度も連絡しています。',
  },
}

describe('assessRisk: every flag in every template language', () => {
  const rows = Object.entries(flagged).flatMap(([flag, byLanguage]) =>
    Object.entries(byLanguage).map(([language, text]) => ({ flag: flag as RiskFlag, language, text })),
  )
  it.each(rows)('$flag ($language): $text', ({ flag, text }) => {
    const risk = assessRisk(text, { priorBuyerMessages: 0 })
    expect(risk.flags).toContain(flag)
    const match = risk.matches.find((candidate) => candidate.flag === flag)
    if (flag !== 'repeat-contact' || match !== undefined) {
      expect(match).toBeDefined()
      expect(text.slice(match?.start, match?.end)).toBe(match?.term)
    }
  })
})

describe('assessRisk: no false alarms on ordinary messages', () => {
  it.each([
    'Where is my order? Thank you.',
    'Can you send me an invoice for my company?',
    'Does this come in a larger size?',
    'Ich möchte meine Adresse ändern.',
    'Merci pour votre réponse rapide.',
    'Grazie, il prodotto è bellissimo.',
    '¿Tienen este modelo en color azul?',
    'サイズについて質問があります。',
    'Does it work with the Fire TV stick?',
    'What brand is the battery?',
  ])('%s', (text) => {
    const risk = assessRisk(text, { priorBuyerMessages: 0 })
    expect(risk.flags).toEqual([])
    expect(risk.score).toBe(0)
  })
})

describe('assessRisk: scoring and options', () => {
  it('flags repeat contact from the number of earlier buyer messages', () => {
    expect(assessRisk('Any news?', { priorBuyerMessages: 1 }).flags).toEqual([])
    const repeat = assessRisk('Any news?', { priorBuyerMessages: 2 })
    expect(repeat.flags).toEqual(['repeat-contact'])
    expect(repeat.score).toBe(RISK_WEIGHTS['repeat-contact'])
    expect(repeat.matches).toEqual([])
  })

  it('adds the weights of distinct flags, capped at 100, flags in vocabulary order', () => {
    const some = assessRisk('It caught fire. My lawyer will call you.', { priorBuyerMessages: 0 })
    expect(some.flags).toEqual(['legal-threat', 'safety'])
    expect(some.score).toBe(RISK_WEIGHTS['legal-threat'] + RISK_WEIGHTS.safety)
    const all = assessRisk(
      'Fake and broken, it caught fire, never received the second one, lawyer, chargeback, A-to-z claim, 1-star review.',
      { priorBuyerMessages: 5 },
    )
    expect(all.flags).toEqual([...RISK_FLAGS])
    expect(all.score).toBe(100)
  })

  it('weights legal, safety, A-to-z and chargeback above the others', () => {
    const high = (['legal-threat', 'safety', 'a-to-z', 'chargeback'] as const).map((flag) => RISK_WEIGHTS[flag])
    const low = (['counterfeit', 'review-threat', 'damaged', 'not-received', 'repeat-contact'] as const).map((flag) => RISK_WEIGHTS[flag])
    expect(Math.min(...high)).toBeGreaterThan(Math.max(...low))
  })

  it('reports each occurrence with offsets into the original text', () => {
    const text = 'ＦＡＫＥ! Das ist eine FÄLSCHUNG.'
    const risk = assessRisk(text, { priorBuyerMessages: 0 })
    expect(risk.matches.map((match) => [match.term, text.slice(match.start, match.end)])).toEqual([
      ['ＦＡＫＥ', 'ＦＡＫＥ'],
      ['FÄLSCHUNG', 'FÄLSCHUNG'],
    ])
  })

  it('extends the defaults with configured keywords, normalised the same way', () => {
    const text = 'Ich melde das der Behörde für Marktüberwachung.'
    expect(assessRisk(text, { priorBuyerMessages: 0 }).flags).toEqual([])
    const extraKeywords = { 'legal-threat': ['Marktüberwachung*', 'BEHORDE'] }
    const risk = assessRisk(text, { priorBuyerMessages: 0, extraKeywords })
    expect(risk.flags).toEqual(['legal-threat'])
    expect(risk.matches.map((match) => match.term)).toEqual(['Behörde', 'Marktüberwachung'])
    expect(assessRisk(text, { priorBuyerMessages: 0, extraKeywords }).flags).toEqual(['legal-threat'])
  })

  it('rejects a configured keyword that cannot match, naming it', () => {
    expect(() => prepareExtraRiskKeywords({ safety: ['smoulder*', ' - '] })).toThrow(
      expect.objectContaining({ code: 'CLASSIFY_KEYWORD_INVALID', details: { term: ' - ' } }),
    )
    expect(() => prepareExtraRiskKeywords({ safety: ['smoulder*'] })).not.toThrow()
  })

  it('exports default keywords for every flag in every template language', () => {
    for (const flag of RISK_FLAGS) {
      for (const language of ['en', 'de', 'fr', 'it', 'es', 'ja']) {
        expect(DEFAULT_RISK_KEYWORDS[flag][language]?.length ?? 0, `${flag}/${language}`).toBeGreaterThan(0)
      }
    }
  })
})
