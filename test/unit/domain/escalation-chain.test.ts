import { describe, expect, it } from 'vitest'
import { isAppError } from '../../../src/domain/errors.ts'
import {
  chainOf,
  chainStep,
  chainTimeline,
  stepDueTimes,
  stepKey,
  stepRecipients,
  type EscalationChain,
} from '../../../src/domain/routing/chain.ts'
import { onCallSchema, personSchema } from '../../../src/domain/routing/config-schema.ts'

const T0 = Date.parse('2026-03-08T08:00:00Z')
const at = (minutes: number, ms = 0) => new Date(T0 + minutes * 60_000 + ms)
const pagedAt = at(0)

// current → 10 min → next → 10 min → managers → 20 min, and the whole chain once more.
const chain: EscalationChain = {
  steps: [
    { notify: 'current', waitMinutes: 10 },
    { notify: 'next', waitMinutes: 10 },
    { notify: 'managers', waitMinutes: 20 },
  ],
  repeat: 1,
}

describe('stepDueTimes and keys', () => {
  it('lays out every step of every round from pagedAt', () => {
    expect(stepDueTimes(chain, pagedAt).map((d) => (d.getTime() - T0) / 60_000)).toEqual([0, 10, 20, 40, 50, 60])
    expect(chainTimeline(chain, pagedAt).exhaustedAt).toEqual(at(80))
  })

  it.each([
    [0, 3, 40],
    [1, 6, 80],
    [3, 12, 160],
  ])('repeat %i gives %i steps, exhausted after %i minutes', (repeat, count, minutes) => {
    const timeline = chainTimeline({ ...chain, repeat }, pagedAt)
    expect(timeline.steps).toHaveLength(count)
    expect(timeline.exhaustedAt).toEqual(at(minutes))
    expect(timeline.steps.at(-1)).toMatchObject({ round: repeat, step: 2, notify: 'managers' })
  })

  it('keys are stable, distinct per step, and change with a new page', () => {
    const keys = chainTimeline(chain, pagedAt).steps.map((step) => stepKey('conv-1', pagedAt, step))
    expect(new Set(keys).size).toBe(6)
    expect(keys[0]).toBe(`page:conv-1:${T0}:0:0`)
    expect(keys[4]).toBe(`page:conv-1:${T0}:1:1`)
    expect(stepKey('conv-1', new Date(T0 + 1), { round: 0, step: 0 })).not.toBe(keys[0])
  })

  it('an empty chain pages the person on call once per round', () => {
    const timeline = chainTimeline(chainOf(onCallSchema.parse({ timeZone: 'UTC', rotation: ['a'] })), pagedAt)
    expect(timeline.steps.map((s) => s.notify)).toEqual(['current', 'current'])
  })

  it('refuses a broken chain with a coded error', () => {
    expect(() => chainTimeline({ steps: chain.steps, repeat: -1 }, pagedAt)).toThrow(expect.objectContaining({ code: 'INVALID_CHAIN' }))
    try {
      chainStep(chain, new Date(Number.NaN), at(0), null)
      expect.unreachable()
    } catch (error) {
      expect(isAppError(error, 'INVALID_TIME')).toBe(true)
    }
  })
})

describe('chainStep progression without acknowledgement', () => {
  type Row = [label: string, now: Date, index: number | null, nextMinutes: number | null, done: boolean]
  it.each<Row>([
    ['before the page', at(-1), null, 0, false],
    ['at the page', at(0), 0, 10, false],
    ['9:59.999 later', at(9, 59_999), 0, 10, false],
    ['second step due', at(10), 1, 20, false],
    ['managers', at(20), 2, 40, false],
    ['second round starts', at(40), 3, 50, false],
    ['last step', at(60), 5, 80, false],
    ['last wait over: exhausted', at(80), 5, null, true],
    ['long after', at(10_000), 5, null, true],
  ])('%s', (_label, now, index, nextMinutes, done) => {
    const state = chainStep(chain, pagedAt, now, null)
    expect(state.step?.index ?? null).toBe(index)
    expect(state.nextDueAt).toEqual(nextMinutes === null ? null : at(nextMinutes))
    expect(state.done).toBe(done)
    expect(state.reason).toBe(done ? 'exhausted' : null)
    expect(state.send).toBe(index !== null)
  })

  it('a job firing late or twice computes the same step and key', () => {
    const onTime = chainStep(chain, pagedAt, at(10), null)
    for (const now of [at(10), at(10, 1), at(15), at(19, 59_999)]) {
      const again = chainStep(chain, pagedAt, now, null)
      expect(again.step).toEqual(onTime.step)
      expect(stepKey('c', pagedAt, again.step!)).toBe(stepKey('c', pagedAt, onTime.step!))
    }
    // Woken after two more steps became due: only the latest is sent, with the key it has when on time.
    const late = chainStep(chain, pagedAt, at(45), null)
    expect(late.step).toEqual(chainStep(chain, pagedAt, at(40), null).step)
    expect(late.steps).toHaveLength(1)
  })

  it('steps separated by a wait of 0 minutes are due together and sent together', () => {
    const together: EscalationChain = {
      steps: [
        { notify: 'current', waitMinutes: 0 },
        { notify: 'backup', waitMinutes: 15 },
        { notify: 'managers', waitMinutes: 0 },
      ],
      repeat: 1,
    }
    expect(chainStep(together, pagedAt, at(0), null).steps.map((s) => s.notify)).toEqual(['current', 'backup'])
    // The managers (end of round 0) and the restart of round 1 fall on the same instant.
    const atFifteen = chainStep(together, pagedAt, at(15), null)
    expect(atFifteen.steps.map((s) => [s.round, s.notify])).toEqual([
      [0, 'managers'],
      [1, 'current'],
      [1, 'backup'],
    ])
    expect(atFifteen.nextDueAt).toEqual(at(30))
  })
})

describe('acknowledgement', () => {
  it('an ack stops the chain: nothing more is sent, nothing scheduled', () => {
    const state = chainStep(chain, pagedAt, at(25), at(12))
    expect(state).toMatchObject({ done: true, reason: 'acknowledged', send: false, next: null, nextDueAt: null })
    expect(state.step?.index).toBe(1) // the step reached before the ack stays the last one
  })

  it('an ack at the same millisecond as a step: the step was legitimately due', () => {
    const ack = at(10)
    const state = chainStep(chain, pagedAt, ack, ack)
    expect(state.step?.index).toBe(1)
    expect(state).toMatchObject({ done: true, send: false })
    // One millisecond earlier the step had not been reached.
    expect(chainStep(chain, pagedAt, at(30), at(9, 59_999)).step?.index).toBe(0)
  })

  it('ack racing a step: whichever commits first decides, and both views agree on the step', () => {
    // The job ran at 10:00 before the ack committed: it sent step 1.
    const jobView = chainStep(chain, pagedAt, at(10), null)
    expect(jobView).toMatchObject({ send: true, step: { index: 1 } })
    // The ack committed at the same instant: later evaluations say step 1 was reached and stop there.
    const afterAck = chainStep(chain, pagedAt, at(11), at(10))
    expect(afterAck.step).toEqual(jobView.step)
    expect(afterAck.send).toBe(false)
    // Had the ack committed first, the job (which reads the committed ack) would send nothing.
    expect(chainStep(chain, pagedAt, at(10), at(10)).send).toBe(false)
  })

  it('an ack after now (evaluating the past) does not stop steps due before it', () => {
    const state = chainStep(chain, pagedAt, at(10), at(30))
    expect(state).toMatchObject({ done: false, send: true, step: { index: 1 } })
  })

  it('an ack after exhaustion keeps the exhausted record of the last step', () => {
    expect(chainStep(chain, pagedAt, at(100), at(90))).toMatchObject({ reason: 'acknowledged', step: { index: 5 } })
  })
})

describe('two processes on one database: exactly one page per step', () => {
  it('a simulated unique constraint on stepKey lets each step be sent once, none after the ack', () => {
    const claimed = new Set<string>()
    const sent: string[] = []
    const ackAt = at(52)
    // Two replicas tick at different phases, with jitter, and each reads the committed ack at its tick.
    const ticks: { process: string; now: Date }[] = []
    for (let minute = -2; minute <= 90; minute += 1) {
      ticks.push({ process: 'A', now: at(minute, 0) })
      ticks.push({ process: 'B', now: at(minute, 999) })
      if (minute % 7 === 0) ticks.push({ process: 'B', now: at(minute, 0) }) // a duplicate firing
    }
    for (const { process, now } of ticks) {
      const committedAck = now.getTime() >= ackAt.getTime() ? ackAt : null
      const state = chainStep(chain, pagedAt, now, committedAck)
      if (!state.send) continue
      for (const step of state.steps) {
        const key = stepKey('conv-9', pagedAt, step)
        if (claimed.has(key)) continue
        claimed.add(key)
        sent.push(`${process}@${(now.getTime() - T0) / 60_000}:${step.round}.${step.step}`)
      }
    }
    expect(sent.map((entry) => entry.split(':')[1])).toEqual(['0.0', '0.1', '0.2', '1.0', '1.1'])
    expect(sent.every((entry) => /^[AB]@(0|10|20|40|50)(\.\d+)?:/.test(entry))).toBe(true)
  })
})

describe('stepRecipients: resolved at the step due time', () => {
  const people = ['alice', 'bob', 'carol', 'maria', 'mike'].map((id) =>
    personSchema.parse({ id, name: id, roles: id.startsWith('m') ? ['manager'] : ['oncall'] }),
  )
  // Daily handoff at 09:00 PDT; the page starts at 08:50 PDT on 03-09, so the handoff falls inside the chain.
  const schedule = onCallSchema.parse({
    timeZone: 'America/Los_Angeles',
    rotation: ['alice', 'bob', 'carol'],
    rotationDays: 1,
    startDate: '2026-03-08',
    backup: 'maria',
  })
  const directory = { schedule, people, managers: 'all' as const }
  const paged = new Date('2026-03-09T15:50:00Z')

  it.each([
    ['current before the handoff', 'current', 0, ['alice']],
    ['current after the handoff', 'current', 10, ['bob']],
    ['next in rotation', 'next', 0, ['bob']],
    ['backup', 'backup', 0, ['maria']],
    ['managers', 'managers', 0, ['maria', 'mike']],
    ['a named person', 'carol', 0, ['carol']],
  ] as const)('%s', (_label, notify, minutes, expected) => {
    expect(stepRecipients({ notify, dueAt: new Date(paged.getTime() + minutes * 60_000) }, directory)).toEqual(expected)
  })

  it('nobody to page without a schedule, or with nobody next', () => {
    expect(stepRecipients({ notify: 'current', dueAt: paged }, { ...directory, schedule: null })).toEqual([])
    const solo = onCallSchema.parse({ timeZone: 'UTC', rotation: ['alice'] })
    expect(stepRecipients({ notify: 'next', dueAt: paged }, { ...directory, schedule: solo })).toEqual([])
  })
})
