// Groups parsed files into templates and checks that a template's languages agree on their front matter.

import { AppError } from '../errors.ts'
import type { TemplateProblem } from './parse.ts'
import { templateFileLabel } from './template.ts'
import type { Template, TemplateFile, TemplateLibrary, TemplateMeta } from './template.ts'

const SHARED_FIELDS = ['id', 'title', 'intents', 'paths', 'variables'] as const

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function normalisedTitle(meta: TemplateMeta): Record<string, string> {
  return Object.fromEntries(Object.entries(meta.title).sort(([x], [y]) => x.localeCompare(y)))
}

/** Every disagreement between languages of one template, and templates without an `en` file (the fallback). */
export function libraryProblems(files: readonly TemplateFile[]): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  const byId = new Map<string, TemplateFile[]>()
  for (const file of files) {
    const list = byId.get(file.meta.id) ?? []
    list.push(file)
    byId.set(file.meta.id, list)
  }
  for (const [id, list] of byId) {
    const reference = list.find((f) => f.lang === 'en') ?? list[0]
    if (!reference) continue
    if (!list.some((f) => f.lang === 'en')) {
      problems.push({ file: templateFileLabel(id, 'en'), field: 'language', message: 'missing: every template needs an en file (the fallback language)' })
    }
    const seen = new Set<string>()
    for (const file of list) {
      if (seen.has(file.lang)) problems.push({ file: file.file, field: 'language', message: 'duplicate language file' })
      seen.add(file.lang)
      if (file === reference) continue
      for (const field of SHARED_FIELDS) {
        const mine = field === 'title' ? normalisedTitle(file.meta) : file.meta[field]
        const theirs = field === 'title' ? normalisedTitle(reference.meta) : reference.meta[field]
        if (!sameValue(mine, theirs)) {
          problems.push({
            file: file.file,
            field,
            message: `${JSON.stringify(mine)} differs from ${reference.file} (${JSON.stringify(theirs)})`,
          })
        }
      }
    }
  }
  return problems
}

/** Builds the library; throws `AppError('TEMPLATE_LIBRARY_INVALID')` listing every problem. */
export function buildTemplateLibrary(files: readonly TemplateFile[]): TemplateLibrary {
  const problems = libraryProblems(files)
  if (problems.length > 0) {
    throw new AppError('TEMPLATE_LIBRARY_INVALID', describeProblems(problems), { problems })
  }
  const byId = new Map<string, Template>()
  for (const file of files) {
    const existing = byId.get(file.meta.id)
    if (existing) {
      existing.languages[file.lang] = file.text
    } else {
      byId.set(file.meta.id, { ...file.meta, languages: { [file.lang]: file.text } })
    }
  }
  const templates = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id))
  return { templates, byId: new Map(templates.map((t) => [t.id, t])) }
}

export function describeProblems(problems: readonly TemplateProblem[]): string {
  const lines = problems.map((p) => `- ${p.file}: ${p.field}: ${p.message}`)
  return `${problems.length} template problem${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`
}
