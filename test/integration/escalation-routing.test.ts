import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { afterStoreEscalation, ESCALATION_JOBS, whoIsOnCall } from '../../src/services/escalation/index.ts'
import { openTestDatabase, testDatabaseMode } from '../support/database.ts'
import { buildSettings, escalationDeps, insertConversation, recordingSender, TestClock, WEEKDAYS_9_TO_18, type SettingsInput } from './escalation-support.ts'

let database: Awaited<ReturnType<typeof openTestDatabase>>
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

const TEAMS: SettingsInput['teams'] = [
  { id: 'us', hours: { timeZone: 'America/Los_Angeles', weekly: WEEKDAYS_9_TO_18 }, channels: [{ platform: 'slack', channel: 'C_US' }] },
  { id: 'eu', hours: { timeZone: 'Europe/Berlin', weekly: WEEKDAYS_9_TO_18 }, channels: [{ platform: 'slack', channel: 'C_EU' }] },
]
const ROUTING = [
  { name: 'germany', match: { marketplaces: ['DE'] }, targets: [{ platform: 'slack', channel: 'C_EU' }] },
  { name: 'legal', match: { riskFlags: ['legal-threat'] }, targets: [{ platform: 'slack', channel: 'C_RISK' }] },
  { name: 'japanese', match: { languages: ['ja'] }, targets: [{ platform: 'feishu', channel: 'oc_jp', uiLanguage: 'zh-CN' }] },
  { name: 'catch-all', targets: [{ platform: 'slack', channel: 'C_US' }] },
]
// Wednesday 2026-03-11 09:30 in Los Angeles (PDT) and 17:30 in Berlin (CET): both teams open.
const BOTH_OPEN = '2026-03-11T16:30:00Z'

describe(`routing and after-hours through the service (${testDatabaseMode})`, () => {
  const routingCases = [
    { name: 'a German marketplace goes to the EU channel and team', input: { marketplace: 'DE' }, targets: ['slack:C_EU'], rules: ['germany'], team: 'eu', source: 'rules' },
    { name: 'an SP-API marketplace id is matched by its country', input: { marketplace: 'A1PA6795UKMFR9' }, targets: ['slack:C_EU'], rules: ['germany'], team: 'eu', source: 'rules' },
    {
      name: 'every matching rule adds its targets',
      input: { marketplace: 'DE', riskFlags: ['legal-threat'], riskScore: 80 },
      targets: ['slack:C_EU', 'slack:C_RISK'],
      rules: ['germany', 'legal'],
      team: 'eu',
      source: 'rules',
    },
    { name: 'a language rule (primary subtag) with its UI language', input: { language: 'ja' }, targets: ['feishu:oc_jp'], rules: ['japanese'], team: 'us', source: 'rules' },
    { name: 'the fallback rule when nothing specific matches', input: {}, targets: ['slack:C_US'], rules: ['catch-all'], team: 'us', source: 'fallback-rule' },
  ] as const

  for (const testCase of routingCases) {
    it(testCase.name, async () => {
      const clock = new TestClock(BOTH_OPEN)
      const { sendJob } = recordingSender()
      const deps = escalationDeps(database.db, buildSettings({ routing: ROUTING, teams: TEAMS }), clock, sendJob)
      const id = await insertConversation(database.db, { receivedAt: clock.now(), ...testCase.input, riskFlags: [...('riskFlags' in testCase.input ? testCase.input.riskFlags : [])] })
      const outcome = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
      expect(outcome.route.targets.map((t) => `${t.platform}:${t.channel}`)).toEqual(testCase.targets)
      expect(outcome.route.rules).toEqual(testCase.rules)
      expect(outcome.route.source).toBe(testCase.source)
      expect(outcome.teamId).toBe(testCase.team)
      expect(outcome.paged).toBeNull()
    })
  }

  it('uses the platforms’ default channels when no rule exists, and ignores platforms that are not configured', async () => {
    const clock = new TestClock(BOTH_OPEN)
    const settings = buildSettings({ routing: [{ match: { marketplaces: ['US'] }, targets: [{ platform: 'dingtalk', channel: 'cid_1' }] }], teams: TEAMS })
    const deps = escalationDeps(database.db, settings, clock, recordingSender().sendJob)
    const other = await insertConversation(database.db, { receivedAt: clock.now(), marketplace: 'DE' })
    const outcome = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: other }, deps))
    expect(outcome.route.source).toBe('default-targets')
    expect(outcome.route.targets.map((t) => t.channel)).toEqual(['C_DEFAULT'])
    const dingtalkOnly = await insertConversation(database.db, { receivedAt: clock.now(), marketplace: 'US' })
    const routed = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: dingtalkOnly }, deps))
    expect(routed.route.targets).toEqual([])
  })

  const hoursCases = [
    // Los Angeles springs forward on Sunday 2026-03-08: 16:30Z is 08:30 PST the week before, 09:30 PDT after.
    { name: 'LA, Monday before the spring-forward week, 08:30 PST: paged', team: 0, at: '2026-03-02T16:30:00Z', opens: '2026-03-02T17:00:00.000Z' },
    { name: 'LA, Monday after spring forward, 09:30 PDT: open', team: 0, at: '2026-03-09T16:30:00Z', opens: null },
    // Los Angeles falls back on Sunday 2026-11-01.
    { name: 'LA, Monday before fall back, 09:30 PDT: open', team: 0, at: '2026-10-26T16:30:00Z', opens: null },
    { name: 'LA, Monday after fall back, 08:30 PST: paged', team: 0, at: '2026-11-02T16:30:00Z', opens: '2026-11-02T17:00:00.000Z' },
    // Berlin springs forward on Sunday 2026-03-29 and falls back on 2026-10-25.
    { name: 'Berlin, Monday before spring forward, 08:30 CET: paged', team: 1, at: '2026-03-23T07:30:00Z', opens: '2026-03-23T08:00:00.000Z' },
    { name: 'Berlin, Monday after spring forward, 09:30 CEST: open', team: 1, at: '2026-03-30T07:30:00Z', opens: null },
    { name: 'Berlin, Friday 17:30 CEST before fall back: open', team: 1, at: '2026-10-23T15:30:00Z', opens: null },
    { name: 'Berlin, Monday after fall back, 08:30 CET: paged until 09:00 CET', team: 1, at: '2026-10-26T07:30:00Z', opens: '2026-10-26T08:00:00.000Z' },
  ] as const

  for (const testCase of hoursCases) {
    it(`business hours: ${testCase.name}`, async () => {
      const team = TEAMS[testCase.team]!
      const clock = new TestClock(testCase.at)
      const recorder = recordingSender()
      const deps = escalationDeps(database.db, buildSettings({ teams: [team], oncall: ONCALL }), clock, recorder.sendJob)
      const id = await insertConversation(database.db, { receivedAt: clock.now() })
      const outcome = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
      const row = await database.db.selectFrom('conversations').select(['paged_at', 'after_hours']).where('id', '=', id).executeTakeFirstOrThrow()
      const pageJobs = recorder.jobs.filter((job) => job.name === ESCALATION_JOBS.pageStep)
      const summaryJobs = recorder.jobs.filter((job) => job.name === ESCALATION_JOBS.summary)
      if (testCase.opens === null) {
        expect(outcome.paged).toBeNull()
        expect(row.paged_at).toBeNull()
        expect(pageJobs).toHaveLength(0)
      } else {
        expect(outcome.paged?.opensAt?.toISOString()).toBe(testCase.opens)
        expect(row.paged_at?.toISOString()).toBe(clock.now().toISOString())
        expect(row.after_hours).toBe(true)
        expect(pageJobs.map((job) => job.startAfter?.toISOString())).toEqual([clock.now().toISOString()])
        expect(summaryJobs.map((job) => job.startAfter?.toISOString())).toEqual([testCase.opens])
      }
    })
  }

  it('an overnight shift (Friday 22:00–06:00) covers Saturday early morning, not after 06:00', async () => {
    const overnight = { id: 'night', hours: { timeZone: 'America/Los_Angeles', weekly: { fri: [{ start: '22:00', end: '06:00' }] } }, channels: [] }
    const deps = (clock: TestClock) => escalationDeps(database.db, buildSettings({ teams: [overnight], oncall: ONCALL }), clock, recordingSender().sendJob)
    // Saturday 2026-03-14 05:00 PDT (12:00Z): inside Friday's shift.
    const inside = new TestClock('2026-03-14T12:00:00Z')
    const a = await insertConversation(database.db, { receivedAt: inside.now() })
    expect((await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: a }, deps(inside)))).paged).toBeNull()
    // Saturday 07:00 PDT: closed until next Friday 22:00 PDT.
    const outside = new TestClock('2026-03-14T14:00:00Z')
    const b = await insertConversation(database.db, { receivedAt: outside.now() })
    const paged = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: b }, deps(outside)))
    expect(paged.paged?.opensAt?.toISOString()).toBe('2026-03-21T05:00:00.000Z')
    expect(paged.paged?.onCall).toBe('bo') // the week from Monday 2026-03-09 09:00 PDT
  })

  it('a holiday closes the whole day; the summary waits for the next opening', async () => {
    const team = { id: 'us', hours: { timeZone: 'America/Los_Angeles', weekly: WEEKDAYS_9_TO_18, holidays: ['2026-07-03'] }, channels: [] }
    const clock = new TestClock('2026-07-03T17:00:00Z') // Friday 10:00 PDT, a holiday
    const recorder = recordingSender()
    const deps = escalationDeps(database.db, buildSettings({ teams: [team], oncall: ONCALL }), clock, recorder.sendJob)
    const id = await insertConversation(database.db, { receivedAt: clock.now() })
    const outcome = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
    expect(outcome.paged?.opensAt?.toISOString()).toBe('2026-07-06T16:00:00.000Z')
    // A second after-hours message for the same opening schedules no second summary.
    const second = await insertConversation(database.db, { receivedAt: clock.now() })
    await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: second }, deps))
    expect(recorder.jobs.filter((job) => job.name === ESCALATION_JOBS.summary)).toHaveLength(1)
    expect(recorder.jobs.filter((job) => job.name === ESCALATION_JOBS.pageStep)).toHaveLength(2)
  })

  it('answers "who is on call now" with the person, the handoff and the team’s hours', () => {
    const settings = buildSettings({ oncall: ONCALL })
    // Saturday 2026-03-14 07:00 PDT: the second weekly shift (from 2026-03-09 09:00) is Bo's.
    const text = whoIsOnCall(settings, new Date('2026-03-14T14:00:00Z'), 'en')
    expect(text).toContain('On call now: Bo')
    expect(text).toContain('then Cy')
    expect(text).toContain('Outside business hours')
    expect(whoIsOnCall(buildSettings(), new Date('2026-03-14T14:00:00Z'), 'zh-CN')).toContain('未配置值班轮换')
  })
})

const ONCALL = { timeZone: 'America/Los_Angeles', rotation: ['ana', 'bo', 'cy'], startDate: '2026-03-02', handoff: '09:00', rotationDays: 7 }

describe('settings from the parsed config sections', () => {
  it('turns business-hours sections into teams in file order, with their channels', async () => {
    const { escalationSettings } = await import('../../src/services/escalation/index.ts')
    const { parseBusinessHours } = await import('../../src/domain/business-hours.ts')
    const { parseRoutingConfig } = await import('../../src/domain/routing/index.ts')
    const parsed = parseRoutingConfig({ people: [], routing: [] })
    const settings = escalationSettings(
      {
        ...parsed,
        businessHours: {
          us: { ...parseBusinessHours({ timeZone: 'America/Los_Angeles', weekly: WEEKDAYS_9_TO_18 }), channels: [{ platform: 'slack', channel: 'C_US' }] },
          cn: parseBusinessHours({ timeZone: 'Asia/Shanghai', weekly: WEEKDAYS_9_TO_18 }),
        },
        sla: { reminderOffsetsMinutes: [120] },
      },
      { platforms: ['slack'], defaultTargets: [{ platform: 'slack', channel: 'C_DEFAULT' }] },
    )
    expect(settings.teams.map((team) => [team.id, team.hours.timeZone, team.channels.length])).toEqual([
      ['us', 'America/Los_Angeles', 1],
      ['cn', 'Asia/Shanghai', 0],
    ])
    expect(settings.oncall).toBeNull()
    expect(settings.slaReminderOffsetsMinutes).toEqual([120])
  })
})
