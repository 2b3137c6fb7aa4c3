// The process the crash test kills: it runs the reply pipeline (queue, service, real senders) against the
// database, the SMTP sink and the SP-API simulator named in BB_CRASH_INPUT, and reports on stdout as JSON lines.

import { SpapiClient } from '../../adapters/amazon/spapi/client.ts'
import { SpapiMessagingSender } from '../../adapters/amazon/spapi/messaging-sender.ts'
import { SmtpReplySender } from '../../adapters/email/smtp-reply-sender.ts'
import type { DatabaseConfig } from '../../src/config.ts'
import { openDatabase } from '../../src/db/connect.ts'
import { createLogger } from '../../src/logging.ts'
import { JobQueue } from '../../src/jobs/queue.ts'
import { QueueReplyJobs, registerReplyJobs } from '../../src/jobs/reply-jobs.ts'
import { Metrics } from '../../src/metrics.ts'
import { createReplyService } from '../../src/services/reply/index.ts'
import { loadTemplateLibrary } from '../../src/services/template-library.ts'

interface CrashInput {
  phase: 'send' | 'recover'
  database: DatabaseConfig
  smtpUrl: string
  spapiUrl: string
  credentials: { clientId: string; clientSecret: string; refreshToken: string }
  templatesDir: string
  conversations: { email: string; spapi: string }
}

const input = JSON.parse(process.env.BB_CRASH_INPUT ?? '{}') as CrashInput
const logger = createLogger({ level: 'silent' })
const report = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`)

const database = await openDatabase(input.database, logger)
const queue = new JobQueue({
  connection: database.connection,
  ...(database.sharedExecutor ? { executor: database.sharedExecutor } : {}),
  logger,
  pollingIntervalSeconds: 0.5,
  instanceName: `crash-${input.phase}`,
})
await queue.start()
// Long timeouts: the sink and the simulator never answer, and the test kills this process first.
const smtp = new SmtpReplySender({ url: input.smtpUrl, from: 'support@shop.example', timeouts: { socketMs: 120_000 } }, logger)
const spapi = new SpapiMessagingSender(
  new SpapiClient(
    {
      storeId: 'shop-us', region: 'na', endpoint: input.spapiUrl, lwaEndpoint: `${input.spapiUrl}/auth/o2/token`, ...input.credentials,
      marketplaceIds: ['ATVPDKIKX0DER'], timeouts: { requestMs: 120_000 },
    },
    { logger },
  ),
  logger,
)
const people = [{ id: 'anna', name: 'Anna Li', roles: ['agent' as const], slack: 'U-ANNA' }]
const service = createReplyService({
  db: database.db,
  jobs: new QueueReplyJobs(queue),
  senders: (path) => (path === 'email' ? smtp : spapi),
  templates: await loadTemplateLibrary(input.templatesDir),
  people,
  approval: { agents: [], templates: [] },
  pausedByConfig: false,
  clock: { now: () => new Date() },
  logger,
  metrics: new Metrics({ defaultMetrics: false }),
  policy: { staleSendingSeconds: 1 },
})
await registerReplyJobs(queue, service, { sendExpireSeconds: 5 })

const anna = { platform: 'slack' as const, userId: 'U-ANNA', displayName: 'Anna Li' }
const replies = () => database.db.selectFrom('replies').select(['id', 'state', 'path', 'attempts', 'failure_reason']).orderBy('path').execute()

if (input.phase === 'send') {
  const email = await service.requestSend({ conversationId: input.conversations.email, actor: anna, commandId: 'crash-email', templateId: 'checking-thank-you' })
  const proactive = await service.requestSend({
    conversationId: input.conversations.spapi, actor: anna, commandId: 'crash-spapi', templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem',
  })
  report({ event: 'requested', results: [email.kind, proactive.kind] })
  // Stay alive until killed.
  setInterval(() => undefined, 60_000)
} else {
  report({ event: 'restarted', replies: await replies() })
  // Give any wrongly re-run send the time to show up at the sink or the simulator.
  await new Promise((r) => setTimeout(r, 3_000))
  report({ event: 'final', replies: await replies(), audit: await database.db.selectFrom('commands').select(['action', 'outcome']).orderBy('created_at').execute() })
  await queue.stop(2_000)
  smtp.close()
  await database.close()
  process.exit(0)
}
