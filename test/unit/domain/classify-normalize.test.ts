import { describe, expect, it } from 'vitest'
import { normalizeText, normalizeWithOffsets } from '../../../src/domain/classify/index.ts'

describe('normalizeText', () => {
  it.each([
    ['Rückerstattung', 'ruckerstattung'],
    ['GARANTÍA', 'garantia'],
    ['Remboursé', 'rembourse'],
    ['Straße', 'strasse'],
    ['ZAMÓWIENIE łączy', 'zamowienie laczy'],
    ['Siparişım', 'siparisim'],
    ['Œuvre', 'oeuvre'],
    ['Ａｍａｚｏｎ　１２３', 'amazon 123'],
    ['didn’t', "didn't"],
    ['がぎぐ', 'がぎぐ'],
    ['ｶﾞｲﾄﾞ', 'ガイド'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected)
  })

  it('keeps a map back to the original offsets', () => {
    const original = 'Der Artikel ist BESCHÄDIGT, Straße'
    const normalized = normalizeWithOffsets(original)
    const start = normalized.text.indexOf('beschadigt')
    const end = start + 'beschadigt'.length
    expect(original.slice(normalized.start[start], normalized.end[end - 1])).toBe('BESCHÄDIGT')
    const streetStart = normalized.text.indexOf('strasse')
    expect(original.slice(normalized.start[streetStart], normalized.end[streetStart + 'strasse'.length - 1])).toBe('Straße')
  })

  it('maps voiced half-width kana to the two original characters', () => {
    const normalized = normalizeWithOffsets('xｶﾞy')
    expect(normalized.text).toBe('xガy')
    expect(normalized.start[1]).toBe(1)
    expect(normalized.end[1]).toBe(3)
  })
})
