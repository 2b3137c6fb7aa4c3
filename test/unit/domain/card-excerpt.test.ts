import { describe, expect, it } from 'vitest'
import { buildCardView, ELLIPSIS, normaliseForDisplay, truncateExcerpt, type ConversationCardInput } from '../../../src/domain/card/index.ts'
import { isAppError } from '../../../src/domain/errors.ts'

const graphemeBoundaries = (text: string): Set<number> => {
  const boundaries = new Set([0])
  for (const { index, segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    boundaries.add(index + segment.length)
  }
  return boundaries
}

/** The excerpt is a prefix of the original cut on a grapheme boundary, within budget, ending with "…". */
function expectCleanCut(original: string, excerpt: { text: string; truncated: boolean }, budget: number): string {
  expect(excerpt.truncated).toBe(true)
  expect(excerpt.text.length).toBeLessThanOrEqual(budget)
  expect(excerpt.text.endsWith(ELLIPSIS)).toBe(true)
  const kept = excerpt.text.slice(0, -ELLIPSIS.length)
  expect(original.startsWith(kept)).toBe(true)
  expect(graphemeBoundaries(original).has(kept.length)).toBe(true)
  expect(kept).not.toMatch(/[\uD800-\uDBFF]$/) // no dangling high surrogate
  return kept
}

const words = ['order', 'package', 'arrived', 'broken', 'please', 'refund', 'the', 'charger', 'yesterday', 'when']

describe('excerpt budget', () => {
  it('leaves a message within budget untouched', () => {
    expect(truncateExcerpt('Where is my parcel?', 19)).toEqual({ text: 'Where is my parcel?', truncated: false, originalLength: 19 })
  })

  it('cuts a 20,000-character message on a word boundary', () => {
    const text = Array.from({ length: 4000 }, (_, i) => words[(i * 7) % words.length]).join(' ').slice(0, 20_000)
    expect(text.length).toBe(20_000)
    const excerpt = truncateExcerpt(text, 300)
    expect(excerpt.originalLength).toBe(20_000)
    const kept = expectCleanCut(text, excerpt, 300)
    expect(text[kept.length]).toBe(' ')
    expect(kept.length).toBeGreaterThan(240)
  })

  it('goes through the card builder with the same budget', () => {
    const text = 'x'.repeat(20_000)
    const input = {
      now: new Date('2026-03-05T00:00:00Z'),
      conversation: {
        id: 'c', storeName: 's', marketplace: 'US', orderId: null, buyerName: null, productTitle: null, language: null,
        intent: 'other', riskFlags: [], riskScore: 0, state: 'new', slaDueAt: null, assignee: null, escalated: null,
        acknowledged: null, pagedAfterHours: false, latestMessageText: text, messageCount: 1,
      },
      templates: [], lastReply: null, listenOnly: false, paused: false, awaitingApproval: null,
    } satisfies ConversationCardInput
    const view = buildCardView(input, 'en', { excerptChars: 1000 })
    expect(view.excerpt?.text).toBe(`${'x'.repeat(999)}${ELLIPSIS}`)
    expect(view.excerpt?.originalLength).toBe(20_000)
  })

  it('never splits a ZWJ family emoji at the cut', () => {
    const family = '👨‍👩‍👧‍👦'
    for (let prefix = 85; prefix <= 99; prefix++) {
      const text = 'a'.repeat(prefix) + family.repeat(20)
      const kept = expectCleanCut(text, truncateExcerpt(text, 100), 100)
      expect((kept.length - prefix) % family.length).toBe(0)
    }
  })

  it('never splits a flag (regional indicator pair) or a skin-tone sequence', () => {
    for (const unit of ['🇩🇪', '👍🏽', 'é']) {
      for (let prefix = 90; prefix <= 99; prefix++) {
        const text = 'b'.repeat(prefix) + unit.repeat(40)
        const kept = expectCleanCut(text, truncateExcerpt(text, 100), 100)
        expect((kept.length - prefix) % unit.length).toBe(0)
      }
    }
  })

  it('cuts Chinese and Japanese text without spaces cleanly and close to the budget', () => {
    const chinese = '您好，我上周买的充电器到现在还没有收到，物流信息一直没有更新，请问什么时候能到？如果再不到我就要申请退款了。'.repeat(30)
    const japanese = 'こんにちは、先週注文した商品がまだ届いていません。追跡番号を教えていただけますか？'.repeat(30)
    for (const text of [chinese, japanese]) {
      const kept = expectCleanCut(text, truncateExcerpt(text, 120), 120)
      expect(kept.length).toBeGreaterThanOrEqual(90)
    }
  })

  it('cuts mixed emoji and CJK at every position without breaking a grapheme', () => {
    const text = '包裹😡坏了👨‍👩‍👧‍👦请退款🇯🇵'.repeat(50)
    for (let budget = 10; budget <= 60; budget++) {
      expectCleanCut(text, truncateExcerpt(text, budget), budget)
    }
  })

  it('does not end on punctuation or whitespace before the ellipsis', () => {
    const excerpt = truncateExcerpt('Hello there, my order 123. It is late!!! Please help me now.', 31)
    expect(excerpt.text).toBe('Hello there, my order 123. It…')
  })

  it('rejects a budget too small to hold anything', () => {
    try {
      truncateExcerpt('abc', 1)
      expect.unreachable()
    } catch (error) {
      expect(isAppError(error, 'INVALID_BUDGET')).toBe(true)
    }
  })
})

describe('display normalisation', () => {
  it.each([
    ['CRLF and runs of blank lines', 'Hi\r\n\r\n\r\n\r\nmy order   \r\nis late\n\n\n\n', 'Hi\n\nmy order\nis late'],
    ['an alias address in a sentence', 'Reply to x7k2@marketplace.amazon.co.uk.', 'Reply to [m].'],
    ['an alias address in angle brackets', 'From: Jo <abc+1@MARKETPLACE.AMAZON.DE>', 'From: Jo <[m]>'],
    ['two alias addresses', 'a@marketplace.amazon.com,b@marketplace.amazon.fr', '[m],[m]'],
    ['other addresses are left to the compliance linter', 'me@example.com', 'me@example.com'],
  ])('handles %s', (_name, input, expected) => {
    expect(normaliseForDisplay(input, '[m]')).toBe(expected)
  })

  it('handles 20,000 characters of whitespace or punctuation', () => {
    expect(normaliseForDisplay(' '.repeat(20_000) + 'x', '[m]')).toBe('x')
    const dots = truncateExcerpt('.'.repeat(20_000), 100)
    expect(dots.truncated).toBe(true)
    expect(dots.text.length).toBeLessThanOrEqual(100)
  })
})
