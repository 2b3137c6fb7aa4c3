// Text helpers for Slack: mrkdwn escaping, cutting to a limit without splitting a character, flags, dates.

import { ELLIPSIS } from '../../src/domain/card/index.ts'

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * Slack's mrkdwn gives `&`, `<` and `>` control meaning (`<!channel>`, `<@U1>`, links); everything else may
 * stay. Escaping them keeps buyer or store text from pinging a channel or forging a link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** `text` cut to at most `max` UTF-16 code units on a grapheme boundary, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  if (max <= ELLIPSIS.length) return ''
  const limit = max - ELLIPSIS.length
  let cut = 0
  for (const { index, segment } of graphemes.segment(text.slice(0, limit + 16))) {
    if (index + segment.length > limit) break
    cut = index + segment.length
  }
  return text.slice(0, cut).trimEnd() + ELLIPSIS
}

/** Escaped for mrkdwn and at most `max` long after escaping (the raw text is cut, never an entity). */
export function escapedClip(text: string, max: number): string {
  let raw = text
  let escaped = escapeMrkdwn(raw)
  while (escaped.length > max) {
    const excess = escaped.length - max
    raw = clip(raw, Math.max(0, raw.length - excess))
    escaped = escapeMrkdwn(raw)
  }
  return escaped
}

/** Unicode regional-indicator flag for a marketplace code (`UK` is `GB` in ISO 3166); null when not two letters. */
export function flagEmoji(countryCode: string | null | undefined): string | null {
  if (!countryCode) return null
  const iso = countryCode.toUpperCase() === 'UK' ? 'GB' : countryCode.toUpperCase()
  if (!/^[A-Z]{2}$/.test(iso)) return null
  return String.fromCodePoint(...[...iso].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65))
}

/**
 * Slack's date token: each reader sees the time in their own zone (`<!date^unix^{date_short_pretty} {time}|…>`).
 * The fallback is shown by clients that cannot format it, so it stays the unambiguous UTC-offset form.
 */
export function slackDate(at: Date, fallback: string): string {
  const unix = Math.floor(at.getTime() / 1000)
  const safeFallback = fallback.replace(/[|<>&]/g, ' ')
  return `<!date^${unix}^{date_short_pretty} {time}|${safeFallback}>`
}

// A second line of defence: the domain masks alias addresses, but nothing from a buyer's alias may reach Slack.
const ALIAS_ADDRESS = /[^\s@<>()[\]"',;:]+@marketplace\.amazon\.[a-z]+(?:\.[a-z]+)*/gi

export function maskAliasAddresses(text: string, mask: string): string {
  return text.includes('@') ? text.replace(ALIAS_ADDRESS, mask) : text
}
