import { describe, expect, it } from 'vitest'
import {
  ACTION_LABELS,
  buildAccountHealthCardView,
  INTENT_LABELS,
  REPLY_STATE_LABELS,
  RISK_FLAG_LABELS,
  STATE_LABELS,
  type AccountHealthAlertInput,
  type Localised,
} from '../../../src/domain/card/index.ts'
import { CARD_ACTIONS, CONVERSATION_STATES, INTENTS, REPLY_STATES, RISK_FLAGS } from '../../../src/domain/vocabulary.ts'

const CJK = /[\u4e00-\u9fff]/

describe('localised labels', () => {
  it.each([
    ['intents', INTENTS, INTENT_LABELS],
    ['risk flags', RISK_FLAGS, RISK_FLAG_LABELS],
    ['conversation states', CONVERSATION_STATES, STATE_LABELS],
    ['card actions', CARD_ACTIONS, ACTION_LABELS],
    ['reply states', REPLY_STATES, REPLY_STATE_LABELS],
  ] as [string, readonly string[], Record<string, Localised>][])('covers every %s in en and zh-CN', (_name, words, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...words].sort())
    for (const word of words) {
      expect(labels[word]?.en.trim()).not.toBe('')
      expect(labels[word]?.['zh-CN']).toMatch(CJK)
    }
    const english = words.map((w) => labels[w]?.en)
    expect(new Set(english).size).toBe(english.length)
  })
})

describe('account-health alert card', () => {
  const alert: AccountHealthAlertInput = {
    id: 'alert-7',
    storeName: 'Acme EU',
    marketplace: 'DE',
    metric: 'orderDefectRate.mfn',
    value: 0.013,
    previousValue: 0.006,
    target: { value: 0.01, condition: 'LESS_THAN' },
    severity: 'critical',
    observedAt: new Date('2026-03-05T06:00:00Z'),
    acknowledged: null,
  }

  it.each([
    ['en', 'Account health · Acme EU · DE · Germany', 'Order defect rate (seller-fulfilled)', 'What changed', 'Acknowledge'],
    ['zh-CN', '账户健康 · Acme EU · DE · 德国', '订单缺陷率（自发货）', '变化', '确认收到'],
  ] as const)('shows metric, value, target and what changed (%s)', (language, title, metric, changeLabel, ackLabel) => {
    const view = buildAccountHealthCardView(alert, language)
    expect(view.kind).toBe('account-health')
    expect(view.subjectId).toBe('alert-7')
    expect(view.header).toEqual({ title, subtitle: metric, level: 'critical', colour: 'red' })
    expect(view.highlight).toEqual({ label: changeLabel, text: '0.60 % → 1.30 %' })
    const values = Object.fromEntries(view.fields.map((f) => [f.key, f.value]))
    expect(values).toMatchObject({ metric, value: '1.30 %', target: '< 1.00 %', observedAt: '2026-03-05 06:00 UTC' })
    expect(view.actions).toEqual([{ id: 'bb.ack', label: ackLabel, style: 'primary', disabled: false, disabledReason: null, confirm: null }])
  })

  it('accepts an SP-API marketplace id as well as a country code', () => {
    const view = buildAccountHealthCardView({ ...alert, marketplace: 'A1VC38T7YXB528' }, 'zh-CN')
    expect(view.fields.find((f) => f.key === 'marketplace')?.value).toBe('JP · 日本')
    expect(buildAccountHealthCardView({ ...alert, marketplace: 'ZZ' }, 'en').fields[1]?.value).toBe('ZZ')
  })

  it('marks an all-clear green without an Acknowledge button', () => {
    const view = buildAccountHealthCardView(
      { ...alert, value: 0.008, previousValue: 0.013, severity: 'ok' },
      'en',
    )
    expect(view.header).toMatchObject({ level: 'resolved', colour: 'green' })
    expect(view.highlight?.text).toBe('1.30 % → 0.80 % · Back within target')
    expect(view.actions).toEqual([])
  })

  it('shows status changes as text and keeps unknown metric names', () => {
    const view = buildAccountHealthCardView(
      {
        ...alert,
        metric: 'warning:spammingSellerMessaging',
        value: 'AT_RISK',
        previousValue: 'NORMAL',
        target: null,
        severity: 'warning',
        acknowledged: { by: 'manager-zhao', at: new Date('2026-03-05T07:00:00Z') },
        note: 'ACCOUNT_STATUS_CHANGED',
      },
      'zh-CN',
    )
    expect(view.header).toMatchObject({ subtitle: 'warning:spammingSellerMessaging', colour: 'orange' })
    expect(view.highlight?.text).toBe('NORMAL → AT_RISK · ACCOUNT_STATUS_CHANGED')
    expect(view.fields.find((f) => f.key === 'target')?.value).toBe('—')
    expect(view.actions).toEqual([])
    expect(view.status).toEqual(['manager-zhao 于 2026-03-05 07:00 UTC 确认收到'])
  })
})
