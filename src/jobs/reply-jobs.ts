import type { Transaction } from 'kysely'
import { z } from 'zod'
import type { Database } from '../db/schema.ts'
import type { ReplyJobQueue, ReplyService } from '../services/reply/index.ts'
import { jobDatabase, type JobQueue, type RetryPolicy } from './queue.ts'

export const SEND_REPLY_JOB = 'reply-send'
export const RECOVER_REPLIES_JOB = 'reply-recover'

const sendReplyData = z.object({ replyId: z.uuid() })

/** Puts send jobs on the pg-boss queue inside the caller's transaction. */
export class QueueReplyJobs implements ReplyJobQueue {
  readonly #queue: JobQueue

  constructor(queue: JobQueue) {
    this.#queue = queue
  }

  async enqueueSend(trx: Transaction<Database>, replyId: string, startAfter?: Date): Promise<void> {
    await this.#queue.send(SEND_REPLY_JOB, { replyId }, { db: jobDatabase(trx), ...(startAfter ? { startAfter } : {}) })
  }
}

export interface ReplyJobOptions {
  /**
   * How long pg-boss lets one send attempt run before it retries it; the retry finds the row `sending` and
   * marks it unconfirmed. Longer than any sender call.
   */
  sendExpireSeconds?: number
  /**
   * Send attempts one process runs at once (default 2). A worker takes at most one job per 0.5 s poll, so
   * this caps a process at 2 × concurrency sends per second; most of an attempt is spent waiting on the
   * relay or on the SP-API usage plan, not on the database.
   */
  sendConcurrency?: number
  /** Cron of the sweep for replies left `sending` by a dead process (it also runs once at start). */
  recoverCron?: string
}

// Job-level retries cover infrastructure errors (the database went away mid-attempt); delivery retries are
// decided by the service from the sender's outcome.
const SEND_RETRY: RetryPolicy = { retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, retryDelayMaxSeconds: 300 }

/** Registers the reply jobs on the queue and runs the recovery sweep once. */
export async function registerReplyJobs(queue: JobQueue, service: ReplyService, options: ReplyJobOptions = {}): Promise<void> {
  await queue.register({
    name: SEND_REPLY_JOB,
    data: sendReplyData,
    retry: { ...SEND_RETRY, expireInSeconds: options.sendExpireSeconds ?? 900 },
    concurrency: options.sendConcurrency ?? 2,
    handle: async ({ replyId }) => service.runSendJob(replyId),
  })
  await queue.register({
    name: RECOVER_REPLIES_JOB,
    data: z.object({}),
    retry: { retryLimit: 1, retryDelaySeconds: 30, retryBackoff: false },
    handle: async () => {
      await service.recoverInterruptedSends()
    },
  })
  await service.recoverInterruptedSends()
  await queue.schedule(RECOVER_REPLIES_JOB, options.recoverCron ?? '* * * * *', {}, { key: 'replies' })
}
