import { describe, expect, it } from 'vitest'
import { isAppError } from '../../../src/domain/errors.ts'
import { HOUR_MS, MINUTE_MS, slaDueAt, slaReminders, slaRemaining, slaStatus } from '../../../src/domain/sla.ts'

const at = (iso: string) => new Date(iso)

describe('slaDueAt', () => {
  it.each([
    ['a weekday message', '2026-03-04T10:00:00Z', '2026-03-05T10:00:00Z'],
    ['a Saturday message (weekends count)', '2026-03-07T23:30:00Z', '2026-03-08T23:30:00Z'],
    ['a Christmas Eve message (holidays count)', '2026-12-24T18:00:00Z', '2026-12-25T18:00:00Z'],
    ['across the US DST change (24 real hours, not wall-clock)', '2026-03-08T08:00:00Z', '2026-03-09T08:00:00Z'],
  ])('is 24 hours after %s', (_name, received, due) => {
    expect(slaDueAt(at(received)).toISOString()).toBe(new Date(due).toISOString())
  })

  it('restarts from the latest buyer message, whatever order they are given in', () => {
    const times = [at('2026-03-04T10:00:00Z'), at('2026-03-05T09:00:00Z'), at('2026-03-04T22:00:00Z')]
    expect(slaDueAt(times).toISOString()).toBe('2026-03-06T09:00:00.000Z')
  })

  it('refuses invalid or missing times', () => {
    expect(() => slaDueAt(new Date('nope'))).toThrowError(/valid date/)
    expect(() => slaDueAt([])).toThrowError(/at least one/)
  })
})

describe('slaStatus', () => {
  const due = at('2026-03-05T10:00:00Z')
  it.each([
    ['23 h left', '2026-03-04T11:00:00Z', {}, 'on-track'],
    ['exactly 6 h left (default threshold)', '2026-03-05T04:00:00Z', {}, 'due-soon'],
    ['6 h and 1 min left', '2026-03-05T03:59:00Z', {}, 'on-track'],
    ['1 min left', '2026-03-05T09:59:00Z', {}, 'due-soon'],
    ['at the deadline', '2026-03-05T10:00:00Z', {}, 'breached'],
    ['after the deadline', '2026-03-06T10:00:00Z', {}, 'breached'],
    ['3 h left with a 2 h threshold', '2026-03-05T07:00:00Z', { dueSoonWithin: 2 * HOUR_MS }, 'on-track'],
    ['90 min left with a 2 h threshold', '2026-03-05T08:30:00Z', { dueSoonWithin: 2 * HOUR_MS }, 'due-soon'],
    ['1 min left with a zero threshold', '2026-03-05T09:59:00Z', { dueSoonWithin: 0 }, 'on-track'],
  ] as const)('%s → %s', (_name, now, options, expected) => {
    expect(slaStatus(due, at(now), options)).toBe(expected)
  })

  it('rejects a negative threshold with a coded error', () => {
    try {
      slaStatus(due, at('2026-03-05T07:00:00Z'), { dueSoonWithin: -1 })
      expect.unreachable()
    } catch (error) {
      expect(isAppError(error, 'INVALID_DURATION')).toBe(true)
    }
  })

  it('reports the time left, negative once breached', () => {
    expect(slaRemaining(due, at('2026-03-05T09:30:00Z'))).toBe(30 * MINUTE_MS)
    expect(slaRemaining(due, at('2026-03-05T10:30:00Z'))).toBe(-30 * MINUTE_MS)
  })
})

describe('slaReminders', () => {
  const due = at('2026-03-05T10:00:00Z')
  const iso = (reminders: { at: Date }[]) => reminders.map((r) => r.at.toISOString())

  it.each([
    ['fresh conversation: both default reminders', '2026-03-04T10:00:00Z', undefined, ['2026-03-05T04:00:00.000Z', '2026-03-05T09:00:00.000Z']],
    ['5 h left: the 6 h reminder is past', '2026-03-05T05:00:00Z', undefined, ['2026-03-05T09:00:00.000Z']],
    ['exactly at the 6 h reminder: it counts as past', '2026-03-05T04:00:00Z', undefined, ['2026-03-05T09:00:00.000Z']],
    ['30 min left: none', '2026-03-05T09:30:00Z', undefined, []],
    ['breached: none', '2026-03-05T11:00:00Z', undefined, []],
    [
      'custom offsets, unsorted, duplicated, one at the deadline',
      '2026-03-04T10:00:00Z',
      [0, 12 * HOUR_MS, 2 * HOUR_MS, 12 * HOUR_MS],
      ['2026-03-04T22:00:00.000Z', '2026-03-05T08:00:00.000Z', '2026-03-05T10:00:00.000Z'],
    ],
  ] as const)('%s', (_name, now, offsets, expected) => {
    expect(iso(slaReminders(due, at(now), offsets))).toEqual(expected)
  })

  it('says how long before the deadline each reminder fires', () => {
    expect(slaReminders(due, at('2026-03-04T10:00:00Z')).map((r) => r.before)).toEqual([6 * HOUR_MS, HOUR_MS])
  })

  it('rejects negative or non-finite offsets', () => {
    expect(() => slaReminders(due, at('2026-03-04T10:00:00Z'), [-HOUR_MS])).toThrowError(/reminder offset/)
    expect(() => slaReminders(due, at('2026-03-04T10:00:00Z'), [Number.NaN])).toThrowError(/reminder offset/)
  })
})
