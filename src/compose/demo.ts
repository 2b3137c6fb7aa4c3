import { generateBuyerEmail, randomBuyerEmailSpec, seededRng } from '../../adapters/simulator/buyer-emails/index.ts'
import { startDemoSpapi } from '../../adapters/simulator/spapi/demo.ts'
import { startSmtpSink, type CapturedMail } from '../../adapters/simulator/smtp-sink.ts'
import type { Config } from '../config.ts'
import { marketplaceById } from '../domain/marketplaces.ts'
import { TEMPLATE_LANGUAGES, type TemplateLanguage } from '../domain/vocabulary.ts'
import type { Logger } from '../logging.ts'
import type { IngestOutcome } from '../services/ingest/ingest-mail.ts'

export interface DemoEnvironment {
  /** The configuration with the demo store connected to the in-process SP-API simulator and SMTP sink. */
  config: Config
  /** What the buyers would have received: the replies the demo SMTP sink captured. */
  outbox(): readonly CapturedMail[]
  /** Starts feeding simulated buyer e-mails through the same ingest path as real ones. */
  startMailFeed(ingest: (raw: Buffer, origin: string, storeId: string) => Promise<IngestOutcome>): void
  stop(): Promise<void>
}

const DEMO_STORE_ID = 'demo'
const DEMO_SENDER = 'support@demo-store.example'
/** Who acts from the console in demo mode (the console's shared login is the `operator` console user). */
const DEMO_OPERATOR = { id: 'demo-operator', name: 'Demo Operator', roles: ['agent', 'manager'] as ('agent' | 'manager')[], console: 'operator' }

/**
 * Demo mode: a local fake Amazon in this process. The SP-API simulator holds seeded orders (so cards get order
 * context and allowed messaging actions), and a buyer e-mail for one of those orders arrives every few seconds.
 */
export async function startDemoEnvironment(config: Config, logger: Logger, options: { mailIntervalMs?: number; seed?: number } = {}): Promise<DemoEnvironment> {
  const log = logger.child({ component: 'demo' })
  const demo = await startDemoSpapi({ host: '127.0.0.1', port: 0, ...(options.seed !== undefined ? { seed: options.seed } : {}) })
  const { connection } = demo
  // Replies go to a local SMTP sink that accepts mail only from the "approved sender", as Amazon does.
  const sink = await startSmtpSink({ approvedSenders: [DEMO_SENDER] })
  const demoConfig: Config = {
    ...config,
    smtp: config.smtp ?? { url: sink.url, from: DEMO_SENDER },
    file: config.file.people.length > 0 ? config.file : { ...config.file, people: [DEMO_OPERATOR] },
    spapi: { endpoint: connection.endpoint, lwaEndpoint: connection.lwaEndpoint },
    stores: config.stores.map((store) =>
      store.id === DEMO_STORE_ID
        ? { ...store, credentials: { lwaClientId: connection.clientId, lwaClientSecret: connection.clientSecret, refreshToken: connection.refreshToken } }
        : store,
    ),
  }
  let timer: NodeJS.Timeout | null = null
  const rng = seededRng(options.seed ?? Date.now())
  const emitOne = async (ingest: (raw: Buffer, origin: string, storeId: string) => Promise<IngestOutcome>) => {
    const order = demo.orders[Math.floor(rng() * demo.orders.length)]
    if (!order) return
    const marketplace = marketplaceById(order.marketplaceId)
    const language = (TEMPLATE_LANGUAGES as readonly string[]).includes(marketplace?.language ?? '') ? (marketplace!.language as TemplateLanguage) : 'en'
    // Draw until the buyer writes in the marketplace's language (names and phrases then match too).
    let spec = randomBuyerEmailSpec(rng, new Date())
    for (let tries = 0; spec.language !== language && tries < 50; tries++) spec = randomBuyerEmailSpec(rng, new Date())
    const item = order.items[0]
    const mail = generateBuyerEmail({
      ...spec,
      marketplace: marketplace?.code ?? 'US',
      language,
      orderId: order.orderId,
      ...(item ? { asin: item.asin, productTitle: item.title } : {}),
      sentAt: new Date(),
      charset: 'utf-8',
      transfer: 'quoted-printable',
    })
    const outcome = await ingest(mail.raw, 'simulator', DEMO_STORE_ID)
    log.info({ outcome: outcome.outcome, intent: mail.labels.intent, language: mail.labels.language }, 'demo buyer e-mail delivered')
  }
  return {
    config: demoConfig,
    outbox: () => sink.messages,
    startMailFeed(ingest) {
      const tick = () =>
        void emitOne(ingest).catch((error: unknown) => log.warn({ err: error }, 'demo e-mail could not be ingested'))
      tick()
      timer = setInterval(tick, options.mailIntervalMs ?? 5_000)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      await demo.simulator.close()
      await sink.close()
    },
  }
}
