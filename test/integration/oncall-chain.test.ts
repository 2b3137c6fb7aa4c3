import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countTimers } from '../../src/db/repos/timers.ts'
import { cardRecipient } from '../../src/domain/routing/index.ts'
import { runConversationCommand } from '../../src/services/commands/conversation-commands.ts'
import { afterStoreEscalation, ESCALATION_JOBS, runPageStep, type PageStepData, type SendJob } from '../../src/services/escalation/index.ts'
import { openTestDatabase, testDatabaseMode } from '../support/database.ts'
import { buildSettings, cardsOf, escalationDeps, insertConversation, PEOPLE, recordingSender, TestClock } from './escalation-support.ts'

let database: Awaited<ReturnType<typeof openTestDatabase>>
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

// Saturday 2026-03-07 10:00 PST: closed; Ana holds the week that started Monday 2026-03-02 09:00.
const SATURDAY = '2026-03-07T18:00:00.000Z'
const ONCALL = {
  timeZone: 'America/Los_Angeles',
  rotation: ['ana', 'bo', 'cy'],
  startDate: '2026-03-02',
  chain: [
    { notify: 'current', waitMinutes: 10 },
    { notify: 'next', waitMinutes: 10 },
    { notify: 'managers', waitMinutes: 10 },
  ],
  repeat: 0,
}

const at = (minutes: number) => new Date(new Date(SATURDAY).getTime() + minutes * 60_000).toISOString()

async function pagedConversation(clock: TestClock, sendJob: SendJob = recordingSender().sendJob) {
  const deps = escalationDeps(database.db, buildSettings({ oncall: ONCALL }), clock, sendJob)
  const id = await insertConversation(database.db, { receivedAt: clock.now() })
  const outcome = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
  expect(outcome.paged?.onCall).toBe('ana')
  const data: PageStepData = { conversationId: id, pagedAt: clock.now().toISOString() }
  return { id, deps, data }
}

function ack(clock: TestClock, conversationId: string, userId: string, whileLocked?: () => Promise<void>) {
  return runConversationCommand(
    { db: database.db, people: PEOPLE, clock, refreshCards: async () => whileLocked?.() },
    { action: 'bb.ack', actor: { platform: 'slack', userId, displayName: userId }, conversationId, idempotencyKey: `ack-${conversationId}-${userId}` },
  )
}

// On-call cards are DMs: stored as `user:<id>`; the list holds the user ids.
const oncallCards = async (id: string) =>
  (await cardsOf(database.db, id))
    .filter((card) => card.kind === 'oncall')
    .map((card) => {
      const recipient = cardRecipient(card.channel)
      expect(recipient.kind).toBe('user')
      return recipient.id
    })
    .sort()

function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

describe(`after-hours on-call chain (${testDatabaseMode})`, () => {
  it('progresses current → next → managers at the due times, once per step, then ends', async () => {
    const clock = new TestClock(SATURDAY)
    const recorder = recordingSender()
    const { id, deps, data } = await pagedConversation(clock, recorder.sendJob)
    expect(recorder.jobs.find((job) => job.name === ESCALATION_JOBS.pageStep)?.startAfter?.toISOString()).toBe(SATURDAY)

    const step0 = await runPageStep(deps, data)
    expect(step0.outcome).toBe('paged')
    expect(step0.paged.map((p) => p.personIds)).toEqual([['ana']])
    expect(await oncallCards(id)).toEqual(['U_ANA'])
    expect((await runPageStep(deps, data)).outcome).toBe('already-paged')
    expect(await countTimers(database.db, id, ESCALATION_JOBS.pageStep)).toBe(1)
    const next = recorder.jobs.filter((job) => job.name === ESCALATION_JOBS.pageStep).map((job) => job.startAfter?.toISOString())
    expect(next).toContain(at(10))

    clock.set(at(9))
    expect((await runPageStep(deps, data)).outcome).toBe('already-paged') // early run: step 0 is still the latest due
    clock.set(at(10))
    expect((await runPageStep(deps, data)).paged.map((p) => p.personIds)).toEqual([['bo']])
    clock.set(at(20))
    expect((await runPageStep(deps, data)).paged.map((p) => p.personIds)).toEqual([['li']])
    expect(await oncallCards(id)).toEqual(['U_ANA', 'U_BO', 'U_LI', 'ou_li'].sort())
    clock.set(at(30))
    expect((await runPageStep(deps, data)).outcome).toBe('already-paged')
    clock.set(at(31))
    expect((await runPageStep(deps, data)).outcome).toBe('already-paged')
    expect(await countTimers(database.db, id, ESCALATION_JOBS.pageStep)).toBe(3)
  })

  it('a late job skips superseded steps and pages only the latest due one', async () => {
    const clock = new TestClock(SATURDAY)
    const { id, deps, data } = await pagedConversation(clock)
    clock.set(at(15))
    expect((await runPageStep(deps, data)).paged.map((p) => p.step.index)).toEqual([1])
    expect(await oncallCards(id)).toEqual(['U_BO'])
  })

  it('stops on acknowledgement: no further step, no further job', async () => {
    const clock = new TestClock(SATURDAY)
    const recorder = recordingSender()
    const { id, deps, data } = await pagedConversation(clock, recorder.sendJob)
    await runPageStep(deps, data)
    clock.set(at(5))
    expect((await ack(clock, id, 'U_ANA')).ok).toBe(true)
    const jobsBefore = recorder.jobs.length
    clock.set(at(10))
    expect((await runPageStep(deps, data)).outcome).toBe('acknowledged')
    clock.set(at(20))
    expect((await runPageStep(deps, data)).outcome).toBe('acknowledged')
    expect(recorder.jobs.length).toBe(jobsBefore)
    expect(await countTimers(database.db, id, ESCALATION_JOBS.pageStep)).toBe(1)
    expect(await oncallCards(id)).toEqual(['U_ANA'])
  })

  it('an ack that commits first while the step job waits for the lock: the step is not paged', async () => {
    const clock = new TestClock(SATURDAY)
    const { id, deps, data } = await pagedConversation(clock)
    await runPageStep(deps, data)
    clock.set(at(10)) // step 1 is due now
    const locked = gate()
    const release = gate()
    const acking = ack(clock, id, 'U_ANA', async () => {
      locked.open()
      await release.opened
    })
    await locked.opened // the ack holds the conversation row lock, not yet committed
    const paging = runPageStep(deps, data)
    await new Promise((resolve) => setTimeout(resolve, 300))
    release.open()
    expect((await acking).ok).toBe(true)
    expect((await paging).outcome).toBe('acknowledged')
    expect(await countTimers(database.db, id, ESCALATION_JOBS.pageStep)).toBe(1)
    expect(await oncallCards(id)).toEqual(['U_ANA'])
  })

  it('a step claimed before the ack commits stays sent; the ack then stops the rest', async () => {
    const clock = new TestClock(SATURDAY)
    const locked = gate()
    const release = gate()
    let holdCardJobs = false
    const sendJob: SendJob = async (name) => {
      if (holdCardJobs && name === 'cards.sync') {
        locked.open()
        await release.opened
      }
      return null
    }
    const { id, deps, data } = await pagedConversation(clock, sendJob)
    await runPageStep(deps, data)
    clock.set(at(10))
    holdCardJobs = true
    const paging = runPageStep(deps, data) // claims step 1, then waits inside its transaction
    await locked.opened
    const acking = ack(clock, id, 'U_BO')
    await new Promise((resolve) => setTimeout(resolve, 300))
    release.open()
    expect((await paging).outcome).toBe('paged')
    expect((await acking).ok).toBe(true)
    holdCardJobs = false
    clock.set(at(20))
    expect((await runPageStep(deps, data)).outcome).toBe('acknowledged')
    expect(await countTimers(database.db, id, ESCALATION_JOBS.pageStep)).toBe(2)
    expect(await oncallCards(id)).toEqual(['U_ANA', 'U_BO'])
  })

  it('a reply closes the page: no more steps', async () => {
    const clock = new TestClock(SATURDAY)
    const { id, deps, data } = await pagedConversation(clock)
    await runPageStep(deps, data)
    await database.db.updateTable('conversations').set({ state: 'replied', sla_due_at: null, closed_at: clock.now(), closed_by: 'Ana' }).where('id', '=', id).execute()
    clock.set(at(10))
    expect((await runPageStep(deps, data)).outcome).toBe('closed')
    expect(await countTimers(database.db, id, ESCALATION_JOBS.pageStep)).toBe(1)
  })
})
