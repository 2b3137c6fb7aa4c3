// Reply throughput against Amazon's usage plan: 300 replies across 30 orders go through the whole pipeline
// (requestSend → queue → SpapiMessagingSender → the SP-API simulator) with the messaging plan at 20 req/s
// burst 5 on both sides. Reports the achieved send rate as a fraction of what the plan allows (target ≥ 0.95)
// and the requests the simulator answered 429 for exceeding the plan (target 0).
// Usage: node scripts/bench-reply.ts   (DATABASE_URL set → PostgreSQL, else an embedded database in a temp dir)

import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { SpapiClient } from '../adapters/amazon/spapi/client.ts'
import { SpapiMessagingSender } from '../adapters/amazon/spapi/messaging-sender.ts'
import { startSpapiSimulator } from '../adapters/simulator/spapi/server.ts'
import type { DatabaseConfig } from '../src/config.ts'
import { openDatabase } from '../src/db/connect.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { upsertStores } from '../src/db/repos/stores.ts'
import type { Db } from '../src/db/schema.ts'
import { createLogger } from '../src/logging.ts'
import { JobQueue } from '../src/jobs/queue.ts'
import { QueueReplyJobs, registerReplyJobs } from '../src/jobs/reply-jobs.ts'
import { Metrics } from '../src/metrics.ts'
import { createReplyService } from '../src/services/reply/index.ts'
import { loadTemplateLibrary } from '../src/services/template-library.ts'

const REPLIES = 300
const ORDERS = 30
const PLAN = { rate: 20, burst: 5 }
const US = 'ATVPDKIKX0DER'
const CREDENTIALS = { clientId: 'amzn1.application-oa2-client.bench', clientSecret: 'bench-secret', refreshToken: 'Atzr|bench' }
const root = path.resolve(import.meta.dirname, '..')
const logger = createLogger({ level: 'silent' })

// pg-boss polls at most every 0.5 s and a worker takes one job per poll, so the send concurrency sets the
// ceiling: 10 workers → 20 sends/s.
const SEND_CONCURRENCY = Number(process.env.BENCH_SEND_CONCURRENCY ?? 10)

const serverUrl = process.env.DATABASE_URL
const tempDir = serverUrl ? null : mkdtempSync(path.join(os.tmpdir(), 'bb-bench-reply-'))
// A database of its own on the server, dropped at the end; never the one DATABASE_URL names.
const benchDatabase = `bb_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
if (serverUrl) await adminQuery(serverUrl, `create database ${benchDatabase}`)
const config: DatabaseConfig = tempDir ? { kind: 'embedded', dataDir: path.join(tempDir, 'data') } : { kind: 'postgres', url: withDatabase(serverUrl!, benchDatabase) }
const database = await openDatabase(config, logger)
const db = database.db

try {
  await migrateToLatest(db)
  await upsertStores(db, [{ id: 'bench-us', name: 'Bench Shop', region: 'na', marketplaces: ['US'], listenOnly: false }])

  const sim = await startSpapiSimulator({ ...CREDENTIALS, ratePlans: { sendMessage: PLAN, getMessagingActionsForOrder: PLAN } })
  const client = new SpapiClient(
    {
      storeId: 'bench-us', region: 'na', endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, ...CREDENTIALS, marketplaceIds: [US],
      ratePlans: { sendMessage: PLAN, getMessagingActionsForOrder: PLAN },
    },
    { logger },
  )
  const sender = new SpapiMessagingSender(client, logger)
  const queue = new JobQueue({
    connection: database.connection,
    ...(database.sharedExecutor ? { executor: database.sharedExecutor } : {}),
    logger,
    pollingIntervalSeconds: 0.5,
    instanceName: 'bench-reply',
  })
  await queue.start()
  const service = createReplyService({
    db,
    jobs: new QueueReplyJobs(queue),
    senders: (replyPath) => (replyPath === 'email' ? null : sender),
    templates: await loadTemplateLibrary(path.join(root, 'templates')),
    people: [{ id: 'bench', name: 'Bench Agent', roles: ['agent'], console: 'bench' }],
    approval: { agents: [], templates: [] },
    pausedByConfig: false,
    clock: { now: () => new Date() },
    logger,
    metrics: new Metrics({ defaultMetrics: false }),
  })
  await registerReplyJobs(queue, service, { sendConcurrency: SEND_CONCURRENCY })

  const conversations = await seedOrders(db, sim)
  const actor = { platform: 'console' as const, userId: 'bench', displayName: 'Bench Agent' }
  const started = Date.now()
  // Ten rounds: each order gets a new buyer message, then a reply to it.
  for (let round = 0; round < REPLIES / ORDERS; round++) {
    await Promise.all(conversations.map((c) => addBuyerMessage(db, c.id, round)))
    const results = await Promise.all(
      conversations.map((c) =>
        service.requestSend({ conversationId: c.id, actor, commandId: `bench-${round}-${c.orderId}`, templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' }),
      ),
    )
    const refused = results.filter((r) => r.kind !== 'queued')
    if (refused.length > 0) throw new Error(`round ${round}: ${refused.length} requests not queued: ${JSON.stringify(refused[0])}`)
  }
  const queuedAt = Date.now()
  let last = ''
  for (;;) {
    const counts = await db.selectFrom('replies').select(['state', sql<string>`count(*)`.as('n')]).groupBy('state').execute()
    const open = counts.filter((c) => c.state === 'queued' || c.state === 'sending').reduce((sum, c) => sum + Number(c.n), 0)
    last = counts.map((c) => `${c.state}=${c.n}`).join(' ')
    if (open === 0) break
    if (Date.now() - started > 180_000) throw new Error(`not drained after 180 s: ${last}`)
    await new Promise((r) => setTimeout(r, 200))
  }

  const posts = sim.requests.filter((r) => r.operation === 'sendMessage' && r.status === 201).map((r) => r.at.getTime()).sort((a, b) => a - b)
  const first = posts[0] ?? 0
  const lastPost = posts.at(-1) ?? 0
  const seconds = (lastPost - first) / 1000
  // What the plan allows: `burst` at once, then one every 1/rate s.
  const planSeconds = Math.max(0, (posts.length - PLAN.burst) / PLAN.rate)
  const fraction = seconds > 0 ? planSeconds / seconds : 0
  console.log(`database             ${config.kind}, ${SEND_CONCURRENCY} send workers`)
  console.log(`replies              ${last}`)
  console.log(`messages posted      ${posts.length} (simulator recorded ${sim.sentMessages.length})`)
  console.log(`enqueue time         ${((queuedAt - started) / 1000).toFixed(2)} s for ${REPLIES} requestSend calls`)
  console.log(`first→last post      ${seconds.toFixed(2)} s (plan minimum ${planSeconds.toFixed(2)} s at ${PLAN.rate}/s burst ${PLAN.burst})`)
  console.log(`achieved rate        ${(seconds > 0 ? (posts.length - 1) / seconds : 0).toFixed(2)} msg/s`)
  console.log(`fraction of plan     ${fraction.toFixed(3)} (target >= 0.95)`)
  console.log(`over-plan requests   ${sim.overPlanCount()} (sendMessage ${sim.overPlanCount('sendMessage')}, target 0)`)

  await queue.stop(5_000)
  await sim.close()
  if (posts.length !== REPLIES || sim.overPlanCount() > 0) process.exitCode = 1
} finally {
  await database.close()
  if (tempDir) rmSync(tempDir, { recursive: true, force: true })
  if (serverUrl) await adminQuery(serverUrl, `drop database if exists ${benchDatabase} with (force)`)
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${name}`
  return parsed.toString()
}

async function seedOrders(target: Db, sim: Awaited<ReturnType<typeof startSpapiSimulator>>): Promise<{ id: string; orderId: string }[]> {
  const out: { id: string; orderId: string }[] = []
  for (let i = 0; i < ORDERS; i++) {
    const orderId = `113-${String(4000000 + i).padStart(7, '0')}-${String(5000000 + i).padStart(7, '0')}`
    const allowed = ['unexpectedProblem', 'confirmDeliveryDetails']
    sim.orders.upsertOrder({
      orderId, marketplaceId: US, status: 'Shipped', purchaseDate: new Date(Date.now() - 3 * 86_400_000), fulfillmentChannel: 'MFN',
      items: [{ title: 'Electric Kettle', asin: 'B0C7KX2M4Q', sku: 'BB-KETTLE-17', quantity: 1 }], allowedActions: allowed, buyerLocale: 'en-US',
    })
    const row = await target
      .insertInto('conversations')
      .values({
        store_id: 'bench-us', buyer_alias: `bench${i}@marketplace.amazon.com`, buyer_name: 'Sam Taylor', order_id: orderId, marketplace: 'US',
        language: 'en', state: 'notified', message_count: 0, last_message_at: new Date(Date.now() - 3_600_000),
        order_context: JSON.stringify({ orderId, status: 'Shipped', items: [{ title: 'Electric Kettle', asin: 'B0C7KX2M4Q' }], allowedMessagingActions: allowed, buyerLocale: 'en-US', latestDeliveryDate: new Date(Date.now() + 5 * 86_400_000).toISOString() }),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    out.push({ id: row.id, orderId })
  }
  return out
}

async function addBuyerMessage(target: Db, conversationId: string, round: number): Promise<void> {
  const at = new Date()
  await target
    .insertInto('buyer_messages')
    .values({ conversation_id: conversationId, source_message_id: `bench-${conversationId}-${round}@amazon.com`, origin: 'bench', received_at: at, subject: 'Where is my order?', text: 'Any news?' })
    .execute()
  await target.updateTable('conversations').set({ last_message_at: at, state: 'notified', message_count: round + 1 }).where('id', '=', conversationId).execute()
}
