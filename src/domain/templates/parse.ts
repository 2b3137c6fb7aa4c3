// Parses one template file (`templates/<id>/<lang>.md`): YAML front matter between `---` lines, then the body.

import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { AppError } from '../errors.ts'
import { INTENTS, isReplyPath, TEMPLATE_LANGUAGES } from '../vocabulary.ts'
import type { ReplyPath, TemplateLanguage } from '../vocabulary.ts'
import { PLACEHOLDER_PATTERN, TEMPLATE_VARIABLES, templateFileLabel } from './template.ts'
import type { TemplateFile, TemplateVariable } from './template.ts'

const TEMPLATE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const frontMatterSchema = z.strictObject({
  id: z.string().regex(TEMPLATE_ID_PATTERN, 'lowercase words joined by hyphens'),
  title: z.object({ en: z.string().trim().min(1), 'zh-CN': z.string().trim().min(1) }).catchall(z.string().trim().min(1)),
  intents: z.array(z.enum(INTENTS)).min(1),
  paths: z
    .array(z.string().refine(isReplyPath, 'expected `email` or `spapi:<action>` with a text action'))
    .min(1),
  variables: z.array(z.enum(TEMPLATE_VARIABLES)).default([]),
  subject: z.string().trim().min(1).optional(),
})

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/

export interface TemplateProblem {
  file: string
  field: string
  message: string
}

function invalid(file: string, problems: TemplateProblem[]): AppError {
  const lines = problems.map((p) => `${p.field}: ${p.message}`).join('; ')
  return new AppError('TEMPLATE_INVALID', `${file}: ${lines}`, { file, problems })
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`)).join('') || '(front matter)'
}

/** Placeholder names used in a text, in order of appearance, with duplicates removed. */
export function placeholderNames(text: string): string[] {
  const names = new Set<string>()
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) names.add(match[1] ?? '')
  return [...names]
}

/**
 * Parses and validates one file. Throws `AppError('TEMPLATE_INVALID')` naming the file and every bad field.
 * The body must use only declared variables (plus `greeting`) and must carry `{{orderId}}`.
 */
export function parseTemplateFile(templateId: string, lang: string, text: string): TemplateFile {
  const file = templateFileLabel(templateId, lang)
  const problems: TemplateProblem[] = []
  if (!(TEMPLATE_LANGUAGES as readonly string[]).includes(lang)) {
    problems.push({ file, field: 'language', message: `"${lang}" is not one of ${TEMPLATE_LANGUAGES.join(', ')}` })
  }
  const parts = FRONT_MATTER.exec(text)
  if (!parts) {
    problems.push({ file, field: '(front matter)', message: 'the file must start with YAML front matter between two `---` lines' })
    throw invalid(file, problems)
  }
  let raw: unknown
  try {
    raw = parseYaml(parts[1] ?? '')
  } catch (error) {
    problems.push({ file, field: '(front matter)', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` })
    throw invalid(file, problems)
  }
  const parsed = frontMatterSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file, field: fieldPath(issue.path), message: issue.message })
    throw invalid(file, problems)
  }
  const meta = parsed.data
  if (meta.id !== templateId) {
    problems.push({ file, field: 'id', message: `"${meta.id}" must equal the folder name "${templateId}"` })
  }
  const body = (parts[2] ?? '').replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd()
  if (body === '') problems.push({ file, field: 'body', message: 'is empty' })
  const declared = new Set<string>(['greeting', ...meta.variables])
  const checkPlaceholders = (field: string, source: string): void => {
    for (const name of placeholderNames(source)) {
      if (!declared.has(name)) {
        const known = (TEMPLATE_VARIABLES as readonly string[]).includes(name)
        problems.push({
          file,
          field,
          message: known ? `uses {{${name}}} which is not listed in variables` : `uses unknown placeholder {{${name}}}`,
        })
      }
    }
  }
  checkPlaceholders('body', body)
  if (meta.subject !== undefined) checkPlaceholders('subject', meta.subject)
  if (body !== '' && !placeholderNames(body).includes('orderId')) {
    problems.push({ file, field: 'body', message: 'must contain {{orderId}}' })
  }
  if (problems.length > 0) throw invalid(file, problems)
  return {
    file,
    lang: lang as TemplateLanguage,
    meta: {
      id: meta.id,
      title: meta.title,
      intents: meta.intents,
      paths: meta.paths as ReplyPath[],
      variables: meta.variables.filter((v): v is TemplateVariable => v !== 'greeting'),
    },
    text: { subject: meta.subject ?? null, body },
  }
}
