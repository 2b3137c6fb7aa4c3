// Text → bytes in the charsets Amazon's notification mails arrive in. Node can decode Shift_JIS and
// ISO-2022-JP (TextDecoder, full ICU) but not encode them, so the Japanese encoders are built by inverting
// the decoder once. Every encoder returns null when the text is not representable in the charset.

export const MAIL_CHARSETS = ['utf-8', 'iso-8859-1', 'iso-8859-15', 'shift_jis', 'iso-2022-jp'] as const
export type MailCharset = (typeof MAIL_CHARSETS)[number]

// ISO-8859-15 replaces eight ISO-8859-1 code points.
const LATIN9_OVERRIDES = new Map<string, number>([
  ['€', 0xa4],
  ['Š', 0xa6],
  ['š', 0xa8],
  ['Ž', 0xb4],
  ['ž', 0xb8],
  ['Œ', 0xbc],
  ['œ', 0xbd],
  ['Ÿ', 0xbe],
])
const LATIN9_REPLACED = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe])

function encodeLatin(text: string, latin9: boolean): Buffer | null {
  const bytes: number[] = []
  for (const char of text) {
    const override = latin9 ? LATIN9_OVERRIDES.get(char) : undefined
    const code = char.codePointAt(0) ?? 0
    if (override !== undefined) bytes.push(override)
    else if (code <= 0xff && !(latin9 && LATIN9_REPLACED.has(code))) bytes.push(code)
    else return null
  }
  return Buffer.from(bytes)
}

let shiftJisTable: Map<string, number[]> | undefined

function shiftJisEncoderTable(): Map<string, number[]> {
  if (shiftJisTable) return shiftJisTable
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('shift_jis', { fatal: true })
  const add = (bytes: number[]): void => {
    try {
      const char = decoder.decode(Uint8Array.from(bytes))
      if ([...char].length === 1 && !table.has(char)) table.set(char, bytes)
    } catch {
      // not a valid sequence
    }
  }
  for (let byte = 0; byte < 0x80; byte++) table.set(String.fromCharCode(byte), [byte])
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (lead > 0x9f && lead < 0xe0) continue
    for (let trail = 0x40; trail <= 0xfc; trail++) if (trail !== 0x7f) add([lead, trail])
  }
  for (let byte = 0xa1; byte <= 0xdf; byte++) add([byte])
  shiftJisTable = table
  return table
}

function encodeShiftJis(text: string): Buffer | null {
  const table = shiftJisEncoderTable()
  const bytes: number[] = []
  for (const char of text) {
    const encoded = table.get(char)
    if (!encoded) return null
    bytes.push(...encoded)
  }
  return Buffer.from(bytes)
}

const ESC_ASCII = [0x1b, 0x28, 0x42]
const ESC_JIS0208 = [0x1b, 0x24, 0x42]

/** ISO-2022-JP: ASCII and JIS X 0208 only, from the Shift_JIS table (rows 1–94, lead bytes up to 0xEF). */
function encodeIso2022Jp(text: string): Buffer | null {
  const table = shiftJisEncoderTable()
  const bytes: number[] = []
  let inJis = false
  for (const char of text) {
    const sjis = table.get(char)
    if (!sjis) return null
    const [lead, trail] = sjis
    if (lead === undefined) return null
    if (trail === undefined) {
      if (lead >= 0x80) return null
      if (inJis) bytes.push(...ESC_ASCII)
      inJis = false
      bytes.push(lead)
      continue
    }
    if (lead > 0xef) return null
    const row = ((lead - (lead <= 0x9f ? 0x70 : 0xb0)) << 1) - (trail < 0x9f ? 1 : 0)
    const cell = trail < 0x9f ? trail - (trail < 0x80 ? 0x1f : 0x20) : trail - 0x7e
    if (!inJis) bytes.push(...ESC_JIS0208)
    inJis = true
    bytes.push(row, cell)
  }
  if (inJis) bytes.push(...ESC_ASCII)
  return Buffer.from(bytes)
}

function rawEncode(text: string, charset: MailCharset): Buffer | null {
  switch (charset) {
    case 'utf-8':
      return Buffer.from(text, 'utf8')
    case 'iso-8859-1':
      return encodeLatin(text, false)
    case 'iso-8859-15':
      return encodeLatin(text, true)
    case 'shift_jis':
      return encodeShiftJis(text)
    case 'iso-2022-jp':
      return encodeIso2022Jp(text)
  }
}

/** Encodes `text`, or null when a character has no (round-trippable) representation in `charset`. */
export function encodeText(text: string, charset: MailCharset): Buffer | null {
  const bytes = rawEncode(text, charset)
  if (!bytes) return null
  const decoded = new TextDecoder(charset === 'iso-8859-1' ? 'latin1' : charset).decode(bytes)
  // windows-1252 (what "latin1" decodes as) differs from ISO-8859-1 only in 0x80–0x9F, which we never emit.
  return decoded === text ? bytes : null
}
