// A small phrase notation for keyword rules; each phrase is compiled once, at module load, to a sticky
// regular expression that PhraseMatcher tries only where the phrase can start.
//
//   tokens are separated by spaces and matched in order on folded text (see normalize.ts)
//   a|b|c     alternatives                  word*   stem: any letters may follow (inflections)
//   word?     an optional token (not first)  ~N      up to N words (Latin) / N characters (Japanese, Chinese)
//   a_b       a multi-word alternative       @name   a named raw fragment (see `fragments`)
// Latin alternatives match whole words; Japanese and Chinese ones match anywhere.

import { fold } from './normalize.ts'

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u
const WORD_SEPARATOR = "[\\s'\"\\-]+"
/** A letter or digit of folded text (lower-case ASCII, Latin/Greek/Cyrillic extensions, kana, Han, Hangul). */
export const WORD_CHAR = '[a-z0-9\\u00aa\\u00b5\\u00ba\\u00c0-\\u1fff\\u3040-\\u30ff\\u3400-\\u9fff\\uac00-\\ud7af]'
const WORD = `${WORD_CHAR}+`

const NOT_BEFORE = `(?<!${WORD_CHAR})`
const NOT_AFTER = `(?!${WORD_CHAR})`
const CJK_GAP_CHAR = '[^\\n.!?。．！？]'

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

interface CompiledToken {
  source: string
  cjk: boolean
  optional: boolean
  gap: number | null
}

function compileToken(token: string, fragments: Readonly<Record<string, string>>, boundary: boolean): CompiledToken {
  const gap = /^~(\d+)$/.exec(token)
  if (gap) return { source: '', cjk: false, optional: false, gap: Number(gap[1]) }
  const optional = token.endsWith('?')
  const body = optional ? token.slice(0, -1) : token
  let cjk = false
  const alternatives = body.split('|').map((alternative) => {
    if (alternative.startsWith('@')) {
      const fragment = fragments[alternative.slice(1)]
      if (fragment === undefined) throw new Error(`unknown phrase fragment ${alternative}`)
      return fragment
    }
    const stem = alternative.endsWith('*')
    const literal = fold(stem ? alternative.slice(0, -1) : alternative)
    if (CJK.test(literal)) {
      cjk = true
      return escapeRegExp(literal).replace(/_/g, '\\s*')
    }
    const words = literal.split('_').map(escapeRegExp).join(WORD_SEPARATOR)
    return `${boundary ? NOT_BEFORE : ''}${words}${stem ? `${WORD_CHAR}*` : NOT_AFTER}`
  })
  return { source: alternatives.length === 1 ? (alternatives[0] ?? '') : `(?:${alternatives.join('|')})`, cjk, optional, gap: null }
}

/** Regular-expression source of one phrase. */
export function compilePhrase(phrase: string, fragments: Readonly<Record<string, string>> = {}, startChecked = false): string {
  // Tokens after the first follow a separator, so only the first needs a word-start check, and not even
  // that when the caller only tries the phrase at word starts (`startChecked`).
  const tokens = phrase.trim().split(/\s+/).map((t, i) => compileToken(t, fragments, i === 0 && !startChecked))
  if (tokens[0]?.optional || tokens[0]?.gap !== null) throw new Error(`a phrase must start with a required word: ${phrase}`)
  let source = ''
  let previous: CompiledToken | null = null
  let pendingGap: number | null = null
  for (const token of tokens) {
    if (token.gap !== null) {
      pendingGap = token.gap
      continue
    }
    let separator = ''
    if (previous) {
      const cjk = previous.cjk || token.cjk
      if (pendingGap !== null) {
        separator = cjk ? `${CJK_GAP_CHAR}{0,${pendingGap}}` : `(?:${WORD_SEPARATOR}${WORD}){0,${pendingGap}}${WORD_SEPARATOR}`
      } else {
        separator = cjk ? '\\s*' : WORD_SEPARATOR
      }
    }
    pendingGap = null
    source += token.optional ? `(?:${separator}${token.source})?` : `${separator}${token.source}`
    previous = token
  }
  return source
}

export interface WordIndex {
  starts: number[]
  words: string[]
}

const IS_WORD_CHAR = new Uint8Array(65536)
for (const [from, to] of [[0x30, 0x39], [0x61, 0x7a], [0xaa, 0xaa], [0xb5, 0xb5], [0xba, 0xba], [0xc0, 0x1fff], [0x3040, 0x30ff], [0x3400, 0x9fff], [0xac00, 0xd7af]] as const) {
  IS_WORD_CHAR.fill(1, from, to + 1)
}
IS_WORD_CHAR[0xd7] = 0
IS_WORD_CHAR[0xf7] = 0

/** The words of a folded text with their offsets; built once per lint and shared by the rules. */
export function indexWords(text: string): WordIndex {
  const starts: number[] = []
  const words: string[] = []
  let start = -1
  for (let i = 0; i <= text.length; i++) {
    const inWord = i < text.length && IS_WORD_CHAR[text.charCodeAt(i)] === 1
    if (inWord && start < 0) {
      start = i
    } else if (!inWord && start >= 0) {
      starts.push(start)
      words.push(text.slice(start, i))
      start = -1
    }
  }
  return { starts, words }
}

const HAS_CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/

/**
 * Matches named lists of phrases in one pass. One big alternation tried at every offset is slow, so each
 * phrase is its own sticky expression, tried only where it can start: Latin phrases at a word whose text or
 * stem can begin them (a map lookup per word), Japanese and Chinese phrases at a character that can begin
 * them (a table lookup per character, only when the text has such characters).
 */
export class PhraseMatcher<Tag extends string> {
  readonly #regexes: RegExp[] = []
  readonly #tags: Tag[] = []
  readonly #byWord = new Map<string, number[]>()
  readonly #byStem = new Map<number, { stem: string; phrases: number[] }[]>()
  /** Japanese/Chinese phrases by the first character of a first-token alternative, with that alternative. */
  readonly #byChar = new Map<number, { literal: string; id: number }[]>()
  readonly #charTrigger = new Uint8Array(65536)

  constructor(lists: Readonly<Record<Tag, readonly string[]>>, fragments: Readonly<Record<string, string>> = {}) {
    for (const tag of Object.keys(lists) as Tag[]) {
      for (const phrase of lists[tag]) this.#add(tag, phrase, fragments)
    }
  }

  #add(tag: Tag, phrase: string, fragments: Readonly<Record<string, string>>): void {
    const first = phrase.trim().split(/\s+/)[0] ?? ''
    const alternatives = first.replace(/\?$/, '').split('|')
    const latinStart = alternatives.every((a) => !CJK.test(a))
    const id = this.#regexes.length
    this.#regexes.push(new RegExp(compilePhrase(phrase, fragments, latinStart), 'uy'))
    this.#tags.push(tag)
    for (const alternative of alternatives) {
      if (!latinStart) {
        const literal = fold(alternative.replace(/\*$/, '')).split('_')[0] ?? ''
        const code = literal.charCodeAt(0)
        this.#charTrigger[code] = 1
        const list = this.#byChar.get(code) ?? []
        list.push({ literal, id })
        this.#byChar.set(code, list)
      } else if (alternative.startsWith('@')) {
        add(this.#byWord, alternative.slice(1), id)
      } else {
        const stem = alternative.endsWith('*')
        const literal = fold(stem ? alternative.slice(0, -1) : alternative)
        const firstWord = literal.split(/[_'\-]/)[0] ?? ''
        if (stem && firstWord.length < 2) throw new Error(`a stem needs at least two letters: ${alternative}`)
        if (stem && firstWord === literal) {
          const key = stemKey(firstWord)
          const list = this.#byStem.get(key) ?? []
          const entry = list.find((e) => e.stem === firstWord)
          if (entry) entry.phrases.push(id)
          else list.push({ stem: firstWord, phrases: [id] })
          this.#byStem.set(key, list)
        } else {
          add(this.#byWord, firstWord, id)
        }
      }
    }
  }

  #tryAt(text: string, start: number, ids: readonly number[], found: Map<Tag, [number, number][]>, after: Map<Tag, number>): void {
    for (const id of ids) {
      const tag = this.#tags[id] as Tag
      if ((after.get(tag) ?? 0) > start) continue
      const regex = this.#regexes[id] as RegExp
      regex.lastIndex = start
      // test() on a sticky expression leaves lastIndex at the match end without building a match array.
      if (!regex.test(text) || regex.lastIndex <= start) continue
      const end = regex.lastIndex
      const spans = found.get(tag) ?? []
      const last = spans[spans.length - 1]
      if (last && last[0] === start) {
        if (end > last[1]) last[1] = end
      } else {
        spans.push([start, end])
        found.set(tag, spans)
      }
    }
    for (const [tag, spans] of found) {
      const last = spans[spans.length - 1]
      if (last && last[0] === start) after.set(tag, last[1])
    }
  }

  /** Per tag, non-overlapping [start, end) spans in the folded text, in order. */
  find(text: string, index: WordIndex): Map<Tag, [number, number][]> {
    const found = new Map<Tag, [number, number][]>()
    const after = new Map<Tag, number>()
    for (let i = 0; i < index.words.length; i++) {
      const word = index.words[i] ?? ''
      const exact = this.#byWord.get(word)
      const stems = this.#byStem.get(stemKey(word))
      if (!exact && !stems) continue
      let ids = exact ?? []
      if (stems) {
        for (const entry of stems) if (word.startsWith(entry.stem)) ids = ids.concat(entry.phrases)
      }
      if (ids.length > 0) this.#tryAt(text, index.starts[i] ?? 0, ids, found, after)
    }
    if (this.#byChar.size > 0 && HAS_CJK.test(text)) {
      const cjkFound = new Map<Tag, [number, number][]>()
      const cjkAfter = new Map<Tag, number>()
      for (let i = 0; i < text.length; i++) {
        if (this.#charTrigger[text.charCodeAt(i)] !== 1) continue
        const entries = this.#byChar.get(text.charCodeAt(i)) ?? []
        // A cheap literal check first: most characters that can start a phrase do not start one here.
        let ids: number[] | null = null
        for (const entry of entries) {
          if (text.startsWith(entry.literal, i)) (ids ??= []).push(entry.id)
        }
        if (ids !== null) this.#tryAt(text, i, ids, cjkFound, cjkAfter)
      }
      for (const [tag, spans] of cjkFound) {
        const merged = [...(found.get(tag) ?? []), ...spans].sort((a, b) => a[0] - b[0])
        found.set(tag, merged)
      }
    }
    return found
  }
}

/** Stems are looked up by their first two characters, as a number to spare a string per word. */
function stemKey(word: string): number {
  return word.charCodeAt(0) * 65536 + (word.length > 1 ? word.charCodeAt(1) : 0)
}

function add<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key)
  if (list) list.push(id)
  else map.set(key, [id])
}
