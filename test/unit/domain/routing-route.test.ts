import { describe, expect, it } from 'vitest'
import { personSchema, routingSchema } from '../../../src/domain/routing/config-schema.ts'
import { managerRecipients, routeAlert, routeConversation, type RouteFacts } from '../../../src/domain/routing/route.ts'

const routing = routingSchema.parse({
  rules: [
    { name: 'eu', match: { marketplaces: ['DE', 'FR', 'IT', 'ES'] }, targets: [{ platform: 'feishu', channel: 'oc_eu', uiLanguage: 'zh-CN' }] },
    { name: 'uk', match: { marketplaces: ['UK'] }, targets: [{ platform: 'slack', channel: 'C_UK' }] },
    { name: 'jp', match: { marketplaces: ['JP'], languages: ['ja'] }, targets: [{ platform: 'dingtalk', channel: 'cid_jp' }] },
    {
      name: 'risky',
      match: { riskFlags: ['a-to-z', 'chargeback'] },
      targets: [{ platform: 'slack', channel: 'C_RISK' }, { platform: 'feishu', channel: 'oc_eu', uiLanguage: 'en' }],
    },
    { name: 'score', match: { minRiskScore: 80 }, targets: [{ platform: 'slack', channel: 'C_RISK' }] },
    { name: 'store-b returns', match: { stores: ['store-b'], intents: ['return-request', 'refund-status'] }, targets: [{ platform: 'slack', channel: 'C_B_RETURNS' }] },
    { name: 'german speakers', match: { languages: ['de'] }, targets: [{ platform: 'console', channel: 'de-queue' }] },
    { name: 'everything else', targets: [{ platform: 'slack', channel: 'C_ALL' }] },
  ],
  defaultTargets: [{ platform: 'slack', channel: 'C_UNUSED' }],
})

const facts = (overrides: Partial<RouteFacts>): RouteFacts => ({
  store: 'store-a',
  marketplace: 'US',
  intent: 'where-is-my-order',
  language: 'en',
  riskFlags: [],
  riskScore: 0,
  ...overrides,
})

type Row = [label: string, facts: Partial<RouteFacts>, targets: string[], rules: string[]]

describe('routeConversation', () => {
  it.each<Row>([
    ['nothing specific: the fallback rule', {}, ['slack:C_ALL:en'], ['everything else']],
    ['marketplace', { marketplace: 'DE', language: null }, ['feishu:oc_eu:zh-CN'], ['eu']],
    ['marketplace compared case-insensitively', { marketplace: 'fr' }, ['feishu:oc_eu:zh-CN'], ['eu']],
    ['GB is the UK marketplace', { marketplace: 'GB' }, ['slack:C_UK:en'], ['uk']],
    ['every criterion of a rule must hold', { marketplace: 'JP', language: 'en' }, ['slack:C_ALL:en'], ['everything else']],
    ['marketplace and language', { marketplace: 'JP', language: 'ja' }, ['dingtalk:cid_jp:zh-CN'], ['jp']],
    ['language by primary subtag', { language: 'de-AT' }, ['console:de-queue:en'], ['german speakers']],
    ['unknown language never matches a language rule', { language: null }, ['slack:C_ALL:en'], ['everything else']],
    ['any of the risk flags', { riskFlags: ['damaged', 'chargeback'] }, ['slack:C_RISK:en', 'feishu:oc_eu:en'], ['risky']],
    ['a flag outside the list', { riskFlags: ['damaged'] }, ['slack:C_ALL:en'], ['everything else']],
    ['score below the minimum', { riskScore: 79.9 }, ['slack:C_ALL:en'], ['everything else']],
    ['score at the minimum', { riskScore: 80 }, ['slack:C_RISK:en'], ['score']],
    [
      'several rules: union, deduplicated by platform+channel, first rule decides the UI language',
      { marketplace: 'DE', language: 'de', riskFlags: ['a-to-z'], riskScore: 90 },
      ['feishu:oc_eu:zh-CN', 'slack:C_RISK:en', 'console:de-queue:en'],
      ['eu', 'risky', 'score', 'german speakers'],
    ],
    ['store and intent', { store: 'store-b', intent: 'refund-status' }, ['slack:C_B_RETURNS:en'], ['store-b returns']],
    ['store with another intent', { store: 'store-b', intent: 'wrong-item' }, ['slack:C_ALL:en'], ['everything else']],
  ])('%s', (_label, input, targets, rules) => {
    const result = routeConversation(routing, facts(input))
    expect(result.targets.map((t) => `${t.platform}:${t.channel}:${t.uiLanguage}`)).toEqual(targets)
    expect(result.rules).toEqual(rules)
  })

  it('without a fallback rule the configured default targets apply, then the caller’s', () => {
    const noFallback = routingSchema.parse({
      rules: [{ match: { marketplaces: ['JP'] }, targets: [{ platform: 'slack', channel: 'C_JP' }] }],
      defaultTargets: [{ platform: 'feishu', channel: 'oc_default' }],
    })
    expect(routeConversation(noFallback, facts({}), { defaultTargets: [{ platform: 'slack', channel: 'C_ENV' }], uiLanguage: 'zh-CN' })).toEqual({
      targets: [
        { platform: 'feishu', channel: 'oc_default', uiLanguage: 'zh-CN' },
        { platform: 'slack', channel: 'C_ENV', uiLanguage: 'zh-CN' },
      ],
      rules: [],
      source: 'default-targets',
    })
    expect(routeConversation(noFallback, facts({ marketplace: 'JP' })).source).toBe('rules')
    expect(routeConversation(routingSchema.parse([]), facts({}))).toEqual({ targets: [], rules: [], source: 'none' })
  })

  it('an empty match is a fallback rule, and unnamed rules are reported by position', () => {
    const r = routingSchema.parse([
      { match: {}, targets: [{ platform: 'slack', channel: 'C1' }] },
      { match: { intents: ['other'] }, targets: [{ platform: 'slack', channel: 'C2' }] },
    ])
    expect(routeConversation(r, facts({}))).toMatchObject({ source: 'fallback-rule', rules: ['#0'] })
    expect(routeConversation(r, facts({ intent: 'other' }))).toMatchObject({ source: 'rules', rules: ['#1'] })
  })
})

describe('managers route and account-health alerts', () => {
  const people = [
    personSchema.parse({ id: 'li', name: 'Li Wei', roles: ['manager'], slack: 'U_LI', feishu: 'ou_li', uiLanguage: 'zh-CN' }),
    personSchema.parse({ id: 'sam', name: 'Sam', roles: ['manager', 'agent'], slack: 'U_SAM' }),
    personSchema.parse({ id: 'ana', name: 'Ana', roles: ['agent'], slack: 'U_ANA' }),
  ]
  const route = { targets: [{ platform: 'slack' as const, channel: 'C_MGR' }], managers: 'all' as const }

  it('manager channels first, then each manager’s DMs in their own language', () => {
    expect(managerRecipients(route, people)).toEqual([
      { kind: 'channel', platform: 'slack', channel: 'C_MGR', uiLanguage: 'en' },
      { kind: 'dm', platform: 'slack', personId: 'li', userId: 'U_LI', uiLanguage: 'zh-CN' },
      { kind: 'dm', platform: 'feishu', personId: 'li', userId: 'ou_li', uiLanguage: 'zh-CN' },
      { kind: 'dm', platform: 'slack', personId: 'sam', userId: 'U_SAM', uiLanguage: 'en' },
    ])
  })

  it('DMs can be limited to listed managers and platforms', () => {
    const recipients = managerRecipients({ targets: [], managers: ['li'], dmPlatforms: ['feishu'] }, people)
    expect(recipients).toEqual([{ kind: 'dm', platform: 'feishu', personId: 'li', userId: 'ou_li', uiLanguage: 'zh-CN' }])
  })

  it('critical alerts reach channels and DMs; warnings only the channels', () => {
    expect(routeAlert(route, people, { severity: 'critical' })).toHaveLength(4)
    expect(routeAlert(route, people, { severity: 'warning' })).toEqual([{ kind: 'channel', platform: 'slack', channel: 'C_MGR', uiLanguage: 'en' }])
  })

  it('with no manager channel, warnings still reach the managers by DM', () => {
    expect(routeAlert({ targets: [], managers: 'all' }, people, { severity: 'warning' }).map((r) => r.kind)).toEqual(['dm', 'dm', 'dm'])
  })
})
