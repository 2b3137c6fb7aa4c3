// Finds the buyer's own words inside Amazon's notification text: the block between the begin and end
// markers, without quoted history, signatures or Amazon's boilerplate.

import {
  BEGIN_MARKER_WORDS,
  BOILERPLATE_START,
  DEVICE_SIGNATURE,
  END_MARKER_WORDS,
  ORIGINAL_MESSAGE_SEPARATOR,
  QUOTE_HEADER_PATTERNS,
  QUOTED_FROM_LINE,
  QUOTED_SENT_LINE,
} from './localised-phrases.ts'

export interface MessageLayout {
  lines: string[]
  /** Index of the begin marker line, -1 when absent. */
  beginLine: number
  /** Index of the end marker line that closes the first block, -1 when absent. */
  endLine: number
  /** `known`: marker wording we recognise; `generic`: a pair of Amazon-shaped dashed lines in a wording we do not know. */
  markers: 'known' | 'generic' | 'none'
}

const MARKER_LINE = /^\s*[-=]{3,}\s*(.+?)\s*[-=]{3,}\s*$/

function markerWords(line: string): string | null {
  const match = MARKER_LINE.exec(line)
  if (!match?.[1]) return null
  return match[1].normalize('NFC').toLowerCase().replace(/\s+/g, ' ')
}

export function isBeginMarker(line: string): boolean {
  const words = markerWords(line)
  return words !== null && BEGIN_MARKER_WORDS.includes(words)
}

export function isEndMarker(line: string): boolean {
  const words = markerWords(line)
  return words !== null && END_MARKER_WORDS.includes(words)
}

export function normaliseText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/\u200b|\ufeff/g, '')
}

// Amazon's marker lines carry a dozen dashes on each side; mail-client separators carry fewer.
const AMAZON_SHAPED_MARKER = /^\s*-{8,}\s*\S.*?\s*-{8,}\s*$/

export function layoutOf(text: string): MessageLayout {
  const lines = normaliseText(text).split('\n')
  const beginLine = lines.findIndex(isBeginMarker)
  if (beginLine >= 0) {
    const endLine = lines.findIndex((line, index) => index > beginLine && isEndMarker(line))
    return { lines, beginLine, endLine, markers: 'known' }
  }
  if (lines.some(isEndMarker)) return { lines, beginLine: -1, endLine: -1, markers: 'known' }
  // A marketplace language we have no wording for: trust a pair of Amazon-shaped marker lines.
  const shaped = (line: string): boolean => AMAZON_SHAPED_MARKER.test(line) && !ORIGINAL_MESSAGE_SEPARATOR.test(line)
  const genericBegin = lines.findIndex(shaped)
  const genericEnd = genericBegin >= 0 ? lines.findIndex((line, index) => index > genericBegin && shaped(line)) : -1
  if (genericEnd > genericBegin) return { lines, beginLine: genericBegin, endLine: genericEnd, markers: 'generic' }
  return { lines, beginLine: -1, endLine: -1, markers: 'none' }
}

/** Amazon's recognised marker wording; generic dashed lines alone do not make a mail look like Amazon's. */
export function hasAmazonMarkers(layout: MessageLayout): boolean {
  return layout.markers === 'known'
}

function isQuoteHeaderAt(lines: readonly string[], index: number): boolean {
  const line = (lines[index] ?? '').trim()
  if (line === '') return false
  const joined = `${line} ${(lines[index + 1] ?? '').trim()}`.trim()
  return QUOTE_HEADER_PATTERNS.some((pattern) => pattern.test(line) || (line.length < 200 && pattern.test(joined)))
}

function isQuotedHeaderBlockAt(lines: readonly string[], index: number): boolean {
  if (!QUOTED_FROM_LINE.test(lines[index] ?? '')) return false
  return lines.slice(index + 1, index + 4).some((line) => QUOTED_SENT_LINE.test(line))
}

/** Where the buyer's new text stops: the first quote header, separator, signature or boilerplate line. */
function cutIndex(lines: readonly string[]): number {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (
      ORIGINAL_MESSAGE_SEPARATOR.test(line) ||
      /^\s*_{8,}\s*$/.test(line) ||
      /^-- ?$/.test(line) ||
      DEVICE_SIGNATURE.test(line) ||
      BOILERPLATE_START.test(line) ||
      isBeginMarker(line) ||
      isEndMarker(line) ||
      isQuoteHeaderAt(lines, index) ||
      isQuotedHeaderBlockAt(lines, index)
    ) {
      return index
    }
  }
  return lines.length
}

function tidy(lines: readonly string[]): string {
  return lines
    .filter((line) => !/^\s*>/.test(line))
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/**
 * The buyer's text. `isOrderDetailLine` tells which leading lines are Amazon's order summary when the mail
 * has no begin marker (then the whole body is searched).
 */
export function extractBuyerText(layout: MessageLayout, isOrderDetailLine: (line: string) => boolean): string {
  const { lines, beginLine, endLine } = layout
  let block: string[]
  if (beginLine >= 0) {
    block = lines.slice(beginLine + 1, endLine >= 0 ? endLine : lines.length)
  } else {
    const firstEnd = lines.findIndex(isEndMarker)
    block = firstEnd >= 0 ? lines.slice(0, firstEnd) : [...lines]
    let start = 0
    while (start < block.length && (block[start]?.trim() === '' || isOrderDetailLine(block[start] ?? ''))) start++
    block = block.slice(start)
  }
  return tidy(block.slice(0, cutIndex(block)))
}
