// Ranks the templates an agent may pick for a conversation right now.

import { SPAPI_TEXT_ACTIONS } from '../vocabulary.ts'
import type { Intent, ReplyPath, TemplateLanguage } from '../vocabulary.ts'
import type { Template, TemplateLibrary } from './template.ts'

export interface SelectionRequest {
  library: TemplateLibrary
  intent: Intent
  /** ISO 639-1 of the buyer (may be a language no template is written in, e.g. `pt`). */
  buyerLanguage: string
  /**
   * Paths Amazon allows for this order now, e.g. from `replyPathsFromActions(order.allowedMessagingActions)`.
   * `email` is added by itself when the buyer started the conversation.
   */
  allowedPaths: readonly ReplyPath[]
  conversationInitiatedBy: 'buyer' | 'seller'
}

export interface TemplateChoice {
  template: Template
  /** The language to render: the buyer's, or `en` when the template lacks it. */
  language: TemplateLanguage
  languageFallback: boolean
  /** The template's paths allowed now, e-mail first for a buyer-initiated conversation. */
  paths: ReplyPath[]
  intentMatch: boolean
  /** 1 = best. */
  rank: number
}

/** The SP-API text actions among an order's allowed messaging actions, as reply paths. */
export function replyPathsFromActions(actions: readonly string[]): ReplyPath[] {
  return SPAPI_TEXT_ACTIONS.filter((action) => actions.includes(action)).map((action): ReplyPath => `spapi:${action}`)
}

export function selectTemplates(request: SelectionRequest): TemplateChoice[] {
  const allowed = new Set<ReplyPath>(request.allowedPaths)
  if (request.conversationInitiatedBy === 'buyer') allowed.add('email')
  const buyerLanguage = request.buyerLanguage.toLowerCase().split(/[-_]/)[0] ?? ''
  const scored: { choice: Omit<TemplateChoice, 'rank'>; intentIndex: number }[] = []
  for (const template of request.library.templates) {
    const paths = template.paths.filter((p) => allowed.has(p))
    if (request.conversationInitiatedBy === 'buyer') paths.sort((a, b) => Number(b === 'email') - Number(a === 'email'))
    if (paths.length === 0) continue
    const exact = (template.languages as Partial<Record<string, unknown>>)[buyerLanguage] !== undefined
    if (!exact && !template.languages.en) continue
    const intentIndex = template.intents.indexOf(request.intent)
    scored.push({
      choice: {
        template,
        language: exact ? (buyerLanguage as TemplateLanguage) : 'en',
        languageFallback: !exact,
        paths,
        intentMatch: intentIndex >= 0,
      },
      intentIndex: intentIndex >= 0 ? intentIndex : Number.MAX_SAFE_INTEGER,
    })
  }
  // Intent match first, then the buyer's own language, then where the intent sits in the template's list.
  scored.sort(
    (a, b) =>
      Number(b.choice.intentMatch) - Number(a.choice.intentMatch) ||
      Number(a.choice.languageFallback) - Number(b.choice.languageFallback) ||
      a.intentIndex - b.intentIndex ||
      a.choice.template.intents.length - b.choice.template.intents.length ||
      a.choice.template.id.localeCompare(b.choice.template.id),
  )
  return scored.map((entry, i) => ({ ...entry.choice, rank: i + 1 }))
}
