import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countTimers, scheduledTimerKeys } from '../../src/db/repos/timers.ts'
import { slaTimerKey } from '../../src/domain/routing/index.ts'
import { planConversationCards } from '../../src/services/cards/sync-cards.ts'
import { runConversationCommand } from '../../src/services/commands/conversation-commands.ts'
import { afterStoreEscalation, ESCALATION_JOBS, rescheduleSlaTimers, runSlaTimer } from '../../src/services/escalation/index.ts'
import { openTestDatabase, testDatabaseMode } from '../support/database.ts'
import { buildSettings, cardsOf, escalationDeps, insertConversation, PEOPLE, recordingSender, TestClock } from './escalation-support.ts'

let database: Awaited<ReturnType<typeof openTestDatabase>>
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

const T0 = '2026-03-11T17:00:00.000Z' // Wednesday 10:00 PDT
const plus = (hours: number, base = T0) => new Date(new Date(base).getTime() + hours * 3_600_000)

async function setup() {
  const clock = new TestClock(T0)
  const recorder = recordingSender()
  const deps = escalationDeps(database.db, buildSettings(), clock, recorder.sendJob)
  const id = await insertConversation(database.db, { receivedAt: clock.now() })
  await database.db.transaction().execute(async (trx) => {
    await planConversationCards(trx, id, [{ platform: 'slack', channel: 'C_US', uiLanguage: 'en' }])
    await afterStoreEscalation(trx, { conversationId: id }, deps)
  })
  return { clock, recorder, deps, id }
}

const notes = (jobs: { name: string; data: Record<string, unknown> }[]) =>
  jobs.filter((job) => job.name === 'cards.sync' && job.data.note).map((job) => (job.data.note as { en: string }).en)

describe(`SLA timers (${testDatabaseMode})`, () => {
  it('schedules the reminders and the breach for the deadline, each as a timer row and a delayed job', async () => {
    const { recorder, id } = await setup()
    const due = plus(24)
    const keys = await scheduledTimerKeys(database.db, 'conversation', id, 'sla.')
    expect(keys.sort()).toEqual([slaTimerKey(id, due, 'breach'), slaTimerKey(id, due, 'reminder', 360), slaTimerKey(id, due, 'reminder', 60)].sort())
    const slaJobs = recorder.jobs.filter((job) => job.name.startsWith('sla.')).map((job) => `${job.name}@${job.startAfter?.toISOString()}`)
    expect(slaJobs.sort()).toEqual(
      [`${ESCALATION_JOBS.slaReminder}@${plus(18).toISOString()}`, `${ESCALATION_JOBS.slaReminder}@${plus(23).toISOString()}`, `${ESCALATION_JOBS.slaBreach}@${due.toISOString()}`].sort(),
    )
  })

  it('reminds the channel while unassigned, then the assignee; fires once; a reply cancels the rest', async () => {
    const { clock, recorder, deps, id } = await setup()
    const due = plus(24)
    clock.set(plus(18))
    expect(await runSlaTimer(deps, { conversationId: id, key: slaTimerKey(id, due, 'reminder', 360) })).toBe('reminded')
    expect(await runSlaTimer(deps, { conversationId: id, key: slaTimerKey(id, due, 'reminder', 360) })).toBe('already-fired')
    expect(notes(recorder.jobs)).toEqual(["Everyone: nobody has taken this; reply due in 6 h (Amazon's 24-hour limit)."])

    const commandDeps = { db: database.db, people: PEOPLE, clock, refreshCards: async () => undefined }
    await runConversationCommand(commandDeps, { action: 'bb.assign', actor: { platform: 'slack', userId: 'U_ANA', displayName: 'ana' }, conversationId: id, idempotencyKey: `assign-${id}` })
    clock.set(plus(23))
    expect(await runSlaTimer(deps, { conversationId: id, key: slaTimerKey(id, due, 'reminder', 60) })).toBe('reminded')
    expect(notes(recorder.jobs).at(-1)).toBe("Ana: reply due in 1 h (Amazon's 24-hour limit).")
    expect((await cardsOf(database.db, id)).find((card) => card.kind === 'agent')?.version).toBe(3)

    // The agent replies: the lead's reply path calls rescheduleSlaTimers in its transaction.
    await database.db.transaction().execute(async (trx) => {
      await trx.updateTable('conversations').set({ state: 'replied', sla_due_at: null, closed_at: clock.now(), closed_by: 'Ana' }).where('id', '=', id).execute()
      expect((await rescheduleSlaTimers(trx, id, deps)).cancelled).toBe(1)
    })
    expect(await scheduledTimerKeys(database.db, 'conversation', id, 'sla.')).toEqual([])
    clock.set(due)
    expect(await runSlaTimer(deps, { conversationId: id, key: slaTimerKey(id, due, 'breach') })).toBe('closed')
    expect(await countTimers(database.db, id, ESCALATION_JOBS.slaBreach, 'cancelled')).toBe(1)
  })

  it('a new buyer message restarts the timers from the new deadline; the old ones are obsolete when they fire', async () => {
    const { clock, deps, id, recorder } = await setup()
    const oldDue = plus(24)
    clock.set(plus(2))
    // As ingest stores a second message: the 24 h clock restarts from it.
    await database.db.updateTable('conversations').set({ last_message_at: clock.now(), sla_due_at: plus(26), message_count: 2 }).where('id', '=', id).execute()
    await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, deps))
    const newDue = plus(26)
    expect((await scheduledTimerKeys(database.db, 'conversation', id, 'sla.')).sort()).toEqual(
      [slaTimerKey(id, newDue, 'breach'), slaTimerKey(id, newDue, 'reminder', 360), slaTimerKey(id, newDue, 'reminder', 60)].sort(),
    )
    expect(await countTimers(database.db, id, ESCALATION_JOBS.slaReminder, 'cancelled')).toBe(2)
    clock.set(plus(18))
    const before = recorder.jobs.length
    expect(await runSlaTimer(deps, { conversationId: id, key: slaTimerKey(id, oldDue, 'reminder', 360) })).toBe('obsolete')
    expect(recorder.jobs.length).toBe(before)
  })

  it('a breach escalates to the managers; when already escalated it notes the breach on their cards', async () => {
    const { clock, recorder, deps, id } = await setup()
    const due = plus(24)
    clock.set(due)
    expect(await runSlaTimer(deps, { conversationId: id, key: slaTimerKey(id, due, 'breach') })).toBe('breach-escalated')
    const row = await database.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.escalation_reason).toBe('SLA breached: no reply within 24 hours')
    expect((await cardsOf(database.db, id)).filter((card) => card.kind === 'manager').map((card) => card.channel).sort()).toEqual(['C_MANAGERS', 'user:U_LI', 'user:ou_li'])
    expect(recorder.jobs.some((job) => job.name === ESCALATION_JOBS.renotify)).toBe(true)

    const other = await setup()
    await database.db.updateTable('conversations').set({ escalated_at: other.clock.now(), escalated_by: 'Sam', escalation_reason: 'angry buyer' }).where('id', '=', other.id).execute()
    other.clock.set(due)
    expect(await runSlaTimer(other.deps, { conversationId: other.id, key: slaTimerKey(other.id, due, 'breach') })).toBe('breach-noted')
  })

  it('no-response-needed cancels every timer', async () => {
    const { clock, deps, id } = await setup()
    const commandDeps = { db: database.db, people: PEOPLE, clock, refreshCards: async () => undefined }
    await runConversationCommand(commandDeps, { action: 'bb.no_response', actor: { platform: 'slack', userId: 'U_ANA', displayName: 'ana' }, conversationId: id, idempotencyKey: `nr-${id}` })
    await database.db.transaction().execute((trx) => rescheduleSlaTimers(trx, id, deps))
    expect(await scheduledTimerKeys(database.db, 'conversation', id, 'sla.')).toEqual([])
    expect(await countTimers(database.db, id, ESCALATION_JOBS.slaReminder, 'cancelled')).toBe(2)
    expect(await countTimers(database.db, id, ESCALATION_JOBS.slaBreach, 'cancelled')).toBe(1)
  })
})
