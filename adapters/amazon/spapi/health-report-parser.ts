// Pure: GET_V2_SELLER_PERFORMANCE_REPORT JSON → AccountHealthSnapshot. Amazon's schema
// (accountHealthReport-2020-11-18) and the example inside that same schema spell several fields
// differently; both spellings are accepted and normalised to the schema's.
import { z } from 'zod'
import { AppError } from '../../../src/domain/errors.ts'
import type {
  AccountHealthSnapshot,
  AccountStatus,
  MarketplaceHealth,
  MetricStatus,
  RateMetric,
  TargetCondition,
} from '../../../src/domain/account-health.ts'

/** Metrics with a rate, by the schema's name, then the other spellings seen in Amazon's own example. */
const RATE_METRICS: readonly (readonly [string, ...string[]])[] = [
  ['lateShipmentRate'],
  ['preFulfillmentCancellationRate', 'prefulfillmentCancelRate', 'preFulfillmentCancelRate'],
  ['validTrackingRate'],
  ['onTimeDeliveryRate'],
  ['unitOnTimeDeliveryRate'],
  ['invoiceDefectRate'],
]

/** Listing-level policy violations: a status and a target on a defect count, no rate. */
const VIOLATION_METRICS: readonly (readonly [string, ...string[]])[] = [
  ['listingPolicyViolations'],
  ['productAuthenticityCustomerComplaints'],
  ['productConditionCustomerComplaints'],
  ['productSafetyCustomerComplaints'],
  ['receivedIntellectualPropertyComplaints'],
  ['restrictedProductPolicyViolations'],
  ['suspectedIntellectualPropertyViolations'],
  ['foodAndProductSafetyIssues'],
  ['otherPolicyViolations'],
  ['documentRequests', 'documentRequest'],
]

const ACCOUNT_STATUS_ALIASES: Record<string, AccountStatus> = {
  NORMAL: 'NORMAL',
  AT_RISK: 'AT_RISK',
  DEACTIVATED: 'DEACTIVATED',
  SUSPENDED: 'DEACTIVATED',
}

const looseObject = z.record(z.string(), z.unknown())
const reportShape = z.object({
  accountStatuses: z.array(z.object({ marketplaceId: z.string(), status: z.string() })).default([]),
  performanceMetrics: z.array(looseObject.and(z.object({ marketplaceId: z.string() }))).default([]),
})
const metricShape = z.object({
  status: z.string().optional(),
  rate: z.number().nullable().optional(),
  targetValue: z.number().nullable().optional(),
  targetCondition: z.string().optional(),
})
const warningShape = z.object({ warningType: z.string(), status: z.string() })
const ratingShape = z.object({ accountHealthRatingStatus: z.string().optional(), ahrStatus: z.string().optional() })

export function parseSellerPerformanceReport(document: unknown, takenAt: Date): AccountHealthSnapshot {
  const parsed = reportShape.safeParse(document)
  if (!parsed.success) {
    throw new AppError('SPAPI_REPORT_INVALID', 'seller performance report does not have accountStatuses/performanceMetrics', {
      issue: parsed.error.issues[0]?.message ?? null,
    })
  }
  const statusByMarketplace = new Map(parsed.data.accountStatuses.map((s) => [s.marketplaceId, toAccountStatus(s.status)]))
  const metricsByMarketplace = new Map(parsed.data.performanceMetrics.map((m) => [m.marketplaceId, m]))
  const marketplaceIds = [...new Set([...statusByMarketplace.keys(), ...metricsByMarketplace.keys()])]
  const marketplaces = marketplaceIds.map((marketplaceId): MarketplaceHealth => {
    const metrics = metricsByMarketplace.get(marketplaceId)
    return {
      marketplaceId,
      accountStatus: statusByMarketplace.get(marketplaceId) ?? null,
      healthRatingStatus: metrics ? healthRating(metrics) : null,
      metrics: metrics ? collectMetrics(metrics) : [],
      warnings: metrics ? collectWarnings(metrics) : [],
    }
  })
  return { takenAt, marketplaces }
}

function toAccountStatus(value: string): AccountStatus | null {
  return ACCOUNT_STATUS_ALIASES[value.toUpperCase()] ?? null
}

function firstPresent(source: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) if (source[name] !== undefined && source[name] !== null) return source[name]
  return undefined
}

function collectMetrics(source: Record<string, unknown>): RateMetric[] {
  const metrics: RateMetric[] = []
  const odr = looseObject.safeParse(source['orderDefectRate'])
  if (odr.success) {
    for (const channel of ['mfn', 'afn'] as const) {
      const metric = toMetric(`orderDefectRate.${channel}`, odr.data[channel])
      if (metric) metrics.push(metric)
    }
  }
  for (const [name, ...aliases] of [...RATE_METRICS, ...VIOLATION_METRICS]) {
    const metric = toMetric(name, firstPresent(source, [name, ...aliases]))
    if (metric) metrics.push(metric)
  }
  return metrics
}

function toMetric(name: string, raw: unknown): RateMetric | null {
  const parsed = metricShape.safeParse(raw)
  if (!parsed.success || raw === undefined) return null
  const { status, rate, targetValue, targetCondition } = parsed.data
  return {
    name,
    status: toMetricStatus(status),
    rate: rate ?? null,
    targetValue: targetValue ?? null,
    targetCondition: toTargetCondition(targetCondition),
  }
}

function toMetricStatus(value: string | undefined): MetricStatus {
  const upper = value?.toUpperCase()
  return upper === 'GOOD' || upper === 'BAD' ? upper : 'NONE'
}

function toTargetCondition(value: string | undefined): TargetCondition | null {
  const upper = value?.toUpperCase()
  return upper === 'LESS_THAN' || upper === 'GREATER_THAN' || upper === 'EQUALS' ? upper : null
}

function healthRating(source: Record<string, unknown>): string | null {
  const parsed = ratingShape.safeParse(source['accountHealthRating'])
  if (!parsed.success) return null
  return parsed.data.accountHealthRatingStatus ?? parsed.data.ahrStatus ?? null
}

function collectWarnings(source: Record<string, unknown>): { warningType: string; status: string }[] {
  const parsed = z.array(z.unknown()).safeParse(firstPresent(source, ['warningStates', 'warningState']))
  if (!parsed.success) return []
  return parsed.data.flatMap((entry) => {
    const warning = warningShape.safeParse(entry)
    return warning.success ? [{ warningType: warning.data.warningType, status: warning.data.status }] : []
  })
}
