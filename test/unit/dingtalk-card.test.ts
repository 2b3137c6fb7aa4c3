import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  assertCardData,
  checkCardData,
  clampBytes,
  DINGTALK_CARD_PARAMS,
  renderDingtalkCardData,
  type DingtalkActionButton,
  type DingtalkTemplateOption,
} from '../../adapters/dingtalk/index.ts'
import { isAppError } from '../../src/domain/errors.ts'
import { conversationView, healthView } from '../support/fake-dingtalk.ts'

const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

describe('renderDingtalkCardData', () => {
  it('renders a Chinese conversation card as flat string params', () => {
    const map = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'card-1', revision: '3' })
    expect(Object.keys(map).sort()).toEqual([...DINGTALK_CARD_PARAMS].sort())
    for (const value of Object.values(map)) expect(typeof value).toBe('string')
    expect(map.lang).toBe('zh-CN')
    expect(map.kind).toBe('conversation')
    expect(map.title).toBe('查询订单 · Acme US')
    expect(map.level).toBe('warning')
    expect(map.colour).toBe('orange')
    expect(map.conversationId).toBe('conv-1')
    expect(map.cardId).toBe('card-1')
    expect(map.revision).toBe('3')
    expect(map.fields.split('\n')[0]).toBe('**店铺**：Acme US')
    expect(map.fields).toContain('**订单号**：111-2223334-5556667')
    expect(JSON.parse(map.badges)).toEqual([{ text: '差评威胁', level: 'warning' }])
    expect(map.excerpt).toBe('Where is my order? I will leave a *bad* review [now](http://evil.example) unless it arrives.')
    expect(map.excerptNote).toBe('')
    const options = JSON.parse(map.templateOptions) as DingtalkTemplateOption[]
    expect(options.map((o) => o.value)).toEqual(['tpl-wismo', 'tpl-delay', 'tpl-other'])
    expect(options[0]?.text.startsWith('★ 物流查询')).toBe(true)
    expect(options.map((o) => o.recommended)).toEqual([true, true, true])
    expect(map.templatePlaceholder).toBe('选择回复模板')
    expect(map.templatePickable).toBe('true')
    const buttons = JSON.parse(map.actions) as DingtalkActionButton[]
    expect(buttons.map((b) => b.id)).toEqual(['bb.send', 'bb.no_response', 'bb.assign', 'bb.escalate'])
    expect(buttons[0]).toEqual({ id: 'bb.send', text: '发送回复', style: 'primary', disabled: false, reason: '', confirm: '' })
    expect(map.replyEditable).toBe('true')
    expect(map.replyLabel).toBe('回复买家')
    expect(map.notice).toBe('')
  })

  it('renders English text by option and escapes markdown in fields', () => {
    const map = renderDingtalkCardData(conversationView('en', { storeName: 'Acme *US* [x](y)' }), { cardId: 'card-2' })
    expect(map.lang).toBe('en')
    expect(map.templatePlaceholder).toBe('Choose a reply template')
    expect(map.replyLabel).toBe('Reply to the buyer')
    expect(map.fields.split('\n')[0]).toBe('**Store**: Acme \\*US\\* \\[x\\]\\(y\\)')
    const buttons = JSON.parse(map.actions) as DingtalkActionButton[]
    expect(buttons.map((b) => b.text)).toEqual(['Send reply', 'No response needed', 'Assign to me', 'Escalate'])
    expect(map.revision).toBe('1')
  })

  it('cuts a 20,000-character message to DingTalk’s 1 KB per value and says so', () => {
    const long = 'Bonjour, ma commande n’est jamais arrivée. '.repeat(500).slice(0, 20_000)
    expect(long.length).toBe(20_000)
    for (const language of ['zh-CN', 'en'] as const) {
      const map = renderDingtalkCardData(conversationView(language, { latestMessageText: long }), { cardId: 'card-3' })
      expect(bytes(map.excerpt)).toBeLessThanOrEqual(1024)
      expect(map.excerpt.endsWith('…')).toBe(true)
      expect(long.startsWith(map.excerpt.slice(0, -1))).toBe(true)
      expect(map.excerpt.length).toBeGreaterThan(900)
      expect(map.excerptNote).toContain('20,000')
      expect(checkCardData(map)).toEqual([])
    }
  })

  it('cuts multi-byte text by bytes, not characters', () => {
    const long = '我的订单还没有到，请尽快处理。'.repeat(2000)
    const map = renderDingtalkCardData(conversationView('zh-CN', { latestMessageText: long }), { cardId: 'card-4' })
    expect(bytes(map.excerpt)).toBeLessThanOrEqual(1024)
    expect(bytes(map.excerpt)).toBeGreaterThan(900)
    expect(map.excerptNote).toBe(`消息较长，仅显示前 ${map.excerpt.length - 1} 字（共 30,000 字），完整内容请在网页控制台查看`)
  })

  it('keeps a reply draft editable only while it fits in one value', () => {
    const short = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'c', replyDraft: 'Hi Anna, it ships today.', selectedTemplateId: 'tpl-wismo' })
    expect(short.replyDraft).toBe('Hi Anna, it ships today.')
    expect(short.selectedTemplateId).toBe('tpl-wismo')
    expect(short.replyEditable).toBe('true')
    const long = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'c', replyDraft: 'x'.repeat(1500), consoleEditUrl: 'https://bb.example/console/c?sig=1' })
    expect(long.replyDraft).toBe('')
    expect(long.replyEditable).toBe('false')
    expect(long.replyNote).toBe('回复过长，无法在钉钉中编辑，请在网页控制台中编辑。 https://bb.example/console/c?sig=1')
  })

  it('greys out reply actions with the reason for a listen-only store', () => {
    const map = renderDingtalkCardData(conversationView('en', {}, { listenOnly: true }), { cardId: 'c' })
    expect(map.templatePickable).toBe('false')
    expect(map.replyEditable).toBe('false')
    expect(map.replyNote).toBe('Listen-only store: replies are sent from Seller Central')
    const send = (JSON.parse(map.actions) as DingtalkActionButton[]).find((b) => b.id === 'bb.send')
    expect(send).toMatchObject({ disabled: true, reason: 'Listen-only store: replies are sent from Seller Central' })
  })

  it('renders an account-health alert with an Acknowledge button', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const map = renderDingtalkCardData(healthView(language), { cardId: 'health-1' })
      expect(map.kind).toBe('account-health')
      expect(map.level).toBe('critical')
      expect(map.highlightText).toContain('0.60 % → 1.30 %')
      expect((JSON.parse(map.actions) as DingtalkActionButton[]).map((b) => b.id)).toEqual(['bb.ack'])
      expect(map.templateOptions).toBe('[]')
      expect(map.excerpt).toBe('')
    }
  })

  it('drops templates from the end of the list rather than exceed 1 KB', () => {
    const templates = Array.from({ length: 40 }, (_, i) => ({
      id: `tpl-${String(i).padStart(2, '0')}`,
      title: { en: `Template number ${i} with a long descriptive title`, 'zh-CN': `第 ${i} 号模板，标题较长，用于测试` },
      path: 'email' as const,
      rank: i + 1,
      languageFallback: false,
    }))
    const map = renderDingtalkCardData(conversationView('zh-CN', {}, { templates }), { cardId: 'c' })
    const options = JSON.parse(map.templateOptions) as DingtalkTemplateOption[]
    expect(bytes(map.templateOptions)).toBeLessThanOrEqual(1024)
    expect(options.length).toBeGreaterThan(3)
    expect(options.length).toBeLessThan(40)
    expect(options[0]?.value).toBe('tpl-00')
  })

  it('shrinks the whole map to a smaller total budget', () => {
    const view = conversationView('zh-CN', { latestMessageText: '货物破损'.repeat(3000) })
    const map = renderDingtalkCardData(view, { cardId: 'c', limits: { totalMaxBytes: 4000 } })
    expect(Buffer.byteLength(JSON.stringify(map))).toBeLessThanOrEqual(4000)
    expect(() => renderDingtalkCardData(view, { cardId: 'c', limits: { totalMaxBytes: 500 } })).toThrow(/does not fit/)
  })

  it('declares exactly the rendered params in the shipped card template', () => {
    const template = JSON.parse(readFileSync(new URL('../../docs/dingtalk-card-template.json', import.meta.url), 'utf8')) as {
      variables: { name: string; type: string }[]
      actions: { id: string }[]
    }
    expect(template.variables.map((v) => v.name).sort()).toEqual([...DINGTALK_CARD_PARAMS].sort())
    expect(template.actions.map((a) => a.id).sort()).toEqual(
      ['bb.ack', 'bb.approve', 'bb.assign', 'bb.edit', 'bb.escalate', 'bb.no_response', 'bb.pick_template', 'bb.reject', 'bb.send'].sort(),
    )
  })
})

describe('card data validator', () => {
  it('reports non-string values, long keys, long values and a large total', () => {
    const problems = checkCardData({ ok: 'x', n: 1 as unknown as string, ['k'.repeat(101)]: 'v', big: 'é'.repeat(600) }, { keyMaxBytes: 100, valueMaxBytes: 1024, totalMaxBytes: 1300 })
    expect(problems.map((p) => p.problem).sort()).toEqual(['key-too-long', 'not-a-string', 'total-too-large', 'value-too-long'])
    try {
      assertCardData({ big: 'x'.repeat(2000) })
      expect.unreachable()
    } catch (error) {
      expect(isAppError(error, 'DINGTALK_CARD_TOO_LARGE')).toBe(true)
    }
  })

  it('clamps by UTF-8 bytes at a character boundary', () => {
    const cut = clampBytes('😀'.repeat(100), 50)
    expect(bytes(cut)).toBeLessThanOrEqual(50)
    expect(cut.endsWith('…')).toBe(true)
    expect(cut.replace('…', '')).toMatch(/^(😀)+$/u)
    expect(clampBytes('short', 50)).toBe('short')
  })
})
