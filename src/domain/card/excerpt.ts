// Cutting a buyer message to a size budget without splitting a character, an emoji sequence or (when a
// boundary is near) a word.

import { AppError } from '../errors.ts'
import type { CardExcerpt } from './types.ts'

export const ELLIPSIS = '…'
/** Give up on a word boundary when it would throw away more than this share of the budget. */
const MAX_WORD_BACKOFF = 0.2
/** Extra text segmented past the cut, so the boundary at the cut is decided with its right context. */
const LOOKAHEAD = 64

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const words = new Intl.Segmenter(undefined, { granularity: 'word' })
// Found from the domain backwards: a pattern starting at the local part would rescan long runs of text.
const ALIAS_DOMAIN = /@marketplace\.amazon\.[a-z]+(?:\.[a-z]+)*/gi
const LOCAL_PART_STOP = /[\s@<>()[\]"',;:]/

function maskAliasAddresses(text: string, mask: string): string {
  let result = ''
  let copiedUpTo = 0
  for (const match of text.matchAll(ALIAS_DOMAIN)) {
    let start = match.index
    while (start > copiedUpTo && !LOCAL_PART_STOP.test(text.charAt(start - 1))) start--
    if (start === match.index) continue
    result += text.slice(copiedUpTo, start) + mask
    copiedUpTo = match.index + match[0].length
  }
  return result + text.slice(copiedUpTo)
}

/** Tidies a message for display: masks buyer alias addresses, drops runs of blank lines, trims. */
export function normaliseForDisplay(text: string, aliasMask: string): string {
  const lines = maskAliasAddresses(text.replace(/\r\n?/g, '\n'), aliasMask)
    .split('\n')
    .map((line) => line.trimEnd())
  return lines
    .filter((line, i) => line !== '' || lines[i - 1] !== '') // at most one blank line in a row
    .join('\n')
    .trim()
}

/** The end of the last grapheme that fits in `limit` code units. */
function graphemeCut(text: string, limit: number): number {
  let cut = 0
  for (const { index, segment } of graphemes.segment(text.slice(0, limit + LOOKAHEAD))) {
    const end = index + segment.length
    if (end > limit) break
    cut = end
  }
  return cut
}

/** The last word start or whitespace boundary at or before `cut`, or `cut` when none is close enough. */
function wordCut(text: string, cut: number, limit: number): number {
  let best = 0
  for (const { index } of words.segment(text.slice(0, cut + LOOKAHEAD))) {
    if (index > cut) break
    best = index
  }
  return best > 0 && cut - best <= limit * MAX_WORD_BACKOFF ? best : cut
}

function trimEndPunctuation(text: string): string {
  let end = text.length
  while (end > 0 && /[\s\p{P}]/u.test(text.charAt(end - 1))) end--
  return text.slice(0, end)
}

export function truncateExcerpt(text: string, maxChars: number): CardExcerpt {
  if (!Number.isInteger(maxChars) || maxChars < ELLIPSIS.length + 1) {
    throw new AppError('INVALID_BUDGET', `excerptChars must be an integer of at least ${ELLIPSIS.length + 1}`, {
      excerptChars: maxChars,
    })
  }
  if (text.length <= maxChars) return { text, truncated: false, originalLength: text.length }
  const limit = maxChars - ELLIPSIS.length
  const cut = wordCut(text, graphemeCut(text, limit), limit)
  const kept = trimEndPunctuation(text.slice(0, cut))
  const body = kept.length > 0 ? kept : text.slice(0, cut)
  return { text: body + ELLIPSIS, truncated: true, originalLength: text.length }
}
