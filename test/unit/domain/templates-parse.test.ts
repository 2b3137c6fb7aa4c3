import { describe, expect, it } from 'vitest'
import { isAppError } from '../../../src/domain/errors.ts'
import { buildTemplateLibrary, libraryProblems } from '../../../src/domain/templates/library.ts'
import { parseTemplateFile } from '../../../src/domain/templates/parse.ts'

const file = (front: string, body = '{{greeting}}\n\nYour order {{orderId}} is on its way.\n\n{{agentName}}') => `---\n${front}\n---\n${body}\n`

const GOOD_FRONT = `id: shipped
title:
  en: Shipped
  zh-CN: 已发货
intents: [where-is-my-order, delivery-delay]
paths: [email, "spapi:confirmDeliveryDetails"]
variables: [orderId, agentName]
subject: "Your order {{orderId}}"`

function parseError(run: () => unknown): { message: string; fields: string[] } {
  try {
    run()
  } catch (error) {
    if (isAppError(error, 'TEMPLATE_INVALID')) {
      const problems = (error.details?.problems ?? []) as { field: string }[]
      return { message: error.message, fields: problems.map((p) => p.field) }
    }
    throw error
  }
  throw new Error('expected TEMPLATE_INVALID')
}

describe('parseTemplateFile', () => {
  it('reads front matter and body', () => {
    const parsed = parseTemplateFile('shipped', 'en', file(GOOD_FRONT))
    expect(parsed.file).toBe('templates/shipped/en.md')
    expect(parsed.meta).toEqual({
      id: 'shipped',
      title: { en: 'Shipped', 'zh-CN': '已发货' },
      intents: ['where-is-my-order', 'delivery-delay'],
      paths: ['email', 'spapi:confirmDeliveryDetails'],
      variables: ['orderId', 'agentName'],
    })
    expect(parsed.text.subject).toBe('Your order {{orderId}}')
    expect(parsed.text.body).toBe('{{greeting}}\n\nYour order {{orderId}} is on its way.\n\n{{agentName}}')
  })

  it('accepts CRLF line endings and a byte-order mark', () => {
    const parsed = parseTemplateFile('shipped', 'de', `\uFEFF${file(GOOD_FRONT)}`.replace(/\n/g, '\r\n'))
    expect(parsed.meta.intents).toEqual(['where-is-my-order', 'delivery-delay'])
    expect(parsed.text.body.startsWith('{{greeting}}')).toBe(true)
  })

  it.each([
    ['no front matter', 'just text {{orderId}}', ['(front matter)']],
    ['invalid YAML', file('id: [unclosed'), ['(front matter)']],
    ['id differs from folder', file(GOOD_FRONT.replace('id: shipped', 'id: other')), ['id']],
    ['unknown intent', file(GOOD_FRONT.replace('delivery-delay]', 'where-is-it]')), ['intents[1]']],
    ['bad path', file(GOOD_FRONT.replace('"spapi:confirmDeliveryDetails"', '"spapi:negativeFeedbackRemoval"')), ['paths[1]']],
    ['unknown variable in list', file(GOOD_FRONT.replace('agentName]', 'agent_name]')), ['variables[1]']],
    ['missing zh-CN title', file(GOOD_FRONT.replace('  zh-CN: 已发货\n', '')), ['title.zh-CN']],
    ['unknown key', file(`${GOOD_FRONT}\nprio: 1`), ['(front matter)']],
    ['body uses an undeclared variable', file(GOOD_FRONT, '{{greeting}} {{orderId}} {{carrier}}'), ['body']],
    ['body uses an unknown placeholder', file(GOOD_FRONT, '{{greeting}} {{orderId}} {{coupon}}'), ['body']],
    ['body without order id', file(GOOD_FRONT, '{{greeting}} thanks'), ['body']],
    ['empty body', file(GOOD_FRONT, ''), ['body']],
    ['subject with undeclared variable', file(GOOD_FRONT.replace('Your order {{orderId}}', '{{carrier}}')), ['subject']],
  ])('rejects %s, naming the field', (_name, text, fields) => {
    const error = parseError(() => parseTemplateFile('shipped', 'en', text))
    expect(error.message).toContain('templates/shipped/en.md')
    for (const field of fields) expect(error.fields).toContain(field)
  })

  it('rejects a language that is not a template language', () => {
    expect(parseError(() => parseTemplateFile('shipped', 'pt', file(GOOD_FRONT))).fields).toContain('language')
  })

  it('reports every problem of a file at once', () => {
    const text = file(GOOD_FRONT.replace('id: shipped', 'id: other'), '{{greeting}} {{carrier}}')
    expect(parseError(() => parseTemplateFile('shipped', 'en', text)).fields).toEqual(['id', 'body', 'body'])
  })
})

describe('template library consistency', () => {
  const en = parseTemplateFile('shipped', 'en', file(GOOD_FRONT))
  const de = parseTemplateFile('shipped', 'de', file(GOOD_FRONT.replace('Your order', 'Ihre Bestellung')))

  it('groups languages of one template; subject may differ', () => {
    const library = buildTemplateLibrary([en, de])
    const template = library.byId.get('shipped')
    expect(Object.keys(template?.languages ?? {}).sort()).toEqual(['de', 'en'])
    expect(template?.languages.de?.subject).toBe('Ihre Bestellung {{orderId}}')
  })

  it.each([
    ['intents', GOOD_FRONT.replace('[where-is-my-order, delivery-delay]', '[delivery-delay, where-is-my-order]')],
    ['paths', GOOD_FRONT.replace(', "spapi:confirmDeliveryDetails"', '')],
    ['variables', GOOD_FRONT.replace('[orderId, agentName]', '[orderId, agentName, storeName]')],
    ['title', GOOD_FRONT.replace('en: Shipped', 'en: Sent')],
  ])('flags a language whose %s differ', (field, front) => {
    const fr = parseTemplateFile('shipped', 'fr', file(front))
    const problems = libraryProblems([en, fr])
    expect(problems).toEqual([expect.objectContaining({ file: 'templates/shipped/fr.md', field })])
    expect(() => buildTemplateLibrary([en, fr])).toThrow(/templates\/shipped\/fr\.md: .*differs/)
  })

  it('requires an en file as the fallback', () => {
    expect(libraryProblems([de])).toEqual([expect.objectContaining({ file: 'templates/shipped/en.md', field: 'language' })])
  })
})
