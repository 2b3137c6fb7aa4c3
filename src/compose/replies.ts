import { SpapiMessagingSender } from '../../adapters/amazon/spapi/index.ts'
import { SmtpReplySender } from '../../adapters/email/index.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/schema.ts'
import type { ReplyPath } from '../domain/vocabulary.ts'
import { QueueReplyJobs, registerReplyJobs } from '../jobs/reply-jobs.ts'
import type { JobQueue } from '../jobs/queue.ts'
import type { Logger } from '../logging.ts'
import type { Metrics } from '../metrics.ts'
import type { Clock } from '../ports/clock.ts'
import type { ReplySender } from '../ports/reply-sender.ts'
import { createReplyService, type ReplyService } from '../services/reply/index.ts'
import { loadTemplateLibrary } from '../services/template-library.ts'
import { templatesDirectory } from './paths.ts'
import type { TextNote } from '../services/commands/conversation-commands.ts'
import type { SpapiWiring } from './spapi.ts'

/** The reply pipeline with its senders: SMTP for e-mail answers, each store's SP-API client for proactive types. */
export async function startReplies(options: {
  config: Config
  db: Db
  queue: JobQueue
  spapi: SpapiWiring | null
  clock: Clock
  logger: Logger
  metrics: Metrics
  onReplyChanged(conversationId: string, note: TextNote | null): Promise<void>
}): Promise<ReplyService> {
  const { config, logger } = options
  const smtp = config.smtp ? new SmtpReplySender({ url: config.smtp.url, from: config.smtp.from }, logger.child({ component: 'smtp' })) : null
  const spapiSenders = new Map<string, ReplySender>()
  const senders = (path: ReplyPath, storeId: string): ReplySender | null => {
    if (path === 'email') return smtp
    if (!options.spapi?.storeIds.has(storeId)) return null
    let sender = spapiSenders.get(storeId)
    if (!sender) {
      sender = new SpapiMessagingSender(options.spapi.clients.get(storeId), logger.child({ component: 'sp-api-messaging', store: storeId }))
      spapiSenders.set(storeId, sender)
    }
    return sender
  }
  const service = createReplyService({
    db: options.db,
    jobs: new QueueReplyJobs(options.queue),
    senders,
    templates: await loadTemplateLibrary(templatesDirectory()),
    people: config.file.people,
    approval: config.file.sending.approval,
    pausedByConfig: config.file.sending.paused,
    clock: options.clock,
    logger: logger.child({ component: 'reply' }),
    metrics: { replies: { inc: (labels) => options.metrics.replies.labels(labels.path, labels.outcome).inc() } },
    onReplyChanged: options.onReplyChanged,
  })
  await registerReplyJobs(options.queue, service, { sendConcurrency: 4 })
  return service
}
