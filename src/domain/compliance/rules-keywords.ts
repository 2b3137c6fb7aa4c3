// Rules that look for words: review manipulation and requests, incentives, marketing, off-Amazon contact.
// Matching runs on folded text (accents, case and width removed), so "Bewertung", "BEWERTUNGEN" and
// "bewertungen" are one word to these rules; stems (`word*`) cover inflections.

import { PhraseMatcher } from './phrase.ts'
import type { WordIndex } from './phrase.ts'
import type { FoldedText } from './normalize.ts'
import { MARKETING, OFF_AMAZON } from './phrases-marketing.ts'
import { EXCHANGE_MARKER, INCENTIVE, REVIEW_FRAGMENTS, REVIEW_MANIPULATION, REVIEW_NOUN, REVIEW_REQUEST } from './phrases-review.ts'
import type { Hit } from './hit.ts'

const MATCHER = new PhraseMatcher(
  {
    manipulation: REVIEW_MANIPULATION,
    request: REVIEW_REQUEST,
    incentive: INCENTIVE,
    noun: REVIEW_NOUN,
    marker: EXCHANGE_MARKER,
    marketing: MARKETING,
    offAmazon: OFF_AMAZON,
  },
  REVIEW_FRAGMENTS,
)
type Found = Map<'manipulation' | 'request' | 'incentive' | 'noun' | 'marker' | 'marketing' | 'offAmazon', [number, number][]>
const PERCENT_OFF = /\d+\s?%\s?(?:off|rabatt|de\s+(?:remise|reduction|descuento)|di\s+sconto|オフ|引き|割引)(?![a-z])|\d+\s?割引|[1-9]割(?:引き|オフ)/gu
// Upper-case LINE is the messenger; lower-case "line" is an ordinary word.
const LINE_MESSENGER = /(?<![A-Za-z])LINE(?![A-Za-z])/g
// "@shopname": a social-media handle (an e-mail address has a word character before the @).
const SOCIAL_HANDLE = /(?<![\p{L}\p{N}._%+\-])@[a-z0-9_](?:[a-z0-9_.]{1,28}[a-z0-9_])(?![\p{L}\p{N}@.\-]*\.[a-z]{2,})/gu
const SENTENCE_END = /[.!?。！？\n]/

function regexSpans(regex: RegExp, text: string): [number, number][] {
  const result: [number, number][] = []
  for (const match of text.matchAll(regex)) {
    if (match[0].length > 0) result.push([match.index, match.index + match[0].length])
  }
  return result
}

function overlaps(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1]
}

function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = start
  while (from > 0 && !SENTENCE_END.test(text[from - 1] ?? '')) from--
  let to = end
  while (to < text.length && !SENTENCE_END.test(text[to] ?? '')) to++
  return [from, to]
}

function toHit(folded: FoldedText, ruleId: Hit['ruleId'], severity: Hit['severity'], span: readonly [number, number]): Hit {
  const [start, end] = folded.toOriginal(span[0], span[1])
  return { ruleId, severity, start, end, detail: folded.original.slice(start, end) }
}

// "Thank you for your positive feedback" acknowledges what the buyer said; it asks for nothing.
const THANKS_FOR = /(?:thank you|thanks|thank|danke|dank|merci|grazie|gracias)\s+(?:so much\s+|very much\s+|vielmals\s+|beaucoup\s+|mille\s+|mil\s+)?(?:for|fur|pour|de|per|por)\s+(?:the|your|this|ihre|ihr|das|die|den|votre|vos|le|la|il|suo|sua|su|sus|l')?\s*$/

function isAcknowledgement(text: string, span: readonly [number, number]): boolean {
  return THANKS_FOR.test(text.slice(Math.max(0, span[0] - 40), span[0]))
}

function reviewHits(folded: FoldedText, found: Found): Hit[] {
  const text = folded.text
  const manipulation = (found.get('manipulation') ?? []).filter((m) => !isAcknowledgement(text, m))
  const requests = (found.get('request') ?? []).filter((r) => !manipulation.some((m) => overlaps(m, r)))
  const hits = [
    ...manipulation.map((s) => toHit(folded, 'review-manipulation', 'block', s)),
    ...requests.map((s) => toHit(folded, 'review-request', 'warn', s)),
  ]
  const incentives = found.get('incentive') ?? []
  if (incentives.length === 0) return hits
  const asks = [...manipulation, ...requests]
  const nouns = found.get('noun') ?? []
  const markers = found.get('marker') ?? []
  let lastSentence: [number, number] | null = null
  for (const incentive of incentives) {
    const sentence = sentenceAround(text, incentive[0], incentive[1])
    if (lastSentence && sentence[0] === lastSentence[0]) continue
    const asked = asks.some((a) => overlaps(a, sentence))
    const conditional = nouns.some((n) => overlaps(n, sentence)) && markers.some((m) => overlaps(m, sentence))
    if (asked || conditional) {
      hits.push(toHit(folded, 'review-incentive', 'block', incentive))
      lastSentence = sentence
    }
  }
  return hits
}

export function keywordHits(folded: FoldedText, words: WordIndex): Hit[] {
  const found: Found = MATCHER.find(folded.text, words)
  return [
    ...reviewHits(folded, found),
    ...(found.get('marketing') ?? []).map((s) => toHit(folded, 'marketing', 'block', s)),
    ...(/[%割]/.test(folded.text) ? regexSpans(PERCENT_OFF, folded.text) : []).map((s) => toHit(folded, 'marketing', 'block', s)),
    ...(found.get('offAmazon') ?? []).map((s) => toHit(folded, 'off-amazon-contact', 'block', s)),
    ...(folded.text.includes('@') ? regexSpans(SOCIAL_HANDLE, folded.text) : []).map((s) => toHit(folded, 'off-amazon-contact', 'block', s)),
    ...regexSpans(LINE_MESSENGER, folded.original).map(([start, end]): Hit => ({ ruleId: 'off-amazon-contact', severity: 'block', start, end, detail: 'LINE' })),
  ]
}
