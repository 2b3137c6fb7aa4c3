// Fills `{{name}}` placeholders. A placeholder without a value is an error, never an empty string.

import { AppError } from '../errors.ts'
import type { TemplateLanguage } from '../vocabulary.ts'
import { isTemplateVariable, PLACEHOLDER_PATTERN } from './template.ts'
import type { Template, TemplateVariables } from './template.ts'

export interface RenderedTemplate {
  templateId: string
  lang: TemplateLanguage
  subject: string | null
  body: string
}

/** Replaces every placeholder in one pass (values are inserted verbatim and never re-scanned). */
export function fillPlaceholders(source: string, variables: TemplateVariables, where: string): string {
  return source.replace(PLACEHOLDER_PATTERN, (_whole, rawName: string) => {
    if (!isTemplateVariable(rawName)) {
      throw new AppError('TEMPLATE_UNKNOWN_VARIABLE', `${where}: unknown placeholder {{${rawName}}}`, { variable: rawName, where })
    }
    const value = variables[rawName]
    if (value === undefined || value === null || value.trim() === '') {
      throw new AppError('TEMPLATE_VARIABLE_MISSING', `${where}: no value for {{${rawName}}}`, { variable: rawName, where })
    }
    return value
  })
}

export function render(template: Template, lang: TemplateLanguage, variables: TemplateVariables): RenderedTemplate {
  const text = template.languages[lang]
  if (!text) {
    throw new AppError('TEMPLATE_LANGUAGE_MISSING', `template ${template.id} has no ${lang} version`, {
      templateId: template.id,
      lang,
    })
  }
  const where = `${template.id}/${lang}`
  return {
    templateId: template.id,
    lang,
    subject: text.subject === null ? null : fillPlaceholders(text.subject, variables, `${where} subject`),
    body: fillPlaceholders(text.body, variables, where),
  }
}
