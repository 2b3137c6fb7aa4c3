import { describe, expect, it } from 'vitest'
import { parseBusinessHours } from '../../../src/domain/business-hours.ts'
import { afterHoursPage } from '../../../src/domain/routing/after-hours.ts'
import { onCallSchema } from '../../../src/domain/routing/config-schema.ts'
import { backupAt, nextHandoff, nextInRotation, onCallAt, type OnCallSchedule } from '../../../src/domain/routing/oncall.ts'

// 2026 DST changes: Los Angeles Sun 03-08 02:00 PST→PDT (10:00Z) and Sun 11-01 02:00 PDT→PST (09:00Z);
// Berlin Sun 03-29 02:00 CET→CEST (01:00Z) and Sun 10-25 03:00 CEST→CET (01:00Z).
const schedule = (input: Record<string, unknown>): OnCallSchedule => onCallSchema.parse(input)
const who = (s: OnCallSchedule, iso: string) => onCallAt(s, new Date(iso))?.personId ?? null

type Check = [label: string, at: string, person: string]

describe('onCallAt: daily rotation, handoff at 09:00 local across DST', () => {
  const cases: { name: string; config: Record<string, unknown>; checks: Check[] }[] = [
    {
      name: 'America/Los_Angeles, spring forward',
      config: { timeZone: 'America/Los_Angeles', rotation: ['alice', 'bob', 'carol'], rotationDays: 1, startDate: '2026-03-07' },
      checks: [
        ['Sat 08:59 PST', '2026-03-07T16:59:59.999Z', 'carol'],
        ['Sat 09:00 PST', '2026-03-07T17:00:00Z', 'alice'],
        ['Sun 08:59:59.999 PDT (23 h shift)', '2026-03-08T15:59:59.999Z', 'alice'],
        ['Sun 09:00 PDT', '2026-03-08T16:00:00Z', 'bob'],
        ['Sun 10:00 PDT (a naive +24 h would say alice)', '2026-03-08T17:00:00Z', 'bob'],
        ['Mon 08:59 PDT', '2026-03-09T15:59:00Z', 'bob'],
        ['Mon 09:00 PDT', '2026-03-09T16:00:00Z', 'carol'],
        ['Tue 09:00 PDT', '2026-03-10T16:00:00Z', 'alice'],
      ],
    },
    {
      name: 'America/Los_Angeles, fall back',
      config: { timeZone: 'America/Los_Angeles', rotation: ['alice', 'bob'], rotationDays: 1, startDate: '2026-10-31' },
      checks: [
        ['Sat 09:00 PDT', '2026-10-31T16:00:00Z', 'alice'],
        ['Sun 01:30 PDT (first pass)', '2026-11-01T08:30:00Z', 'alice'],
        ['Sun 01:30 PST (second pass)', '2026-11-01T09:30:00Z', 'alice'],
        ['Sun 08:59 PST (25 h shift)', '2026-11-01T16:59:00Z', 'alice'],
        ['Sun 09:00 PST', '2026-11-01T17:00:00Z', 'bob'],
        ['Mon 09:00 PST', '2026-11-02T17:00:00Z', 'alice'],
      ],
    },
    {
      name: 'Europe/Berlin, spring forward and fall back',
      config: { timeZone: 'Europe/Berlin', rotation: ['anna', 'ben', 'clara'], rotationDays: 1, startDate: '2026-03-28' },
      checks: [
        ['Sat 09:00 CET', '2026-03-28T08:00:00Z', 'anna'],
        ['Sun 08:59 CEST', '2026-03-29T06:59:00Z', 'anna'],
        ['Sun 09:00 CEST', '2026-03-29T07:00:00Z', 'ben'],
        ['Mon 09:00 CEST', '2026-03-30T07:00:00Z', 'clara'],
        // 2026-10-24 is 210 days after 03-28: 210 mod 3 = 0 → anna
        ['Sat 10-24 09:00 CEST', '2026-10-24T07:00:00Z', 'anna'],
        ['Sun 10-25 08:59 CET (25 h shift)', '2026-10-25T07:59:00Z', 'anna'],
        ['Sun 10-25 09:00 CET', '2026-10-25T08:00:00Z', 'ben'],
        ['Mon 10-26 09:00 CET', '2026-10-26T08:00:00Z', 'clara'],
      ],
    },
    {
      name: 'weekly rotation, handoff Monday 09:00 after the DST Sunday',
      config: { timeZone: 'America/Los_Angeles', rotation: ['alice', 'bob'], rotationDays: 7, startDate: '2026-03-02' },
      checks: [
        ['Mon 03-02 09:00 PST', '2026-03-02T17:00:00Z', 'alice'],
        ['Sun 03-08 12:00 PDT', '2026-03-08T19:00:00Z', 'alice'],
        ['Mon 03-09 08:59 PDT', '2026-03-09T15:59:00Z', 'alice'],
        ['Mon 03-09 09:00 PDT', '2026-03-09T16:00:00Z', 'bob'],
        ['Mon 03-16 09:00 PDT', '2026-03-16T16:00:00Z', 'alice'],
        ['before startDate rotates backwards', '2026-02-25T20:00:00Z', 'bob'],
      ],
    },
  ]
  for (const { name, config, checks } of cases) {
    describe(name, () => {
      const s = schedule(config)
      it.each(checks)('%s', (_label, at, person) => {
        expect(who(s, at)).toBe(person)
      })
    })
  }

  it('reports the shift bounds of the decisive rotation shift', () => {
    const s = schedule({ timeZone: 'America/Los_Angeles', rotation: ['alice', 'bob'], rotationDays: 1, startDate: '2026-03-07' })
    expect(onCallAt(s, new Date('2026-03-08T12:00:00Z'))).toEqual({
      personId: 'alice',
      source: 'rotation',
      since: new Date('2026-03-07T17:00:00Z'),
      until: new Date('2026-03-08T16:00:00Z'),
      shift: 0,
    })
  })

  it('a handoff inside the spring-forward gap happens at the first instant after it', () => {
    const s = schedule({ timeZone: 'America/Los_Angeles', rotation: ['alice', 'bob'], rotationDays: 1, handoff: '02:30', startDate: '2026-03-07' })
    expect(who(s, '2026-03-08T09:59:59.999Z')).toBe('alice') // 01:59:59.999 PST
    expect(who(s, '2026-03-08T10:00:00Z')).toBe('bob') // 03:00 PDT, the clock never shows 02:30
  })

  it('a handoff inside the fall-back overlap happens the first time the clock shows it', () => {
    const s = schedule({ timeZone: 'America/Los_Angeles', rotation: ['alice', 'bob'], rotationDays: 1, handoff: '01:30', startDate: '2026-10-31' })
    expect(who(s, '2026-11-01T08:29:59.999Z')).toBe('alice') // 01:29:59.999 PDT
    expect(who(s, '2026-11-01T08:30:00Z')).toBe('bob') // 01:30 PDT
    expect(who(s, '2026-11-01T09:30:00Z')).toBe('bob') // 01:30 PST, no second handoff
  })

  it('nobody is on call without a rotation or an override', () => {
    expect(onCallAt(schedule({ timeZone: 'UTC' }), new Date('2026-01-01T00:00:00Z'))).toBeNull()
  })
})

describe('a whole year of daily handoffs', () => {
  it.each(['America/Los_Angeles', 'Europe/Berlin', 'Asia/Shanghai', 'Australia/Sydney'])('%s: every handoff is at 09:00 local', (timeZone) => {
    const s = schedule({ timeZone, rotation: ['a', 'b', 'c'], rotationDays: 1, startDate: '2026-01-01' })
    const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' })
    const offsetsSeen = new Set<string>()
    let handoff = nextHandoff(s, new Date('2026-01-01T00:00:00Z'))
    for (let day = 0; day < 365 && handoff; day += 1) {
      const local = format.format(handoff.at)
      expect(local.slice(0, 5)).toBe('09:00')
      offsetsSeen.add(local.slice(6))
      expect(who(s, new Date(handoff.at.getTime() - 1).toISOString())).toBe(handoff.from)
      expect(who(s, handoff.at.toISOString())).toBe(handoff.to)
      handoff = nextHandoff(s, handoff.at)
    }
    expect(offsetsSeen.size).toBe(timeZone === 'Asia/Shanghai' ? 1 : 2)
  })
})

describe('overrides', () => {
  // Bob holds the Sunday 03-08 shift; Dave covers the night Sun 20:00 → Mon 06:00 PDT (an overnight shift).
  const base = { timeZone: 'America/Los_Angeles', rotation: ['alice', 'bob', 'carol'], rotationDays: 1, startDate: '2026-03-07' }
  const s = schedule({
    ...base,
    overrides: [
      { person: 'dave', from: '2026-03-08T20:00:00-07:00', to: '2026-03-09T06:00:00-07:00' },
      { person: 'erin', from: '2026-03-10T12:00:00-07:00', to: '2026-03-10T14:00:00-07:00' },
      { person: 'frank', from: '2026-03-10T13:00:00-07:00', to: '2026-03-10T13:30:00-07:00' },
    ],
  })

  it.each<Check>([
    ['Sun 19:59 PDT, rotation', '2026-03-09T02:59:00Z', 'bob'],
    ['Sun 20:00 PDT, overnight override starts', '2026-03-09T03:00:00Z', 'dave'],
    ['Mon 00:00 PDT, still overnight', '2026-03-09T07:00:00Z', 'dave'],
    ['Mon 05:59:59.999 PDT', '2026-03-09T12:59:59.999Z', 'dave'],
    ['Mon 06:00 PDT, back to the rotation', '2026-03-09T13:00:00Z', 'bob'],
    ['Mon 09:00 PDT, handoff', '2026-03-09T16:00:00Z', 'carol'],
    ['Tue 13:10 PDT, the later-listed override wins', '2026-03-10T20:10:00Z', 'frank'],
    ['Tue 13:30 PDT, the earlier override again', '2026-03-10T20:30:00Z', 'erin'],
  ])('%s', (_label, at, person) => {
    expect(who(s, at)).toBe(person)
  })

  it('says that an override decides, with its bounds', () => {
    expect(onCallAt(s, new Date('2026-03-09T07:00:00Z'))).toMatchObject({
      source: 'override',
      since: new Date('2026-03-09T03:00:00Z'),
      until: new Date('2026-03-09T13:00:00Z'),
    })
  })

  it('nextHandoff walks rotation handoffs and override edges in order', () => {
    const handoffs: [string, string | null, string | null][] = []
    let at = new Date('2026-03-08T18:00:00Z')
    for (let i = 0; i < 5; i += 1) {
      const next = nextHandoff(s, at)
      if (!next) break
      handoffs.push([next.at.toISOString(), next.from, next.to])
      at = next.at
    }
    expect(handoffs).toEqual([
      ['2026-03-09T03:00:00.000Z', 'bob', 'dave'],
      ['2026-03-09T13:00:00.000Z', 'dave', 'bob'],
      ['2026-03-09T16:00:00.000Z', 'bob', 'carol'],
      ['2026-03-10T16:00:00.000Z', 'carol', 'alice'],
      ['2026-03-10T19:00:00.000Z', 'alice', 'erin'],
    ])
  })

  it('nextHandoff skips a boundary where the same person stays on call', () => {
    // Alice's override ends exactly when her rotation shift begins: no change at 09:00.
    const s2 = schedule({ ...base, overrides: [{ person: 'alice', from: '2026-03-07T08:00:00-08:00', to: '2026-03-07T09:00:00-08:00' }] })
    const next = nextHandoff(s2, new Date('2026-03-07T16:30:00Z'))
    expect(next).toEqual({ at: new Date('2026-03-08T16:00:00Z'), from: 'alice', to: 'bob' })
  })

  it('nextHandoff is null when nobody else will ever be on call', () => {
    expect(nextHandoff(schedule({ timeZone: 'Europe/Berlin', rotation: ['anna'] }), new Date('2026-03-29T00:00:00Z'))).toBeNull()
  })

  it('next in rotation and backup skip the person already on call', () => {
    expect(nextInRotation(s, new Date('2026-03-08T18:00:00Z'))).toBe('carol') // bob on call
    expect(nextInRotation(s, new Date('2026-03-09T07:00:00Z'))).toBe('carol') // dave covers bob's shift
    const withBackup = schedule({ ...base, backup: 'maria' })
    expect(backupAt(withBackup, new Date('2026-03-08T18:00:00Z'))).toBe('maria')
    expect(backupAt(schedule({ ...base, backup: 'bob' }), new Date('2026-03-08T18:00:00Z'))).toBe('carol')
  })
})

describe('afterHoursPage: business hours decide, on-call answers', () => {
  const hours = parseBusinessHours({
    timeZone: 'America/Los_Angeles',
    weekly: {
      mon: [{ start: '09:00', end: '18:00' }],
      tue: [{ start: '09:00', end: '18:00' }],
      wed: [{ start: '09:00', end: '18:00' }],
      thu: [{ start: '09:00', end: '18:00' }],
      fri: [{ start: '09:00', end: '18:00' }, { start: '22:00', end: '02:00' }],
    },
    holidays: ['2026-07-03'],
  })
  const s = schedule({ timeZone: 'America/Los_Angeles', rotation: ['alice', 'bob'], rotationDays: 7, startDate: '2026-06-29' })

  it('inside business hours nobody is paged', () => {
    expect(afterHoursPage(hours, s, new Date('2026-07-02T17:00:00Z'))).toBeNull() // Thu 10:00 PDT
  })

  it('on a holiday a daytime message pages on-call and names the next opening', () => {
    // Fri 07-03 10:00 PDT, holiday: the Friday shifts (day and overnight) are cancelled.
    expect(afterHoursPage(hours, s, new Date('2026-07-03T17:00:00Z'))).toMatchObject({
      onCall: { personId: 'alice', source: 'rotation' },
      opensAt: new Date('2026-07-06T16:00:00Z'),
    })
  })

  it('an overnight business shift covers the night; after it ends, on-call is paged', () => {
    expect(afterHoursPage(hours, s, new Date('2026-07-11T08:30:00Z'))).toBeNull() // Sat 01:30 PDT, Fri night shift
    expect(afterHoursPage(hours, s, new Date('2026-07-11T09:00:00Z'))).toMatchObject({
      onCall: { personId: 'bob' },
      opensAt: new Date('2026-07-13T16:00:00Z'),
    })
  })

  it('without a schedule the page has nobody to name (the caller falls back to managers)', () => {
    expect(afterHoursPage(hours, null, new Date('2026-07-04T17:00:00Z'))).toMatchObject({ onCall: null })
  })
})
