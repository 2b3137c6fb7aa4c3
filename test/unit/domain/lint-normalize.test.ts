import { describe, expect, it } from 'vitest'
import { fold, foldWithOffsets } from '../../../src/domain/compliance/normalize.ts'
import { compilePhrase, indexWords, PhraseMatcher } from '../../../src/domain/compliance/phrase.ts'

describe('fold', () => {
  it.each([
    ['Bewertung ÄNDERN', 'bewertung andern'],
    ['Évaluation, opinión, Größe', 'evaluation, opinion, grosse'],
    ['ｗｗｗ．ＥＸＡＭＰＬＥ．ｃｏｍ ０９０', 'www.example.com 090'],
    ['レビュー ﾚﾋﾞｭｰ', 'レヒュー レヒュー'],
    ['it’s – ok', "it's - ok"],
  ])('%j → %j', (input, expected) => {
    expect(fold(input)).toBe(expected)
  })

  it('maps folded offsets back to the original text', () => {
    const original = 'Größe: ｗｗｗ．ｘ．ｃｏｍ e\u0301t\u00e9 😀 ok'
    const folded = foldWithOffsets(original)
    const at = (needle: string) => {
      const start = folded.text.indexOf(needle)
      const [s, e] = folded.toOriginal(start, start + needle.length)
      return original.slice(s, e)
    }
    expect(at('grosse')).toBe('Größe')
    expect(at('www.x.com')).toBe('ｗｗｗ．ｘ．ｃｏｍ')
    expect(at('ete')).toBe('e\u0301t\u00e9')
    expect(at('ok')).toBe('ok')
  })

  it('keeps offsets unchanged for ASCII text', () => {
    const folded = foldWithOffsets('Hello World')
    expect(folded.text).toBe('hello world')
    expect(folded.toOriginal(6, 11)).toEqual([6, 11])
  })
})

describe('phrase notation', () => {
  const match = (phrases: string[], text: string) => {
    const folded = fold(text)
    const found = new PhraseMatcher({ hit: phrases }).find(folded, indexWords(folded)).get('hit') ?? []
    return found.map(([s, e]) => folded.slice(s, e))
  }

  it.each([
    [['leave|write ~2 review*'], 'Please LEAVE us a Review!', ['leave us a review']],
    [['leave|write ~2 review*'], 'Please leave us a very nice review', []],
    [['bewertung*'], 'Ihre Bewertungen', ['bewertungen']],
    [['bewertung'], 'Ihre Bewertungen', []],
    [['in_exchange'], 'in   exchange for', ['in   exchange']],
    [['our ~1 website'], 'on our own website today', ['our own website']],
    [['leave a? review'], 'leave a review or leave review', ['leave a review', 'leave review']],
    [['レビュー ~5 削除'], 'レビューを是非削除して', ['レヒューを是非削除']],
    [['free'], 'carefree freedom', []],
  ] as [string[], string, string[]][])('%j in %j', (phrases, text, expected) => {
    expect(match(phrases, text)).toEqual(expected)
  })

  it('refuses a phrase starting with an optional word or a gap', () => {
    expect(() => new PhraseMatcher({ hit: ['positive? review'] })).toThrow(/required word/)
    expect(() => new PhraseMatcher({ hit: ['~2 review'] })).toThrow(/required word/)
  })

  it('compiles a gap to a bounded word run', () => {
    expect(new RegExp(compilePhrase('a ~1 b'), 'u').test('a x b')).toBe(true)
    expect(new RegExp(compilePhrase('a ~1 b'), 'u').test('a x y b')).toBe(false)
  })
})
