// Who is on call at an instant.
//
// The rotation: shift k starts on local date `startDate + k × rotationDays` at the `handoff` wall-clock time
// in `timeZone`, and belongs to `rotation[k mod n]` (k may be negative: dates before `startDate` rotate
// backwards). Handoffs follow the wall clock, so across a DST change the shift is an hour shorter or longer
// but the handoff stays at 09:00 local. A handoff time inside a spring-forward gap happens at the first
// instant after the gap; inside a fall-back overlap it happens the first time the clock shows it.
// Overrides (person, from, to) take precedence over the rotation for [from, to); when overrides overlap,
// the one listed last wins (operators append the newest arrangement).

import { DateTime, IANAZone } from 'luxon'
import { AppError } from '../errors.ts'
import type { OnCallConfig } from './config-schema.ts'

export type OnCallSchedule = Pick<OnCallConfig, 'timeZone' | 'rotation' | 'handoff' | 'rotationDays' | 'startDate' | 'overrides'> & {
  backup?: string | undefined
}

export interface OnCallAssignment {
  personId: string
  source: 'rotation' | 'override'
  /** Start and end of the rotation shift or of the override that decides this instant. */
  since: Date
  until: Date
  /** The rotation shift number at that instant (also under an override). */
  shift: number
}

export interface Handoff {
  at: Date
  from: string | null
  to: string | null
}

const DAY_MS = 86_400_000

function checkDate(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN
  if (Number.isNaN(ms)) throw new AppError('INVALID_TIME', `${name} is not a valid date`, { name })
  return ms
}

function dayNumberOfIso(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`)
  if (Number.isNaN(ms)) throw new AppError('INVALID_DATE', `"${date}" is not a date YYYY-MM-DD`)
  return Math.round(ms / DAY_MS)
}

function handoffMinutes(handoff: string): number {
  const [hours, minutes] = handoff.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}

/** The instant of the handoff on the local calendar day `dayNumber` (days since 1970-01-01). */
export function handoffInstant(schedule: Pick<OnCallSchedule, 'timeZone' | 'handoff'>, dayNumber: number): number {
  const zone = IANAZone.create(schedule.timeZone)
  if (!zone.isValid) throw new AppError('INVALID_TIME_ZONE', `"${schedule.timeZone}" is not an IANA time zone`)
  const wallAsUtc = dayNumber * DAY_MS + handoffMinutes(schedule.handoff) * 60_000
  const offsets = new Set([zone.offset(wallAsUtc - DAY_MS), zone.offset(wallAsUtc), zone.offset(wallAsUtc + DAY_MS)])
  const exact = [...offsets]
    .map((offset) => ({ offset, instant: wallAsUtc - offset * 60_000 }))
    .filter(({ offset, instant }) => zone.offset(instant) === offset)
    .map(({ instant }) => instant)
  if (exact.length > 0) return Math.min(...exact)
  // Inside a spring-forward gap: the first instant after it, i.e. where the later (larger) offset begins.
  const before = Math.min(...offsets)
  const after = Math.max(...offsets)
  let low = wallAsUtc - after * 60_000
  let high = wallAsUtc - before * 60_000
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2)
    if (zone.offset(middle) === after) high = middle
    else low = middle
  }
  return high
}

function localDayNumber(schedule: Pick<OnCallSchedule, 'timeZone'>, at: number): number {
  const local = DateTime.fromMillis(at, { zone: schedule.timeZone })
  return Math.round(Date.UTC(local.year, local.month - 1, local.day) / DAY_MS)
}

interface RotationShift {
  index: number
  start: number
  end: number
}

function rotationShiftAt(schedule: OnCallSchedule, at: number): RotationShift {
  const anchor = dayNumberOfIso(schedule.startDate)
  let day = localDayNumber(schedule, at)
  if (at < handoffInstant(schedule, day)) day -= 1
  const index = Math.floor((day - anchor) / schedule.rotationDays)
  const firstDay = anchor + index * schedule.rotationDays
  return { index, start: handoffInstant(schedule, firstDay), end: handoffInstant(schedule, firstDay + schedule.rotationDays) }
}

function rotationPerson(schedule: OnCallSchedule, shift: number): string | null {
  const size = schedule.rotation.length
  if (size === 0) return null
  return schedule.rotation[((shift % size) + size) % size] ?? null
}

function activeOverride(schedule: OnCallSchedule, at: number) {
  for (let i = schedule.overrides.length - 1; i >= 0; i -= 1) {
    const override = schedule.overrides[i]
    if (override && override.from.getTime() <= at && at < override.to.getTime()) return override
  }
  return undefined
}

/** The person on call at `at`, or null when there is no rotation and no override covers `at`. */
export function onCallAt(schedule: OnCallSchedule, at: Date): OnCallAssignment | null {
  const ms = checkDate(at, 'at')
  const shift = rotationShiftAt(schedule, ms)
  const override = activeOverride(schedule, ms)
  if (override) return { personId: override.person, source: 'override', since: override.from, until: override.to, shift: shift.index }
  const personId = rotationPerson(schedule, shift.index)
  if (personId === null) return null
  return { personId, source: 'rotation', since: new Date(shift.start), until: new Date(shift.end), shift: shift.index }
}

/** The instants after `at` where the rotation or an override boundary could change who is on call. */
function nextBoundary(schedule: OnCallSchedule, at: number): number {
  let next = rotationShiftAt(schedule, at).end
  for (const override of schedule.overrides) {
    for (const edge of [override.from.getTime(), override.to.getTime()]) {
      if (edge > at && edge < next) next = edge
    }
  }
  return next
}

/**
 * The next instant after `at` at which the person on call changes (a rotation handoff or an override
 * starting or ending), or null when it never changes (a rotation of one person and no override ahead).
 */
export function nextHandoff(schedule: OnCallSchedule, at: Date): Handoff | null {
  const start = checkDate(at, 'at')
  const from = onCallAt(schedule, at)?.personId ?? null
  const lastOverrideEdge = Math.max(start, ...schedule.overrides.map((o) => o.to.getTime()))
  let cursor = start
  // Past the last override, a full turn of the rotation without a change means it never changes.
  for (let guard = 0; guard < 10_000; guard += 1) {
    cursor = nextBoundary(schedule, cursor)
    const to = onCallAt(schedule, new Date(cursor))?.personId ?? null
    if (to !== from) return { at: new Date(cursor), from, to }
    if (cursor > lastOverrideEdge && rotationShiftAt(schedule, cursor).index - rotationShiftAt(schedule, lastOverrideEdge).index > schedule.rotation.length) {
      return null
    }
  }
  return null
}

/**
 * Who follows the person on call at `at` in the rotation: the next rotation member who is not that person
 * (so an override holder is not paged twice), or null when nobody else is in the rotation.
 */
export function nextInRotation(schedule: OnCallSchedule, at: Date): string | null {
  const current = onCallAt(schedule, at)
  if (!current) return null
  const size = schedule.rotation.length
  for (let step = 1; step <= size; step += 1) {
    const candidate = rotationPerson(schedule, current.shift + step)
    if (candidate !== null && candidate !== current.personId) return candidate
  }
  return null
}

/** The configured backup, or else the next in rotation. Null when neither differs from the person on call. */
export function backupAt(schedule: OnCallSchedule, at: Date): string | null {
  const current = onCallAt(schedule, at)?.personId ?? null
  if (schedule.backup && schedule.backup !== current) return schedule.backup
  return nextInRotation(schedule, at)
}
