// Shared set-up of the reply pipeline tests: a real database, the pg-boss queue, the real SMTP sender against
// the SMTP sink and the real SP-API sender against the simulator.

import path from 'node:path'
import { SpapiClient } from '../../adapters/amazon/spapi/client.ts'
import { SpapiMessagingSender } from '../../adapters/amazon/spapi/messaging-sender.ts'
import { SmtpReplySender } from '../../adapters/email/smtp-reply-sender.ts'
import { startSmtpSink, type SmtpSink } from '../../adapters/simulator/smtp-sink.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'
import { upsertStores } from '../../src/db/repos/stores.ts'
import type { Db } from '../../src/db/schema.ts'
import { marketplaceByCode } from '../../src/domain/marketplaces.ts'
import type { ReplyPath } from '../../src/domain/vocabulary.ts'
import { registerReplyJobs, QueueReplyJobs } from '../../src/jobs/reply-jobs.ts'
import { JobQueue } from '../../src/jobs/queue.ts'
import { Metrics } from '../../src/metrics.ts'
import type { ReplySender } from '../../src/ports/reply-sender.ts'
import { createReplyService, type Actor, type ApprovalRules, type Person, type ReplyService, type SendPolicy } from '../../src/services/reply/index.ts'
import { loadTemplateLibrary } from '../../src/services/template-library.ts'
import { openTestDatabase, silentLogger } from '../support/database.ts'

export const CREDENTIALS = { clientId: 'amzn1.application-oa2-client.reply', clientSecret: 'reply-secret', refreshToken: 'Atzr|reply-refresh' }
export const SMTP_FROM = 'Support Team <support@shop.example>'
export const TEMPLATES_DIR = path.resolve(import.meta.dirname, '../../templates')

export const PEOPLE: Person[] = [
  { id: 'anna', name: 'Anna Li', roles: ['agent'], slack: 'U-ANNA', feishu: 'ou_anna' },
  { id: 'ben', name: 'Ben Wang', roles: ['agent'], slack: 'U-BEN' },
  { id: 'mia', name: 'Mia Chen', roles: ['manager'], slack: 'U-MIA', console: 'mia' },
  { id: 'otto', name: 'Otto Oncall', roles: ['oncall'], slack: 'U-OTTO' },
  ...Array.from({ length: 20 }, (_, i): Person => ({ id: `agent${i}`, name: `Agent ${i}`, roles: ['agent'], slack: `U-A${i}` })),
]

export const anna: Actor = { platform: 'slack', userId: 'U-ANNA', displayName: 'Anna Li' }
export const ben: Actor = { platform: 'slack', userId: 'U-BEN', displayName: 'Ben Wang' }
export const mia: Actor = { platform: 'slack', userId: 'U-MIA', displayName: 'Mia Chen' }
export const otto: Actor = { platform: 'slack', userId: 'U-OTTO', displayName: 'Otto Oncall' }

export type TestDatabase = Awaited<ReturnType<typeof openTestDatabase>>

export interface ConversationSeed {
  storeId?: string
  marketplace?: string
  orderId?: string | null
  buyerAlias?: string
  buyerName?: string
  language?: string
  riskScore?: number
  subject?: string
  sourceMessageId?: string
  references?: string[]
  allowedActions?: string[]
  receivedAt?: Date
}

let seedCounter = 0

/** A conversation with one buyer message, as ingest would have stored it. */
export async function seedConversation(db: Db, seed: ConversationSeed = {}): Promise<{ conversationId: string; messageId: string; orderId: string | null; alias: string }> {
  seedCounter++
  const marketplace = seed.marketplace ?? 'US'
  const orderId = seed.orderId === undefined ? `111-${String(1000000 + seedCounter).padStart(7, '0')}-${String(2000000 + seedCounter * 7).padStart(7, '0')}` : seed.orderId
  const alias = seed.buyerAlias ?? `buyer${seedCounter}x7k@${marketplaceByCode(marketplace)!.aliasDomain}`
  const receivedAt = seed.receivedAt ?? new Date(Date.now() - 60_000)
  const conversation = await db
    .insertInto('conversations')
    .values({
      store_id: seed.storeId ?? 'shop-us',
      buyer_alias: alias,
      buyer_name: seed.buyerName ?? 'Jordan Smith',
      order_id: orderId,
      marketplace,
      subject: seed.subject ?? `Inquiry from Amazon customer Jordan (Order: ${orderId ?? 'none'})`,
      language: seed.language ?? 'en',
      intent: 'where-is-my-order',
      risk_score: seed.riskScore ?? 10,
      state: 'notified',
      sla_due_at: new Date(receivedAt.getTime() + 24 * 3600_000),
      message_count: 1,
      last_message_at: receivedAt,
      order_context:
        orderId && seed.allowedActions
          ? JSON.stringify({ orderId, marketplace, status: 'Shipped', items: [{ title: 'Electric Kettle', asin: 'B0C7KX2M4Q', sku: null, quantity: 1 }], allowedMessagingActions: seed.allowedActions, buyerLocale: 'en-US', latestDeliveryDate: '2026-12-01T00:00:00Z', fetchedAt: new Date().toISOString() })
          : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const message = await db
    .insertInto('buyer_messages')
    .values({
      conversation_id: conversation.id,
      source_message_id: seed.sourceMessageId ?? `amzn-msg-${seedCounter}-${Math.random().toString(36).slice(2)}@amazon.com`,
      origin: 'test',
      received_at: receivedAt,
      subject: seed.subject ?? `Inquiry from Amazon customer Jordan (Order: ${orderId ?? 'none'})`,
      text: 'Where is my parcel?',
      references: seed.references ?? [],
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { conversationId: conversation.id, messageId: message.id, orderId, alias }
}

export interface PipelineOptions {
  approval?: ApprovalRules
  pausedByConfig?: boolean
  policy?: Partial<SendPolicy>
  spapiRatePlan?: { rate: number; burst: number }
  listenOnlyStores?: string[]
}

export interface Pipeline {
  database: TestDatabase
  db: Db
  queue: JobQueue
  service: ReplyService
  sink: SmtpSink
  sim: SpapiSimulator
  metrics: Metrics
  changes: string[]
  smtp: SmtpReplySender
  close(): Promise<void>
}

export async function startPipeline(options: PipelineOptions = {}): Promise<Pipeline> {
  const database = await openTestDatabase()
  const db = database.db
  await upsertStores(db, [
    { id: 'shop-us', name: 'Kettle Shop US', region: 'na', marketplaces: ['US'], listenOnly: options.listenOnlyStores?.includes('shop-us') ?? false },
    { id: 'shop-new', name: 'New Shop', region: 'na', marketplaces: ['US'], listenOnly: options.listenOnlyStores?.includes('shop-new') ?? true },
  ])
  const sink = await startSmtpSink({ approvedSenders: ['support@shop.example'] })
  const plan = options.spapiRatePlan ?? { rate: 1, burst: 5 }
  const sim = await startSpapiSimulator({ ...CREDENTIALS, ratePlans: { sendMessage: plan, getMessagingActionsForOrder: plan } })
  const smtp = new SmtpReplySender({ url: sink.url, from: SMTP_FROM, timeouts: { socketMs: 3_000 } }, silentLogger)
  const spapiClient = new SpapiClient(
    {
      storeId: 'shop-us',
      region: 'na',
      endpoint: sim.url,
      lwaEndpoint: `${sim.url}/auth/o2/token`,
      ...CREDENTIALS,
      marketplaceIds: ['ATVPDKIKX0DER'],
      ratePlans: { sendMessage: plan, getMessagingActionsForOrder: plan },
      timeouts: { requestMs: 3_000 },
    },
    { logger: silentLogger },
  )
  const spapi = new SpapiMessagingSender(spapiClient, silentLogger)
  const senders = (path: ReplyPath, storeId: string): ReplySender | null => {
    if (path === 'email') return smtp
    return storeId === 'shop-us' ? spapi : null
  }
  const queue = new JobQueue({
    connection: database.connection,
    ...(database.sharedExecutor ? { executor: database.sharedExecutor } : {}),
    logger: silentLogger,
    pollingIntervalSeconds: 0.5,
    instanceName: `reply-test-${process.pid}`,
  })
  await queue.start()
  const metrics = new Metrics({ defaultMetrics: false })
  const changes: string[] = []
  const service = createReplyService({
    db,
    jobs: new QueueReplyJobs(queue),
    senders,
    templates: await loadTemplateLibrary(TEMPLATES_DIR),
    people: PEOPLE,
    approval: options.approval ?? { agents: [], templates: [] },
    pausedByConfig: options.pausedByConfig ?? false,
    clock: { now: () => new Date() },
    logger: silentLogger,
    metrics,
    policy: { retryDelaysSeconds: [1], pauseRecheckSeconds: 1, ...options.policy },
    onReplyChanged: (conversationId) => {
      changes.push(conversationId)
    },
  })
  await registerReplyJobs(queue, service)
  return {
    database,
    db,
    queue,
    service,
    sink,
    sim,
    metrics,
    changes,
    smtp,
    close: async () => {
      await queue.stop(2_000)
      smtp.close()
      await sink.close()
      await sim.close()
      await database.drop()
    },
  }
}

export async function waitFor<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last = await read()
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(last)})`)
    await new Promise((r) => setTimeout(r, 100))
    last = await read()
  }
  return last
}

export async function replyState(db: Db, replyId: string) {
  return db.selectFrom('replies').selectAll().where('id', '=', replyId).executeTakeFirstOrThrow()
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
