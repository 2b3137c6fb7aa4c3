// The figures of the dashboard, read from the database. Every query is bounded by time or by a row limit.

import type { Db } from '../../db/schema.ts'
import type { IntegrationStatusRow } from '../../db/repos/integration-status.ts'
import { listIntegrationStatus } from '../../db/repos/integration-status.ts'
import type { RateMetric } from '../../domain/account-health.ts'
import { marketplaceById } from '../../domain/marketplaces.ts'
import { slaStatus, type SlaStatus } from '../../domain/sla.ts'
import { median } from './charts.ts'

const DAY_MS = 86_400_000
const HOUR_MS = 3_600_000
const OPEN_STATES = ['new', 'notified', 'assigned'] as const

/** Response-time buckets in hours: Amazon scores replies within 24 h. */
export const RESPONSE_BUCKETS = [
  { label: '<1h', upTo: 1 },
  { label: '1–4h', upTo: 4 },
  { label: '4–12h', upTo: 12 },
  { label: '12–24h', upTo: 24 },
  { label: '>24h', upTo: Number.POSITIVE_INFINITY },
] as const

export interface ResponseTimes {
  days: number
  count: number
  medianMs: number | null
  buckets: number[]
}

export interface HealthRow {
  storeId: string
  marketplace: string
  takenAt: Date
  accountStatus: string | null
  metrics: RateMetric[]
}

export interface DashboardData {
  openBySla: Record<SlaStatus | 'none', number>
  responses: ResponseTimes[]
  escalations: { escalated: number; acknowledged: number; waiting: number; pagedAfterHours: number; ackMedianMs: number | null }
  health: HealthRow[]
  integrations: IntegrationStatusRow[]
}

export async function loadDashboard(db: Db, now: Date): Promise<DashboardData> {
  const since30 = new Date(now.getTime() - 30 * DAY_MS)
  const [open, sent, escalated, integrations, health] = await Promise.all([
    db.selectFrom('conversations').select('sla_due_at').where('state', 'in', OPEN_STATES).limit(50_000).execute(),
    db
      .selectFrom('replies')
      .innerJoin('buyer_messages', 'buyer_messages.id', 'replies.answers_message_id')
      .select(['replies.sent_at', 'buyer_messages.received_at'])
      .where('replies.state', '=', 'sent')
      .where('replies.sent_at', '>=', since30)
      .limit(50_000)
      .execute(),
    db
      .selectFrom('conversations')
      .select(['escalated_at', 'paged_at', 'acknowledged_at'])
      .where((eb) => eb.or([eb('escalated_at', '>=', since30), eb('paged_at', '>=', since30)]))
      .limit(50_000)
      .execute(),
    listIntegrationStatus(db),
    latestHealth(db),
  ])
  const openBySla: DashboardData['openBySla'] = { breached: 0, 'due-soon': 0, 'on-track': 0, none: 0 }
  for (const row of open) openBySla[row.sla_due_at ? slaStatus(row.sla_due_at, now) : 'none']++

  const responses = [7, 30].map((days): ResponseTimes => {
    const since = now.getTime() - days * DAY_MS
    const durations = sent.flatMap((r) => (r.sent_at && r.sent_at.getTime() >= since ? [r.sent_at.getTime() - r.received_at.getTime()] : []))
    const buckets = RESPONSE_BUCKETS.map(() => 0)
    for (const ms of durations) {
      const index = RESPONSE_BUCKETS.findIndex((b) => ms < b.upTo * HOUR_MS)
      buckets[index]!++
    }
    return { days, count: durations.length, medianMs: median(durations), buckets }
  })

  const ackTimes = escalated.flatMap((r) => {
    const start = r.escalated_at ?? r.paged_at
    return start && r.acknowledged_at ? [r.acknowledged_at.getTime() - start.getTime()] : []
  })
  return {
    openBySla,
    responses,
    escalations: {
      escalated: escalated.filter((r) => r.escalated_at).length,
      pagedAfterHours: escalated.filter((r) => r.paged_at).length,
      acknowledged: escalated.filter((r) => r.acknowledged_at).length,
      waiting: escalated.filter((r) => !r.acknowledged_at).length,
      ackMedianMs: median(ackTimes),
    },
    health,
    integrations,
  }
}

async function latestHealth(db: Db): Promise<HealthRow[]> {
  const stores = await db.selectFrom('health_snapshots').select('store_id').distinct().orderBy('store_id').limit(200).execute()
  const rows: HealthRow[] = []
  for (const { store_id: storeId } of stores) {
    const latest = await db
      .selectFrom('health_snapshots')
      .select(['taken_at', 'snapshot'])
      .where('store_id', '=', storeId)
      .orderBy('taken_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst()
    if (!latest) continue
    const snapshot = latest.snapshot as { marketplaces?: unknown }
    const marketplaces = Array.isArray(snapshot?.marketplaces) ? (snapshot.marketplaces as Record<string, unknown>[]) : []
    for (const mp of marketplaces) {
      const id = typeof mp.marketplaceId === 'string' ? mp.marketplaceId : ''
      rows.push({
        storeId,
        marketplace: marketplaceById(id)?.code ?? id,
        takenAt: latest.taken_at,
        accountStatus: typeof mp.accountStatus === 'string' ? mp.accountStatus : null,
        metrics: Array.isArray(mp.metrics) ? (mp.metrics as RateMetric[]) : [],
      })
    }
  }
  return rows
}

/** Whether a metric meets its target; null when Amazon gave no target or no value. */
export function meetsTarget(metric: RateMetric): boolean | null {
  if (metric.rate === null || metric.targetValue === null || metric.targetCondition === null) return null
  if (metric.targetCondition === 'LESS_THAN') return metric.rate < metric.targetValue
  if (metric.targetCondition === 'GREATER_THAN') return metric.rate > metric.targetValue
  return metric.rate === metric.targetValue
}
