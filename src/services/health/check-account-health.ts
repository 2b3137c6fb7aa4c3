import type { Db } from '../../db/schema.ts'
import type { AccountHealthSnapshot } from '../../domain/account-health.ts'
import { diffHealth, type HealthAlert } from '../../domain/health-alerts.ts'
import type { PortLogger } from '../../ports/logger.ts'
import type { HealthSource } from '../../ports/health-source.ts'

export interface HealthCheckDeps {
  db: Db
  source: HealthSource
  logger: PortLogger
}

export interface RaisedAlert {
  id: string
  alert: HealthAlert
}

/**
 * Fetches the seller performance report, keeps it as a snapshot and raises one alert per transition to a bad
 * state, new warning or metric nearing its target. An unchanged report raises nothing; the dedupe key ties an
 * alert to the snapshot it departs from, so a second run over the same pair (a retried job) raises nothing either.
 */
export async function checkAccountHealth(deps: HealthCheckDeps, storeId: string): Promise<RaisedAlert[]> {
  const current = await deps.source.fetchSnapshot(storeId)
  return deps.db.transaction().execute(async (trx) => {
    const previousRow = await trx
      .selectFrom('health_snapshots')
      .select(['id', 'snapshot'])
      .where('store_id', '=', storeId)
      .orderBy('taken_at', 'desc')
      .orderBy('id', 'desc')
      .forUpdate()
      .executeTakeFirst()
    const previous = previousRow ? reviveSnapshot(previousRow.snapshot) : null
    await trx
      .insertInto('health_snapshots')
      .values({ store_id: storeId, taken_at: current.takenAt, snapshot: JSON.stringify(current) })
      .execute()
    const raised: RaisedAlert[] = []
    for (const alert of diffHealth(previous, current)) {
      const inserted = await trx
        .insertInto('alerts')
        .values({
          store_id: storeId,
          dedupe_key: `${storeId}:${alert.key}:${previousRow?.id ?? 'first'}`,
          kind: alert.kind,
          severity: alert.severity,
          marketplace_id: alert.marketplaceId,
          payload: JSON.stringify(alert),
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst()
      if (inserted) raised.push({ id: inserted.id, alert })
    }
    if (raised.length > 0) deps.logger.warn({ storeId, alerts: raised.map((r) => r.alert.key) }, 'account health alerts raised')
    return raised
  })
}

function reviveSnapshot(stored: unknown): AccountHealthSnapshot {
  const snapshot = stored as AccountHealthSnapshot & { takenAt: string | Date }
  return { ...snapshot, takenAt: new Date(snapshot.takenAt) }
}
