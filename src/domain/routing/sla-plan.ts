// The SLA timers of a conversation: reminders before the 24 h deadline and the breach alert at it.
//
// Every timer key contains the deadline it was planned for, so a new buyer message (a new deadline) makes
// every earlier key obsolete, and a reply or a no-response-needed decision (no deadline) makes all of them
// obsolete. The job does not trust what was scheduled: when a timer fires it calls `checkSlaTimer` with the
// conversation as it is now, which says whether the key is still part of the plan and whom to mention (the
// assignee at firing time, or the channel when nobody took the conversation).

import { isOpen } from '../conversation.ts'
import { AppError } from '../errors.ts'
import type { ConversationState } from '../vocabulary.ts'

const MINUTE_MS = 60_000

export type SlaMention = { kind: 'assignee'; personId: string } | { kind: 'channel' } | { kind: 'managers' }

export interface SlaTimer {
  key: string
  kind: 'reminder' | 'breach'
  at: Date
  /** Minutes before the deadline (0 for the breach). */
  beforeMinutes: number
  mention: SlaMention
}

export interface SlaSubject {
  conversationId: string
  state: ConversationState
  slaDueAt: Date | null
  assignee: string | null
}

function dueMs(due: Date): number {
  const ms = due instanceof Date ? due.getTime() : Number.NaN
  if (Number.isNaN(ms)) throw new AppError('INVALID_TIME', 'slaDueAt is not a valid date')
  return ms
}

export function slaTimerKey(conversationId: string, due: Date, kind: 'reminder' | 'breach', beforeMinutes = 0): string {
  const base = `sla:${conversationId}:${dueMs(due)}`
  return kind === 'breach' ? `${base}:breach` : `${base}:remind:${beforeMinutes}`
}

export function reminderMention(assignee: string | null): SlaMention {
  return assignee && assignee.trim() !== '' ? { kind: 'assignee', personId: assignee } : { kind: 'channel' }
}

/**
 * Every timer of the conversation's current deadline, earliest first, past ones included; empty when the
 * conversation is closed or has no deadline. Offsets of 0 or duplicates collapse into the breach alert.
 */
export function slaTimerPlan(subject: SlaSubject, offsetsMinutes: readonly number[]): SlaTimer[] {
  const dueAt = subject.slaDueAt
  if (!isOpen(subject.state) || dueAt === null) return []
  const due = dueMs(dueAt)
  for (const offset of offsetsMinutes) {
    if (!Number.isInteger(offset) || offset < 0) {
      throw new AppError('INVALID_DURATION', 'reminder offsets must be whole minutes, 0 or more', { offset })
    }
  }
  const offsets = [...new Set(offsetsMinutes.filter((offset) => offset > 0))].sort((a, b) => b - a)
  const reminders: SlaTimer[] = offsets.map((before) => ({
    key: slaTimerKey(subject.conversationId, dueAt, 'reminder', before),
    kind: 'reminder',
    at: new Date(due - before * MINUTE_MS),
    beforeMinutes: before,
    mention: reminderMention(subject.assignee),
  }))
  const breach: SlaTimer = {
    key: slaTimerKey(subject.conversationId, dueAt, 'breach'),
    kind: 'breach',
    at: new Date(due),
    beforeMinutes: 0,
    mention: { kind: 'managers' },
  }
  return [...reminders, breach]
}

/** The timers still worth scheduling at `now`: reminders in the future, and the breach alert always. */
export function pendingSlaTimers(plan: readonly SlaTimer[], now: Date): SlaTimer[] {
  const at = now.getTime()
  return plan.filter((timer) => timer.kind === 'breach' || timer.at.getTime() > at)
}

/** Shorthand: the timers to schedule for a conversation now. */
export function planSlaTimers(subject: SlaSubject, offsetsMinutes: readonly number[], now: Date): SlaTimer[] {
  return pendingSlaTimers(slaTimerPlan(subject, offsetsMinutes), now)
}

export interface SlaReconciliation {
  /** Scheduled keys that are no longer part of the plan (replied, no-response-needed, new deadline). */
  cancel: string[]
  /** Planned timers not scheduled yet. */
  create: SlaTimer[]
}

/**
 * After any change to the conversation (reply, no-response-needed, new buyer message, assignment): which
 * scheduled timers to cancel and which to create.
 */
export function reconcileSlaTimers(scheduledKeys: readonly string[], subject: SlaSubject, offsetsMinutes: readonly number[], now: Date): SlaReconciliation {
  const plan = planSlaTimers(subject, offsetsMinutes, now)
  const planned = new Set(plan.map((timer) => timer.key))
  const scheduled = new Set(scheduledKeys)
  return {
    cancel: [...scheduled].filter((key) => !planned.has(key)),
    create: plan.filter((timer) => !scheduled.has(timer.key)),
  }
}

export type SlaTimerCheck = { fire: true; timer: SlaTimer } | { fire: false; reason: 'closed' | 'obsolete' }

/** At firing time: is this timer still part of the conversation's plan, and with which mention. */
export function checkSlaTimer(key: string, subject: SlaSubject, offsetsMinutes: readonly number[]): SlaTimerCheck {
  if (!isOpen(subject.state) || subject.slaDueAt === null) return { fire: false, reason: 'closed' }
  const timer = slaTimerPlan(subject, offsetsMinutes).find((candidate) => candidate.key === key)
  return timer ? { fire: true, timer } : { fire: false, reason: 'obsolete' }
}
