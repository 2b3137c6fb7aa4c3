import { DateTime } from 'luxon'

// Builds GET_V2_SELLER_PERFORMANCE_REPORT documents in the spelling of Amazon's JSON schema
// (accountHealthReport-2020-11-18: `preFulfillmentCancellationRate`, `accountHealthRating.ahrStatus`,
// `warningStates`). Rates are fractions, as in the schema's example (0.009 = 0.9 %).

export interface MarketplacePerformanceInput {
  marketplaceId: string
  accountStatus?: 'NORMAL' | 'AT_RISK' | 'DEACTIVATED'
  ahrStatus?: 'GREAT' | 'WARNED'
  orderDefectRateMfn?: number
  orderDefectRateAfn?: number
  lateShipmentRate?: number
  preFulfillmentCancellationRate?: number
  validTrackingRate?: number
  onTimeDeliveryRate?: number
  warningStates?: { warningType: string; status: 'GOOD' | 'BAD' | 'NONE' }[]
}

type Condition = 'LESS_THAN' | 'GREATER_THAN'

function range(now: Date, days: number) {
  const to = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day').minus({ days: 1 })
  return {
    reportingDateFrom: to.minus({ days: days - 1 }).toFormat("yyyy-MM-dd'T'00:00'Z'"),
    reportingDateTo: to.toFormat("yyyy-MM-dd'T'23:59'Z'"),
  }
}

function statusOf(rate: number, target: number, condition: Condition): 'GOOD' | 'BAD' {
  const good = condition === 'LESS_THAN' ? rate < target : rate > target
  return good ? 'GOOD' : 'BAD'
}

function rateMetric(now: Date, days: number, rate: number, target: number, condition: Condition, counts: Record<string, unknown>) {
  return {
    reportingDateRange: range(now, days),
    ...counts,
    status: statusOf(rate, target, condition),
    rate,
    targetValue: target,
    targetCondition: condition,
  }
}

function orderDefect(now: Date, fulfillmentType: 'mfn' | 'afn', rate: number, orderCount: number) {
  const defects = Math.round(rate * orderCount)
  const component = (count: number) => ({ count, status: 'NONE' })
  return rateMetric(now, 60, rate, 0.01, 'LESS_THAN', {
    orderCount,
    orderWithDefects: { count: defects, status: statusOf(rate, 0.01, 'LESS_THAN') },
    claims: component(Math.floor(defects / 3)),
    chargebacks: component(Math.floor(defects / 6)),
    negativeFeedback: component(defects - Math.floor(defects / 3) - Math.floor(defects / 6)),
    fulfillmentType,
  })
}

function listingViolation(now: Date) {
  return { reportingDateRange: range(now, 180), defectsCount: 0, status: 'GOOD', targetValue: 0, targetCondition: 'LESS_THAN' }
}

export function marketplacePerformance(now: Date, input: MarketplacePerformanceInput): Record<string, unknown> {
  const odrMfn = input.orderDefectRateMfn ?? 0.0021
  const odrAfn = input.orderDefectRateAfn ?? 0.0012
  const late = input.lateShipmentRate ?? 0.008
  const cancel = input.preFulfillmentCancellationRate ?? 0.003
  const tracking = input.validTrackingRate ?? 0.991
  const onTime = input.onTimeDeliveryRate ?? 0.972
  return {
    marketplaceId: input.marketplaceId,
    orderDefectRate: { mfn: orderDefect(now, 'mfn', odrMfn, 1840), afn: orderDefect(now, 'afn', odrAfn, 3310) },
    lateShipmentRate: rateMetric(now, 30, late, 0.04, 'LESS_THAN', { orderCount: 960, lateShipmentCount: Math.round(late * 960) }),
    preFulfillmentCancellationRate: rateMetric(now, 7, cancel, 0.025, 'LESS_THAN', {
      orderCount: 240,
      cancellationCount: Math.round(cancel * 240),
    }),
    validTrackingRate: rateMetric(now, 30, tracking, 0.95, 'GREATER_THAN', {
      shipmentCount: 930,
      validTrackingCount: Math.round(tracking * 930),
    }),
    onTimeDeliveryRate: rateMetric(now, 14, onTime, 0.9, 'GREATER_THAN', {
      shipmentCountWithValidTracking: 410,
      onTimeDeliveryCount: Math.round(onTime * 410),
    }),
    accountHealthRating: { ahrStatus: input.ahrStatus ?? 'GREAT', reportingDateRange: range(now, 180) },
    listingPolicyViolations: listingViolation(now),
    productAuthenticityCustomerComplaints: listingViolation(now),
    productConditionCustomerComplaints: listingViolation(now),
    productSafetyCustomerComplaints: listingViolation(now),
    receivedIntellectualPropertyComplaints: listingViolation(now),
    restrictedProductPolicyViolations: listingViolation(now),
    suspectedIntellectualPropertyViolations: listingViolation(now),
    foodAndProductSafetyIssues: listingViolation(now),
    otherPolicyViolations: listingViolation(now),
    documentRequests: listingViolation(now),
    warningStates: input.warningStates ?? [],
  }
}

/** A seller performance report for the given marketplaces. */
export function sellerPerformanceReport(now: Date, marketplaces: MarketplacePerformanceInput[]): Record<string, unknown> {
  return {
    accountStatuses: marketplaces.map((m) => ({ marketplaceId: m.marketplaceId, status: m.accountStatus ?? 'NORMAL' })),
    performanceMetrics: marketplaces.map((m) => marketplacePerformance(now, m)),
  }
}

/** The default: a healthy seller in the US and Germany, every metric GOOD. */
export function defaultSellerPerformanceReport(now: Date): Record<string, unknown> {
  return sellerPerformanceReport(now, [{ marketplaceId: 'ATVPDKIKX0DER' }, { marketplaceId: 'A1PA6795UKMFR9', orderDefectRateAfn: 0.0008 }])
}
