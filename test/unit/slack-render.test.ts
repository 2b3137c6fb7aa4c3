import { describe, expect, it } from 'vitest'
import {
  buildAccountHealthCardView,
  buildCardView,
  type CardView,
  type ConversationCardInput,
  type TemplateChoiceInput,
} from '../../src/domain/card/index.ts'
import type { UiLanguage } from '../../src/domain/vocabulary.ts'
import { renderSlackCard, SLACK_CARD_BUDGET } from '../../adapters/slack/render-card.ts'
import { blockTextLength, SLACK_LIMITS, validateSlackMessage } from '../../adapters/slack/limits.ts'
import type { MessageBlock, SlackMessage } from '../../adapters/slack/block-kit.ts'

const now = new Date('2026-03-05T05:00:00Z')
const templates: TemplateChoiceInput[] = [
  { id: 'wismo-tracking', title: { en: 'Tracking update', 'zh-CN': '物流更新' }, path: 'email', rank: 1, languageFallback: false },
  {
    id: 'delivery-confirm',
    title: { en: 'Delivery details', 'zh-CN': '配送详情' },
    path: 'spapi:confirmDeliveryDetails',
    rank: 2,
    languageFallback: false,
  },
  { id: 'generic-en', title: { en: 'General answer', 'zh-CN': '通用回复' }, path: 'email', rank: 5, languageFallback: true },
]

function input(conversation: Partial<ConversationCardInput['conversation']> = {}, overrides: Partial<ConversationCardInput> = {}): ConversationCardInput {
  return {
    now,
    templates,
    conversation: {
      id: 'conv-1',
      storeName: 'Acme EU',
      marketplace: 'DE',
      orderId: '028-1234567-1234567',
      buyerName: 'Jonas',
      productTitle: 'USB-C charger 65 W',
      language: 'de',
      intent: 'where-is-my-order',
      riskFlags: ['a-to-z'],
      riskScore: 75,
      state: 'notified',
      slaDueAt: new Date('2026-03-05T23:00:00Z'),
      assignee: null,
      escalated: null,
      acknowledged: null,
      pagedAfterHours: true,
      latestMessageText: 'Hallo, wo ist meine Bestellung? <!channel> & co',
      messageCount: 1,
      ...conversation,
    },
    lastReply: null,
    listenOnly: false,
    paused: false,
    awaitingApproval: null,
    ...overrides,
  }
}

const view = (i: ConversationCardInput, language: UiLanguage = 'en'): CardView => buildCardView(i, language, SLACK_CARD_BUDGET)
const ref = '{"c":"conv-1","k":"card-9"}'
const pt = (text: string, emoji = true) => ({ type: 'plain_text' as const, text, emoji })
const md = (text: string) => ({ type: 'mrkdwn' as const, text })
const btn = (action_id: string, text: string, style?: string) => ({
  type: 'button',
  action_id,
  text: pt(text),
  value: ref,
  ...(style ? { style } : {}),
})
const block = (message: SlackMessage, id: string): MessageBlock | undefined =>
  message.blocks.find((b) => b.block_id === id || b.block_id?.startsWith(`${id}|`))
const allText = (message: SlackMessage) => JSON.stringify(message)
/** Every mrkdwn string in the message: the only place where `<!channel>` or `<@U…>` would ping someone. */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts)
  if (typeof value !== 'object' || value === null) return []
  const object = value as Record<string, unknown>
  const own = object.type === 'mrkdwn' && typeof object.text === 'string' ? [object.text] : []
  return [...own, ...Object.values(object).flatMap(mrkdwnTexts)]
}

describe('renderSlackCard: exact Block Kit', () => {
  it('renders a conversation card paged after hours (en)', () => {
    const message = renderSlackCard(view(input()), { cardId: 'card-9' })
    expect(message).toEqual({
      text: 'Where is my order · Acme EU · 028-1234567-1234567 · Notified · 2026-03-05 23:00 UTC (due in 18 h)',
      blocks: [
        { type: 'header', block_id: 'bb.header', text: pt('🔴 🇩🇪 Where is my order · Acme EU') },
        { type: 'context', block_id: 'bb.badges', elements: [md('🚨 *A-to-z claim*   028-1234567-1234567 · Notified')] },
        {
          type: 'section',
          block_id: 'bb.fields.0',
          fields: [
            md('*Store*\nAcme EU'),
            md('*Marketplace*\nDE · Germany'),
            md('*Order*\n028-1234567-1234567'),
            md('*Buyer*\nJonas'),
            md('*Product*\nUSB-C charger 65 W'),
            md('*Language*\nGerman (de)'),
            md('*Intent*\nWhere is my order'),
            md('*State*\nNotified'),
            md('*Assignee*\nUnassigned'),
            md('*Reply due*\n<!date^1772751600^{date_short_pretty} {time}|2026-03-05 23:00 UTC> (due in 18 h)'),
          ],
        },
        { type: 'section', block_id: 'bb.fields.1', fields: [md('*SLA*\nOn track'), md('*Messages*\n1 message'), md('*Risk score*\n75')] },
        {
          type: 'section',
          block_id: 'bb.excerpt',
          text: pt('Hallo, wo ist meine Bestellung? <!channel> & co', false),
          accessory: btn('bb.view_message', 'Full message'),
        },
        {
          type: 'actions',
          block_id: `bb.templates|${ref}`,
          elements: [
            {
              type: 'static_select',
              action_id: 'bb.pick_template',
              placeholder: pt('Choose a template'),
              option_groups: [
                {
                  label: pt('Recommended'),
                  options: [
                    { text: pt('Tracking update · e-mail'), value: 'wismo-tracking' },
                    { text: pt('Delivery details · SP-API: confirm delivery details'), value: 'delivery-confirm' },
                    { text: pt('General answer · e-mail (not in buyer language)'), value: 'generic-en' },
                  ],
                },
              ],
            },
          ],
        },
        {
          type: 'actions',
          block_id: `bb.actions|${ref}`,
          elements: [
            btn('bb.edit', 'Edit reply'),
            btn('bb.send', 'Send reply', 'primary'),
            btn('bb.no_response', 'No response needed'),
            btn('bb.assign', 'Assign to me'),
            btn('bb.ack', 'Acknowledge', 'primary'),
            btn('bb.escalate', 'Escalate', 'danger'),
          ],
        },
        { type: 'context', block_id: 'bb.status', elements: [md('After hours: on-call paged, awaiting acknowledgement')] },
      ],
    })
    expect(validateSlackMessage(message)).toEqual([])
  })

  it('explains disabled actions in a context line and leaves their buttons off (zh-CN)', () => {
    const replied = input(
      { state: 'replied', riskFlags: [], riskScore: 0, pagedAfterHours: false },
      { lastReply: { path: 'email', state: 'sent', sentBy: 'Li Wei', sentAt: new Date('2026-03-05T04:30:00Z'), failureReason: null } },
    )
    const message = renderSlackCard(view(replied, 'zh-CN'), { cardId: 'card-9' })
    expect(block(message, 'bb.header')).toEqual({ type: 'header', block_id: 'bb.header', text: pt('✅ 🇩🇪 查询订单 · Acme EU') })
    expect(block(message, 'bb.templates')).toBeUndefined()
    expect(block(message, 'bb.actions')).toEqual({ type: 'actions', block_id: `bb.actions|${ref}`, elements: [btn('bb.escalate', '升级给主管', 'danger')] })
    expect(block(message, 'bb.disabled')).toEqual({
      type: 'context',
      block_id: 'bb.disabled',
      elements: [md('选择模板、编辑回复、发送回复、无需回复、分配给我不可用：已回复买家')],
    })
    expect(block(message, 'bb.status')).toEqual({
      type: 'context',
      block_id: 'bb.status',
      elements: [md('Li Wei 于 2026-03-05 04:30 UTC 通过邮件回复：已发送')],
    })
    expect(block(message, 'bb.excerpt')).toMatchObject({ accessory: btn('bb.view_message', '完整消息') })
  })

  it('asks for confirmation before re-sending after an unconfirmed delivery', () => {
    const unconfirmed = input({}, { lastReply: { path: 'email', state: 'unconfirmed', sentBy: 'Ana', sentAt: now, failureReason: null } })
    const actions = block(renderSlackCard(view(unconfirmed), { cardId: 'card-9' }), 'bb.actions')
    const send = actions?.type === 'actions' ? actions.elements.find((e) => e.action_id === 'bb.send') : undefined
    expect(send).toEqual({
      ...btn('bb.send', 'Send reply', 'primary'),
      confirm: {
        title: pt('Are you sure?'),
        text: pt('The last reply may have reached the buyer. Check Seller Central before sending again.'),
        confirm: pt('Yes, continue'),
        deny: pt('Cancel'),
      },
    })
  })

  it('renders approval cards with approve and reject and the held reply', () => {
    const approval = input(
      { riskFlags: ['legal-threat'] },
      {
        variant: 'approval',
        awaitingApproval: {
          requestedBy: 'Ana',
          requestedAt: now,
          reason: 'risk flag legal-threat',
          templateTitle: null,
          replyText: 'Dear buyer, <b>we</b> are sorry & will refund.',
        },
      },
    )
    const message = renderSlackCard(view(approval), { cardId: 'card-9' })
    expect(block(message, 'bb.actions')).toEqual({
      type: 'actions',
      block_id: `bb.actions|${ref}`,
      elements: [btn('bb.approve', 'Approve', 'primary'), btn('bb.reject', 'Reject', 'danger')],
    })
    expect(block(message, 'bb.reply')).toEqual({
      type: 'section',
      block_id: 'bb.reply',
      text: md('*Reply*\nDear buyer, &lt;b&gt;we&lt;/b&gt; are sorry &amp; will refund.'),
    })
    expect(block(message, 'bb.highlight')).toEqual({ type: 'section', block_id: 'bb.highlight', text: md('*Approval needed because*\nrisk flag legal-threat') })
    expect(block(message, 'bb.templates')).toBeUndefined()
  })

  it('renders an account-health alert with its acknowledge button', () => {
    const health = buildAccountHealthCardView(
      {
        id: 'alert-7',
        storeName: 'Acme JP',
        marketplace: 'JP',
        metric: 'lateShipmentRate',
        value: 0.052,
        previousValue: 0.021,
        target: { value: 0.04, condition: 'LESS_THAN' },
        severity: 'critical',
        observedAt: new Date('2026-03-05T01:00:00Z'),
        acknowledged: null,
      },
      'en',
    )
    const message = renderSlackCard(health, { cardId: 'card-h' })
    expect(block(message, 'bb.header')).toEqual({ type: 'header', block_id: 'bb.header', text: pt('🔴 🇯🇵 Account health · Acme JP · JP · Japan') })
    expect(block(message, 'bb.highlight')).toEqual({ type: 'section', block_id: 'bb.highlight', text: md('*What changed*\n2.10 % → 5.20 %') })
    expect(block(message, 'bb.actions')).toEqual({
      type: 'actions',
      block_id: 'bb.actions|{"c":"alert-7","k":"card-h"}',
      elements: [{ ...btn('bb.ack', 'Acknowledge', 'primary'), value: '{"c":"alert-7","k":"card-h"}' }],
    })
    expect(block(message, 'bb.excerpt')).toBeUndefined()
    expect(validateSlackMessage(message)).toEqual([])
  })
})

describe('renderSlackCard: never breaks Slack limits', () => {
  const manyTemplates: TemplateChoiceInput[] = Array.from({ length: 150 }, (_, i) => ({
    id: `template-${String(i).padStart(3, '0')}`,
    title: { en: `Template number ${i} with a fairly long descriptive title for agents`, 'zh-CN': `模板 ${i}：给客服看的较长的描述性标题，说明适用场景和注意事项` },
    path: i % 2 === 0 ? 'email' : 'spapi:confirmDeliveryDetails',
    rank: i + 1,
    languageFallback: i % 3 === 0,
  }))

  it.each<UiLanguage>(['en', 'zh-CN'])('keeps a 20,000-character message within limits with the full-message button (%s)', (language) => {
    const long = 'Ich habe meine Bestellung nicht erhalten. '.repeat(500).slice(0, 20_000)
    const message = renderSlackCard(view(input({ latestMessageText: long }), language), { cardId: 'card-9' })
    expect(validateSlackMessage(message)).toEqual([])
    const excerpt = block(message, 'bb.excerpt')
    expect(excerpt?.type === 'section' && excerpt.text?.text.length).toBeLessThanOrEqual(SLACK_CARD_BUDGET.excerptChars)
    expect(excerpt?.type === 'section' && excerpt.accessory?.action_id).toBe('bb.view_message')
    const note = block(message, 'bb.excerpt_note')
    expect(note?.type === 'context' && note.elements[0]?.text).toMatch(language === 'en' ? /^Showing \d+ of 20000 characters$/ : /^显示 \d+ \/ 20000 个字符$/)
  })

  it.each<UiLanguage>(['en', 'zh-CN'])('offers at most 100 of 150 templates, grouped, and says how many are left (%s)', (language) => {
    const message = renderSlackCard(view(input({}, { templates: manyTemplates }), language), { cardId: 'card-9' })
    expect(validateSlackMessage(message)).toEqual([])
    const select = block(message, 'bb.templates')
    const element = select?.type === 'actions' ? select.elements[0] : undefined
    if (element?.type !== 'static_select') throw new Error('no template select')
    const groups = element.option_groups ?? []
    const options = groups.flatMap((g) => g.options)
    expect(groups.map((g) => g.options.length)[0]).toBe(3)
    expect(options.length).toBeLessThanOrEqual(100)
    expect(options.length).toBeGreaterThan(40)
    expect(options.every((o) => o.text.text.length <= 75)).toBe(true)
    expect(options.map((o) => o.value).slice(0, 4)).toEqual(['template-000', 'template-001', 'template-002', 'template-003'])
    const more = block(message, 'bb.templates_more')
    const hidden = 150 - options.length
    expect(more?.type === 'context' && more.elements[0]?.text).toBe(
      language === 'en' ? `${hidden} more templates are in the web console` : `另有 ${hidden} 个模板请在网页控制台查看`,
    )
  })

  it('survives hostile input everywhere at once', () => {
    const huge = (seed: string, n: number) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n)
    const hostile = input(
      {
        id: 'conv-hostile',
        storeName: huge('<!channel> Store & Co ', 5_000),
        orderId: huge('1', 3_000),
        buyerName: huge('Name ', 4_000),
        productTitle: `${huge('👍🏽 product ', 6_000)} jane.doe+x@marketplace.amazon.de`,
        riskFlags: ['a-to-z', 'chargeback', 'legal-threat', 'review-threat', 'safety', 'counterfeit', 'damaged', 'not-received', 'repeat-contact'],
        riskScore: 100,
        assignee: huge('Agent ', 3_000),
        escalated: { by: huge('M', 4_000), at: now, reason: huge('why ', 9_000) },
        latestMessageText: huge('😀 buyer text with <@U123> & stuff ', 20_000),
      },
      {
        templates: manyTemplates.map((t) => ({ ...t, title: { en: huge('T', 500), 'zh-CN': huge('模', 500) } })),
        lastReply: { path: 'email', state: 'failed', sentBy: huge('S', 2_000), sentAt: now, failureReason: huge('because ', 8_000) },
      },
    )
    for (const language of ['en', 'zh-CN'] as const) {
      for (const variant of ['conversation', 'escalation'] as const) {
        const message = renderSlackCard(view({ ...hostile, variant }, language), { cardId: 'card-hostile' })
        expect(validateSlackMessage(message)).toEqual([])
        expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(SLACK_LIMITS.messageTextTotal)
        expect(allText(message)).not.toContain('marketplace.amazon')
        const markup = mrkdwnTexts(message).join('\n')
        expect(markup).not.toContain('<!channel>')
        expect(markup).not.toContain('<@U123>')
      }
    }
  })

  it('escapes mrkdwn control characters in store and field text', () => {
    const message = renderSlackCard(view(input({ storeName: 'A<!here>&B', assignee: '<@U999>' })), { cardId: 'card-9' })
    const fields = block(message, 'bb.fields.0')
    const texts = fields?.type === 'section' ? (fields.fields ?? []).map((f) => f.text) : []
    expect(texts).toContain('*Store*\nA&lt;!here&gt;&amp;B')
    expect(texts).toContain('*Assignee*\n&lt;@U999&gt;')
    expect(message.text).toContain('A&lt;!here&gt;&amp;B')
  })

  it('masks a buyer alias address anywhere in a field', () => {
    const message = renderSlackCard(view(input({ productTitle: 'Cable (ask abc123def@marketplace.amazon.co.uk)' })), { cardId: 'card-9' })
    expect(allText(message)).not.toContain('abc123def')
    expect(allText(message)).toContain('Cable (ask [buyer address])')
  })
})

describe('validateSlackMessage', () => {
  it('reports each broken limit with its path', () => {
    const bad: SlackMessage = {
      text: 'x',
      blocks: [
        { type: 'header', text: pt('h'.repeat(151)) },
        { type: 'actions', block_id: 'b'.repeat(256), elements: [{ type: 'button', action_id: 'a', text: pt('t'.repeat(76)), value: 'v'.repeat(2001) }] },
        { type: 'section', text: md('s'.repeat(3001)) },
        ...Array.from({ length: 48 }, (): MessageBlock => ({ type: 'divider' })),
      ],
    }
    const found = validateSlackMessage(bad).map((v) => `${v.path} ${v.what} ${v.actual}>${v.limit}`)
    expect(found).toEqual([
      'blocks blocks 51>50',
      'blocks[0].text.text header text 151>150',
      'blocks[1].block_id block_id 256>255',
      'blocks[1].elements[0].text.text button text 76>75',
      'blocks[1].elements[0].value button value 2001>2000',
      'blocks[2].text.text section text 3001>3000',
    ])
  })

  it('counts the aggregate text budget', () => {
    const sections = Array.from({ length: 5 }, (): MessageBlock => ({ type: 'section', text: md('x'.repeat(2_500)) }))
    expect(validateSlackMessage({ text: 'x', blocks: sections })).toEqual([
      { path: 'blocks[*]', what: 'total block text', actual: 12_500, limit: 12_000 },
    ])
  })
})
