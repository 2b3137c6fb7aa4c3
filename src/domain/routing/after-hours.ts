// After hours: whether an arriving message pages on-call, and the summary posted at the next opening.
//
// The summary at an opening lists the open (unanswered) conversations whose latest buyer message arrived
// after hours in the closed stretch that this opening ends, i.e. since the previous closing. That is exactly
// the messages whose `nextOpening` is this opening, which keeps holidays, overnight shifts and DST changes in
// one place (business-hours.ts). Conversations summarised at an earlier opening are not repeated.

import { isAfterHours, nextOpening, type BusinessHours } from '../business-hours.ts'
import { isOpen } from '../conversation.ts'
import { AppError } from '../errors.ts'
import type { ConversationState } from '../vocabulary.ts'
import { onCallAt, type OnCallAssignment, type OnCallSchedule } from './oncall.ts'

export interface AfterHoursPage {
  /** Null when nobody is on call (empty rotation, no override): the caller falls back to the managers. */
  onCall: OnCallAssignment | null
  /** When business hours open again; null when nothing opens within 31 days. */
  opensAt: Date | null
}

/** Null inside business hours; otherwise whom to page and when the team is back. */
export function afterHoursPage(hours: BusinessHours, schedule: OnCallSchedule | null, receivedAt: Date): AfterHoursPage | null {
  if (!isAfterHours(hours, receivedAt)) return null
  return { onCall: schedule ? onCallAt(schedule, receivedAt) : null, opensAt: nextOpening(hours, receivedAt) }
}

export interface SummaryCandidate {
  state: ConversationState
  latestBuyerMessageAt: Date
}

/**
 * The conversations to summarise at `opening` (an instant returned by `nextOpening`), oldest message
 * first. `opening` must be inside business hours.
 */
export function afterHoursSummary<T extends SummaryCandidate>(hours: BusinessHours, conversations: readonly T[], opening: Date): T[] {
  if (isAfterHours(hours, opening)) {
    throw new AppError('NOT_AN_OPENING', 'the summary time must be inside business hours (an opening)', { opening: opening.toISOString() })
  }
  const openingMs = opening.getTime()
  return conversations
    .filter((conversation) => {
      if (!isOpen(conversation.state)) return false
      const arrived = conversation.latestBuyerMessageAt
      if (arrived.getTime() >= openingMs || !isAfterHours(hours, arrived)) return false
      return nextOpening(hours, arrived)?.getTime() === openingMs
    })
    .sort((a, b) => a.latestBuyerMessageAt.getTime() - b.latestBuyerMessageAt.getTime())
}

/** Unique per team and opening: the key of the summary job and of its "posted" row. */
export function summaryKey(teamId: string, opening: Date): string {
  return `summary:${teamId}:${opening.getTime()}`
}
