// npm run bench:slack — (1) 1,000 signed Slack interactions, 50 in flight, against the running service: time
// to HTTP ack, after 200 warm-up clicks. (2) 500 cards to 10 channels through the Slack poster, the fake enforcing 1 message/s/channel
// with bursts of 4: total time against the rate-limit floor, and cards lost.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateBuyerEmail } from '../adapters/simulator/buyer-emails/index.ts'
import { signSlackBody, SlackPoster } from '../adapters/slack/index.ts'
import { blockActionsPayload, FakeSlack } from '../test/support/fake-slack.ts'
import { closeBenchClient, postRaw } from './bench-http.ts'
import { createTestDatabaseConfig } from '../test/support/database.ts'
import { spawnService, waitForStatus } from '../test/support/process.ts'

const CLICKS = 1_000
const WARMUP_CLICKS = 200
const CONCURRENCY = 50
const CARDS = 500
const CHANNELS = 10
const SIGNING_SECRET = 'bench-signing-secret-0123456789'
const BOT_TOKEN = 'xoxb-bench-token'
const INBOUND = 'bench-inbound-token-0123456789'
const quiet = { debug() {}, info() {}, warn() {}, error() {} }

const scratch = mkdtempSync(path.join(os.tmpdir(), 'bb-bench-slack-'))
const configFile = path.join(scratch, 'buyerbridge.yaml')
writeFileSync(configFile, 'people:\n  - { id: agent, name: Bench Agent, roles: [agent], slack: U0AGENT }\n')

// A fresh database of the chosen mode (PostgreSQL when DATABASE_URL is set), dropped at the end.
const database = await createTestDatabaseConfig()

// Part 1: interactions against the service. The fake lets posts through quickly here; pacing is part 2.
const slack = await new FakeSlack({ botToken: BOT_TOKEN, postRatePerSecond: 1_000, postBurst: 1_000 }).start()
// The service runs as its own process, as in production; this process plays Slack and the clicking agents.
const service = spawnService(path.resolve(import.meta.dirname, '../src/main.ts'), {
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  BUYERBRIDGE_CONFIG: configFile,
  INBOUND_EMAIL_TOKEN: INBOUND,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_CHANNEL: 'C0BENCH',
  SLACK_API_URL: slack.url,
  ...(database.config.kind === 'postgres' ? { DATABASE_URL: database.config.url } : { DATA_DIR: database.config.dataDir }),
})
const serviceUrl = await service.url
await waitForStatus(`${serviceUrl}/readyz`, 200, 60_000)
const conversations: string[] = []
for (let i = 0; i < 20; i++) {
  const mail = generateBuyerEmail({
    marketplace: 'US', language: 'en', intent: 'where-is-my-order', buyerName: `Buyer${i}`,
    orderId: `111-${String(4000000 + i).padStart(7, '0')}-${String(5000000 + i).padStart(7, '0')}`,
    asin: 'B0BENCH002', productTitle: 'Bench item', sentAt: new Date(Date.UTC(2026, 10, 20, 0, i)),
  })
  const res = await fetch(`${serviceUrl}/inbound/email`, { method: 'POST', headers: { authorization: `Bearer ${INBOUND}`, 'content-type': 'message/rfc822' }, body: mail.raw })
  conversations.push(((await res.json()) as { conversationId: string }).conversationId)
}
for (let deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
  if (slack.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 200).length >= conversations.length) break
}
// Each card's buttons carry its conversation and card ids; the bench clicks them as an agent would.
const cards = slack.calls
  .filter((c) => c.method === 'chat.postMessage' && c.status === 200)
  .map((c) => {
    const blocks = (typeof c.args.blocks === 'string' ? JSON.parse(c.args.blocks) : c.args.blocks) as { elements?: { action_id?: string; value?: string }[] }[]
    return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'bb.assign')?.value
  })
  .filter((value): value is string => typeof value === 'string')

if (cards.length === 0) throw new Error('the service posted no cards with an assign button; nothing to click')
let statusErrors = 0
/** `count` signed clicks, `CONCURRENCY` in flight; the time from sending each to its HTTP answer. */
async function clickRound(count: number, label: string): Promise<number[]> {
  const latencies: number[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++
        const payload = blockActionsPayload({
          actionId: 'bb.assign',
          triggerId: `${i}.${label}.${Math.random().toString(36).slice(2)}`,
          userId: 'U0AGENT',
          channelId: 'C0BENCH',
          value: cards[i % cards.length]!,
        })
        const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString()
        const timestamp = Math.floor(Date.now() / 1000)
        const headers = {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signSlackBody(SIGNING_SECRET, timestamp, body),
        }
        const t0 = performance.now()
        const res = await postRaw(`${serviceUrl}/slack/events`, headers, body)
        latencies.push(performance.now() - t0)
        if (res.status !== 200 && statusErrors++ === 0) console.error(`first non-200 answer: ${res.status}`)
      }
    }),
  )
  return latencies.sort((a, b) => a - b)
}
// The first burst after start-up pays for connection set-up and JIT compilation; it is reported apart.
const warmup = await clickRound(WARMUP_CLICKS, 'warmup')
const started = performance.now()
const latencies = await clickRound(CLICKS, 'bench')
const interactionSeconds = (performance.now() - started) / 1000
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1)
const pct = (p: number) => percentile(latencies, p)
console.log(`interactions: ${CLICKS} signed bb.assign clicks, ${CONCURRENCY} in flight, ${database.config.kind} database, service in its own process, ${os.cpus().length} CPUs`)
console.log(`  time to HTTP ack ms: p50 ${pct(0.5)}, p99 ${pct(0.99)}, max ${latencies.at(-1)!.toFixed(1)}; non-200: ${statusErrors}; ${(CLICKS / interactionSeconds).toFixed(0)} clicks/s`)
console.log(`  first ${WARMUP_CLICKS} clicks after start-up (not in the figures above): p50 ${percentile(warmup, 0.5)}, p99 ${percentile(warmup, 0.99)}, max ${warmup.at(-1)!.toFixed(1)} ms`)
closeBenchClient()
service.child.kill('SIGTERM')
await service.exit
await slack.stop()
await database.drop()

// Part 2: pacing. Slack allows about 1 message/s per channel with short bursts; the floor for N per channel
// with a burst of B is (N − B) seconds.
const paced = await new FakeSlack({ botToken: BOT_TOKEN, postRatePerSecond: 1, postBurst: 4 }).start()
const poster = new SlackPoster({ botToken: BOT_TOKEN, apiUrl: paced.url, logger: quiet, pacing: { ratePerSecond: 1, burst: 4, marginMs: 25 } })
const perChannel = CARDS / CHANNELS
const floorSeconds = perChannel - 4
const t0 = performance.now()
const results = await Promise.allSettled(
  Array.from({ length: CARDS }, (_, i) => poster.postCard(`C${String(i % CHANNELS).padStart(2, '0')}`, { text: `card ${i}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `card ${i}` } }] })),
)
const postSeconds = (performance.now() - t0) / 1000
const lost = results.filter((r) => r.status === 'rejected').length
const rateLimited = paced.calls.filter((c) => c.method === 'chat.postMessage' && c.status === 429).length
console.log(`posting: ${CARDS} cards to ${CHANNELS} channels in ${postSeconds.toFixed(1)} s; floor ${floorSeconds} s; ratio ${(postSeconds / floorSeconds).toFixed(3)}; lost ${lost}; 429 answers ${rateLimited}`)
await paced.stop()
rmSync(scratch, { recursive: true, force: true })
if (lost > 0 || statusErrors > 0) process.exitCode = 1
