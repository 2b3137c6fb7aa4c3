// npm run bench:ingest — 1,000 Amazon buyer e-mails through POST /inbound/email into the database.
// Runs the real service in-process on the embedded database (or DATABASE_URL), 20 requests in flight.
import { generateBuyerEmail } from '../adapters/simulator/buyer-emails/index.ts'
import { startService } from '../src/main.ts'
import { INTENTS, TEMPLATE_LANGUAGES } from '../src/domain/vocabulary.ts'
import { createTestDatabaseConfig } from '../test/support/database.ts'

const MAILS = Number(process.env.BENCH_MAILS ?? 1000)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)
const TOKEN = 'bench-inbound-token-0123456789'
const MARKETPLACE_OF = { en: 'US', de: 'DE', fr: 'FR', it: 'IT', es: 'ES', ja: 'JP' } as const

// A fresh database of the chosen mode (PostgreSQL when DATABASE_URL is set), dropped at the end.
const database = await createTestDatabaseConfig()
const service = await startService({
  env: {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    INBOUND_EMAIL_TOKEN: TOKEN,
    ...(database.config.kind === 'postgres' ? { DATABASE_URL: database.config.url } : { DATA_DIR: database.config.dataDir }),
  },
})
await service.ready

const mails = Array.from({ length: MAILS }, (_, i) => {
  const language = TEMPLATE_LANGUAGES[i % TEMPLATE_LANGUAGES.length]!
  return generateBuyerEmail({
    marketplace: MARKETPLACE_OF[language],
    language,
    intent: INTENTS[i % (INTENTS.length - 1)]!,
    buyerName: `Buyer${i % 300}`,
    orderId: `111-${String(2000000 + (i % 400)).padStart(7, '0')}-${String(3000000 + i).padStart(7, '0')}`,
    asin: 'B0BENCH001',
    productTitle: 'Benchmark item',
    sentAt: new Date(Date.UTC(2026, 10, 20, 0, 0, i)),
    variant: i,
  }).raw
})

const latencies: number[] = []
const outcomes = new Map<string, number>()
let next = 0
const started = performance.now()
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < mails.length) {
      const raw = mails[next++]!
      const t0 = performance.now()
      const res = await fetch(`${service.url}/inbound/email`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'message/rfc822' },
        body: raw,
      })
      const body = (await res.json()) as { outcome?: string }
      latencies.push(performance.now() - t0)
      const key = `${res.status} ${body.outcome ?? 'error'}`
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
    }
  }),
)
const seconds = (performance.now() - started) / 1000
const stored = await service.database()!.db.selectFrom('buyer_messages').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
latencies.sort((a, b) => a - b)
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1)

console.log(`database: ${service.database()!.kind}, ${MAILS} mails, ${CONCURRENCY} in flight`)
console.log(`throughput: ${(MAILS / seconds).toFixed(0)} mails/s (${seconds.toFixed(2)} s)`)
console.log(`ingest latency ms: p50 ${pct(50)}, p95 ${pct(95)}, p99 ${pct(99)}, max ${latencies.at(-1)!.toFixed(1)}`)
console.log(`outcomes: ${[...outcomes].map(([k, v]) => `${k}: ${v}`).join(', ')}; stored messages: ${stored.n}`)
await service.stop()
await database.drop()
if (Number(stored.n) !== MAILS) {
  console.error(`LOST OR DUPLICATED: expected ${MAILS} stored messages, found ${stored.n}`)
  process.exit(1)
}
