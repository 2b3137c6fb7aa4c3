// npm run bench:feishu — signed and encrypted Feishu card callbacks against the service running as its own
// process (webhook mode), 50 in flight: (1) 1,000 bb.assign clicks after 200 warm-up clicks, time to HTTP answer (Feishu shows an
// error after 3 s; target p99 < 100 ms); (2) 200 template picks, each answered with the filled-in card.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateBuyerEmail } from '../adapters/simulator/buyer-emails/index.ts'
import { createTestDatabaseConfig } from '../test/support/database.ts'
import { buildCardActionCallback, FakeFeishu } from '../test/support/fake-feishu.ts'
import { spawnService, waitForStatus } from '../test/support/process.ts'
import { closeBenchClient, postRaw } from './bench-http.ts'

const CLICKS = 1_000
const WARMUP_CLICKS = 200
const PICKS = 200
const CONCURRENCY = 50
const CONVERSATIONS = 20
const APP = { appId: 'cli_bench_feishu', appSecret: 'bench-feishu-secret' }
const SECRETS = { verificationToken: 'bench-verification-token', encryptKey: 'bench-encrypt-key' }
const INBOUND = 'bench-inbound-token-0123456789'
const CHAT = 'oc_bench'

const scratch = mkdtempSync(path.join(os.tmpdir(), 'bb-bench-feishu-'))
const configFile = path.join(scratch, 'buyerbridge.yaml')
writeFileSync(configFile, 'people:\n  - { id: agent, name: Bench Agent, roles: [agent], feishu: ou_agent }\n')

// The fake lets cards through quickly (pacing is the poster's business, measured by its own tests).
const feishu = await FakeFeishu.start({ ...APP, chatQps: 10_000, messagePatchQps: 10_000 })
// A fresh database of the chosen mode (PostgreSQL when DATABASE_URL is set), dropped at the end.
const database = await createTestDatabaseConfig()
const service = spawnService(path.resolve(import.meta.dirname, '../src/main.ts'), {
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'info',
  BUYERBRIDGE_CONFIG: configFile,
  INBOUND_EMAIL_TOKEN: INBOUND,
  FEISHU_APP_ID: APP.appId,
  FEISHU_APP_SECRET: APP.appSecret,
  FEISHU_VERIFICATION_TOKEN: SECRETS.verificationToken,
  FEISHU_ENCRYPT_KEY: SECRETS.encryptKey,
  FEISHU_CHAT_ID: CHAT,
  FEISHU_DOMAIN: feishu.baseUrl,
  ...(database.config.kind === 'postgres' ? { DATABASE_URL: database.config.url } : { DATA_DIR: database.config.dataDir }),
})
const serviceUrl = await service.url
await waitForStatus(`${serviceUrl}/readyz`, 200, 60_000)

for (let i = 0; i < CONVERSATIONS; i++) {
  const mail = generateBuyerEmail({
    marketplace: 'US', language: 'en', intent: 'where-is-my-order', buyerName: `Buyer${i}`,
    orderId: `112-${String(4000000 + i).padStart(7, '0')}-${String(5000000 + i).padStart(7, '0')}`,
    asin: 'B0BENCHFS1', productTitle: 'Bench item', sentAt: new Date(Date.UTC(2026, 10, 20, 0, i)),
  })
  await fetch(`${serviceUrl}/inbound/email`, { method: 'POST', headers: { authorization: `Bearer ${INBOUND}`, 'content-type': 'message/rfc822' }, body: mail.raw })
}
const cards = () => [...feishu.messages.values()].filter((m) => m.msgType === 'interactive')
for (let deadline = Date.now() + 60_000; Date.now() < deadline && cards().length < CONVERSATIONS; await new Promise((r) => setTimeout(r, 200)));
// Each card's buttons carry its conversation and card ids; the bench clicks them as an agent would.
const valueOn = (card: Record<string, unknown> | null, action: string) =>
  JSON.stringify(card)
    .match(/"value":\{"action":"[a-z_.]+","conversationId":"[^"]+","cardId":"[^"]+"\}/g)
    ?.map((found) => (JSON.parse(`{${found}}`) as { value: { action: string } }).value)
    .find((value) => value.action === action)
const targets = cards().map((m) => ({ messageId: m.messageId, assign: valueOn(m.card, 'bb.assign'), pick: valueOn(m.card, 'bb.pick_template') }))

const percentiles = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN }
}

async function run(count: number, click: (i: number) => { value: unknown; messageId: string; option?: string }) {
  const latencies: number[] = []
  let failures = 0
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++
        const { value, messageId, option } = click(i)
        const request = buildCardActionCallback({ ...APP, ...SECRETS, operator: { openId: 'ou_agent' }, value, messageId, chatId: CHAT, ...(option ? { option, tag: 'select_static' } : {}) })
        const t0 = performance.now()
        const res = await postRaw(`${serviceUrl}/feishu/events`, request.headers, request.body)
        latencies.push(performance.now() - t0)
        const body = JSON.parse(res.body) as { toast?: { type: string }; card?: unknown }
        if (res.status !== 200 || !body.toast || body.toast.type === 'error' || (option && !body.card)) failures++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const client = percentiles(latencies)
  const line = (p: ReturnType<typeof percentiles>) => `p50 ${p.p50.toFixed(1)}, p99 ${p.p99.toFixed(1)}, max ${p.max.toFixed(1)} ms`
  return {
    line: `${line(client)}; failed ${failures}; ${(count / seconds).toFixed(0)}/s`,
    failures,
    p99: client.p99,
  }
}

const mode = `${process.env.DATABASE_URL ? 'postgres' : 'embedded'} database, service in its own process, ${os.cpus().length} CPUs`
// The first burst after start-up pays for connection set-up and JIT compilation; it is reported apart.
const warmup = await run(WARMUP_CLICKS, (i) => ({ value: targets[i % targets.length]!.assign, messageId: targets[i % targets.length]!.messageId }))
const assign = await run(CLICKS, (i) => ({ value: targets[i % targets.length]!.assign, messageId: targets[i % targets.length]!.messageId }))
console.log(`card callbacks: ${CLICKS} signed+encrypted bb.assign clicks, ${CONCURRENCY} in flight, ${mode}`)
console.log(`  time to HTTP answer: ${assign.line}`)
console.log(`  first ${WARMUP_CLICKS} clicks after start-up (not in the figures above): ${warmup.line}`)
const pick = await run(PICKS, (i) => ({ value: targets[i % targets.length]!.pick, messageId: targets[i % targets.length]!.messageId, option: 'checking-thank-you' }))
console.log(`template picks: ${PICKS} signed+encrypted bb.pick_template, answered with the filled-in card, ${CONCURRENCY} in flight`)
console.log(`  time to HTTP answer: ${pick.line}`)

closeBenchClient()
service.child.kill('SIGTERM')
await service.exit
await feishu.close()
await database.drop()
rmSync(scratch, { recursive: true, force: true })
if (warmup.failures > 0 || assign.failures > 0 || pick.failures > 0 || assign.p99 >= 100 || pick.p99 >= 3000) process.exitCode = 1
