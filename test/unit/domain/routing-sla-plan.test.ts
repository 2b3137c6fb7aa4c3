import { describe, expect, it } from 'vitest'
import {
  assign,
  markNoResponseNeeded,
  openConversation,
  receiveBuyerMessage,
  recordReply,
  type ConversationStatus,
} from '../../../src/domain/conversation.ts'
import { checkSlaTimer, planSlaTimers, reconcileSlaTimers, slaTimerPlan, type SlaSubject } from '../../../src/domain/routing/sla-plan.ts'

const offsets = [360, 60]
const firstMessage = new Date('2026-03-08T10:00:00Z') // due 2026-03-09T10:00Z
const subject = (status: ConversationStatus): SlaSubject => ({ conversationId: 'c-1', ...status })
const due = Date.parse('2026-03-09T10:00:00Z')

describe('SLA timer plan', () => {
  const opened = openConversation(firstMessage)

  it('reminders before the deadline (mentioning the channel while unassigned) and the breach to managers', () => {
    expect(planSlaTimers(subject(opened), offsets, firstMessage)).toEqual([
      { key: `sla:c-1:${due}:remind:360`, kind: 'reminder', at: new Date('2026-03-09T04:00:00Z'), beforeMinutes: 360, mention: { kind: 'channel' } },
      { key: `sla:c-1:${due}:remind:60`, kind: 'reminder', at: new Date('2026-03-09T09:00:00Z'), beforeMinutes: 60, mention: { kind: 'channel' } },
      { key: `sla:c-1:${due}:breach`, kind: 'breach', at: new Date('2026-03-09T10:00:00Z'), beforeMinutes: 0, mention: { kind: 'managers' } },
    ])
  })

  it('mentions the assignee once somebody took the conversation', () => {
    const taken = assign(opened, { assignee: 'ana', at: new Date('2026-03-08T11:00:00Z') })
    expect(planSlaTimers(subject(taken), offsets, firstMessage)[0]?.mention).toEqual({ kind: 'assignee', personId: 'ana' })
  })

  it.each([
    ['6 h before: only the later reminder is still ahead', '2026-03-09T04:00:00Z', ['remind:60', 'breach']],
    ['after the last reminder', '2026-03-09T09:30:00Z', ['breach']],
    ['already breached: the breach alert still fires (at once)', '2026-03-09T11:00:00Z', ['breach']],
  ])('%s', (_label, now, kinds) => {
    expect(planSlaTimers(subject(opened), offsets, new Date(now)).map((t) => t.key.split(':').slice(3).join(':'))).toEqual(kinds)
  })

  it('duplicate and zero offsets collapse', () => {
    expect(slaTimerPlan(subject(opened), [60, 0, 60]).map((t) => t.kind)).toEqual(['reminder', 'breach'])
    expect(() => slaTimerPlan(subject(opened), [-5])).toThrow(expect.objectContaining({ code: 'INVALID_DURATION' }))
  })
})

describe('rescheduling after conversation events', () => {
  const opened = openConversation(firstMessage)
  const scheduled = planSlaTimers(subject(opened), offsets, firstMessage).map((t) => t.key)
  const later = new Date('2026-03-08T12:00:00Z')

  it('a reply cancels every timer', () => {
    const replied = recordReply(opened, { by: 'ana', at: later })
    expect(reconcileSlaTimers(scheduled, subject(replied), offsets, later)).toEqual({ cancel: scheduled, create: [] })
  })

  it('no-response-needed cancels every timer', () => {
    const closed = markNoResponseNeeded(opened, { by: 'ana', at: later })
    expect(reconcileSlaTimers(scheduled, subject(closed), offsets, later).cancel).toEqual(scheduled)
  })

  it('a new buyer message restarts the clock: old timers cancelled, new ones created', () => {
    const again = receiveBuyerMessage(opened, new Date('2026-03-08T15:00:00Z'))
    const result = reconcileSlaTimers(scheduled, subject(again), offsets, new Date('2026-03-08T15:00:00Z'))
    const newDue = Date.parse('2026-03-09T15:00:00Z')
    expect(result.cancel).toEqual(scheduled)
    expect(result.create.map((t) => t.key)).toEqual([`sla:c-1:${newDue}:remind:360`, `sla:c-1:${newDue}:remind:60`, `sla:c-1:${newDue}:breach`])
  })

  it('a new message on a replied conversation reopens it and plans again', () => {
    const replied = recordReply(opened, { by: 'ana', at: later })
    const reopened = receiveBuyerMessage(replied, new Date('2026-03-08T13:00:00Z'))
    expect(reconcileSlaTimers([], subject(reopened), offsets, new Date('2026-03-08T13:00:00Z')).create).toHaveLength(3)
  })

  it('an assignment changes nothing scheduled; the mention is decided when the timer fires', () => {
    const taken = assign(opened, { assignee: 'ana', at: later })
    expect(reconcileSlaTimers(scheduled, subject(taken), offsets, later)).toEqual({ cancel: [], create: [] })
    const check = checkSlaTimer(`sla:c-1:${due}:remind:60`, subject(taken), offsets)
    expect(check).toMatchObject({ fire: true, timer: { mention: { kind: 'assignee', personId: 'ana' } } })
  })

  it('at firing time an obsolete or closed timer is skipped', () => {
    const again = receiveBuyerMessage(opened, new Date('2026-03-08T15:00:00Z'))
    expect(checkSlaTimer(`sla:c-1:${due}:breach`, subject(again), offsets)).toEqual({ fire: false, reason: 'obsolete' })
    const replied = recordReply(opened, { by: 'ana', at: later })
    expect(checkSlaTimer(`sla:c-1:${due}:breach`, subject(replied), offsets)).toEqual({ fire: false, reason: 'closed' })
    expect(checkSlaTimer(`sla:c-1:${due}:breach`, subject(opened), offsets)).toMatchObject({ fire: true, timer: { kind: 'breach' } })
  })
})
