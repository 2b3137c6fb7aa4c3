import { describe, expect, it } from 'vitest'
import {
  assertFeishuCardSize,
  FEISHU_CARD_MAX_BYTES,
  feishuCardSize,
  renderFeishuCard,
  type FeishuCard,
} from '../../adapters/feishu/index.ts'
import { ACTION_LABELS } from '../../src/domain/card/index.ts'
import type { CardActionView, CardView, TemplateChoiceView } from '../../src/domain/card/index.ts'
import type { CardAction, UiLanguage } from '../../src/domain/vocabulary.ts'

function action(id: CardAction, language: UiLanguage, extra: Partial<CardActionView> = {}): CardActionView {
  return { id, label: ACTION_LABELS[id][language], style: 'default', disabled: false, disabledReason: null, confirm: null, ...extra }
}

const callback = (act: CardAction, conversationId = 'conv-1', cardId = 'card-1') => [
  { type: 'callback', value: { action: act, conversationId, cardId } },
]

const chineseView: CardView = {
  kind: 'conversation',
  subjectId: 'conv-1',
  uiLanguage: 'zh-CN',
  header: { title: '查询订单 · Acme 美国站', subtitle: '111-2223334-5556667 · 已通知', level: 'warning', colour: 'orange' },
  highlight: null,
  fields: [
    { key: 'store', label: '店铺', value: 'Acme US' },
    { key: 'slaStatus', label: 'SLA 状态', value: '即将超时', emphasis: 'warning' },
  ],
  badges: [{ flag: 'review-threat', label: '差评威胁', level: 'warning' }],
  excerpt: { text: 'Where is my order? *urgent*', truncated: false, originalLength: 27 },
  templates: {
    recommended: [{ id: 'tpl-wismo', label: '物流查询 · 邮件', path: 'email', rank: 1, languageFallback: false }],
    other: [{ id: 'tpl-delay', label: '配送延迟 · 邮件', path: 'email', rank: 4, languageFallback: false }],
  },
  actions: [
    action('bb.pick_template', 'zh-CN'),
    action('bb.edit', 'zh-CN'),
    action('bb.send', 'zh-CN', { style: 'primary' }),
    action('bb.no_response', 'zh-CN'),
    action('bb.assign', 'zh-CN'),
    action('bb.escalate', 'zh-CN', { style: 'danger' }),
  ],
  status: ['已分配给 Li Lei'],
  fallbackText: '查询订单 · Acme 美国站 · 111-2223334-5556667 · 已通知',
}

const englishEscalation: CardView = {
  kind: 'escalation',
  subjectId: 'conv-2',
  uiLanguage: 'en',
  header: { title: 'Escalated: Not received · Acme EU', subtitle: null, level: 'critical', colour: 'red' },
  highlight: { label: 'Escalation reason', text: 'Buyer threatens an A-to-z [claim]' },
  fields: [{ key: 'order', label: 'Order', value: '302_555*1' }],
  badges: [],
  excerpt: { text: 'I never got it…', truncated: true, originalLength: 5000 },
  templates: { recommended: [], other: [] },
  actions: [
    action('bb.pick_template', 'en', { disabled: true, disabledReason: 'A reply is being sent' }),
    action('bb.edit', 'en', { disabled: true, disabledReason: 'A reply is being sent' }),
    action('bb.send', 'en', { style: 'primary', disabled: true, disabledReason: 'A reply is being sent', confirm: 'Check Seller Central first.' }),
    action('bb.ack', 'en', { style: 'primary' }),
  ],
  status: ['Escalated by Ann at 2026-11-22 10:00', 'Reply by e-mail: sending'],
  fallbackText: 'Escalated: Not received · Acme EU',
}

describe('renderFeishuCard', () => {
  it('renders a Chinese conversation card as exact card JSON 2.0', () => {
    const card = renderFeishuCard(chineseView, { cardId: 'card-1', replyDraft: 'Hi Anna,\nyour order ships today.' })
    expect(card).toEqual({
      schema: '2.0',
      config: { update_multi: true, summary: { content: '查询订单 · Acme 美国站 · 111-2223334-5556667 · 已通知' } },
      header: {
        title: { tag: 'plain_text', content: '查询订单 · Acme 美国站' },
        subtitle: { tag: 'plain_text', content: '111-2223334-5556667 · 已通知' },
        template: 'orange',
        text_tag_list: [{ tag: 'text_tag', text: { tag: 'plain_text', content: '差评威胁' }, color: 'orange' }],
      },
      body: {
        elements: [
          { tag: 'markdown', content: "**店铺**：Acme US\n**SLA 状态**：<font color='orange'>即将超时</font>" },
          { tag: 'markdown', content: "**风险标记**：<font color='orange'>差评威胁</font>" },
          { tag: 'markdown', content: '**买家消息**' },
          { tag: 'div', text: { tag: 'plain_text', content: 'Where is my order? *urgent*' } },
          { tag: 'div', text: { tag: 'plain_text', content: '已分配给 Li Lei', text_color: 'grey' } },
          {
            tag: 'select_static',
            placeholder: { tag: 'plain_text', content: '选择回复模板' },
            options: [
              { text: { tag: 'plain_text', content: '★ 物流查询 · 邮件' }, value: 'tpl-wismo' },
              { text: { tag: 'plain_text', content: '配送延迟 · 邮件' }, value: 'tpl-delay' },
            ],
            behaviors: callback('bb.pick_template'),
          },
          {
            tag: 'form',
            name: 'bb_reply_form',
            elements: [
              {
                tag: 'input',
                name: 'reply_text',
                input_type: 'multiline_text',
                rows: 6,
                max_length: 1000,
                label: { tag: 'plain_text', content: '回复买家' },
                placeholder: { tag: 'plain_text', content: '请先选择模板，然后在此修改回复' },
                default_value: 'Hi Anna,\nyour order ships today.',
              },
              {
                tag: 'button',
                name: 'bb_reply_submit',
                text: { tag: 'plain_text', content: '编辑回复' },
                type: 'primary',
                form_action_type: 'submit',
                behaviors: callback('bb.edit'),
              },
            ],
          },
          {
            tag: 'column_set',
            flex_mode: 'flow',
            horizontal_spacing: 'small',
            columns: [
              ['发送回复', 'primary', 'bb.send'],
              ['无需回复', 'default', 'bb.no_response'],
              ['分配给我', 'default', 'bb.assign'],
              ['升级给主管', 'danger', 'bb.escalate'],
            ].map(([label, type, act]) => ({
              tag: 'column',
              width: 'auto',
              elements: [{ tag: 'button', text: { tag: 'plain_text', content: label }, type, behaviors: callback(act as CardAction) }],
            })),
          },
        ],
      },
    })
  })

  it('renders an English escalation card: highlight, escaped markdown, disabled reply actions, confirm', () => {
    const card = renderFeishuCard(englishEscalation, { cardId: 'card-2' })
    expect(card).toEqual({
      schema: '2.0',
      config: { update_multi: true, summary: { content: 'Escalated: Not received · Acme EU' } },
      header: { title: { tag: 'plain_text', content: 'Escalated: Not received · Acme EU' }, template: 'red' },
      body: {
        elements: [
          { tag: 'markdown', content: '**Escalation reason**\nBuyer threatens an A-to-z &#91;claim&#93;' },
          { tag: 'markdown', content: '**Order**: 302&#95;555&#42;1' },
          { tag: 'markdown', content: '**Buyer message**' },
          { tag: 'div', text: { tag: 'plain_text', content: 'I never got it…' } },
          {
            tag: 'div',
            text: { tag: 'plain_text', content: '(shortened; the full message has 5000 characters, see the web console)', text_color: 'grey' },
          },
          { tag: 'div', text: { tag: 'plain_text', content: 'Escalated by Ann at 2026-11-22 10:00\nReply by e-mail: sending', text_color: 'grey' } },
          {
            tag: 'column_set',
            flex_mode: 'flow',
            horizontal_spacing: 'small',
            columns: [
              {
                tag: 'column',
                width: 'auto',
                elements: [
                  {
                    tag: 'button',
                    text: { tag: 'plain_text', content: 'Send reply' },
                    type: 'primary',
                    disabled: true,
                    disabled_tips: { tag: 'plain_text', content: 'A reply is being sent' },
                    confirm: { title: { tag: 'plain_text', content: 'Send reply' }, text: { tag: 'plain_text', content: 'Check Seller Central first.' } },
                    behaviors: callback('bb.send', 'conv-2', 'card-2'),
                  },
                ],
              },
              {
                tag: 'column',
                width: 'auto',
                elements: [
                  { tag: 'button', text: { tag: 'plain_text', content: 'Acknowledge' }, type: 'primary', behaviors: callback('bb.ack', 'conv-2', 'card-2') },
                ],
              },
            ],
          },
        ],
      },
    })
  })

  it('says a reply over 1000 characters must be edited in the console, with the signed link when given', () => {
    const draft = 'Dear buyer, '.repeat(90)
    expect(draft.length).toBeGreaterThan(1000)
    const withLink = renderFeishuCard(chineseView, { cardId: 'card-1', replyDraft: draft, consoleEditUrl: 'https://bb.example/console/c/conv-1?sig=abc' })
    const elements = withLink.body.elements
    expect(elements.some((element) => element.tag === 'form')).toBe(false)
    expect(elements).toContainEqual({
      tag: 'div',
      text: { tag: 'plain_text', content: `此回复共 ${draft.length} 字，超过飞书卡片输入框 1000 字的上限，请在网页控制台编辑。`, text_color: 'grey' },
    })
    expect(elements).toContainEqual({
      tag: 'button',
      text: { tag: 'plain_text', content: '在网页控制台编辑' },
      type: 'primary',
      behaviors: [{ type: 'open_url', default_url: 'https://bb.example/console/c/conv-1?sig=abc' }],
    })

    const pending = renderFeishuCard({ ...chineseView, uiLanguage: 'en' }, { cardId: 'card-1', replyDraft: draft })
    expect(pending.body.elements).toContainEqual({
      tag: 'button',
      text: { tag: 'plain_text', content: 'Edit in the web console' },
      type: 'primary',
      disabled: true,
      disabled_tips: { tag: 'plain_text', content: 'The console link is being prepared' },
      behaviors: [],
    })
  })

  it('keeps a 1000-character reply editable in the card form', () => {
    const draft = 'x'.repeat(1000)
    const card = renderFeishuCard(chineseView, { cardId: 'card-1', replyDraft: draft })
    const form = card.body.elements.find((element) => element.tag === 'form')
    expect(form).toMatchObject({ elements: [{ tag: 'input', max_length: 1000, default_value: draft }, { form_action_type: 'submit' }] })
  })

  it('shortens a 20,000-character message to fit 30 KB and says so', () => {
    const message = '我的包裹在哪里？'.repeat(2500)
    expect(message.length).toBe(20_000)
    const card = renderFeishuCard({ ...chineseView, excerpt: { text: message, truncated: false, originalLength: 20_000 } }, { cardId: 'card-1' })
    const size = feishuCardSize(card)
    expect(size.ok).toBe(true)
    expect(size.bytes).toBeLessThanOrEqual(FEISHU_CARD_MAX_BYTES)
    const excerpt = card.body.elements[3]
    expect(excerpt).toMatchObject({ tag: 'div' })
    const text = (excerpt as { text: { content: string } }).text.content
    expect(text.length).toBeLessThan(20_000)
    expect(text.endsWith('…')).toBe(true)
    expect(message.startsWith(text.slice(0, -1))).toBe(true)
    expect(card.body.elements[4]).toEqual({
      tag: 'div',
      text: { tag: 'plain_text', content: '（内容较长已截断，原文共 20000 字，请在网页控制台查看）', text_color: 'grey' },
    })
    // Everything else is still there, unchanged.
    expect(card.body.elements[0]).toEqual(renderFeishuCard(chineseView, { cardId: 'card-1' }).body.elements[0])
  })

  it('lists fewer templates when hundreds would not fit, recommended first, and counts the rest', () => {
    const template = (i: number): TemplateChoiceView => ({
      id: `tpl-${i}`,
      label: `模板 ${i} · 这是一个很长的模板标题用于测试卡片大小限制 · 邮件`,
      path: 'email',
      rank: i,
      languageFallback: false,
    })
    const templates = Array.from({ length: 400 }, (_, i) => template(i + 1))
    const view = { ...chineseView, templates: { recommended: templates.slice(0, 3), other: templates.slice(3) } }
    const card = renderFeishuCard(view, { cardId: 'card-1' })
    expect(feishuCardSize(card).ok).toBe(true)
    const picker = card.body.elements.find((element) => element.tag === 'select_static')
    if (picker?.tag !== 'select_static') throw new Error('no picker')
    expect(picker.options.slice(0, 3).map((option) => option.value)).toEqual(['tpl-1', 'tpl-2', 'tpl-3'])
    expect(picker.options.length).toBeLessThan(400)
    const shown = picker.options.length
    expect(card.body.elements).toContainEqual({
      tag: 'div',
      text: { tag: 'plain_text', content: `另有 ${400 - shown} 个模板未列出，请在网页控制台查看`, text_color: 'grey' },
    })
  })

  it('stays under 30 KB whatever the input', () => {
    const huge = '長'.repeat(50_000)
    const view: CardView = {
      ...chineseView,
      header: { ...chineseView.header, title: huge, subtitle: huge },
      highlight: { label: huge, text: huge },
      fields: chineseView.fields.map((field) => ({ ...field, value: huge })),
      excerpt: { text: huge, truncated: false, originalLength: huge.length },
      status: Array.from({ length: 200 }, () => huge.slice(0, 5000)),
      fallbackText: huge,
    }
    const card = renderFeishuCard(view, { cardId: 'card-1', replyDraft: 'x'.repeat(999) })
    expect(feishuCardSize(card).ok).toBe(true)
    expect(card.body.elements.find((element) => element.tag === 'form')).toMatchObject({ elements: [{ default_value: 'x'.repeat(999) }, {}] })
  })

  it('puts the conversation and card ids in every callback', () => {
    const card = renderFeishuCard(chineseView, { cardId: 'card-77', conversationId: 'conv-override' })
    const values = JSON.stringify(card).match(/"value":\{"action":"bb\.[a-z_]+","conversationId":"conv-override","cardId":"card-77"\}/g)
    expect(values).toHaveLength(6)
  })
})

describe('the Feishu card size validator', () => {
  const cardOf = (text: string): FeishuCard => ({
    schema: '2.0',
    config: { update_multi: true, summary: { content: '' } },
    header: { title: { tag: 'plain_text', content: '' }, template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: text }] },
  })

  it('counts UTF-8 bytes of the JSON and refuses cards over 30 KB', () => {
    const empty = feishuCardSize(cardOf('')).bytes
    expect(feishuCardSize(cardOf('é')).bytes).toBe(empty + 2)
    expect(feishuCardSize(cardOf('中')).bytes).toBe(empty + 3)
    const fits = cardOf('a'.repeat(FEISHU_CARD_MAX_BYTES - empty))
    expect(feishuCardSize(fits)).toEqual({ bytes: 30 * 1024, limit: 30 * 1024, ok: true })
    expect(() => assertFeishuCardSize(fits)).not.toThrow()
    const over = cardOf('a'.repeat(FEISHU_CARD_MAX_BYTES - empty + 1))
    expect(feishuCardSize(over).ok).toBe(false)
    expect(() => assertFeishuCardSize(over)).toThrow(expect.objectContaining({ code: 'FEISHU_CARD_TOO_LARGE' }))
  })
})
