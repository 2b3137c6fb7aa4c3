import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { isAppError } from '../../../src/domain/errors.ts'
import { parseRoutingConfig } from '../../../src/domain/routing/config-schema.ts'

const example = `
people:
  - { id: alice, name: Alice Chen, roles: [agent, oncall], slack: U01ALICE, feishu: ou_alice }
  - { id: bob, name: 王波, roles: [oncall], feishu: ou_bob, uiLanguage: zh-CN }
  - { id: li, name: Li Wei, roles: [manager], slack: U01LI, dingtalk: ding-li }
routing:
  rules:
    - name: EU marketplaces
      match: { marketplaces: [DE, FR, gb] }
      targets: [{ platform: feishu, channel: oc_eu, uiLanguage: zh-CN }]
    - name: claims
      match: { riskFlags: [a-to-z, chargeback], minRiskScore: 50 }
      targets: [{ platform: slack, channel: C_CLAIMS }]
    - name: everything else
      targets: [{ platform: slack, channel: C_SUPPORT }]
escalation:
  minRiskScore: 75
  targets: [{ platform: slack, channel: C_MANAGERS }]
  dmPlatforms: [slack]
  renotifyMinutes: 20
  maxRenotifications: 6
oncall:
  timeZone: America/Los_Angeles
  rotation: [alice, bob]
  handoff: "09:00"
  rotationDays: 7
  startDate: 2026-03-02
  backup: li
  overrides:
    - { person: bob, from: "2026-03-14T18:00:00-07:00", to: "2026-03-15T09:00:00-07:00" }
  chain:
    - { notify: current, waitMinutes: 10 }
    - { notify: next, waitMinutes: 10 }
    - { notify: managers, waitMinutes: 30 }
  repeat: 2
`

function problemsOf(input: unknown): { path: string; message: string }[] {
  try {
    parseRoutingConfig(input)
  } catch (error) {
    if (isAppError(error, 'INVALID_ROUTING_CONFIG')) return (error.details?.problems ?? []) as { path: string; message: string }[]
    throw error
  }
  throw new Error('expected the config to be refused')
}

describe('routing configuration schema', () => {
  it('accepts the documented example and fills the defaults', () => {
    const config = parseRoutingConfig(parseYaml(example))
    expect(config.routing.rules[0]?.match?.marketplaces).toEqual(['DE', 'FR', 'UK'])
    expect(config.routing.defaultTargets).toEqual([])
    expect(config.escalation).toMatchObject({ minRiskScore: 75, managers: 'all', renotifyMinutes: 20, flags: ['a-to-z', 'chargeback', 'legal-threat', 'safety', 'counterfeit'] })
    expect(config.oncall?.overrides[0]?.from).toEqual(new Date('2026-03-15T01:00:00Z'))
    expect(config.oncall?.chain[1]).toEqual({ notify: 'next', waitMinutes: 10 })
  })

  it('accepts the plain list form of routing and an empty file', () => {
    expect(parseRoutingConfig({ routing: [{ targets: [{ platform: 'console', channel: 'all' }] }] }).routing.rules).toHaveLength(1)
    const empty = parseRoutingConfig({})
    expect(empty).toMatchObject({ people: [], routing: { rules: [], defaultTargets: [] }, escalation: { renotifyMinutes: 30 } })
    expect(empty.oncall).toBeUndefined()
  })

  it.each([
    ['unknown person in the rotation', { oncall: { timeZone: 'UTC', rotation: ['ghost'] } }, 'oncall.rotation.0', 'unknown person "ghost"'],
    ['unknown person in a chain step', { oncall: { timeZone: 'UTC', chain: [{ notify: 'ghost' }] } }, 'oncall.chain.0.notify', 'unknown person'],
    ['unknown manager', { escalation: { managers: ['ghost'] } }, 'escalation.managers.0', 'unknown person'],
    ['reserved person id', { people: [{ id: 'managers', name: 'M', roles: ['manager'] }] }, 'people.0.id', 'reserved'],
    ['duplicate person id', { people: [{ id: 'a', name: 'A', roles: ['agent'] }, { id: 'a', name: 'B', roles: ['agent'] }] }, 'people.1.id', 'duplicate'],
    ['bad time zone', { oncall: { timeZone: 'Mars/Olympus' } }, 'oncall.timeZone', 'IANA time zone'],
    ['missing time zone', { oncall: {} }, 'oncall.timeZone', ''],
    ['impossible start date', { oncall: { timeZone: 'UTC', startDate: '2026-02-30' } }, 'oncall.startDate', 'real calendar date'],
    ['managers neither all nor a list', { escalation: { managers: 'everyone' } }, 'escalation.managers', 'expected "all"'],
    ['bad handoff', { oncall: { timeZone: 'UTC', handoff: '9:00' } }, 'oncall.handoff', 'HH:MM'],
    ['override ending before it starts', { oncall: { timeZone: 'UTC', overrides: [{ person: 'x', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }] } }, 'oncall.overrides.0', '`from` before `to`'],
    ['override without offset', { oncall: { timeZone: 'UTC', overrides: [{ person: 'x', from: '2026-01-01T00:00:00', to: '2026-01-02T00:00:00Z' }] } }, 'oncall.overrides.0.from', 'offset'],
    ['too many repeats', { oncall: { timeZone: 'UTC', repeat: 50 } }, 'oncall.repeat', 'at most 20'],
    ['unknown marketplace', { routing: [{ match: { marketplaces: ['XX'] }, targets: [{ platform: 'slack', channel: 'C' }] }] }, 'routing', 'marketplace'],
    ['rule without targets', { routing: { rules: [{ match: { intents: ['other'] }, targets: [] }] } }, 'routing', 'at least one target'],
    ['unknown risk flag', { escalation: { flags: ['angry'] } }, 'escalation.flags.0', 'expected one of'],
    ['chain paging on-call with an empty rotation', { oncall: { timeZone: 'UTC', chain: [{ notify: 'current' }] } }, 'oncall.rotation', 'rotation is empty'],
  ])('refuses %s', (_label, input, path, message) => {
    const problems = problemsOf(input)
    expect(problems.some((p) => p.path.startsWith(path) && p.message.includes(message)), JSON.stringify(problems)).toBe(true)
  })
})
