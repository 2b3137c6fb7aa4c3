import { describe, expect, it } from 'vitest'
import {
  buildCardView,
  type CardView,
  type ConversationCardInput,
  type TemplateChoiceInput,
} from '../../../src/domain/card/index.ts'
import { isAppError } from '../../../src/domain/errors.ts'
import type { UiLanguage } from '../../../src/domain/vocabulary.ts'

const now = new Date('2026-03-05T05:00:00Z')

const templates: TemplateChoiceInput[] = [
  { id: 'wismo-tracking', title: { en: 'Tracking update', 'zh-CN': '物流更新' }, path: 'email', rank: 1, languageFallback: false },
  { id: 'delay-apology', title: { en: 'Delay apology', 'zh-CN': '延迟致歉' }, path: 'email', rank: 3, languageFallback: false },
  {
    id: 'delivery-confirm',
    title: { en: 'Delivery details', 'zh-CN': '配送详情' },
    path: 'spapi:confirmDeliveryDetails',
    rank: 2,
    languageFallback: false,
  },
  { id: 'generic-en', title: { en: 'General answer', 'zh-CN': '通用回复' }, path: 'email', rank: 5, languageFallback: true },
  { id: 'refund-info', title: { en: 'Refund info', 'zh-CN': '退款说明' }, path: 'email', rank: 4, languageFallback: false },
]

function input(overrides: Partial<ConversationCardInput> = {}, conversation: Partial<ConversationCardInput['conversation']> = {}): ConversationCardInput {
  return {
    now,
    conversation: {
      id: 'conv-1',
      storeName: 'Acme EU',
      marketplace: 'DE',
      orderId: '028-1234567-1234567',
      buyerName: 'Jonas',
      productTitle: 'USB-C charger 65 W',
      language: 'de',
      intent: 'where-is-my-order',
      riskFlags: [],
      riskScore: 5,
      state: 'notified',
      slaDueAt: new Date('2026-03-05T23:00:00Z'),
      assignee: null,
      escalated: null,
      acknowledged: null,
      pagedAfterHours: false,
      latestMessageText: 'Hallo, wo ist meine Bestellung?',
      messageCount: 1,
      ...conversation,
    },
    templates,
    lastReply: null,
    listenOnly: false,
    paused: false,
    awaitingApproval: null,
    ...overrides,
  }
}

const budget = { excerptChars: 500 }
const field = (view: CardView, key: string) => view.fields.find((f) => f.key === key)
const action = (view: CardView, id: string) => view.actions.find((a) => a.id === id)
const actionIds = (view: CardView) => view.actions.map((a) => a.id)

describe('conversation card: header, fields, badges', () => {
  it.each<[UiLanguage, Record<string, string>]>([
    [
      'en',
      {
        title: 'Where is my order · Acme EU',
        marketplace: 'DE · Germany',
        language: 'German (de)',
        intent: 'Where is my order',
        state: 'Notified',
        assignee: 'Unassigned',
        slaDue: '2026-03-05 23:00 UTC (due in 18 h)',
        slaStatus: 'On track',
        messages: '1 message',
      },
    ],
    [
      'zh-CN',
      {
        title: '查询订单 · Acme EU',
        marketplace: 'DE · 德国',
        language: '德语 (de)',
        intent: '查询订单',
        state: '已通知',
        assignee: '未分配',
        slaDue: '2026-03-05 23:00 UTC (剩余 18小时)',
        slaStatus: '正常',
        messages: '1 条消息',
      },
    ],
  ])('a plain %s card', (language, expected) => {
    const view = buildCardView(input(), language, budget)
    expect(view.kind).toBe('conversation')
    expect(view.subjectId).toBe('conv-1')
    expect(view.header).toEqual({ title: expected.title, subtitle: expect.stringContaining('028-1234567-1234567'), level: 'normal', colour: 'blue' })
    for (const key of ['marketplace', 'language', 'intent', 'state', 'assignee', 'slaDue', 'slaStatus', 'messages']) {
      expect(field(view, key)?.value, key).toBe(expected[key])
    }
    expect(field(view, 'order')?.value).toBe('028-1234567-1234567')
    expect(field(view, 'product')?.value).toBe('USB-C charger 65 W')
    expect(field(view, 'slaDue')?.at).toEqual(new Date('2026-03-05T23:00:00Z'))
    expect(view.badges).toEqual([])
    expect(view.excerpt).toEqual({ text: 'Hallo, wo ist meine Bestellung?', truncated: false, originalLength: 31 })
    expect(view.fallbackText).toContain(expected.title)
  })

  it.each([
    ['an A-to-z claim', ['a-to-z'], 30, 'critical', 'red'],
    ['a legal threat', ['legal-threat', 'repeat-contact'], 20, 'critical', 'red'],
    ['a repeat contact', ['repeat-contact'], 20, 'warning', 'orange'],
    ['a high score without flags', [], 75, 'critical', 'red'],
    ['a medium score without flags', [], 45, 'warning', 'orange'],
    ['nothing risky', [], 10, 'normal', 'blue'],
  ] as const)('colours %s as %s', (_name, riskFlags, riskScore, level, colour) => {
    const view = buildCardView(input({}, { riskFlags, riskScore }), 'en', budget)
    expect(view.header.level).toBe(level)
    expect(view.header.colour).toBe(colour)
  })

  it.each([
    ['en', ['A-to-z claim', 'Damaged'], ['critical', 'warning']],
    ['zh-CN', ['A-to-z 索赔', '商品损坏'], ['critical', 'warning']],
  ] as const)('labels risk badges in %s', (language, labels, levels) => {
    const view = buildCardView(input({}, { riskFlags: ['a-to-z', 'damaged', 'a-to-z'], riskScore: 80 }), language, budget)
    expect(view.badges.map((b) => b.label)).toEqual(labels)
    expect(view.badges.map((b) => b.level)).toEqual(levels)
  })

  it.each([
    ['replied', 'green', 'Replied'],
    ['no-response-needed', 'grey', 'No response needed'],
  ] as const)('a %s conversation is resolved (%s) and has no reply deadline', (state, colour, label) => {
    const view = buildCardView(input({}, { state, slaDueAt: null, riskFlags: ['chargeback'], riskScore: 90 }), 'en', budget)
    expect(view.header).toMatchObject({ level: 'resolved', colour })
    expect(field(view, 'state')?.value).toBe(label)
    expect(field(view, 'slaDue')?.value).toBe('No reply due')
    expect(field(view, 'slaStatus')).toBeUndefined()
  })

  it.each([
    ['due soon', new Date('2026-03-05T08:30:00Z'), 'en', '2026-03-05 16:30 UTC+08:00 (due in 3 h 30 min)', 'Due soon', 'warning'],
    ['breached', new Date('2026-03-05T02:45:00Z'), 'en', '2026-03-05 10:45 UTC+08:00 (overdue by 2 h 15 min)', 'Overdue', 'critical'],
    ['breached', new Date('2026-03-05T02:45:00Z'), 'zh-CN', '2026-03-05 10:45 UTC+08:00 (已超时 2小时15分钟)', '已超时', 'critical'],
  ] as const)('shows an SLA that is %s in the team time zone (%s)', (_name, due, language, value, status, emphasis) => {
    const view = buildCardView(input({ displayTimeZone: 'Asia/Shanghai' }, { slaDueAt: due }), language, budget)
    expect(field(view, 'slaDue')).toMatchObject({ value, at: due, emphasis })
    expect(field(view, 'slaStatus')).toMatchObject({ value: status, emphasis })
  })

  it('never shows an e-mail address as the buyer name nor an alias address in the excerpt', () => {
    const view = buildCardView(
      input({}, { buyerName: 'x7k2@marketplace.amazon.de', latestMessageText: 'Write to me at x7k2@marketplace.amazon.de please' }),
      'en',
      budget,
    )
    expect(field(view, 'buyer')?.value).toBe('Buyer')
    expect(view.excerpt?.text).toBe('Write to me at [buyer address] please')
    expect(JSON.stringify(view)).not.toContain('marketplace.amazon')
  })
})

describe('conversation card: templates', () => {
  it('groups templates into the three best ranks and the rest, with path and fallback marks', () => {
    const view = buildCardView(input(), 'en', budget)
    expect(view.templates.recommended.map((t) => t.id)).toEqual(['wismo-tracking', 'delivery-confirm', 'delay-apology'])
    expect(view.templates.other.map((t) => t.id)).toEqual(['refund-info', 'generic-en'])
    expect(view.templates.recommended[1]?.label).toBe('Delivery details · SP-API: confirm delivery details')
    expect(view.templates.other[1]?.label).toBe('General answer · e-mail (not in buyer language)')
  })

  it('localises template titles and honours a custom recommended count', () => {
    const view = buildCardView(input(), 'zh-CN', { excerptChars: 200, recommendedTemplates: 1 })
    expect(view.templates.recommended.map((t) => t.label)).toEqual(['物流更新 · 邮件'])
    expect(view.templates.other.map((t) => t.label)).toContain('配送详情 · SP-API：确认配送信息')
    expect(view.templates.other.map((t) => t.label)).toContain('通用回复 · 邮件（非买家语言）')
  })

  it('rejects a nonsensical recommended count', () => {
    expect(() => buildCardView(input(), 'en', { excerptChars: 200, recommendedTemplates: -1 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_BUDGET' }),
    )
  })
})

describe('conversation card: actions', () => {
  it('offers every agent action on an open conversation, localised', () => {
    const en = buildCardView(input(), 'en', budget)
    expect(actionIds(en)).toEqual(['bb.pick_template', 'bb.edit', 'bb.send', 'bb.no_response', 'bb.assign', 'bb.escalate'])
    expect(en.actions.every((a) => !a.disabled && a.disabledReason === null)).toBe(true)
    const zh = buildCardView(input(), 'zh-CN', budget)
    expect(zh.actions.map((a) => a.label)).toEqual(['选择模板', '编辑回复', '发送回复', '无需回复', '分配给我', '升级给主管'])
  })

  it.each([
    ['listen-only', { listenOnly: true }, {}, 'Listen-only store: replies are sent from Seller Central'],
    ['paused', { paused: true }, {}, 'Sending is paused by an operator'],
    ['already replied', {}, { state: 'replied' as const, slaDueAt: null }, 'Already replied'],
    ['awaiting approval', { lastReply: { path: 'email' as const, state: 'awaiting-approval' as const, sentBy: 'sam', sentAt: null, failureReason: null } }, {}, 'A reply is awaiting approval'],
    ['reply in flight', { lastReply: { path: 'email' as const, state: 'sending' as const, sentBy: 'sam', sentAt: now, failureReason: null } }, {}, 'A reply is being sent'],
  ])('disables the reply actions when %s', (_name, overrides, conversation, reason) => {
    const view = buildCardView(input(overrides, conversation), 'en', budget)
    for (const id of ['bb.pick_template', 'bb.edit', 'bb.send']) {
      expect(action(view, id), id).toMatchObject({ disabled: true, disabledReason: reason })
    }
  })

  it('keeps no-response and assign usable in listen-only mode, and says why sending is off in Chinese', () => {
    const view = buildCardView(input({ listenOnly: true }), 'zh-CN', budget)
    expect(action(view, 'bb.send')).toMatchObject({ disabled: true, disabledReason: '仅监听模式：请在卖家平台回复' })
    expect(action(view, 'bb.no_response')?.disabled).toBe(false)
    expect(action(view, 'bb.assign')?.disabled).toBe(false)
    expect(view.status).toContain('仅监听模式：请在卖家平台回复')
  })

  it('closes no-response and assign on a closed conversation', () => {
    const view = buildCardView(input({}, { state: 'no-response-needed', slaDueAt: null }), 'en', budget)
    expect(action(view, 'bb.no_response')).toMatchObject({ disabled: true, disabledReason: 'Marked as no response needed' })
    expect(action(view, 'bb.assign')?.disabled).toBe(true)
  })

  it('disables template picking when no compliant template exists, but not free editing', () => {
    const view = buildCardView(input({ templates: [] }), 'en', budget)
    expect(action(view, 'bb.pick_template')).toMatchObject({ disabled: true, disabledReason: 'No compliant template for this message' })
    expect(action(view, 'bb.edit')?.disabled).toBe(false)
  })

  it('shows Acknowledge only while a page or an escalation waits for one', () => {
    expect(actionIds(buildCardView(input(), 'en', budget))).not.toContain('bb.ack')
    const paged = buildCardView(input({}, { pagedAfterHours: true }), 'en', budget)
    expect(actionIds(paged)).toContain('bb.ack')
    expect(paged.status).toContain('After hours: on-call paged, awaiting acknowledgement')
    const acked = buildCardView(
      input({ displayTimeZone: 'Europe/Berlin' }, { pagedAfterHours: true, acknowledged: { by: 'oncall-kim', at: new Date('2026-03-05T01:10:00Z') } }),
      'en',
      budget,
    )
    expect(actionIds(acked)).not.toContain('bb.ack')
    expect(acked.status).toContain('Acknowledged by oncall-kim at 2026-03-05 02:10 UTC+01:00')
    const escalated = buildCardView(input({}, { escalated: { by: 'li.wei', at: now, reason: 'lawyer' } }), 'en', budget)
    expect(actionIds(escalated)).toContain('bb.ack')
    expect(actionIds(escalated)).not.toContain('bb.escalate')
  })

  it('asks for confirmation before sending after an unconfirmed delivery and shows the delivery state', () => {
    const lastReply = { path: 'email' as const, state: 'unconfirmed' as const, sentBy: 'sam', sentAt: new Date('2026-03-05T04:00:00Z'), failureReason: null }
    const en = buildCardView(input({ lastReply }), 'en', budget)
    expect(action(en, 'bb.send')).toMatchObject({ disabled: false, confirm: expect.stringContaining('Check Seller Central') })
    expect(en.status).toContain('Reply via e-mail by sam at 2026-03-05 04:00 UTC: Unconfirmed: check Seller Central')
    const zh = buildCardView(input({ lastReply }), 'zh-CN', budget)
    expect(zh.status).toContain('sam 于 2026-03-05 04:00 UTC 通过邮件回复：未确认：请在卖家平台核实')
  })

  it('lets a human retry after a failed delivery and shows why it failed', () => {
    const lastReply = { path: 'spapi:confirmDeliveryDetails' as const, state: 'failed' as const, sentBy: 'sam', sentAt: now, failureReason: 'SP-API 403: action not allowed for this order' }
    const view = buildCardView(input({ lastReply }), 'en', budget)
    expect(action(view, 'bb.send')).toMatchObject({ disabled: false, confirm: null })
    expect(view.status).toContain('Reason: SP-API 403: action not allowed for this order')
    expect(view.status.join('\n')).toContain('Reply via SP-API: confirm delivery details by sam')
  })
})

describe('escalation and approval variants', () => {
  const escalated = { by: 'li.wei', at: new Date('2026-03-05T04:30:00Z'), reason: 'Buyer threatens an A-to-z claim' }

  it.each([
    ['en', 'Escalation: Not received · Acme EU', 'Escalation reason'],
    ['zh-CN', '升级：未收到货 · Acme EU', '升级原因'],
  ] as const)('highlights the escalation reason for managers (%s)', (language, title, label) => {
    const view = buildCardView(
      input({ variant: 'escalation' }, { intent: 'not-received', riskFlags: ['a-to-z', 'not-received'], riskScore: 85, escalated, assignee: 'li.wei' }),
      language,
      budget,
    )
    expect(view.kind).toBe('escalation')
    expect(view.header).toMatchObject({ title, level: 'critical', colour: 'red' })
    expect(view.highlight).toEqual({ label, text: 'Buyer threatens an A-to-z claim' })
    expect(actionIds(view)).toContain('bb.ack')
    expect(actionIds(view)).not.toContain('bb.escalate')
    expect(view.status.some((line) => line.includes('li.wei'))).toBe(true)
  })

  it('refuses an escalation card without an escalation', () => {
    expect(() => buildCardView(input({ variant: 'escalation' }), 'en', budget)).toThrowError(
      expect.objectContaining({ code: 'INVALID_CARD_INPUT' }),
    )
  })

  const awaitingApproval = {
    requestedBy: 'sam',
    requestedAt: new Date('2026-03-05T04:00:00Z'),
    reason: 'risk flag legal-threat',
    templateTitle: { en: 'Delay apology', 'zh-CN': '延迟致歉' },
    replyText: 'Sehr geehrter Kunde, es tut uns leid …',
  }

  it.each([
    ['en', ['Approve', 'Reject'], 'Approval needed · Acme EU'],
    ['zh-CN', ['批准', '驳回'], '待审批 · Acme EU'],
  ] as const)('asks a manager to approve a held reply (%s)', (language, labels, title) => {
    const view = buildCardView(input({ variant: 'approval', awaitingApproval }), language, budget)
    expect(view.kind).toBe('approval')
    expect(view.header.title).toBe(title)
    expect(view.actions.map((a) => a.label)).toEqual(labels)
    expect(actionIds(view)).toEqual(['bb.approve', 'bb.reject'])
    expect(view.highlight?.text).toBe('risk flag legal-threat')
    expect(field(view, 'reply')?.value).toBe('Sehr geehrter Kunde, es tut uns leid …')
    expect(view.templates).toEqual({ recommended: [], other: [] })
  })

  it('cannot approve while sending is paused, but can reject', () => {
    const view = buildCardView(input({ variant: 'approval', awaitingApproval, paused: true }), 'en', budget)
    expect(action(view, 'bb.approve')).toMatchObject({ disabled: true, disabledReason: 'Sending is paused by an operator' })
    expect(action(view, 'bb.reject')?.disabled).toBe(false)
  })

  it('refuses an approval card without a reply to approve', () => {
    try {
      buildCardView(input({ variant: 'approval' }), 'en', budget)
      expect.unreachable()
    } catch (error) {
      expect(isAppError(error, 'INVALID_CARD_INPUT')).toBe(true)
    }
  })
})

describe('whom an escalation and a page reached', () => {
  const escalated = { by: 'Buyerbridge', at: new Date('2026-03-05T04:00:00Z'), reason: 'Risk flag: A-to-z claim' }

  it.each<[UiLanguage, string, string]>([
    ['en', "Li Wei, Sam, managers' channel", 'Ana, Bo'],
    ['zh-CN', 'Li Wei、Sam、主管频道', 'Ana、Bo'],
  ])('names the managers and the people paged on every card (%s)', (language, managers, paged) => {
    const conversation = { escalated, escalatedTo: { people: ['Li Wei', 'Sam'], channels: 1 }, pagedPeople: ['Ana', 'Bo'], pagedAfterHours: true }
    for (const variant of ['conversation', 'escalation'] as const) {
      const view = buildCardView(input({ variant }, conversation), language, budget)
      expect(field(view, 'escalatedTo')?.value).toBe(managers)
      expect(field(view, 'pagedOnCall')?.value).toBe(paged)
    }
    expect(field(buildCardView(input({}, conversation), 'en', budget), 'escalatedTo')?.label).toBe('Escalated to')
  })

  it('says so when an escalation reached nobody, and shows nothing before there is an escalation or a page', () => {
    const nobody = buildCardView(input({}, { escalated, escalatedTo: { people: [], channels: 0 } }), 'en', budget)
    expect(field(nobody, 'escalatedTo')?.value).toBe('nobody (no manager recipient configured)')
    const channelOnly = buildCardView(input({}, { escalated, escalatedTo: { people: [], channels: 2 } }), 'en', budget)
    expect(field(channelOnly, 'escalatedTo')?.value).toBe("managers' channel")
    const plain = buildCardView(input({}, { escalatedTo: { people: ['Li Wei'], channels: 1 }, pagedPeople: [] }), 'en', budget)
    expect(field(plain, 'escalatedTo')).toBeUndefined()
    expect(field(plain, 'pagedOnCall')).toBeUndefined()
  })
})
