// Amazon's response-time rule: every buyer message must be answered within 24 hours, weekends and holidays
// included, and the clock restarts with each new buyer message (Seller Central help, "Buyer-Seller
// Messaging"). Business hours therefore never pause the SLA; they only decide who gets paged.

import { AppError } from './errors.ts'

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const RESPONSE_WINDOW_MS = 24 * HOUR_MS

export const DEFAULT_DUE_SOON_WITHIN_MS = 6 * HOUR_MS
/** Reminders before the deadline, as offsets before `due`. */
export const DEFAULT_REMINDER_OFFSETS_MS: readonly number[] = [6 * HOUR_MS, 1 * HOUR_MS]

export const SLA_STATUSES = ['on-track', 'due-soon', 'breached'] as const
export type SlaStatus = (typeof SLA_STATUSES)[number]

export interface SlaReminder {
  at: Date
  /** How long before the deadline this reminder fires, in milliseconds. */
  before: number
}

function assertValidDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new AppError('INVALID_TIME', `${name} is not a valid date`, { name })
  }
}

function assertNonNegativeDuration(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new AppError('INVALID_DURATION', `${name} must be a finite, non-negative number of milliseconds`, {
      name,
      value,
    })
  }
}

/**
 * The response deadline of a conversation: 24 h after its latest buyer message. Accepts every buyer
 * message time so that messages stored out of order still give the right deadline.
 */
export function slaDueAt(buyerMessageTimes: Date | readonly Date[]): Date {
  const times = Array.isArray(buyerMessageTimes) ? buyerMessageTimes : [buyerMessageTimes as Date]
  if (times.length === 0) throw new AppError('INVALID_TIME', 'an SLA needs at least one buyer message time')
  let latest = -Infinity
  for (const time of times) {
    assertValidDate(time, 'buyer message time')
    latest = Math.max(latest, time.getTime())
  }
  return new Date(latest + RESPONSE_WINDOW_MS)
}

/** `breached` from the due instant on; `due-soon` when the deadline is at most `dueSoonWithin` ms away. */
export function slaStatus(due: Date, now: Date, options: { dueSoonWithin?: number } = {}): SlaStatus {
  assertValidDate(due, 'due')
  assertValidDate(now, 'now')
  const dueSoonWithin = options.dueSoonWithin ?? DEFAULT_DUE_SOON_WITHIN_MS
  assertNonNegativeDuration(dueSoonWithin, 'dueSoonWithin')
  const remaining = due.getTime() - now.getTime()
  if (remaining <= 0) return 'breached'
  if (remaining <= dueSoonWithin) return 'due-soon'
  return 'on-track'
}

/** Milliseconds left before the deadline; negative once breached. */
export function slaRemaining(due: Date, now: Date): number {
  assertValidDate(due, 'due')
  assertValidDate(now, 'now')
  return due.getTime() - now.getTime()
}

/**
 * The reminders still to fire for a deadline, earliest first. Offsets already in the past (at or before
 * `now`) are skipped, duplicates collapse, and an offset of 0 means "at the deadline".
 */
export function slaReminders(
  due: Date,
  now: Date,
  offsets: readonly number[] = DEFAULT_REMINDER_OFFSETS_MS,
): SlaReminder[] {
  assertValidDate(due, 'due')
  assertValidDate(now, 'now')
  const unique = [...new Set(offsets)]
  for (const offset of unique) assertNonNegativeDuration(offset, 'reminder offset')
  return unique
    .map((before) => ({ at: new Date(due.getTime() - before), before }))
    .filter((reminder) => reminder.at.getTime() > now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime())
}
