// The life of a buyer conversation, as pure functions over a ConversationStatus record.
//
//   from \ to            new   notified  assigned  replied  no-response-needed
//   new                   ·       ✓         ✓         ✓            ✓
//   notified              ·       ·         ✓         ✓            ✓
//   assigned              ·       ·         ✓ (re)    ✓            ✓
//   replied               ✓*      ·         ·         ·            ·
//   no-response-needed    ✓*      ·         ·         ·            ·
//
//   * only through a new buyer message.
//
// Decisions:
// - A new buyer message on a closed conversation reopens it to `new`, not `notified`: `new` means "the cards
//   do not show this yet", so the notify job picks it up again and moves it to `notified` once every card is
//   updated. The assignee is kept (the same agent usually continues) and can be changed by `assign`.
//   On an open conversation a buyer message changes no state. Either way the 24 h SLA restarts.
// - Replying straight from `new` is allowed: the web console shows conversations whose chat cards have not
//   been posted (a chat platform may be down), and a dead platform must not block an answer.
// - `replied` is recorded once a reply left (sent or unconfirmed); a second reply needs a new buyer message.
// - Escalation, after-hours paging and acknowledgement are flags with who/when, not states. A reopen clears
//   the page and its acknowledgement (a new message may be paged again) and keeps the escalation.

import { AppError } from './errors.ts'
import { slaDueAt } from './sla.ts'
import type { ConversationState } from './vocabulary.ts'

export interface Stamp {
  by: string
  at: Date
}

export interface ConversationStatus {
  state: ConversationState
  assignee: string | null
  latestBuyerMessageAt: Date
  buyerMessageCount: number
  /** Response deadline; null once replied or marked no-response-needed. */
  slaDueAt: Date | null
  /** Who closed the conversation (replied / no-response-needed) and when; null while open. */
  closed: Stamp | null
  escalated: (Stamp & { reason: string }) | null
  /** When on-call was paged for this conversation outside business hours. */
  pagedAt: Date | null
  acknowledged: Stamp | null
  updatedAt: Date
}

export const CONVERSATION_TRANSITIONS: Readonly<Record<ConversationState, readonly ConversationState[]>> = {
  new: ['notified', 'assigned', 'replied', 'no-response-needed'],
  notified: ['assigned', 'replied', 'no-response-needed'],
  assigned: ['assigned', 'replied', 'no-response-needed'],
  replied: ['new'],
  'no-response-needed': ['new'],
}

export const OPEN_STATES: readonly ConversationState[] = ['new', 'notified', 'assigned']

export function isOpen(state: ConversationState): boolean {
  return OPEN_STATES.includes(state)
}

export function canTransition(from: ConversationState, to: ConversationState): boolean {
  return CONVERSATION_TRANSITIONS[from].includes(to)
}

function transition(status: ConversationStatus, to: ConversationState, at: Date): ConversationStatus {
  if (!canTransition(status.state, to)) {
    throw new AppError('ILLEGAL_TRANSITION', `a conversation cannot go from "${status.state}" to "${to}"`, {
      from: status.state,
      to,
    })
  }
  return { ...status, state: to, updatedAt: at }
}

function requireActor(by: string): void {
  if (by.trim() === '') throw new AppError('ACTOR_REQUIRED', 'the person doing this must be named')
}

/** A conversation created by its first buyer message. */
export function openConversation(firstMessageAt: Date): ConversationStatus {
  return {
    state: 'new',
    assignee: null,
    latestBuyerMessageAt: firstMessageAt,
    buyerMessageCount: 1,
    slaDueAt: slaDueAt(firstMessageAt),
    closed: null,
    escalated: null,
    pagedAt: null,
    acknowledged: null,
    updatedAt: firstMessageAt,
  }
}

/**
 * Another buyer message: restarts the 24 h clock from the latest message and reopens a closed conversation
 * to `new`. A message older than the latest one (stored out of order) only counts.
 */
export function receiveBuyerMessage(status: ConversationStatus, receivedAt: Date): ConversationStatus {
  const latest = receivedAt > status.latestBuyerMessageAt ? receivedAt : status.latestBuyerMessageAt
  const counted = { ...status, buyerMessageCount: status.buyerMessageCount + 1, latestBuyerMessageAt: latest }
  if (isOpen(status.state)) {
    return { ...counted, slaDueAt: slaDueAt(latest), updatedAt: receivedAt }
  }
  if (receivedAt <= status.latestBuyerMessageAt || (status.closed && receivedAt <= status.closed.at)) {
    // Written before the conversation was closed: the reply or decision already covered it.
    return { ...counted, updatedAt: receivedAt }
  }
  return {
    ...transition(counted, 'new', receivedAt),
    slaDueAt: slaDueAt(latest),
    closed: null,
    pagedAt: null,
    acknowledged: null,
  }
}

/** The cards now show the conversation. */
export function markNotified(status: ConversationStatus, at: Date): ConversationStatus {
  return transition(status, 'notified', at)
}

/** Take or hand over the conversation (`assigned` → `assigned` is a reassignment). */
export function assign(status: ConversationStatus, input: { assignee: string; at: Date }): ConversationStatus {
  requireActor(input.assignee)
  return { ...transition(status, 'assigned', input.at), assignee: input.assignee }
}

/** A reply left for the buyer (sent, or unconfirmed after the request went out). */
export function recordReply(status: ConversationStatus, input: Stamp): ConversationStatus {
  requireActor(input.by)
  return { ...transition(status, 'replied', input.at), slaDueAt: null, closed: { by: input.by, at: input.at } }
}

/** An agent decided the buyer needs no answer (recorded here; Seller Central's own button has no API). */
export function markNoResponseNeeded(status: ConversationStatus, input: Stamp): ConversationStatus {
  requireActor(input.by)
  return {
    ...transition(status, 'no-response-needed', input.at),
    slaDueAt: null,
    closed: { by: input.by, at: input.at },
  }
}

export function escalate(status: ConversationStatus, input: Stamp & { reason: string }): ConversationStatus {
  requireActor(input.by)
  if (status.escalated) {
    throw new AppError('ALREADY_ESCALATED', `already escalated by ${status.escalated.by}`, {
      by: status.escalated.by,
      at: status.escalated.at.toISOString(),
    })
  }
  return { ...status, escalated: { by: input.by, at: input.at, reason: input.reason }, updatedAt: input.at }
}

/** On-call was paged because the message arrived outside business hours. */
export function markPaged(status: ConversationStatus, at: Date): ConversationStatus {
  if (status.pagedAt) return status
  return { ...status, pagedAt: at, updatedAt: at }
}

/** Whether an Acknowledge button makes sense: paged or escalated, and nobody acknowledged yet. */
export function needsAcknowledgement(status: Pick<ConversationStatus, 'pagedAt' | 'escalated' | 'acknowledged'>): boolean {
  return (status.pagedAt !== null || status.escalated !== null) && status.acknowledged === null
}

export function acknowledge(status: ConversationStatus, input: Stamp): ConversationStatus {
  requireActor(input.by)
  if (status.acknowledged) {
    throw new AppError('ALREADY_ACKNOWLEDGED', `already acknowledged by ${status.acknowledged.by}`, {
      by: status.acknowledged.by,
      at: status.acknowledged.at.toISOString(),
    })
  }
  if (!needsAcknowledgement(status)) {
    throw new AppError('NOTHING_TO_ACKNOWLEDGE', 'the conversation was neither paged nor escalated')
  }
  return { ...status, acknowledged: { by: input.by, at: input.at }, updatedAt: input.at }
}
