import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { JobQueue } from '../../src/jobs/queue.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'
import { eventually } from '../support/wait.ts'

let database: Awaited<ReturnType<typeof openTestDatabase>>
const queues: JobQueue[] = []

beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  for (const q of queues) await q.stop(2_000)
  await database?.drop()
})

async function startQueue(name: string): Promise<JobQueue> {
  const queue = new JobQueue({
    connection: database.connection,
    ...(database.sharedExecutor ? { executor: database.sharedExecutor } : {}),
    logger: silentLogger,
    pollingIntervalSeconds: 0.5,
    instanceName: name,
  })
  await queue.start()
  queues.push(queue)
  return queue
}

describe(`job queue (${testDatabaseMode})`, () => {
  it('runs a delayed job exactly once with two workers on one database', async () => {
    const [a, b] = [await startQueue('worker-a'), await startQueue('worker-b')]
    const runs: { worker: string; at: number; data: { n: number } }[] = []
    for (const [worker, queue] of [['a', a], ['b', b]] as const) {
      await queue.register({
        name: 'test-delayed',
        data: z.object({ n: z.number() }),
        retry: { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false },
        concurrency: 4,
        handle: async (data) => {
          runs.push({ worker, at: Date.now(), data })
        },
      })
    }
    const sentAt = Date.now()
    const ids = await Promise.all(
      Array.from({ length: 10 }, (_, n) => a.send('test-delayed', { n }, { startAfter: new Date(sentAt + 1_500) })),
    )
    await eventually(() => runs.length >= 10, 15_000)
    await new Promise((r) => setTimeout(r, 1_500)) // a second run would show up here
    expect(runs.map((r) => r.data.n).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(Math.min(...runs.map((r) => r.at))).toBeGreaterThanOrEqual(sentAt + 1_400)
    for (const id of ids) expect((await a.jobState('test-delayed', id!))?.state).toBe('completed')
  })

  it('retries a failing job with backoff, then leaves it visibly failed', async () => {
    const queue = await startQueue('worker-retry')
    const attempts: number[] = []
    await queue.register({
      name: 'test-failing',
      data: z.object({ reason: z.string() }),
      retry: { retryLimit: 2, retryDelaySeconds: 1, retryBackoff: true, retryDelayMaxSeconds: 4 },
      handle: async (data, job) => {
        attempts.push(Date.now())
        throw new Error(`${data.reason} (attempt ${job.attempt})`)
      },
    })
    const id = await queue.send('test-failing', { reason: 'upstream 503' })
    await eventually(async () => (await queue.jobState('test-failing', id!))?.state === 'failed', 30_000)
    expect(attempts).toHaveLength(3)
    // Backoff: each retry waits at least the base delay.
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(900)
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(900)
    const state = await queue.jobState('test-failing', id!)
    expect(state).toMatchObject({ state: 'failed', retryCount: 2 })
    expect(JSON.stringify(state?.output)).toContain('upstream 503 (attempt 3)')
  })

  it('refuses to enqueue data that does not match the job kind', async () => {
    const queue = await startQueue('worker-validate')
    await queue.register({
      name: 'test-typed',
      data: z.object({ conversationId: z.uuid() }),
      retry: { retryLimit: 0, retryDelaySeconds: 1, retryBackoff: false },
      handle: async () => undefined,
    })
    await expect(queue.send('test-typed', { conversationId: 'nope' })).rejects.toThrow()
  })
})
