import { describe, expect, it } from 'vitest'
import { buildTemplateLibrary } from '../../../src/domain/templates/library.ts'
import { replyPathsFromActions, selectTemplates } from '../../../src/domain/templates/select.ts'
import type { TemplateFile } from '../../../src/domain/templates/template.ts'
import type { Intent, ReplyPath, TemplateLanguage } from '../../../src/domain/vocabulary.ts'

function files(id: string, intents: Intent[], paths: ReplyPath[], langs: TemplateLanguage[]): TemplateFile[] {
  return langs.map((lang) => ({
    file: `templates/${id}/${lang}.md`,
    lang,
    meta: { id, title: { en: id, 'zh-CN': id }, intents, paths, variables: ['orderId'] },
    text: { subject: null, body: '{{greeting}} {{orderId}}' },
  }))
}

const library = buildTemplateLibrary([
  ...files('shipped', ['where-is-my-order', 'delivery-delay'], ['email', 'spapi:confirmDeliveryDetails'], ['en', 'de', 'ja']),
  ...files('delay-apology', ['delivery-delay', 'where-is-my-order'], ['email', 'spapi:unexpectedProblem'], ['en', 'de']),
  ...files('checking', ['where-is-my-order', 'refund-status', 'other', 'delivery-delay'], ['email'], ['en']),
  ...files('proactive-only', ['where-is-my-order'], ['spapi:confirmOrderDetails'], ['en', 'de']),
  ...files('refund', ['refund-status'], ['email'], ['en', 'de']),
])

const summary = (choices: ReturnType<typeof selectTemplates>) =>
  choices.map((c) => `${c.rank}:${c.template.id}:${c.language}${c.languageFallback ? '(fallback)' : ''}:${c.intentMatch ? 'match' : 'other'}:${c.paths.join('+')}`)

describe('selectTemplates', () => {
  it('ranks intent matches first, the buyer language before the en fallback, the primary intent before others', () => {
    const choices = selectTemplates({ library, intent: 'delivery-delay', buyerLanguage: 'de-DE', allowedPaths: [], conversationInitiatedBy: 'buyer' })
    expect(summary(choices)).toEqual([
      '1:delay-apology:de:match:email',
      '2:shipped:de:match:email',
      '3:checking:en(fallback):match:email',
      '4:refund:de:other:email',
    ])
  })

  it('offers SP-API paths only when the order allows the action, e-mail first for a buyer conversation', () => {
    const allowedPaths = replyPathsFromActions(['confirmDeliveryDetails', 'legalDisclosure', 'confirmOrderDetails'])
    expect(allowedPaths).toEqual(['spapi:confirmOrderDetails', 'spapi:confirmDeliveryDetails'])
    const choices = selectTemplates({ library, intent: 'where-is-my-order', buyerLanguage: 'en', allowedPaths, conversationInitiatedBy: 'buyer' })
    expect(summary(choices)).toEqual([
      '1:proactive-only:en:match:spapi:confirmOrderDetails',
      '2:shipped:en:match:email+spapi:confirmDeliveryDetails',
      '3:checking:en:match:email',
      '4:delay-apology:en:match:email',
      '5:refund:en:other:email',
    ])
  })

  it('without a buyer message, e-mail is not offered by itself', () => {
    const choices = selectTemplates({
      library,
      intent: 'where-is-my-order',
      buyerLanguage: 'ja',
      allowedPaths: ['spapi:confirmDeliveryDetails'],
      conversationInitiatedBy: 'seller',
    })
    expect(summary(choices)).toEqual(['1:shipped:ja:match:spapi:confirmDeliveryDetails'])
  })

  it('falls back to en for a language no template has, flagged', () => {
    const choices = selectTemplates({ library, intent: 'refund-status', buyerLanguage: 'pt', allowedPaths: [], conversationInitiatedBy: 'buyer' })
    expect(choices[0]).toMatchObject({ language: 'en', languageFallback: true, intentMatch: true, rank: 1 })
    expect(choices[0]?.template.id).toBe('refund')
    expect(choices.every((c) => c.languageFallback)).toBe(true)
  })

  it('returns nothing when no path is allowed', () => {
    expect(selectTemplates({ library, intent: 'other', buyerLanguage: 'en', allowedPaths: [], conversationInitiatedBy: 'seller' })).toEqual([])
  })
})
