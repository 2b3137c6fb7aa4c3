// The reply-template model shared by parsing, rendering and selection. Templates are data
// (`templates/<id>/<lang>.md`); this file only describes their shape.

import type { Intent, ReplyPath, TemplateLanguage } from '../vocabulary.ts'

/** Every placeholder a template may use. `greeting` is always computed; the others are filled from facts. */
export const TEMPLATE_VARIABLES = [
  'greeting',
  'orderId',
  'buyerName',
  'productTitle',
  'asin',
  'marketplace',
  'carrier',
  'trackingNumber',
  'shipDate',
  'deliveryDate',
  'storeName',
  'agentName',
] as const
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number]

export type TemplateVariables = Partial<Record<TemplateVariable, string | null | undefined>>

export function isTemplateVariable(value: string): value is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(value)
}

export interface TemplateTitle {
  en: string
  'zh-CN': string
  [language: string]: string
}

/** The front matter, identical across a template's languages except `subject`. */
export interface TemplateMeta {
  id: string
  title: TemplateTitle
  intents: Intent[]
  paths: ReplyPath[]
  /** Required variables besides `greeting`. */
  variables: TemplateVariable[]
}

export interface TemplateText {
  subject: string | null
  body: string
}

/** One parsed file: one template in one language. */
export interface TemplateFile {
  /** `templates/<id>/<lang>.md`, for error messages. */
  file: string
  lang: TemplateLanguage
  meta: TemplateMeta
  text: TemplateText
}

export interface Template extends TemplateMeta {
  languages: Partial<Record<TemplateLanguage, TemplateText>>
}

export interface TemplateLibrary {
  /** Sorted by id. */
  templates: readonly Template[]
  byId: ReadonlyMap<string, Template>
}

/** `{{ name }}` with optional inner spaces; the name group is whatever sits between the braces. */
export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g

export function templateFileLabel(templateId: string, lang: string): string {
  return `templates/${templateId}/${lang}.md`
}
