import type { Kysely } from 'kysely'
import { fromKysely, PgBoss, type Db as IDatabase, type Job } from 'pg-boss'
import type { z } from 'zod'
import type { PgConnectionConfig } from '../db/connect.ts'
import { AppError } from '../domain/errors.ts'
import type { Logger } from '../logging.ts'
import type { JobScheduler, SendJobOptions } from '../ports/jobs.ts'

// pg-boss: maintained, Postgres-only, SKIP LOCKED claims (a job runs once across replicas), retries with
// exponential backoff, delayed jobs, and it runs unchanged on the embedded PGlite through pglite-socket.

export interface RetryPolicy {
  retryLimit: number
  retryDelaySeconds: number
  retryBackoff: boolean
  retryDelayMaxSeconds?: number
  expireInSeconds?: number
}

export interface JobDefinition<T> {
  name: string
  data: z.ZodType<T>
  retry: RetryPolicy
  /** Jobs of this kind handled at once by one process. */
  concurrency?: number
  handle(data: T, job: { id: string; attempt: number }): Promise<void>
}

export const DEFAULT_RETRY: RetryPolicy = { retryLimit: 5, retryDelaySeconds: 2, retryBackoff: true, retryDelayMaxSeconds: 300 }

export interface JobQueueOptions {
  connection: PgConnectionConfig
  /** Run every statement through this executor instead of a pool of pg-boss's own (the embedded database). */
  executor?: IDatabase
  logger: Logger
  pollingIntervalSeconds?: number
  instanceName?: string
  onJobFailed?: (name: string, error: unknown, willRetry: boolean) => void
}

export interface QueueSendOptions extends SendJobOptions {
  /** Insert the job through this connection (a Kysely transaction): it exists only if the transaction commits. */
  db?: IDatabase
}

/** Lets pg-boss run its statements on a Kysely database or transaction (`send(…, { db: jobDatabase(trx) })`). */
export function jobDatabase(executor: Kysely<any>): IDatabase {
  return fromKysely(executor)
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed'

export class JobQueue implements JobScheduler {
  private readonly boss: PgBoss
  private readonly logger: Logger
  private readonly options: JobQueueOptions
  private readonly definitions = new Map<string, JobDefinition<unknown>>()
  private started = false

  constructor(options: JobQueueOptions) {
    this.options = options
    this.logger = options.logger
    this.boss = new PgBoss({
      ...(options.executor ? { db: options.executor } : { ...options.connection, max: 4 }),
      schema: 'pgboss',
      application_name: 'buyerbridge-queue',
      instanceName: options.instanceName ?? 'buyerbridge',
      openTelemetry: { enabled: false },
    })
    this.boss.on('error', (error: unknown) => this.logger.error({ err: error }, 'job queue error'))
  }

  async start(): Promise<void> {
    await this.boss.start()
    this.started = true
  }

  /** Declares a job kind and starts working it. */
  async register<T>(definition: JobDefinition<T>): Promise<void> {
    this.definitions.set(definition.name, definition as JobDefinition<unknown>)
    const { retry } = definition
    await this.boss.createQueue(definition.name, {
      retryLimit: retry.retryLimit,
      retryDelay: retry.retryDelaySeconds,
      retryBackoff: retry.retryBackoff,
      ...(retry.retryDelayMaxSeconds !== undefined ? { retryDelayMax: retry.retryDelayMaxSeconds } : {}),
      expireInSeconds: retry.expireInSeconds ?? 300,
    })
    await this.boss.work(
      definition.name,
      {
        pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1,
        batchSize: 1,
        localConcurrency: definition.concurrency ?? 1,
      },
      async (jobs: Job<object>[]) => {
        for (const job of jobs) await this.run(definition, job)
      },
    )
  }

  private async run(definition: JobDefinition<unknown>, job: Job<object>): Promise<void> {
    const log = this.logger.child({ job: definition.name, jobId: job.id, attempt: job.retryCount + 1 })
    const parsed = definition.data.safeParse(job.data)
    if (!parsed.success) {
      // Retrying a malformed job cannot help: fail it for good, visibly.
      log.error({ issues: parsed.error.issues }, 'job data is malformed; failing without retry')
      await this.boss.fail(definition.name, job.id, { error: 'malformed job data' })
      this.options.onJobFailed?.(definition.name, parsed.error, false)
      return
    }
    try {
      await definition.handle(parsed.data, { id: job.id, attempt: job.retryCount + 1 })
    } catch (error) {
      const willRetry = job.retryCount < definition.retry.retryLimit
      log.warn({ err: error, willRetry }, 'job failed')
      this.options.onJobFailed?.(definition.name, error, willRetry)
      throw error
    }
  }

  async send(name: string, data: object, options: QueueSendOptions = {}): Promise<string | null> {
    if (!this.started) throw new AppError('QUEUE_NOT_STARTED', `cannot send ${name}: the job queue is not started`)
    const definition = this.definitions.get(name)
    if (definition) definition.data.parse(data)
    return this.boss.send(name, data, {
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      ...(options.db ? { db: options.db } : {}),
    })
  }

  /** A recurring job (cron, UTC unless `tz`); every replica may call this, pg-boss keeps one schedule per key. */
  async schedule(name: string, cron: string, data: object, options: { key: string; tz?: string }): Promise<void> {
    const definition = this.definitions.get(name)
    if (definition) definition.data.parse(data)
    await this.boss.schedule(name, cron, data, { key: options.key, ...(options.tz ? { tz: options.tz } : {}), missed: 'once' })
  }

  async cancel(name: string, jobId: string): Promise<void> {
    await this.boss.cancel(name, jobId)
  }

  async jobState(name: string, jobId: string): Promise<{ state: JobState; retryCount: number; output: unknown } | null> {
    const job = await this.boss.getJobById<object>(name, jobId)
    return job ? { state: job.state, retryCount: job.retryCount, output: job.output } : null
  }

  /** Stops fetching, waits for running jobs up to `timeoutMs`, then closes the queue's connections. */
  async stop(timeoutMs = 8_000): Promise<void> {
    if (!this.started) return
    this.started = false
    await this.boss.stop({ graceful: true, timeout: timeoutMs, close: true })
  }
}
