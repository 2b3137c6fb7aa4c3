import { describe, expect, it } from 'vitest'
import { isAppError } from '../../../src/domain/errors.ts'
import { render } from '../../../src/domain/templates/render.ts'
import type { Template } from '../../../src/domain/templates/template.ts'
import { addressName, buildTemplateVariables, formattingLocale, greeting, storefrontName } from '../../../src/domain/templates/variables.ts'

const template: Template = {
  id: 'shipped',
  title: { en: 'Shipped', 'zh-CN': '已发货' },
  intents: ['where-is-my-order'],
  paths: ['email'],
  variables: ['orderId', 'carrier', 'agentName'],
  languages: {
    en: { subject: 'Your order {{orderId}}', body: '{{greeting}}\n\nOrder {{ orderId }} left with {{carrier}}.\n\n{{agentName}}' },
    de: { subject: null, body: '{{greeting}}\n\nBestellung {{orderId}} ist mit {{carrier}} unterwegs.\n\n{{agentName}}' },
  },
}

function errorOf(run: () => unknown): { code: string; variable: unknown } {
  try {
    run()
  } catch (error) {
    if (isAppError(error)) return { code: error.code, variable: error.details?.variable }
    throw error
  }
  throw new Error('expected an AppError')
}

describe('render', () => {
  const full = { greeting: 'Hello Anna,', orderId: '113-4829301-5582947', carrier: 'UPS', agentName: 'Mei' }

  it('fills every placeholder, inner spaces allowed, subject too', () => {
    expect(render(template, 'en', full)).toEqual({
      templateId: 'shipped',
      lang: 'en',
      subject: 'Your order 113-4829301-5582947',
      body: 'Hello Anna,\n\nOrder 113-4829301-5582947 left with UPS.\n\nMei',
    })
    expect(render(template, 'de', full).subject).toBeNull()
  })

  it('inserts values verbatim without re-reading placeholders inside them', () => {
    expect(render(template, 'en', { ...full, carrier: '{{agentName}} & $1' }).body).toContain('left with {{agentName}} & $1.')
  })

  it.each([
    ['missing', { ...full, carrier: undefined }, 'carrier'],
    ['null', { ...full, agentName: null }, 'agentName'],
    ['empty', { ...full, orderId: '' }, 'orderId'],
    ['blank', { ...full, greeting: '   ' }, 'greeting'],
  ])('a %s variable is TEMPLATE_VARIABLE_MISSING naming it', (_name, variables, variable) => {
    expect(errorOf(() => render(template, 'en', variables))).toEqual({ code: 'TEMPLATE_VARIABLE_MISSING', variable })
  })

  it('an unknown placeholder is an error, not an empty string', () => {
    const broken: Template = { ...template, languages: { en: { subject: null, body: 'Hi {{couponCode}} {{orderId}}' } } }
    expect(errorOf(() => render(broken, 'en', full))).toEqual({ code: 'TEMPLATE_UNKNOWN_VARIABLE', variable: 'couponCode' })
  })

  it('a language the template lacks is TEMPLATE_LANGUAGE_MISSING', () => {
    expect(errorOf(() => render(template, 'ja', full)).code).toBe('TEMPLATE_LANGUAGE_MISSING')
  })
})

describe('greeting and names', () => {
  it.each([
    ['en', 'Anna', 'Hello Anna,'],
    ['en', null, 'Hello,'],
    ['de', 'Jonas', 'Guten Tag Jonas,'],
    ['de', null, 'Guten Tag,'],
    ['fr', 'Camille', 'Bonjour Camille,'],
    ['fr', null, 'Bonjour,'],
    ['it', 'Giulia', 'Buongiorno Giulia,'],
    ['it', null, 'Buongiorno,'],
    ['es', 'Lucía', 'Hola, Lucía:'],
    ['es', null, 'Hola:'],
    ['ja', '山田 太郎', '山田 太郎 様'],
    ['ja', 'Anna', 'Anna 様'],
    ['ja', null, 'お客様'],
  ] as const)('%s with %s → %s', (language, name, expected) => {
    expect(greeting(language, name)).toBe(expected)
  })

  it.each([
    ['Anna Müller', 'Anna'],
    ['  anna   maria  schmidt ', 'anna'],
    ['山田 太郎', '山田 太郎'],
    ['', null],
    [null, null],
  ])('addresses %j as %j', (full, expected) => {
    expect(addressName(full)).toBe(expected)
  })
})

describe('buildTemplateVariables', () => {
  const delivery = new Date('2026-11-26T10:00:00Z')

  it.each([
    ['en', 'US', null, 'November 26, 2026'],
    ['en', 'UK', null, '26 November 2026'],
    ['en', 'DE', 'en-GB', '26 November 2026'],
    ['de', 'DE', 'de-DE', '26. November 2026'],
    ['de', 'DE', 'fr-FR', '26. November 2026'],
    ['fr', 'FR', null, '26 novembre 2026'],
    ['it', 'IT', null, '26 novembre 2026'],
    ['es', 'ES', null, '26 de noviembre de 2026'],
    ['es', 'MX', 'es-MX', '26 de noviembre de 2026'],
    ['ja', 'JP', 'ja-JP', '2026年11月26日'],
  ] as const)('%s on %s (buyer locale %s) formats the delivery date as %s', (language, marketplace, buyerLocale, expected) => {
    expect(buildTemplateVariables({ language, marketplace, buyerLocale, deliveryDate: delivery }).deliveryDate).toBe(expected)
  })

  it('formats in the given time zone', () => {
    const lateEvening = new Date('2026-11-26T23:30:00Z')
    expect(buildTemplateVariables({ language: 'ja', marketplace: 'JP', shipDate: lateEvening, timeZone: 'Asia/Tokyo' }).shipDate).toBe('2026年11月27日')
    expect(buildTemplateVariables({ language: 'en', marketplace: 'US', shipDate: lateEvening, timeZone: 'America/Los_Angeles' }).shipDate).toBe('November 26, 2026')
  })

  it('computes greeting, first name and storefront, and leaves out what is unknown', () => {
    const variables = buildTemplateVariables({
      language: 'de',
      marketplace: 'DE',
      buyerName: 'Jonas Becker',
      orderId: ' 302-7719264-1038455 ',
      carrier: '',
      trackingNumber: null,
      storeName: 'Lumora',
    })
    expect(variables).toEqual({
      greeting: 'Guten Tag Jonas,',
      buyerName: 'Jonas',
      orderId: '302-7719264-1038455',
      marketplace: 'Amazon.de',
      storeName: 'Lumora',
    })
  })

  it('greets without a name when none is known', () => {
    expect(buildTemplateVariables({ language: 'en', marketplace: 'US', buyerName: null }).greeting).toBe('Hello,')
  })

  it('names storefronts and picks locales', () => {
    expect(storefrontName('JP')).toBe('Amazon.co.jp')
    expect(storefrontName('gb')).toBe('Amazon.co.uk')
    expect(storefrontName('XX')).toBeNull()
    expect(formattingLocale('es', null, 'MX')).toBe('es-MX')
    expect(formattingLocale('en', null, 'DE')).toBe('en-US')
    expect(formattingLocale('fr', 'fr_CA', 'CA')).toBe('fr-CA')
  })
})
