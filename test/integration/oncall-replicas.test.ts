import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { countTimers } from '../../src/db/repos/timers.ts'
import { escalationJobs, queueSender } from '../../src/jobs/escalation-jobs.ts'
import { JobQueue } from '../../src/jobs/queue.ts'
import { afterStoreEscalation, ESCALATION_JOBS, type EscalationDeps } from '../../src/services/escalation/index.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'
import { buildSettings, cardsOf, insertConversation, TestClock } from './escalation-support.ts'
import { eventually } from '../support/wait.ts'

let database: Awaited<ReturnType<typeof openTestDatabase>>
const queues: JobQueue[] = []
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  for (const queue of queues) await queue.stop(2_000)
  await database?.drop()
})

describe(`two service processes on one database (${testDatabaseMode})`, () => {
  it('page exactly once per step however many duplicate step jobs the two queues run', async () => {
    // The team is never open, so every message is after hours. The service clock is controlled; it starts at the
    // real time so the first step's job is due at once on the queue.
    const clock = new TestClock(new Date().toISOString())
    const settings = buildSettings({
      teams: [{ id: 'always-closed', hours: { timeZone: 'Europe/Berlin', weekly: {} }, channels: [] }],
      oncall: { timeZone: 'Europe/Berlin', rotation: ['ana'], backup: 'bo', chain: [{ notify: 'current', waitMinutes: 10 }, { notify: 'backup', waitMinutes: 10 }], repeat: 0 },
    })
    const runs = { pageStep: 0, cardSync: [] as string[] }
    const processes: { queue: JobQueue; deps: EscalationDeps }[] = []
    for (const name of ['replica-a', 'replica-b']) {
      const queue = new JobQueue({
        connection: database.connection,
        ...(database.sharedExecutor ? { executor: database.sharedExecutor } : {}),
        logger: silentLogger,
        pollingIntervalSeconds: 0.5,
        instanceName: name,
      })
      await queue.start()
      queues.push(queue)
      const deps: EscalationDeps = { db: database.db, settings, sendJob: queueSender(queue), clock, logger: silentLogger }
      for (const definition of escalationJobs(deps)) {
        const counted = definition.name === ESCALATION_JOBS.pageStep
        await queue.register({
          ...definition,
          concurrency: 4,
          handle: async (data, job) => {
            await definition.handle(data, job)
            if (counted) runs.pageStep += 1
          },
        })
      }
      await queue.register({
        name: 'cards.sync',
        data: z.object({ cardId: z.string(), note: z.unknown() }),
        retry: { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false },
        handle: async (data) => {
          runs.cardSync.push(data.cardId)
        },
      })
      processes.push({ queue, deps })
    }
    const [a, b] = processes as [(typeof processes)[0], (typeof processes)[0]]

    const id = await insertConversation(database.db, { receivedAt: clock.now() })
    const outcome = await database.db.transaction().execute((trx) => afterStoreEscalation(trx, { conversationId: id }, a.deps))
    expect(outcome.paged?.onCall).toBe('ana')
    const data = { conversationId: id, pagedAt: clock.now().toISOString() }
    // Duplicates of the first step's job on both replicas (a retry, a second ingest path, a restart).
    for (let i = 0; i < 4; i += 1) {
      await a.queue.send(ESCALATION_JOBS.pageStep, data)
      await b.queue.send(ESCALATION_JOBS.pageStep, data)
    }
    await eventually(() => runs.pageStep >= 9 && runs.cardSync.length >= 1, 30_000)
    await new Promise((resolve) => setTimeout(resolve, 1_000)) // a second page would show up here
    expect(await countTimers(database.db, id, ESCALATION_JOBS.pageStep)).toBe(1)
    expect(runs.cardSync).toHaveLength(1)
    expect((await cardsOf(database.db, id)).map((card) => `${card.kind}:${card.channel}`)).toEqual(['oncall:user:U_ANA'])

    // Step 2 becomes due on the service clock; both replicas race with duplicate jobs.
    clock.advanceMinutes(10)
    const before = runs.pageStep
    for (let i = 0; i < 5; i += 1) {
      await a.queue.send(ESCALATION_JOBS.pageStep, data)
      await b.queue.send(ESCALATION_JOBS.pageStep, data)
    }
    await eventually(() => runs.pageStep >= before + 10 && runs.cardSync.length >= 2, 30_000)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(await countTimers(database.db, id, ESCALATION_JOBS.pageStep)).toBe(2)
    expect(runs.cardSync).toHaveLength(2)
    expect((await cardsOf(database.db, id)).map((card) => `${card.kind}:${card.channel}`).sort()).toEqual(['oncall:user:U_ANA', 'oncall:user:U_BO'])
  }, 90_000)
})
