// Runs the compliance linter over the corpus in test/fixtures/linter/*.yaml and reports, per rule, how many
// blocking violations were expected and found, every missed blocking violation and every false block.
// Exits non-zero when anything is missed or falsely blocked. Usage: node scripts/eval-linter.ts [corpus dir]

import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { z } from 'zod'
import { lint } from '../src/domain/compliance/lint.ts'
import { LINT_RULES } from '../src/domain/compliance/types.ts'
import type { LintRuleId } from '../src/domain/compliance/types.ts'
import { isReplyPath } from '../src/domain/vocabulary.ts'
import type { ReplyPath } from '../src/domain/vocabulary.ts'

const ruleId = z.enum(LINT_RULES)
const corpusFileSchema = z.strictObject({
  language: z.string(),
  marketplace: z.string(),
  orderId: z.string().nullable(),
  entries: z.array(
    z.strictObject({
      id: z.string(),
      language: z.string().optional(),
      text: z.string(),
      path: z.string().refine(isReplyPath).optional(),
      orderId: z.string().nullable().optional(),
      marketplace: z.string().optional(),
      block: z.array(ruleId).default([]),
      warn: z.array(ruleId).default([]),
    }),
  ),
})

export interface CorpusEntry {
  id: string
  language: string
  text: string
  path: ReplyPath
  marketplace: string
  orderId: string | null
  block: LintRuleId[]
  warn: LintRuleId[]
}

export interface EntryResult {
  entry: CorpusEntry
  blocked: LintRuleId[]
  warned: LintRuleId[]
  missedBlocks: LintRuleId[]
  falseBlocks: LintRuleId[]
  missedWarnings: LintRuleId[]
}

export interface CorpusReport {
  results: EntryResult[]
  perRule: Map<LintRuleId, { expected: number; found: number; missed: number; falseBlocks: number }>
  missedBlocks: number
  falseBlocks: number
  missedWarnings: number
}

export const DEFAULT_CORPUS_DIR = fileURLToPath(new URL('../test/fixtures/linter/', import.meta.url))

export async function loadCorpus(dir: string = DEFAULT_CORPUS_DIR): Promise<CorpusEntry[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort()
  const entries: CorpusEntry[] = []
  for (const name of files) {
    const parsed = corpusFileSchema.safeParse(parse(await readFile(join(dir, name), 'utf8')))
    if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
    const file = parsed.data
    for (const e of file.entries) {
      entries.push({
        id: e.id,
        language: e.language ?? file.language,
        // YAML block scalars end with a newline the agent would not have typed.
        text: e.text.replace(/\n$/, ''),
        path: (e.path ?? 'email') as ReplyPath,
        marketplace: e.marketplace ?? file.marketplace,
        orderId: e.orderId === undefined ? file.orderId : e.orderId,
        block: e.block,
        warn: e.warn,
      })
    }
  }
  return entries
}

export function evaluate(entries: readonly CorpusEntry[]): CorpusReport {
  const perRule: CorpusReport['perRule'] = new Map(LINT_RULES.map((r) => [r, { expected: 0, found: 0, missed: 0, falseBlocks: 0 }]))
  const results = entries.map((entry): EntryResult => {
    const findings = lint(entry.text, { path: entry.path, buyerLanguage: entry.language, marketplace: entry.marketplace, orderId: entry.orderId })
    const blocked = [...new Set(findings.filter((f) => f.severity === 'block').map((f) => f.ruleId))]
    const warned = [...new Set(findings.filter((f) => f.severity === 'warn').map((f) => f.ruleId))]
    const result = {
      entry,
      blocked,
      warned,
      missedBlocks: entry.block.filter((r) => !blocked.includes(r)),
      falseBlocks: blocked.filter((r) => !entry.block.includes(r)),
      missedWarnings: entry.warn.filter((r) => !warned.includes(r) && !blocked.includes(r)),
    }
    for (const r of entry.block) perRule.get(r)!.expected++
    for (const r of blocked) if (entry.block.includes(r)) perRule.get(r)!.found++
    for (const r of result.missedBlocks) perRule.get(r)!.missed++
    for (const r of result.falseBlocks) perRule.get(r)!.falseBlocks++
    return result
  })
  const sum = (pick: (r: EntryResult) => unknown[]) => results.reduce((n, r) => n + pick(r).length, 0)
  return {
    results,
    perRule,
    missedBlocks: sum((r) => r.missedBlocks),
    falseBlocks: sum((r) => r.falseBlocks),
    missedWarnings: sum((r) => r.missedWarnings),
  }
}

function printReport(report: CorpusReport): void {
  const languages = new Map<string, number>()
  for (const r of report.results) languages.set(r.entry.language, (languages.get(r.entry.language) ?? 0) + 1)
  const clean = report.results.filter((r) => r.entry.block.length === 0).length
  console.log(`corpus: ${report.results.length} texts (${clean} must not be blocked); ${[...languages].map(([l, n]) => `${l} ${n}`).join(', ')}`)
  console.log('')
  console.log('rule                      expected  found  missed  false-blocks')
  for (const [rule, c] of report.perRule) {
    console.log(`${rule.padEnd(26)}${String(c.expected).padStart(8)}${String(c.found).padStart(7)}${String(c.missed).padStart(8)}${String(c.falseBlocks).padStart(14)}`)
  }
  console.log('')
  for (const r of report.results) {
    if (r.missedBlocks.length > 0) console.log(`MISSED  ${r.entry.id}: ${r.missedBlocks.join(', ')}`)
    if (r.falseBlocks.length > 0) console.log(`FALSE   ${r.entry.id}: ${r.falseBlocks.join(', ')}`)
    if (r.missedWarnings.length > 0) console.log(`NO-WARN ${r.entry.id}: ${r.missedWarnings.join(', ')}`)
  }
  console.log(`missed blocking violations: ${report.missedBlocks}; false blocks: ${report.falseBlocks}; missed warnings: ${report.missedWarnings}`)
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = evaluate(await loadCorpus(process.argv[2] ?? DEFAULT_CORPUS_DIR))
  printReport(report)
  process.exitCode = report.missedBlocks > 0 || report.falseBlocks > 0 ? 1 : 0
}
