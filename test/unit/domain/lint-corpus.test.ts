import { describe, expect, it } from 'vitest'
import { LINT_RULES } from '../../../src/domain/compliance/types.ts'
import { evaluate, loadCorpus } from '../../../scripts/eval-linter.ts'

const corpus = await loadCorpus()
const report = evaluate(corpus)

describe('linter corpus (test/fixtures/linter)', () => {
  it('has at least 100 texts, clean ones in every language', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100)
    for (const language of ['en', 'de', 'fr', 'it', 'es', 'ja']) {
      expect(corpus.filter((e) => e.language === language && e.block.length === 0).length).toBeGreaterThanOrEqual(4)
    }
  })

  it('covers every blocking rule in every language', () => {
    const blocking = LINT_RULES.filter((r) => r !== 'review-request' && r !== 'off-topic-amazon-link')
    for (const language of ['en', 'de', 'fr', 'it', 'es', 'ja']) {
      const covered = new Set(corpus.filter((e) => e.language === language).flatMap((e) => e.block))
      expect(blocking.filter((r) => !covered.has(r)), language).toEqual([])
      expect(covered.has('off-topic-amazon-link') || corpus.some((e) => e.language === language && e.path !== 'email'), language).toBe(true)
    }
  })

  it('misses no blocking violation', () => {
    expect(report.results.filter((r) => r.missedBlocks.length > 0).map((r) => `${r.entry.id}: ${r.missedBlocks.join(', ')}`)).toEqual([])
  })

  it('blocks no text falsely', () => {
    expect(report.results.filter((r) => r.falseBlocks.length > 0).map((r) => `${r.entry.id}: ${r.falseBlocks.join(', ')}`)).toEqual([])
  })

  it('reports the expected warnings', () => {
    expect(report.results.filter((r) => r.missedWarnings.length > 0).map((r) => r.entry.id)).toEqual([])
  })
})

describe('the corpus evaluation itself', () => {
  it('counts a missed violation and a false block', () => {
    const entries = [
      { id: 'says-clean-but-is-not', language: 'en', text: 'Order 113-4829301-5582947: call +1 415 555 0199', path: 'email' as const, marketplace: 'US', orderId: '113-4829301-5582947', block: [], warn: [] },
      { id: 'expects-html-wrongly', language: 'en', text: 'Order 113-4829301-5582947 has shipped.', path: 'email' as const, marketplace: 'US', orderId: '113-4829301-5582947', block: ['html' as const], warn: ['review-request' as const] },
    ]
    const result = evaluate(entries)
    expect([result.missedBlocks, result.falseBlocks, result.missedWarnings]).toEqual([1, 1, 1])
    expect(result.perRule.get('phone-number')).toEqual({ expected: 0, found: 0, missed: 0, falseBlocks: 1 })
    expect(result.perRule.get('html')).toEqual({ expected: 1, found: 0, missed: 1, falseBlocks: 0 })
  })
})
