// A light check that a reply is written in the buyer's language: scripts (kana → Japanese, Han without kana →
// Chinese) and stop-word votes per sentence among en, de, fr, it, es. Deliberately independent of the buyer-
// message language detector in classify/: replies are long, well-formed and written by us, so counting the
// commonest function words per sentence is enough and keeps the linter fast.

import type { FoldedText } from './normalize.ts'
import type { Hit } from './hit.ts'
import type { WordIndex } from './phrase.ts'

type VotingLanguage = 'en' | 'de' | 'fr' | 'it' | 'es'

const STOP_WORDS: Record<VotingLanguage, string> = {
  en: 'the and you your we our is are was will have has for with this that of to please thank thanks be it not can would if at my been any from us hello regards kind sincerely order sorry apologize received item delivery by',
  de: 'der die das und sie ihr ihre ihren ihrer wir ist sind nicht mit fur ein eine einen einem bitte vielen dank danke uns wird werden haben hat bei auf zu den dem ich auch oder wie noch sehr gerne freundlichen grussen bestellung lieferung artikel konnen mochten wurde ihnen unser unsere aus nach wenn dass',
  fr: 'le la les et vous votre vos nous est sont pas avec pour une un du merci je sur dans qui ce cette au aux notre nos avons etes sera bonjour cordialement commande colis livraison mais tres bien d l n qu c j que de en des non',
  it: 'il lo la le gli della delle dello degli del nel nella che non per con sono grazie suo sua suoi lei ci questo questa abbiamo siamo ordine spedizione cordiali saluti buongiorno gentile ho e di un una anche molto se ma come alla alle al dal dalla sara essere stato l all dell pacco prodotto',
  es: 'el la los las y que para con es son su sus gracias usted hemos estamos por del al esta este estos pedido envio saludos atentamente hola muy pero como le lo se nos mas ya tambien puede podemos sera cuando una un de en',
}

const VOTERS = new Map<string, VotingLanguage[]>()
for (const [language, words] of Object.entries(STOP_WORDS) as [VotingLanguage, string][]) {
  for (const word of words.split(' ')) VOTERS.set(word, [...(VOTERS.get(word) ?? []), language])
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', it: 'Italian', es: 'Spanish', ja: 'Japanese', zh: 'Chinese' }
const SENTENCE = /[^.!?。！？\n]+[.!?。！？]*/g
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u
const HAN = /\p{Script=Han}/gu
const MIN_WORDS = 4
const ANY_CJK = /[\u3040-\u30ff\u3400-\u9fff]/

/**
 * The language a sentence is evidently written in, or null when it is short or ambiguous. `words` are the
 * sentence's folded words (Latin words only take part in the vote).
 */
function sentenceLanguage(sentence: string, words: readonly string[], buyer: string, cjk: boolean): string | null {
  if (cjk) {
    if (KANA.test(sentence)) return 'ja'
    const han = sentence.match(HAN)?.length ?? 0
    if (han >= 4) return buyer === 'ja' && han < 10 ? 'ja' : 'zh'
  }
  if (words.length < MIN_WORDS) return null
  const votes: Record<VotingLanguage, number> = { en: 0, de: 0, fr: 0, it: 0, es: 0 }
  for (const word of words) for (const language of VOTERS.get(word) ?? []) votes[language]++
  const own = (votes as Record<string, number>)[buyer] ?? 0
  let best: VotingLanguage | null = null
  for (const language of Object.keys(votes) as VotingLanguage[]) {
    if (language === buyer) continue
    if (votes[language] >= 3 && votes[language] >= 2 * own + 2 && (best === null || votes[language] > votes[best])) best = language
  }
  if (best !== null) return best
  return own > 0 ? buyer : null
}

export function languageName(code: string): string {
  return LANGUAGE_NAMES[code] ?? code
}

/** `warn` per sentence in another language; one `block` when most of the text is in another language. */
export function languageHits(folded: FoldedText, index: WordIndex, buyerLanguage: string): Hit[] {
  const buyer = buyerLanguage.toLowerCase().split(/[-_]/)[0] ?? ''
  const supported = buyer in LANGUAGE_NAMES
  if (!supported) return []
  let ownLength = 0
  let foreignLength = 0
  const foreign: { start: number; end: number; language: string }[] = []
  let w = 0
  const cjk = ANY_CJK.test(folded.text)
  for (const match of folded.text.matchAll(SENTENCE)) {
    const end = match.index + match[0].length
    const words: string[] = []
    while (w < index.starts.length && (index.starts[w] ?? 0) < end) {
      if ((index.starts[w] ?? 0) >= match.index) words.push(index.words[w] ?? '')
      w++
    }
    const language = sentenceLanguage(match[0], words, buyer, cjk)
    if (language === null) continue
    const length = match[0].trim().length
    if (language === buyer) {
      ownLength += length
    } else {
      foreignLength += length
      const leading = match[0].length - match[0].trimStart().length
      foreign.push({ start: match.index + leading, end: match.index + match[0].trimEnd().length, language })
    }
  }
  if (foreign.length === 0) return []
  if (foreignLength >= ownLength) {
    const main = foreign.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a))
    return [{ ruleId: 'language-mismatch', severity: 'block', start: 0, end: folded.original.length, detail: main.language }]
  }
  return foreign.map((f) => {
    const [start, end] = folded.toOriginal(f.start, f.end)
    return { ruleId: 'language-mismatch', severity: 'warn', start, end, detail: f.language }
  })
}
