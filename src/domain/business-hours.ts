// Business hours of a support team, in the team's own IANA time zone.
//
// Semantics (wall-clock): an instant is inside business hours when the local wall time in `timeZone` falls in
// a shift of that local date. A shift with `end` <= `start` is overnight and belongs to the day it starts:
// `{ start: '22:00', end: '06:00' }` on Friday covers Friday 22:00 to Saturday 06:00, and a holiday on
// Saturday does not cut it short (a holiday only cancels the shifts that start on it). `end: '24:00'` means
// midnight at the end of the day. Because the test is on wall time, DST needs no special case: on a
// spring-forward day a shift simply loses the skipped hour, and a shift starting inside the gap opens at the
// first instant after the gap; on a fall-back day the repeated wall times are inside the shift both times.

import { DateTime, IANAZone } from 'luxon'
import { z } from 'zod'
import { AppError } from './errors.ts'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

const timeOfDay = (what: string) =>
  z.string({ error: `${what} must be a time "HH:MM"` }).regex(TIME_OF_DAY, {
    error: `${what} must be a 24-hour time "HH:MM" between 00:00 and 23:59`,
  })

const shiftSchema = z
  .strictObject({
    start: timeOfDay('start'),
    end: z.union([timeOfDay('end'), z.literal('24:00')], {
      error: 'end must be a 24-hour time "HH:MM" between 00:00 and 24:00',
    }),
  })
  .refine((shift) => shift.start !== shift.end, {
    error: 'start and end are equal: a shift cannot be empty (use 00:00 to 24:00 for a whole day)',
  })

const dayShifts = () => z.array(shiftSchema, { error: 'a day must be a list of shifts' }).default([])

const weeklySchema = z.strictObject(
  {
    mon: dayShifts(),
    tue: dayShifts(),
    wed: dayShifts(),
    thu: dayShifts(),
    fri: dayShifts(),
    sat: dayShifts(),
    sun: dayShifts(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown day; the days are ${WEEKDAYS.join(', ')}`
        : `weekly must map days (${WEEKDAYS.join(', ')}) to lists of shifts`,
  },
)

const holidaySchema = z
  .string({ error: 'a holiday must be a date "YYYY-MM-DD"' })
  .regex(DATE_ONLY, { error: 'a holiday must be a date "YYYY-MM-DD"' })
  .refine((value) => DateTime.fromISO(value).isValid, { error: 'not a real calendar date' })

/** The `businessHours` section of the config file. Missing days have no shifts. */
export const businessHoursSchema = z.strictObject({
  timeZone: z
    .string({ error: 'timeZone must be an IANA time zone name such as "Asia/Shanghai"' })
    .refine((zone) => IANAZone.isValidZone(zone), {
      error: 'timeZone must be an IANA time zone name such as "Asia/Shanghai" or "America/Los_Angeles"',
    }),
  weekly: weeklySchema,
  holidays: z.array(holidaySchema, { error: 'holidays must be a list of dates "YYYY-MM-DD"' }).default([]),
})

export type BusinessHoursConfig = z.input<typeof businessHoursSchema>
export type BusinessHours = z.output<typeof businessHoursSchema>
export type Shift = z.output<typeof shiftSchema>

/** Parses an untrusted config section; throws `AppError('INVALID_BUSINESS_HOURS')` listing every problem. */
export function parseBusinessHours(input: unknown): BusinessHours {
  const result = businessHoursSchema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }))
  const summary = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')
  throw new AppError('INVALID_BUSINESS_HOURS', `invalid business hours: ${summary}`, { problems })
}

const DAY_MINUTES = 24 * 60
const DEFAULT_SEARCH_DAYS = 31

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

function isOvernight(shift: Shift): boolean {
  return minutesOf(shift.end) <= minutesOf(shift.start) && shift.end !== '24:00'
}

function weekdayOf(date: DateTime): Weekday {
  // luxon: 1 = Monday … 7 = Sunday
  return WEEKDAYS[date.weekday - 1] as Weekday
}

function shiftsStartingOn(hours: BusinessHours, localDate: DateTime): Shift[] {
  if (hours.holidays.includes(localDate.toISODate() ?? '')) return []
  return hours.weekly[weekdayOf(localDate)]
}

function toDateTime(at: Date, zone: string): DateTime {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new AppError('INVALID_TIME', 'business-hours check needs a valid date')
  }
  return DateTime.fromJSDate(at, { zone })
}

function isOpenAt(hours: BusinessHours, local: DateTime): boolean {
  const minute = local.hour * 60 + local.minute
  const today = local.startOf('day')
  for (const shift of shiftsStartingOn(hours, today)) {
    const start = minutesOf(shift.start)
    const end = shift.end === '24:00' ? DAY_MINUTES : minutesOf(shift.end)
    if (isOvernight(shift) ? minute >= start : minute >= start && minute < end) return true
  }
  for (const shift of shiftsStartingOn(hours, today.minus({ days: 1 }))) {
    if (isOvernight(shift) && minute < minutesOf(shift.end)) return true
  }
  return false
}

/** True when `at` falls outside every shift (or on a holiday's shifts). */
export function isAfterHours(hours: BusinessHours, at: Date): boolean {
  return !isOpenAt(hours, toDateTime(at, hours.timeZone))
}

/**
 * Every instant whose local wall time in `zone` is the given one: none inside a spring-forward gap, two
 * inside a fall-back overlap.
 */
function instantsOfWallTime(zone: IANAZone, date: DateTime, minuteOfDay: number): number[] {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day) + minuteOfDay * 60_000
  const candidateOffsets = new Set([
    zone.offset(wallAsUtc - DAY_MINUTES * 60_000),
    zone.offset(wallAsUtc),
    zone.offset(wallAsUtc + DAY_MINUTES * 60_000),
  ])
  const instants: number[] = []
  for (const offset of candidateOffsets) {
    const instant = wallAsUtc - offset * 60_000
    if (zone.offset(instant) === offset) instants.push(instant)
  }
  return instants
}

/** The instants in [from, to) where the zone's UTC offset changes (DST transitions), to the millisecond. */
function offsetChangesBetween(zone: IANAZone, from: number, to: number): number[] {
  const changes: number[] = []
  const step = 12 * 60 * 60_000 // offset changes are weeks apart, never two within 12 h
  for (let start = from; start < to; start += step) {
    let low = start
    let high = Math.min(start + step, to)
    if (zone.offset(low) === zone.offset(high)) continue
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2)
      if (zone.offset(middle) === zone.offset(low)) low = middle
      else high = middle
    }
    changes.push(high)
  }
  return changes
}

/**
 * The first instant at or after `at` inside business hours: `at` itself when already open, `null` when
 * nothing opens within `withinDays` (default 31) — e.g. no shifts configured or a long holiday block.
 */
export function nextOpening(hours: BusinessHours, at: Date, options: { withinDays?: number } = {}): Date | null {
  const local = toDateTime(at, hours.timeZone)
  if (isOpenAt(hours, local)) return at
  const zone = IANAZone.create(hours.timeZone)
  const withinDays = options.withinDays ?? DEFAULT_SEARCH_DAYS
  const from = at.getTime()
  const until = local.plus({ days: withinDays }).toMillis()

  // Business hours can only open where the wall clock reaches a shift start or jumps (a DST transition).
  // Days are searched in order, so the first opening found in a day is the answer.
  for (let day = local.startOf('day'); day.toMillis() < until; day = day.plus({ days: 1 })) {
    const dayEnd = Math.min(day.plus({ days: 1 }).toMillis(), until)
    const candidates = offsetChangesBetween(zone, Math.max(day.toMillis(), from), dayEnd)
    for (const shift of shiftsStartingOn(hours, day)) {
      candidates.push(...instantsOfWallTime(zone, day, minutesOf(shift.start)))
    }
    const opening = candidates
      .filter((instant) => instant > from && instant < until)
      .sort((a, b) => a - b)
      .find((instant) => isOpenAt(hours, DateTime.fromMillis(instant, { zone: hours.timeZone })))
    if (opening !== undefined) return new Date(opening)
  }
  return null
}
