import type { FastifyInstance } from 'fastify'
import { parseAmazonBuyerEmail } from '../../adapters/amazon/email/parse-buyer-email.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/schema.ts'
import { AppError } from '../domain/errors.ts'
import { marketplaceByCode } from '../domain/marketplaces.ts'
import { inboundEmailRoutes } from '../http/routes/inbound-email.ts'
import type { Logger } from '../logging.ts'
import type { Metrics } from '../metrics.ts'
import type { Clock } from '../ports/clock.ts'
import type { BuyerMailParser } from '../ports/mail-parser.ts'
import type { IngestDeps, IngestOutcome } from '../services/ingest/ingest-mail.ts'

export interface IngestWiring {
  warmUp(): Promise<void>
  ingest(raw: Buffer, origin: string, storeId: string): Promise<IngestOutcome>
  routes(app: FastifyInstance): Promise<void>
}

export function buyerMailParser(maxAttachmentBytes: number): BuyerMailParser {
  return { parse: (raw, { receivedAt }) => parseAmazonBuyerEmail(raw, { maxAttachmentBytes, receivedAt }) }
}

/** The one ingest path every source feeds (webhook, IMAP, demo simulator), counted in the metrics. */
export function wireIngest(options: {
  config: Config
  logger: Logger
  metrics: Metrics
  clock: Clock
  db: () => Db | null
  afterStore?: IngestDeps['afterStore']
  onStored?: (outcome: Extract<IngestOutcome, { outcome: 'stored' }>) => void
}): IngestWiring {
  const { config, metrics } = options
  const parser = buyerMailParser(config.file.attachments.maxStoredBytes)
  const logger = options.logger.child({ component: 'ingest' })
  // Loaded after the HTTP server listens (warmUp): the classifier's language model takes a moment to load.
  let ingestModule: Promise<typeof import('../services/ingest/ingest-mail.ts')> | null = null
  const loadIngest = () => (ingestModule ??= import('../services/ingest/ingest-mail.ts'))
  const ingest = async (raw: Buffer, origin: string, storeId: string): Promise<IngestOutcome> => {
    const db = options.db()
    if (!db) throw new AppError('UNAVAILABLE', 'the database is not ready yet')
    const { ingestMail } = await loadIngest()
    const outcome = await ingestMail(
      { db, parser, clock: options.clock, logger, riskKeywords: config.file.keywords, ...(options.afterStore ? { afterStore: options.afterStore } : {}) },
      { raw, origin, storeId },
    )
    const marketplace = outcome.outcome === 'stored' ? (marketplaceByCode(outcome.marketplace)?.code ?? 'unknown') : 'unknown'
    metrics.messagesIngested.labels(marketplace, outcome.outcome).inc()
    if (outcome.outcome === 'stored') options.onStored?.(outcome)
    return outcome
  }
  return {
    warmUp: async () => {
      await loadIngest()
    },
    ingest,
    routes: async (app) => {
      await app.register(inboundEmailRoutes, {
        token: config.inboundEmail.token,
        maxBytes: config.inboundEmail.maxBytes,
        storeIds: config.stores.map((s) => s.id),
        ingest: (raw, storeId) => ingest(raw, 'webhook', storeId),
      })
    },
  }
}
