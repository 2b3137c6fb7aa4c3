import { describe, expect, it } from 'vitest'
import {
  acknowledge,
  assign,
  canTransition,
  CONVERSATION_TRANSITIONS,
  escalate,
  markNoResponseNeeded,
  markNotified,
  markPaged,
  needsAcknowledgement,
  openConversation,
  receiveBuyerMessage,
  recordReply,
  type ConversationStatus,
} from '../../../src/domain/conversation.ts'
import { AppError, isAppError } from '../../../src/domain/errors.ts'
import { CONVERSATION_STATES, type ConversationState } from '../../../src/domain/vocabulary.ts'

const t0 = new Date('2026-03-04T10:00:00Z')
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000)

/** A conversation driven to `state` through legal transitions. */
function inState(state: ConversationState): ConversationStatus {
  const fresh = openConversation(t0)
  switch (state) {
    case 'new':
      return fresh
    case 'notified':
      return markNotified(fresh, later(1))
    case 'assigned':
      return assign(markNotified(fresh, later(1)), { assignee: 'li.wei', at: later(2) })
    case 'replied':
      return recordReply(inState('assigned'), { by: 'li.wei', at: later(30) })
    case 'no-response-needed':
      return markNoResponseNeeded(inState('notified'), { by: 'anna', at: later(30) })
  }
}

const moves: Record<Exclude<ConversationState, 'new'>, (s: ConversationStatus) => ConversationStatus> = {
  notified: (s) => markNotified(s, later(60)),
  assigned: (s) => assign(s, { assignee: 'sam', at: later(60) }),
  replied: (s) => recordReply(s, { by: 'sam', at: later(60) }),
  'no-response-needed': (s) => markNoResponseNeeded(s, { by: 'sam', at: later(60) }),
}

describe('conversation state machine', () => {
  const table = CONVERSATION_STATES.flatMap((from) =>
    (Object.keys(moves) as (keyof typeof moves)[]).map((to) => [from, to, canTransition(from, to)] as const),
  )

  it('documents the expected table', () => {
    expect(CONVERSATION_TRANSITIONS).toEqual({
      new: ['notified', 'assigned', 'replied', 'no-response-needed'],
      notified: ['assigned', 'replied', 'no-response-needed'],
      assigned: ['assigned', 'replied', 'no-response-needed'],
      replied: ['new'],
      'no-response-needed': ['new'],
    })
  })

  it.each(table)('%s → %s allowed=%s', (from, to, allowed) => {
    const start = inState(from)
    if (allowed) {
      expect(moves[to](start).state).toBe(to)
      return
    }
    try {
      moves[to](start)
      expect.unreachable()
    } catch (error) {
      expect(isAppError(error, 'ILLEGAL_TRANSITION')).toBe(true)
      expect((error as AppError).details).toEqual({ from, to })
      expect((error as AppError).message).toContain(`"${from}"`)
      expect((error as AppError).message).toContain(`"${to}"`)
    }
  })

  it('opens as new with a 24 h SLA from the first message', () => {
    const s = openConversation(t0)
    expect(s).toMatchObject({ state: 'new', assignee: null, buyerMessageCount: 1, closed: null })
    expect(s.slaDueAt?.toISOString()).toBe('2026-03-05T10:00:00.000Z')
  })

  it('reassigns from assigned to another agent', () => {
    const s = assign(inState('assigned'), { assignee: 'maria', at: later(5) })
    expect(s).toMatchObject({ state: 'assigned', assignee: 'maria' })
  })

  it('allows replying straight from new (chat platform down, answered in the console)', () => {
    const s = recordReply(openConversation(t0), { by: 'li.wei', at: later(10) })
    expect(s).toMatchObject({ state: 'replied', slaDueAt: null, closed: { by: 'li.wei', at: later(10) } })
  })

  it('does not mutate the input record', () => {
    const s = inState('notified')
    const copy = structuredClone(s)
    assign(s, { assignee: 'x', at: later(3) })
    expect(s).toEqual(copy)
  })

  it('requires a named actor', () => {
    expect(() => assign(inState('new'), { assignee: ' ', at: later(1) })).toThrowError(AppError)
    expect(() => recordReply(inState('new'), { by: '', at: later(1) })).toThrowError(/must be named/)
  })
})

describe('buyer messages', () => {
  it('on an open conversation: state unchanged, SLA restarts from the new message', () => {
    const s = receiveBuyerMessage(inState('assigned'), later(120))
    expect(s).toMatchObject({ state: 'assigned', assignee: 'li.wei', buyerMessageCount: 2 })
    expect(s.slaDueAt?.toISOString()).toBe('2026-03-05T12:00:00.000Z')
  })

  it.each(['replied', 'no-response-needed'] as const)('reopens %s to new, keeps the assignee, restarts the SLA', (state) => {
    const closed = markPaged(inState(state), later(40))
    const acked = acknowledge(closed, { by: 'oncall', at: later(41) })
    const s = receiveBuyerMessage(acked, later(24 * 60))
    expect(s.state).toBe('new')
    expect(s.slaDueAt?.toISOString()).toBe('2026-03-06T10:00:00.000Z')
    expect(s.closed).toBeNull()
    expect(s.pagedAt).toBeNull()
    expect(s.acknowledged).toBeNull()
    expect(s.assignee).toBe(state === 'replied' ? 'li.wei' : null)
    expect(markNotified(s, later(24 * 60 + 1)).state).toBe('notified')
  })

  it('keeps the escalation flag across a reopen', () => {
    const escalated = escalate(inState('replied'), { by: 'li.wei', at: later(31), reason: 'buyer mentions a lawyer' })
    const s = receiveBuyerMessage(escalated, later(100))
    expect(s.state).toBe('new')
    expect(s.escalated?.reason).toBe('buyer mentions a lawyer')
  })

  it('a message written before the reply went out (delivered late) only counts', () => {
    const replied = inState('replied')
    const s = receiveBuyerMessage(replied, later(20))
    expect(s.state).toBe('replied')
    expect(s.buyerMessageCount).toBe(2)
    expect(s.slaDueAt).toBeNull()
  })

  it('an out-of-order older message does not move the deadline back', () => {
    const s1 = receiveBuyerMessage(openConversation(t0), later(300))
    const s2 = receiveBuyerMessage(s1, later(100))
    expect(s2.slaDueAt?.toISOString()).toBe(later(300 + 24 * 60).toISOString())
    expect(s2.latestBuyerMessageAt).toEqual(later(300))
  })
})

describe('flags: escalation, paging, acknowledgement', () => {
  it('escalates once, with who, when and why, in any state', () => {
    for (const state of CONVERSATION_STATES) {
      const s = escalate(inState(state), { by: 'anna', at: later(50), reason: 'A-to-z claim' })
      expect(s.state).toBe(state)
      expect(s.escalated).toEqual({ by: 'anna', at: later(50), reason: 'A-to-z claim' })
      expect(() => escalate(s, { by: 'bob', at: later(51), reason: 'again' })).toThrowError(/already escalated by anna/)
    }
  })

  it('acknowledgement needs a page or an escalation, and happens once', () => {
    const fresh = inState('new')
    expect(needsAcknowledgement(fresh)).toBe(false)
    expect(() => acknowledge(fresh, { by: 'oncall', at: later(5) })).toThrowError(
      expect.objectContaining({ code: 'NOTHING_TO_ACKNOWLEDGE' }),
    )
    const paged = markPaged(fresh, later(1))
    expect(markPaged(paged, later(9)).pagedAt).toEqual(later(1))
    expect(needsAcknowledgement(paged)).toBe(true)
    const acked = acknowledge(paged, { by: 'oncall', at: later(5) })
    expect(acked.acknowledged).toEqual({ by: 'oncall', at: later(5) })
    expect(acked.state).toBe('new')
    expect(needsAcknowledgement(acked)).toBe(false)
    expect(() => acknowledge(acked, { by: 'other', at: later(6) })).toThrowError(
      expect.objectContaining({ code: 'ALREADY_ACKNOWLEDGED' }),
    )
    const escalated = escalate(fresh, { by: 'li.wei', at: later(2), reason: 'legal threat' })
    expect(acknowledge(escalated, { by: 'manager', at: later(3) }).acknowledged?.by).toBe('manager')
  })
})
