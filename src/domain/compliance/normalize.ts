// Text folding for keyword matching: NFKD, combining marks removed, lower case, a few letters spelled out.
// Keeps a map back to the original offsets so findings point at what the agent wrote.

const SPELLED_OUT: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
  ı: 'i',
  '\u2019': "'",
  '\u2018': "'",
  '\u02BC': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
}

const COMBINING_MARK = /\p{M}/gu
const ASCII_ONLY = /^[\x00-\x7F]*$/
const foldedPairs = new Map<string, string>()
// Folded form of each BMP character, filled on first use.
const foldedBmp: (string | undefined)[] = new Array<string | undefined>(65536)

function foldUncached(ch: string): string {
  // A character that folds to nothing (a combining or half-width voiced-sound mark) joins the previous one.
  return SPELLED_OUT[ch] ?? ch.normalize('NFKD').replace(COMBINING_MARK, '').toLowerCase()
}

function foldCode(code: number): string {
  let result = foldedBmp[code]
  if (result === undefined) {
    result = foldUncached(String.fromCharCode(code))
    foldedBmp[code] = result
  }
  return result
}

function foldPair(pair: string): string {
  let result = foldedPairs.get(pair)
  if (result === undefined) {
    result = foldUncached(pair)
    foldedPairs.set(pair, result)
  }
  return result
}

/** Folds a keyword or phrase the same way texts are folded. */
export function fold(text: string): string {
  return foldWithOffsets(text).text
}

export interface FoldedText {
  original: string
  text: string
  /** Original [start, end) of the folded range [start, end). */
  toOriginal(start: number, end: number): [number, number]
}

const identity = (start: number, end: number): [number, number] => [start, end]

export function foldWithOffsets(original: string): FoldedText {
  if (ASCII_ONLY.test(original)) return { original, text: original.toLowerCase(), toOriginal: identity }
  let text = ''
  // Characters that fold to themselves are copied in runs; offsets are only recorded once a character folds
  // to a different length (until then folded offsets equal original ones).
  let origin: number[] | null = null
  let originEnd: number[] | null = null
  let runStart = 0
  let i = 0
  while (i < original.length) {
    const code = original.charCodeAt(i)
    if (code < 0x80 ? code < 65 || code > 90 : code < 0xd800 && foldCode(code) === original[i]) {
      if (origin !== null && originEnd !== null) {
        origin.push(i)
        originEnd.push(i + 1)
      }
      i++
      continue
    }
    text += original.slice(runStart, i)
    const isPair = code >= 0xd800 && code <= 0xdbff && i + 1 < original.length
    const width = isPair ? 2 : 1
    const out = isPair ? foldPair(original.slice(i, i + 2)) : code < 0x80 ? String.fromCharCode(code + 32) : foldCode(code)
    if (origin === null && out.length !== width) {
      origin = Array.from({ length: text.length }, (_, k) => k)
      originEnd = Array.from({ length: text.length }, (_, k) => k + 1)
    }
    if (origin !== null && originEnd !== null) {
      if (out === '' && originEnd.length > 0) originEnd[originEnd.length - 1] = i + width
      for (let k = 0; k < out.length; k++) {
        origin.push(i)
        originEnd.push(i + width)
      }
    }
    text += out
    i += width
    runStart = i
  }
  text += original.slice(runStart)
  if (origin === null || originEnd === null) return { original, text, toOriginal: identity }
  const starts = origin
  const ends = originEnd
  return {
    original,
    text,
    toOriginal(start, end) {
      if (text.length === 0) return [0, 0]
      const s = starts[Math.min(start, starts.length - 1)] ?? 0
      const e = end <= start ? s : (ends[Math.min(end - 1, ends.length - 1)] ?? original.length)
      return [s, e]
    },
  }
}
