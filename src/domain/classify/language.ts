// Language of a buyer message, tuned for short texts (often one line).
//
// Why eld: it is maintained, pure JavaScript (no native build — cld needs node-gyp, which this deployment
// cannot rely on), fast (tens of thousands of short texts per second) and accurate on tweet-length text.
// What short texts still need on top of it:
//   1. script first: any kana → Japanese; Han without kana → Chinese (eld's n-grams are weak on 3-character
//      CJK lines, and a script is a certainty, not a statistic);
//   2. eld restricted to the Latin-script target languages, so a one-liner cannot come out as Catalan;
//   3. votes from function words and letters distinctive of one target language, which decide the
//      one- and two-word messages where n-gram scores are nearly tied ("Merci", "Danke!").

import eldModule from 'eld/medium'
import { normalizeText } from './normalize.ts'

export const DETECTABLE_LANGUAGES = ['en', 'de', 'fr', 'it', 'es', 'ja', 'zh', 'nl', 'pl', 'sv', 'tr'] as const
export type DetectableLanguage = (typeof DETECTABLE_LANGUAGES)[number]

export interface LanguageGuess {
  /** ISO 639-1 code of one of DETECTABLE_LANGUAGES, or 'und' when undetermined. */
  language: DetectableLanguage | 'und'
  /** 0..1 */
  confidence: number
}

type LatinLanguage = Exclude<DetectableLanguage, 'ja' | 'zh'>
const LATIN_LANGUAGES: readonly LatinLanguage[] = ['en', 'de', 'fr', 'it', 'es', 'nl', 'pl', 'sv', 'tr']

const detector = eldModule.newInstance()
detector.setLanguageSubset([...LATIN_LANGUAGES])

// Frequent function words and polite formulas of buyer messages, in matching form (no accents, cut at
// apostrophes: "didn't" is "didn" + "t"). A word shared by several languages votes for each of them.
const FUNCTION_WORDS: Readonly<Record<LatinLanguage, string>> = {
  en: "the and is are my i you it to of have has not was this that with for please when what where hello hi thanks thank can would could received item order yet still didn doesn haven isn wasn",
  de: 'der die das und ist ich nicht ein eine einen mein meine meinen mit habe hat bitte wann wo noch auf hallo danke sie es wurde bestellung artikel aber auch kein keine ihr ihre leider warum sehr geehrte',
  fr: "le la les et est je ne pas un une mon ma mes avec pour bonjour merci vous commande ai est que qui du des au toujours mais quand pourquoi votre suis recu colis",
  it: "il lo la gli e non un una mio mia miei con per che sono ho buongiorno salve grazie ordine ancora della del ma come quando perche vostro pacco ricevuto",
  es: 'el la me los las y es no un una mi mis con para que por pedido hola gracias todavia del pero como cuando he ya esta muy porque recibido paquete buenos',
  nl: 'de het een en is ik niet mijn met voor van dat bestelling nog hallo bedankt graag wanneer heb maar ook geen waar pakket ontvangen',
  pl: 'i nie jest to na w z sie moje moja mam czy dzien dobry zamowienie jeszcze ale jak kiedy prosze dziekuje paczka otrzymalem otrzymalam',
  sv: 'och det att jag inte en ett min mitt med for har ar hej tack bestallning annu men nar var pa fran paketet fatt',
  tr: 've bir bu ben degil icin ile siparis siparisim hala merhaba tesekkurler ama ne zaman urun mi gelmedi kargo',
}

const VOTERS_BY_WORD = new Map<string, LatinLanguage[]>()
for (const language of LATIN_LANGUAGES) {
  for (const word of FUNCTION_WORDS[language].split(' ')) {
    const voters = VOTERS_BY_WORD.get(word) ?? []
    voters.push(language)
    VOTERS_BY_WORD.set(word, voters)
  }
}

// Letters (in the original text) used by exactly one target language among the 11.
const DISTINCTIVE_LETTERS: ReadonlyMap<string, LatinLanguage> = new Map([
  ...[...'ñÑ¿¡'].map((letter) => [letter, 'es'] as const),
  ...[...'ß'].map((letter) => [letter, 'de'] as const),
  ...[...'łŁąĄęĘśŚźŹżŻćĆńŃ'].map((letter) => [letter, 'pl'] as const),
  ...[...'şŞğĞı'].map((letter) => [letter, 'tr'] as const),
  ...[...'åÅ'].map((letter) => [letter, 'sv'] as const),
  ...[...'œŒ'].map((letter) => [letter, 'fr'] as const),
])

const FUNCTION_WORD_WEIGHT = 0.2
const DISTINCTIVE_LETTER_WEIGHT = 0.3
/** Votes decide near ties; on a text where eld is confident they only nudge. */
const MAX_VOTE_BONUS = 1
const MAX_VOTE_BONUS_WHEN_RELIABLE = 0.3
const DECISIVE_VOTE_LEAD = 5 * FUNCTION_WORD_WEIGHT - 1e-9
const WORD = /[\p{L}]+/gu
const OTHER_LETTER = /\p{L}/u

interface ScriptCounts {
  kana: number
  han: number
  latin: number
  other: number
}

function countScripts(text: string): ScriptCounts {
  const counts: ScriptCounts = { kana: 0, han: 0, latin: 0, other: 0 }
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) counts.latin++
    else if (code < 0xc0) continue
    else if (code <= 0x24f) counts.latin += code === 0xd7 || code === 0xf7 ? 0 : 1
    else if ((code >= 0x3041 && code <= 0x30ff && code !== 0x30fb && code !== 0x30fc) || (code >= 0xff66 && code <= 0xff9d)) counts.kana++
    else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)) counts.han++
    else if (code >= 0x1e00 && code <= 0x1eff) counts.latin++
    else if (code >= 0xff21 && code <= 0xff5a) counts.latin++
    else if (OTHER_LETTER.test(text.charAt(index))) counts.other++
  }
  return counts
}

function byScript(text: string): LanguageGuess | 'latin' {
  const { kana, han, latin, other } = countScripts(text)
  const letters = kana + han + latin + other
  if (letters === 0) return { language: 'und', confidence: 0 }
  if (kana > 0 && kana + han >= latin * 0.25) return { language: 'ja', confidence: kana >= 2 ? 0.99 : 0.85 }
  if (han > 0 && han >= latin * 0.25) return { language: 'zh', confidence: han >= 4 ? 0.95 : 0.8 }
  if (latin === 0 || latin < letters * 0.5) return { language: 'und', confidence: 0 }
  return 'latin'
}

function votes(text: string, normalizedText: string): Map<LatinLanguage, number> {
  const tally = new Map<LatinLanguage, number>()
  const add = (language: LatinLanguage, amount: number): void => {
    tally.set(language, (tally.get(language) ?? 0) + amount)
  }
  WORD.lastIndex = 0
  for (let match = WORD.exec(normalizedText); match !== null; match = WORD.exec(normalizedText)) {
    const voters = VOTERS_BY_WORD.get(match[0])
    if (voters !== undefined) for (const language of voters) add(language, FUNCTION_WORD_WEIGHT)
  }
  const letterHits = new Map<LatinLanguage, number>()
  for (let index = 0; index < text.length; index++) {
    if (text.charCodeAt(index) < 0xa1) continue
    const language = DISTINCTIVE_LETTERS.get(text.charAt(index))
    if (language !== undefined) letterHits.set(language, (letterHits.get(language) ?? 0) + 1)
  }
  for (const [language, hits] of letterHits) add(language, DISTINCTIVE_LETTER_WEIGHT * Math.min(hits, 2))
  return tally
}

function topVote(tally: ReadonlyMap<LatinLanguage, number>): { language: LatinLanguage; lead: number } | null {
  let best: LatinLanguage | null = null
  let bestVotes = 0
  let runnerUp = 0
  for (const [language, count] of tally) {
    if (count > bestVotes) {
      runnerUp = bestVotes
      best = language
      bestVotes = count
    } else if (count > runnerUp) runnerUp = count
  }
  return best === null ? null : { language: best, lead: bestVotes - runnerUp }
}

/**
 * @param fullNormalizedText the text's matching form (normalizeText), when the caller already has it
 */
export function detectLanguage(fullText: string, fullNormalizedText?: string): LanguageGuess {
  const text = headOf(fullText)
  const script = byScript(text)
  if (script !== 'latin') return script
  const tally = votes(text, headOf(fullNormalizedText ?? normalizeText(text)))
  const vote = topVote(tally)
  // Five more function words of one language than of any other: no n-gram statistics needed (and eld is
  // most of the classification time).
  if (vote !== null && vote.lead >= DECISIVE_VOTE_LEAD) return { language: vote.language, confidence: 0.99 }
  const result = detector.detect(text)
  // eld and the function words agree: done (eld's per-language scores cost as much as the detection).
  if (vote !== null && vote.language === result.language && vote.lead > 0) {
    return { language: vote.language, confidence: round(Math.min(0.99, 0.8 + vote.lead)) }
  }
  const eldScores = result.getScores()
  const maxBonus = result.isReliable() ? MAX_VOTE_BONUS_WHEN_RELIABLE : MAX_VOTE_BONUS
  const combined = LATIN_LANGUAGES.map((language) => ({
    language,
    score: (eldScores[language] ?? 0) + Math.min(tally.get(language) ?? 0, maxBonus),
  })).sort((a, b) => b.score - a.score)
  const best = combined[0]
  const second = combined[1]
  if (best === undefined || best.score <= 0) return { language: 'und', confidence: 0 }
  const margin = best.score - (second?.score ?? 0)
  const reliability = result.isReliable() ? 1 : 0.8
  return { language: best.language, confidence: round(Math.min(1, Math.max(0.05, (0.5 + margin) * reliability))) }
}

/** eld reads about 350 bytes of a text; the votes read as much. Long messages are cut at a word boundary. */
const DETECTION_WINDOW = 400

function headOf(text: string): string {
  if (text.length <= DETECTION_WINDOW) return text
  const cut = text.lastIndexOf(' ', DETECTION_WINDOW)
  return text.slice(0, cut > DETECTION_WINDOW / 2 ? cut : DETECTION_WINDOW)
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
