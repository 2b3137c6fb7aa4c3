import { describe, expect, it } from 'vitest'
import {
  businessHoursSchema,
  isAfterHours,
  nextOpening,
  parseBusinessHours,
  type BusinessHoursConfig,
} from '../../../src/domain/business-hours.ts'
import { isAppError } from '../../../src/domain/errors.ts'

const nineToSix = [{ start: '09:00', end: '18:00' }]
const weekdays = { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix }
const hours = (config: BusinessHoursConfig) => parseBusinessHours(config)
const open = (config: ReturnType<typeof hours>, iso: string) => !isAfterHours(config, new Date(iso))

// 2026 DST changes: Los Angeles 03-08 02:00 PST→PDT (10:00Z) and 11-01 02:00 PDT→PST (09:00Z);
// Berlin 03-29 02:00 CET→CEST (01:00Z) and 10-25 03:00 CEST→CET (01:00Z).
type Case = [string, string, boolean]

describe('isAfterHours', () => {
  const cases: { name: string; config: BusinessHoursConfig; checks: Case[] }[] = [
    {
      name: 'weekday office hours in Shanghai (no DST)',
      config: { timeZone: 'Asia/Shanghai', weekly: weekdays },
      checks: [
        ['Mon 08:59', '2026-06-01T00:59:00Z', false],
        ['Mon 09:00', '2026-06-01T01:00:00Z', true],
        ['Mon 17:59', '2026-06-01T09:59:00Z', true],
        ['Mon 18:00', '2026-06-01T10:00:00Z', false],
        ['Sat 10:00', '2026-06-06T02:00:00Z', false],
      ],
    },
    {
      name: 'Los Angeles, spring-forward gap inside a Sunday 01:00-05:00 shift',
      config: { timeZone: 'America/Los_Angeles', weekly: { sun: [{ start: '01:00', end: '05:00' }] } },
      checks: [
        ['00:59 PST', '2026-03-08T08:59:00Z', false],
        ['01:00 PST', '2026-03-08T09:00:00Z', true],
        ['01:59 PST', '2026-03-08T09:59:00Z', true],
        ['03:00 PDT, right after the gap', '2026-03-08T10:00:00Z', true],
        ['04:59 PDT', '2026-03-08T11:59:00Z', true],
        ['05:00 PDT (the shift lost an hour)', '2026-03-08T12:00:00Z', false],
      ],
    },
    {
      name: 'Berlin, fall-back overlap: a Sunday 02:00-03:00 shift is lived twice',
      config: { timeZone: 'Europe/Berlin', weekly: { sun: [{ start: '02:00', end: '03:00' }] } },
      checks: [
        ['01:59 CEST', '2026-10-24T23:59:00Z', false],
        ['02:00 CEST, first pass', '2026-10-25T00:00:00Z', true],
        ['02:30 CEST, first pass', '2026-10-25T00:30:00Z', true],
        ['02:30 CET, second pass', '2026-10-25T01:30:00Z', true],
        ['03:00 CET', '2026-10-25T02:00:00Z', false],
      ],
    },
    {
      name: 'Berlin overnight Friday 22:00-06:00 across midnight, Saturday a holiday',
      config: {
        timeZone: 'Europe/Berlin',
        weekly: { fri: [{ start: '22:00', end: '06:00' }] },
        holidays: ['2026-06-06'],
      },
      checks: [
        ['Fri 21:59 CEST', '2026-06-05T19:59:00Z', false],
        ['Fri 22:00 CEST', '2026-06-05T20:00:00Z', true],
        ['Sat 00:00 CEST (holiday, but the shift started Friday)', '2026-06-05T22:00:00Z', true],
        ['Sat 05:59 CEST', '2026-06-06T03:59:00Z', true],
        ['Sat 06:00 CEST', '2026-06-06T04:00:00Z', false],
        ['Thu 23:00 CEST (no Thursday shift)', '2026-06-04T21:00:00Z', false],
        ['Fri 05:00 CEST (Thursday has no overnight shift)', '2026-06-05T03:00:00Z', false],
      ],
    },
    {
      name: 'a holiday cancels the overnight shift that starts on it',
      config: {
        timeZone: 'Europe/Berlin',
        weekly: { fri: [{ start: '22:00', end: '06:00' }] },
        holidays: ['2026-06-05'],
      },
      checks: [
        ['Fri 23:00 CEST', '2026-06-05T21:00:00Z', false],
        ['Sat 02:00 CEST', '2026-06-06T00:00:00Z', false],
      ],
    },
    {
      name: 'Los Angeles overnight Saturday 22:00-06:00 across spring-forward (7 real hours)',
      config: { timeZone: 'America/Los_Angeles', weekly: { sat: [{ start: '22:00', end: '06:00' }] } },
      checks: [
        ['Sat 21:59 PST', '2026-03-08T05:59:00Z', false],
        ['Sat 22:00 PST', '2026-03-08T06:00:00Z', true],
        ['Sun 01:59 PST', '2026-03-08T09:59:00Z', true],
        ['Sun 03:00 PDT', '2026-03-08T10:00:00Z', true],
        ['Sun 05:59 PDT', '2026-03-08T12:59:00Z', true],
        ['Sun 06:00 PDT', '2026-03-08T13:00:00Z', false],
      ],
    },
    {
      name: 'Los Angeles overnight Saturday 22:00-06:00 across fall-back (9 real hours)',
      config: { timeZone: 'America/Los_Angeles', weekly: { sat: [{ start: '22:00', end: '06:00' }] } },
      checks: [
        ['Sat 22:00 PDT', '2026-11-01T05:00:00Z', true],
        ['Sun 01:30 PDT', '2026-11-01T08:30:00Z', true],
        ['Sun 01:30 PST', '2026-11-01T09:30:00Z', true],
        ['Sun 05:59 PST', '2026-11-01T13:59:00Z', true],
        ['Sun 06:00 PST', '2026-11-01T14:00:00Z', false],
      ],
    },
    {
      name: 'Berlin weekday hours in the spring-forward week',
      config: { timeZone: 'Europe/Berlin', weekly: weekdays },
      checks: [
        ['Fri 27 Mar 09:00 CET', '2026-03-27T08:00:00Z', true],
        ['Fri 27 Mar 08:30 CET', '2026-03-27T07:30:00Z', false],
        ['Mon 30 Mar 09:00 CEST', '2026-03-30T07:00:00Z', true],
        ['Mon 30 Mar 08:30 CEST (09:30 by the old offset)', '2026-03-30T06:30:00Z', false],
      ],
    },
    {
      name: 'a whole day shift ending at 24:00',
      config: { timeZone: 'Asia/Tokyo', weekly: { mon: [{ start: '00:00', end: '24:00' }] } },
      checks: [
        ['Mon 00:00', '2026-06-07T15:00:00Z', true],
        ['Mon 23:59', '2026-06-08T14:59:00Z', true],
        ['Tue 00:00', '2026-06-08T15:00:00Z', false],
      ],
    },
  ]

  for (const { name, config, checks } of cases) {
    it.each(checks)(`${name}: %s (%s) open=%s`, (_label, iso, expectedOpen) => {
      expect(open(hours(config), iso)).toBe(expectedOpen)
    })
  }
})

describe('nextOpening', () => {
  const cases: [string, BusinessHoursConfig, string, string | null][] = [
    ['already open: the same instant', { timeZone: 'Asia/Shanghai', weekly: weekdays }, '2026-06-01T02:00:00Z', '2026-06-01T02:00:00.000Z'],
    ['Monday early morning → 09:00 the same day', { timeZone: 'Asia/Shanghai', weekly: weekdays }, '2026-06-01T00:00:00Z', '2026-06-01T01:00:00.000Z'],
    [
      'Los Angeles: Friday evening before spring-forward → Monday 09:00 PDT',
      { timeZone: 'America/Los_Angeles', weekly: weekdays },
      '2026-03-07T02:00:00Z',
      '2026-03-09T16:00:00.000Z',
    ],
    [
      'Los Angeles: Friday evening before fall-back → Monday 09:00 PST',
      { timeZone: 'America/Los_Angeles', weekly: weekdays },
      '2026-10-31T01:00:00Z',
      '2026-11-02T17:00:00.000Z',
    ],
    [
      'Berlin: Friday evening before spring-forward → Monday 09:00 CEST',
      { timeZone: 'Europe/Berlin', weekly: weekdays },
      '2026-03-27T17:00:00Z',
      '2026-03-30T07:00:00.000Z',
    ],
    [
      'Berlin: a shift starting inside the spring-forward gap opens when the gap ends',
      { timeZone: 'Europe/Berlin', weekly: { sun: [{ start: '02:30', end: '08:00' }] } },
      '2026-03-29T00:00:00Z',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'Los Angeles: a shift starting in the fall-back overlap opens at the first 01:30',
      { timeZone: 'America/Los_Angeles', weekly: { sun: [{ start: '01:30', end: '04:00' }] } },
      '2026-11-01T08:00:00Z',
      '2026-11-01T08:30:00.000Z',
    ],
    [
      'Los Angeles: the clock falling back into a shift reopens it at the transition',
      { timeZone: 'America/Los_Angeles', weekly: { sun: [{ start: '00:00', end: '01:30' }] } },
      '2026-11-01T08:45:00Z',
      '2026-11-01T09:00:00.000Z',
    ],
    [
      'Berlin: Christmas holidays skipped (Wed evening → Mon 28 Dec)',
      { timeZone: 'Europe/Berlin', weekly: weekdays, holidays: ['2026-12-24', '2026-12-25'] },
      '2026-12-23T17:00:00Z',
      '2026-12-28T08:00:00.000Z',
    ],
    [
      'overnight shift: Friday afternoon → Friday 22:00',
      { timeZone: 'Europe/Berlin', weekly: { fri: [{ start: '22:00', end: '06:00' }] } },
      '2026-06-05T12:00:00Z',
      '2026-06-05T20:00:00.000Z',
    ],
    ['no shifts at all → null', { timeZone: 'UTC', weekly: {} }, '2026-06-05T12:00:00Z', null],
  ]

  it.each(cases)('%s', (_name, config, from, expected) => {
    expect(nextOpening(hours(config), new Date(from))?.toISOString() ?? null).toBe(expected)
  })

  it('gives up after the search window (a holiday block longer than it)', () => {
    const holidays = Array.from({ length: 20 }, (_, i) => `2026-07-${String(i + 1).padStart(2, '0')}`)
    const config = hours({ timeZone: 'Europe/Berlin', weekly: weekdays, holidays })
    const from = new Date('2026-06-30T17:00:00Z')
    expect(nextOpening(config, from, { withinDays: 14 })).toBeNull()
    expect(nextOpening(config, from)?.toISOString()).toBe('2026-07-21T07:00:00.000Z')
  })

  it('the opening it returns is inside business hours and the minute before is not', () => {
    const config = hours({ timeZone: 'America/Los_Angeles', weekly: { ...weekdays, sat: [{ start: '22:00', end: '06:00' }] } })
    for (const from of ['2026-03-06T03:00:00Z', '2026-03-08T14:00:00Z', '2026-10-30T02:00:00Z', '2026-11-01T15:00:00Z']) {
      const opening = nextOpening(config, new Date(from))
      expect(opening).not.toBeNull()
      expect(isAfterHours(config, opening as Date)).toBe(false)
      expect(isAfterHours(config, new Date((opening as Date).getTime() - 60_000))).toBe(true)
    }
  })
})

describe('business hours config', () => {
  const problemsOf = (input: unknown): string => {
    try {
      parseBusinessHours(input)
    } catch (error) {
      expect(isAppError(error, 'INVALID_BUSINESS_HOURS')).toBe(true)
      return (error as Error).message
    }
    throw new Error('expected the config to be rejected')
  }

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus', weekly: {} }, /timeZone: .*IANA time zone/],
    ['a missing time zone', { weekly: {} }, /timeZone: .*IANA/],
    ['an hour past 23', { timeZone: 'UTC', weekly: { mon: [{ start: '25:00', end: '18:00' }] } }, /weekly\.mon\.0\.start: .*HH:MM/],
    ['a single-digit hour', { timeZone: 'UTC', weekly: { mon: [{ start: '9:00', end: '18:00' }] } }, /weekly\.mon\.0\.start/],
    ['a zero-length shift', { timeZone: 'UTC', weekly: { tue: [{ start: '09:00', end: '09:00' }] } }, /weekly\.tue\.0: start and end are equal/],
    ['a misspelt day', { timeZone: 'UTC', weekly: { monday: [] } }, /weekly: unknown day; the days are mon, tue/],
    ['a day that is not a list', { timeZone: 'UTC', weekly: { mon: { start: '09:00', end: '18:00' } } }, /weekly\.mon: a day must be a list of shifts/],
    ['a missing weekly section', { timeZone: 'UTC' }, /weekly: weekly must map days \(mon, tue/],
    ['holidays that are not a list', { timeZone: 'UTC', weekly: {}, holidays: '2026-12-25' }, /holidays: holidays must be a list/],
    ['an impossible holiday', { timeZone: 'UTC', weekly: {}, holidays: ['2026-02-30'] }, /holidays\.0: not a real calendar date/],
    ['a holiday in another format', { timeZone: 'UTC', weekly: {}, holidays: ['25/12/2026'] }, /holidays\.0: a holiday must be a date "YYYY-MM-DD"/],
  ])('rejects %s with a message naming the key', (_name, input, message) => {
    expect(problemsOf(input)).toMatch(message)
  })

  it('lists every problem at once', () => {
    const message = problemsOf({ timeZone: 'Nowhere', weekly: { sun: [{ start: 'x', end: '18:00' }] }, holidays: ['x'] })
    expect(message).toMatch(/timeZone/)
    expect(message).toMatch(/weekly\.sun\.0\.start/)
    expect(message).toMatch(/holidays\.0/)
  })

  it('fills missing days and holidays and exports the schema for the config loader', () => {
    const parsed = businessHoursSchema.parse({ timeZone: 'Europe/Berlin', weekly: { mon: nineToSix } })
    expect(parsed.weekly.sun).toEqual([])
    expect(parsed.holidays).toEqual([])
  })
})
