import { describe, expect, it } from 'vitest'
import { buildKeywordIndex, findKeywords } from '../../../src/domain/classify/patterns.ts'
import { normalizeText } from '../../../src/domain/classify/normalize.ts'

function matchedPhrases(term: string, text: string): string[] {
  const index = buildKeywordIndex([{ key: 'k', weight: 1, term }])
  const normalized = normalizeText(text)
  return findKeywords(index, normalized).map((match) => normalized.slice(match.start, match.end))
}

describe('keyword syntax', () => {
  it.each([
    ['refund*', 'I was Refunded twice', ['refunded']],
    ['refund', 'refunds are slow', []],
    ['not .. received', 'I have not yet actually received it', ['not yet actually received']],
    ['not .. received', 'not one two three four received', []],
    ['a-to-z', 'I filed an A to Z claim', ['a to z']],
    ['a-to-z', 'A-to-Z guarantee', ['a-to-z']],
    ['a-to-z', 'an atoz claim', ['atoz']],
    ['a-bis-z-garantie*', 'die A-bis-Z-Garantien', ['a-bis-z-garantien']],
    ['rückerstattung*', 'Rueckerstattung? RÜCKERSTATTUNGEN!', ['rueckerstattung', 'ruckerstattungen']],
    ["n'ai pas reçu", "je n’ai pas recu le colis", ["n'ai pas recu"]],
    ['adresse', "changer l'adresse", ['adresse']],
    ['返品', '商品を返品したいです', ['返品']],
    ['a から z まで 保証', 'Ａから ｚまで保証を申請', ['aから zまで保証']],
    ['★1', '評価は★1です', ['★1']],
    ['late', 'chocolate cake', []],
  ])('%s in "%s"', (term, text, expected) => {
    expect(matchedPhrases(term, text)).toEqual(expected)
  })

  it('prefers an against term, then the longest term, at the same position', () => {
    const index = buildKeywordIndex([
      { key: 'feedback', weight: 3, term: 'review' },
      { key: 'feedback', weight: -3, term: 'bad review' },
      { key: 'other', weight: 1, term: 'bad' },
    ])
    const matches = findKeywords(index, 'a bad review')
    expect(matches.map((match) => [match.key, match.weight])).toEqual([
      ['feedback', -3],
      ['other', 1],
    ])
  })

  it('refuses an empty term', () => {
    expect(() => buildKeywordIndex([{ key: 'k', weight: 1, term: '  ' }])).toThrow(
      expect.objectContaining({ code: 'CLASSIFY_KEYWORD_INVALID' }),
    )
    expect(() => buildKeywordIndex([{ key: 'k', weight: 1, term: '.. - ..' }])).toThrow(/no letters or digits/)
  })
})
