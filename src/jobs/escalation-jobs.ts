import { z } from 'zod'
import {
  ESCALATION_JOBS,
  runAfterHoursSummary,
  runPageStep,
  runRenotify,
  runSlaTimer,
  type EscalationDeps,
  type SendJob,
} from '../services/escalation/index.ts'
import { jobDatabase, type JobDefinition, type JobQueue } from './queue.ts'

// Every job here is a pure function of its data and the database at the time it runs: a late or repeated run
// claims nothing twice (unique timer keys under the conversation row lock), so retries are safe.

const retry = { retryLimit: 8, retryDelaySeconds: 2, retryBackoff: true, retryDelayMaxSeconds: 120 }

const pageStepData = z.object({ conversationId: z.uuid(), pagedAt: z.iso.datetime() })
const renotifyData = z.object({ conversationId: z.uuid(), escalatedAt: z.iso.datetime() })
const slaTimerData = z.object({ conversationId: z.uuid(), key: z.string().min(1) })
const summaryData = z.object({ teamId: z.string().min(1), opening: z.iso.datetime() })

/** The queue's `send` as the escalation services use it (inside a Kysely transaction when given one). */
export function queueSender(queue: Pick<JobQueue, 'send'>): SendJob {
  return (name, data, options) =>
    queue.send(name, data, {
      ...(options.trx ? { db: jobDatabase(options.trx) } : {}),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    })
}

export function escalationJobs(deps: EscalationDeps): JobDefinition<unknown>[] {
  const pageStep: JobDefinition<z.infer<typeof pageStepData>> = {
    name: ESCALATION_JOBS.pageStep,
    data: pageStepData,
    retry,
    concurrency: 2,
    handle: async (data) => {
      await runPageStep(deps, data)
    },
  }
  const renotify: JobDefinition<z.infer<typeof renotifyData>> = {
    name: ESCALATION_JOBS.renotify,
    data: renotifyData,
    retry,
    handle: async (data) => {
      await runRenotify(deps, data)
    },
  }
  const slaJob = (name: string): JobDefinition<z.infer<typeof slaTimerData>> => ({
    name,
    data: slaTimerData,
    retry,
    concurrency: 2,
    handle: async (data) => {
      await runSlaTimer(deps, data)
    },
  })
  const summary: JobDefinition<z.infer<typeof summaryData>> = {
    name: ESCALATION_JOBS.summary,
    data: summaryData,
    retry,
    handle: async (data) => {
      await runAfterHoursSummary(deps, data)
    },
  }
  return [pageStep, renotify, slaJob(ESCALATION_JOBS.slaReminder), slaJob(ESCALATION_JOBS.slaBreach), summary] as JobDefinition<unknown>[]
}

/** Registers every escalation job on the queue (each replica calls this; the claims keep them single). */
export async function registerEscalationJobs(queue: JobQueue, deps: EscalationDeps): Promise<void> {
  for (const definition of escalationJobs(deps)) await queue.register(definition)
}
