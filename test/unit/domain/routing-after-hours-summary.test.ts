import { describe, expect, it } from 'vitest'
import { nextOpening, parseBusinessHours } from '../../../src/domain/business-hours.ts'
import { afterHoursSummary, summaryKey, type SummaryCandidate } from '../../../src/domain/routing/after-hours.ts'

const nineToSix = [{ start: '09:00', end: '18:00' }]
const berlin = parseBusinessHours({
  timeZone: 'Europe/Berlin',
  weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix },
  holidays: ['2026-04-03', '2026-04-06'],
})

type Conversation = SummaryCandidate & { id: string }
const conversation = (id: string, state: Conversation['state'], iso: string): Conversation => ({ id, state, latestBuyerMessageAt: new Date(iso) })

describe('afterHoursSummary', () => {
  // The DST weekend: closed Fri 03-27 18:00 CET (17:00Z) → opens Mon 03-30 09:00 CEST (07:00Z).
  const opening = new Date('2026-03-30T07:00:00Z')
  const conversations = [
    conversation('thu-night', 'new', '2026-03-26T19:00:00Z'), // summarised at Friday's opening
    conversation('fri-in-hours', 'notified', '2026-03-27T16:00:00Z'),
    conversation('mon-early', 'assigned', '2026-03-29T23:00:00Z'), // Mon 01:00 CEST
    conversation('fri-evening', 'new', '2026-03-27T17:30:00Z'),
    conversation('sat-replied', 'replied', '2026-03-28T12:00:00Z'),
    conversation('sat-no-response', 'no-response-needed', '2026-03-28T13:00:00Z'),
    conversation('at-opening', 'new', '2026-03-30T07:00:00Z'),
    conversation('fri-at-closing', 'new', '2026-03-27T17:00:00Z'),
  ]

  it('lists the unanswered conversations that arrived since the previous closing, oldest first', () => {
    expect(nextOpening(berlin, new Date('2026-03-27T17:30:00Z'))).toEqual(opening)
    expect(afterHoursSummary(berlin, conversations, opening).map((c) => c.id)).toEqual(['fri-at-closing', 'fri-evening', 'mon-early'])
  })

  it('across holidays the closed stretch spans the long weekend', () => {
    // Thu 04-02 18:00 CEST → Good Friday, weekend, Easter Monday → Tue 04-07 09:00 CEST (07:00Z).
    const easter = [
      conversation('good-friday', 'new', '2026-04-03T09:00:00Z'),
      conversation('easter-monday', 'assigned', '2026-04-06T10:00:00Z'),
      conversation('thu-afternoon', 'new', '2026-04-02T14:00:00Z'),
    ]
    const tuesday = new Date('2026-04-07T07:00:00Z')
    expect(afterHoursSummary(berlin, easter, tuesday).map((c) => c.id)).toEqual(['good-friday', 'easter-monday'])
  })

  it('refuses a summary time outside business hours', () => {
    expect(() => afterHoursSummary(berlin, conversations, new Date('2026-03-28T10:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'NOT_AN_OPENING' }),
    )
  })

  it('keys the summary by team and opening', () => {
    expect(summaryKey('eu-team', opening)).toBe(`summary:eu-team:${opening.getTime()}`)
  })
})
