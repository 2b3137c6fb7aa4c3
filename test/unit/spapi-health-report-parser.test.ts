import { describe, expect, it } from 'vitest'
import { parseSellerPerformanceReport } from '../../adapters/amazon/spapi/health-report-parser.ts'
import { isAppError } from '../../src/domain/errors.ts'

const range = { reportingDateFrom: '2026-09-01T00:00Z', reportingDateTo: '2026-10-30T23:59Z' }
const takenAt = new Date('2026-11-01T08:00:00Z')

function rateMetric(status: string, rate: number, targetValue: number, targetCondition: string) {
  return { reportingDateRange: range, orderCount: 1200, status, rate, targetValue, targetCondition }
}

/** Spelled the way the schema's properties spell it. */
const schemaSpelling = {
  accountStatuses: [
    { marketplaceId: 'A1PA6795UKMFR9', status: 'AT_RISK' },
    { marketplaceId: 'A13V1IB3VIYZZH', status: 'DEACTIVATED' },
  ],
  performanceMetrics: [
    {
      marketplaceId: 'A1PA6795UKMFR9',
      orderDefectRate: {
        mfn: { ...rateMetric('BAD', 0.013, 0.01, 'LESS_THAN'), fulfillmentType: 'mfn' },
        afn: { ...rateMetric('GOOD', 0.002, 0.01, 'LESS_THAN'), fulfillmentType: 'afn' },
      },
      lateShipmentRate: rateMetric('GOOD', 0.021, 0.04, 'LESS_THAN'),
      preFulfillmentCancellationRate: rateMetric('BAD', 0.031, 0.025, 'LESS_THAN'),
      validTrackingRate: rateMetric('GOOD', 0.97, 0.95, 'GREATER_THAN'),
      productSafetyCustomerComplaints: { reportingDateRange: range, defectsCount: 2, status: 'BAD', targetValue: 0, targetCondition: 'EQUALS' },
      documentRequests: { reportingDateRange: range, defectsCount: 0, status: 'GOOD', targetValue: 0, targetCondition: 'EQUALS' },
      accountHealthRating: { accountHealthRatingStatus: 'WARNED', reportingDateRange: range },
      warningStates: [{ warningType: 'spammingSellerMessaging', status: 'BAD' }],
    },
  ],
}

/** Spelled the way the example inside the same schema file spells it. */
const exampleSpelling = {
  accountStatuses: [{ marketplaceId: 'ATVPDKIKX0DER', status: 'SUSPENDED' }],
  performanceMetrics: [
    {
      marketplaceId: 'ATVPDKIKX0DER',
      prefulfillmentCancelRate: rateMetric('GOOD', 0.004, 0.025, 'LESS_THAN'),
      accountHealthRating: { ahrStatus: 'GREAT', reportingDateRange: range },
      warningState: [{ warningType: 'policyViolationWarning', status: 'GOOD' }],
      documentRequest: { reportingDateRange: range, defectsCount: 1, status: 'BAD', targetValue: 0, targetCondition: 'EQUALS' },
    },
  ],
}

describe('parseSellerPerformanceReport', () => {
  it('reads the schema spelling into one marketplace entry per marketplace', () => {
    const snapshot = parseSellerPerformanceReport(schemaSpelling, takenAt)
    expect(snapshot.takenAt).toBe(takenAt)
    expect(snapshot.marketplaces.map((m) => [m.marketplaceId, m.accountStatus])).toEqual([
      ['A1PA6795UKMFR9', 'AT_RISK'],
      ['A13V1IB3VIYZZH', 'DEACTIVATED'],
    ])
    const de = snapshot.marketplaces[0]!
    expect(de.healthRatingStatus).toBe('WARNED')
    expect(de.warnings).toEqual([{ warningType: 'spammingSellerMessaging', status: 'BAD' }])
    expect(de.metrics).toContainEqual({ name: 'orderDefectRate.mfn', status: 'BAD', rate: 0.013, targetValue: 0.01, targetCondition: 'LESS_THAN' })
    expect(de.metrics).toContainEqual({ name: 'orderDefectRate.afn', status: 'GOOD', rate: 0.002, targetValue: 0.01, targetCondition: 'LESS_THAN' })
    expect(de.metrics).toContainEqual({ name: 'preFulfillmentCancellationRate', status: 'BAD', rate: 0.031, targetValue: 0.025, targetCondition: 'LESS_THAN' })
    expect(de.metrics).toContainEqual({ name: 'validTrackingRate', status: 'GOOD', rate: 0.97, targetValue: 0.95, targetCondition: 'GREATER_THAN' })
    expect(de.metrics).toContainEqual({ name: 'productSafetyCustomerComplaints', status: 'BAD', rate: null, targetValue: 0, targetCondition: 'EQUALS' })
    expect(de.metrics.map((m) => m.name)).not.toContain('onTimeDeliveryRate')
    const fr = snapshot.marketplaces[1]!
    expect(fr).toEqual({ marketplaceId: 'A13V1IB3VIYZZH', accountStatus: 'DEACTIVATED', healthRatingStatus: null, metrics: [], warnings: [] })
  })

  it('reads the example spelling and normalises it to the schema names', () => {
    const [us] = parseSellerPerformanceReport(exampleSpelling, takenAt).marketplaces
    expect(us?.accountStatus).toBe('DEACTIVATED')
    expect(us?.healthRatingStatus).toBe('GREAT')
    expect(us?.warnings).toEqual([{ warningType: 'policyViolationWarning', status: 'GOOD' }])
    expect(us?.metrics).toEqual([
      { name: 'preFulfillmentCancellationRate', status: 'GOOD', rate: 0.004, targetValue: 0.025, targetCondition: 'LESS_THAN' },
      { name: 'documentRequests', status: 'BAD', rate: null, targetValue: 0, targetCondition: 'EQUALS' },
    ])
  })

  it('gives the same snapshot for both spellings of the same facts', () => {
    const facts = rateMetric('BAD', 0.03, 0.025, 'LESS_THAN')
    const a = parseSellerPerformanceReport({ accountStatuses: [{ marketplaceId: 'X', status: 'NORMAL' }], performanceMetrics: [
      { marketplaceId: 'X', preFulfillmentCancellationRate: facts, accountHealthRating: { accountHealthRatingStatus: 'GREAT' }, warningStates: [] },
    ] }, takenAt)
    const b = parseSellerPerformanceReport({ accountStatuses: [{ marketplaceId: 'X', status: 'NORMAL' }], performanceMetrics: [
      { marketplaceId: 'X', prefulfillmentCancelRate: facts, accountHealthRating: { ahrStatus: 'GREAT' }, warningState: [] },
    ] }, takenAt)
    expect(b).toEqual(a)
  })

  it('keeps going past odd entries: unknown statuses become null/NONE, malformed metrics are skipped', () => {
    const [mp] = parseSellerPerformanceReport({
      accountStatuses: [{ marketplaceId: 'X', status: 'SOMETHING_NEW' }],
      performanceMetrics: [{
        marketplaceId: 'X',
        lateShipmentRate: { status: 'UNKNOWN', rate: 0.01 },
        validTrackingRate: 'not an object',
        warningStates: [{ warningType: 'a', status: 'BAD' }, { nope: true }],
      }],
    }, takenAt).marketplaces
    expect(mp?.accountStatus).toBeNull()
    expect(mp?.metrics).toEqual([{ name: 'lateShipmentRate', status: 'NONE', rate: 0.01, targetValue: null, targetCondition: null }])
    expect(mp?.warnings).toEqual([{ warningType: 'a', status: 'BAD' }])
  })

  it('rejects a document that is not a performance report with a typed error', () => {
    let caught: unknown
    try {
      parseSellerPerformanceReport({ accountStatuses: 'nope' }, takenAt)
    } catch (error) {
      caught = error
    }
    expect(isAppError(caught, 'SPAPI_REPORT_INVALID')).toBe(true)
  })
})
