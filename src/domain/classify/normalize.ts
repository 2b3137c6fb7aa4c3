// Matching form of a text: compatibility-decomposed (NFKD, so full-width Ａ and ligatures become plain
// letters), Latin diacritics stripped, lower-cased, a few letters that NFKD leaves alone folded (ß, ł, ø…).
// Japanese voicing marks are recomposed so that が stays が instead of becoming か.

export interface NormalizedText {
  /** The matching form. */
  readonly text: string
  /** For each UTF-16 unit of `text`: index in the original text where its source character starts. */
  readonly start: readonly number[]
  /** For each UTF-16 unit of `text`: index in the original text just after its source character. */
  readonly end: readonly number[]
}

const FOLDED_LETTERS: Readonly<Record<string, string>> = {
  'ß': 'ss',
  'ẞ': 'ss',
  'ı': 'i',
  'ł': 'l',
  'Ł': 'l',
  'ø': 'o',
  'Ø': 'o',
  'œ': 'oe',
  'Œ': 'oe',
  'æ': 'ae',
  'Æ': 'ae',
  'đ': 'd',
  'Đ': 'd',
  'þ': 'th',
  '‘': "'",
  '’': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
}

const KANA_VOICING_MARKS = new Set(['\u3099', '\u309a'])
const ASCII_ONLY = /^[\x00-\x7f]*$/

function isLatinCombiningMark(char: string): boolean {
  const code = char.charCodeAt(0)
  return code >= 0x300 && code <= 0x36f
}

const foldedCharacterCache = new Map<string, string>()

/** The matching form of one non-ASCII character (may be empty or several units long). */
function foldCharacter(char: string): string {
  const cached = foldedCharacterCache.get(char)
  if (cached !== undefined) return cached
  let folded = ''
  for (const part of char.normalize('NFKD')) {
    if (isLatinCombiningMark(part)) continue
    folded += FOLDED_LETTERS[part] ?? part.toLowerCase()
  }
  if (foldedCharacterCache.size < 20_000) foldedCharacterCache.set(char, folded)
  return folded
}

/** The matching form of a text, with a map back to the original offsets. */
export function normalizeWithOffsets(original: string): NormalizedText {
  if (ASCII_ONLY.test(original)) {
    const start = new Array<number>(original.length)
    const end = new Array<number>(original.length)
    for (let index = 0; index < original.length; index++) {
      start[index] = index
      end[index] = index + 1
    }
    return { text: original.toLowerCase(), start, end }
  }
  let text = ''
  const start: number[] = []
  const end: number[] = []
  let index = 0
  for (const char of original) {
    const charEnd = index + char.length
    const code = char.charCodeAt(0)
    const folded = code < 0x80 ? char.toLowerCase() : foldCharacter(char)
    for (const unit of splitUnits(folded)) {
      if (KANA_VOICING_MARKS.has(unit) && text.length > 0) {
        const composed = (text[text.length - 1] + unit).normalize('NFC')
        if (composed.length === 1) {
          text = text.slice(0, -1) + composed
          end[end.length - 1] = charEnd
          continue
        }
      }
      text += unit
      start.push(index)
      end.push(charEnd)
    }
    index = charEnd
  }
  return { text, start, end }
}

function splitUnits(folded: string): string[] {
  if (folded.length <= 1) return folded.length === 0 ? [] : [folded]
  const units: string[] = []
  for (let i = 0; i < folded.length; i++) units.push(folded.charAt(i))
  return units
}

/** The matching form of a text (keywords and buyer messages go through the same function). */
export function normalizeText(original: string): string {
  return normalizeWithOffsets(original).text
}

/** Maps a match in the normalized text back to original offsets. */
export function originalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  const last = Math.max(start, end - 1)
  return { start: normalized.start[start] ?? 0, end: normalized.end[last] ?? normalized.start[start] ?? 0 }
}
