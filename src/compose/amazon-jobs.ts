import { SpapiHealthSource } from '../../adapters/amazon/spapi/index.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/schema.ts'
import { ENRICH_ORDER_JOB, enrichOrderJob } from '../jobs/enrich-order-job.ts'
import { HEALTH_CHECK_JOB, healthCheckJob, healthCron } from '../jobs/health-check-job.ts'
import type { JobQueue } from '../jobs/queue.ts'
import type { Logger } from '../logging.ts'
import type { Clock } from '../ports/clock.ts'
import type { RaisedAlert } from '../services/health/check-account-health.ts'
import type { SpapiWiring } from './spapi.ts'

const ORDER_CONTEXT_DB_TTL_MS = 15 * 60_000

/** Order enrichment and the scheduled account-health check, for the stores that have SP-API access. */
export async function registerAmazonJobs(options: {
  config: Config
  spapi: SpapiWiring
  queue: JobQueue
  db: Db
  clock: Clock
  logger: Logger
  onAlerts(storeId: string, alerts: RaisedAlert[]): Promise<void>
}): Promise<void> {
  const { spapi, queue, db, clock, logger } = options
  await queue.register(
    enrichOrderJob({
      db,
      clock,
      logger: logger.child({ component: 'enrich' }),
      sourceFor: (storeId) => (spapi.storeIds.has(storeId) ? spapi.orderContext : null),
      ttlMs: ORDER_CONTEXT_DB_TTL_MS,
    }),
  )
  const healthLogger = logger.child({ component: 'account-health' })
  await queue.register(healthCheckJob({ db, source: new SpapiHealthSource(spapi.clients, healthLogger), logger: healthLogger }, options.onAlerts))
  for (const storeId of spapi.storeIds) {
    await queue.schedule(HEALTH_CHECK_JOB, healthCron(options.config.file.accountHealth.intervalHours), { storeId }, { key: storeId })
    // A store never checked gets its first snapshot now rather than at the next scheduled run.
    const checked = await db.selectFrom('health_snapshots').select('id').where('store_id', '=', storeId).executeTakeFirst()
    if (!checked) await queue.send(HEALTH_CHECK_JOB, { storeId }, { singletonKey: `first-health-check:${storeId}` })
  }
}

/** Asks for order context once a message with an order id of an SP-API store is stored. */
export function scheduleEnrichment(queue: JobQueue | null, spapi: SpapiWiring | null, logger: Logger) {
  return (stored: { orderId: string | null; storeId: string; conversationId: string }): void => {
    if (!queue || !stored.orderId || !spapi?.storeIds.has(stored.storeId)) return
    queue.send(ENRICH_ORDER_JOB, { conversationId: stored.conversationId }, { singletonKey: stored.conversationId }).catch((error: unknown) => {
      logger.warn({ err: error, conversationId: stored.conversationId }, 'could not schedule order enrichment')
    })
  }
}
