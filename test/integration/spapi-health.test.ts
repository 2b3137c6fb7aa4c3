import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SpapiClient } from '../../adapters/amazon/spapi/client.ts'
import type { SpapiLogger } from '../../adapters/amazon/spapi/config.ts'
import { SpapiHealthSource } from '../../adapters/amazon/spapi/health-source.ts'
import { SpapiStoreClients } from '../../adapters/amazon/spapi/store-clients.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'
import { isAppError } from '../../src/domain/errors.ts'

const CREDENTIALS = { clientId: 'amzn1.application-oa2-client.health', clientSecret: 'health-secret', refreshToken: 'Atzr|health-refresh' }
const US = 'ATVPDKIKX0DER'
const CA = 'A2EUQ1WTGCTBG2'
const silent: SpapiLogger = { debug() {}, info() {}, warn() {}, error() {} }
const range = { reportingDateFrom: '2026-10-01T00:00Z', reportingDateTo: '2026-11-19T23:59Z' }

let sim: SpapiSimulator
let health: SpapiHealthSource

const count = (operation: string) => sim.requests.filter((r) => r.operation === operation).length

beforeEach(async () => {
  sim = await startSpapiSimulator({ ...CREDENTIALS, reportProcessingPolls: 3 })
  const client = new SpapiClient({
    storeId: 'store-na', region: 'na', endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, ...CREDENTIALS,
    marketplaceIds: [US, CA], timeouts: { requestMs: 1_000, reportMs: 5_000 }, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 },
  }, { logger: silent })
  health = new SpapiHealthSource(new SpapiStoreClients([client]), silent, { initialDelayMs: 10, maxDelayMs: 40 })
})

afterEach(async () => { await sim.close() })

describe('SpapiHealthSource', () => {
  it('creates the report, polls until DONE, downloads and gunzips the document (schema spelling)', async () => {
    sim.setSellerPerformanceReport({
      accountStatuses: [{ marketplaceId: US, status: 'AT_RISK' }, { marketplaceId: CA, status: 'NORMAL' }],
      performanceMetrics: [{
        marketplaceId: US,
        orderDefectRate: { mfn: { reportingDateRange: range, status: 'BAD', rate: 0.012, targetValue: 0.01, targetCondition: 'LESS_THAN' } },
        preFulfillmentCancellationRate: { reportingDateRange: range, status: 'GOOD', rate: 0.01, targetValue: 0.025, targetCondition: 'LESS_THAN' },
        accountHealthRating: { accountHealthRatingStatus: 'WARNED', reportingDateRange: range },
        warningStates: [{ warningType: 'spammingSellerMessaging', status: 'BAD' }],
      }],
    })
    const snapshot = await health.fetchSnapshot('store-na')
    expect(snapshot.marketplaces.map((m) => [m.marketplaceId, m.accountStatus])).toEqual([[US, 'AT_RISK'], [CA, 'NORMAL']])
    const us = snapshot.marketplaces[0]!
    expect(us.healthRatingStatus).toBe('WARNED')
    expect(us.metrics).toEqual([
      { name: 'orderDefectRate.mfn', status: 'BAD', rate: 0.012, targetValue: 0.01, targetCondition: 'LESS_THAN' },
      { name: 'preFulfillmentCancellationRate', status: 'GOOD', rate: 0.01, targetValue: 0.025, targetCondition: 'LESS_THAN' },
    ])
    expect(us.warnings).toEqual([{ warningType: 'spammingSellerMessaging', status: 'BAD' }])
    expect(count('createReport')).toBe(1)
    expect(count('getReport')).toBe(4)
    expect(count('getReportDocument')).toBe(1)
    expect(count('downloadDocument')).toBe(1)
  })

  it('reads the spelling of Amazon\'s own example as well', async () => {
    sim.setSellerPerformanceReport({
      accountStatuses: [{ marketplaceId: US, status: 'SUSPENDED' }],
      performanceMetrics: [{
        marketplaceId: US,
        prefulfillmentCancelRate: { reportingDateRange: range, status: 'BAD', rate: 0.04, targetValue: 0.025, targetCondition: 'LESS_THAN' },
        accountHealthRating: { ahrStatus: 'GREAT', reportingDateRange: range },
        warningState: [{ warningType: 'spammingSellerMessaging', status: 'GOOD' }],
      }],
    })
    const [us] = (await health.fetchSnapshot('store-na')).marketplaces
    expect(us).toEqual({
      marketplaceId: US, accountStatus: 'DEACTIVATED', healthRatingStatus: 'GREAT',
      metrics: [{ name: 'preFulfillmentCancellationRate', status: 'BAD', rate: 0.04, targetValue: 0.025, targetCondition: 'LESS_THAN' }],
      warnings: [{ warningType: 'spammingSellerMessaging', status: 'GOOD' }],
    })
  })

  it('parses the simulator\'s default report without error', async () => {
    const snapshot = await health.fetchSnapshot('store-na')
    expect(snapshot.marketplaces.length).toBeGreaterThan(0)
    expect(snapshot.marketplaces.every((m) => m.metrics.every((metric) => ['GOOD', 'BAD', 'NONE'].includes(metric.status)))).toBe(true)
  })

  it('asks for a fresh document URL once when the first one was refused as expired', async () => {
    sim.failNext('downloadDocument', 403, 1, { expired: true })
    const snapshot = await health.fetchSnapshot('store-na')
    expect(snapshot.marketplaces.length).toBeGreaterThan(0)
    expect(count('getReportDocument')).toBe(2)
    expect(count('downloadDocument')).toBe(2)
  })

  it('reports FATAL processing as SPAPI_REPORT_FAILED', async () => {
    sim.failNext('getReport', 200, 1, { reportId: '1', reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', createdTime: '2026-11-20T09:00:00Z', processingStatus: 'FATAL' })
    await expect(health.fetchSnapshot('store-na')).rejects.toSatisfy((e) => isAppError(e, 'SPAPI_REPORT_FAILED'))
    expect(count('getReportDocument')).toBe(0)
  })

  it('stops polling at its deadline with SPAPI_TIMEOUT', async () => {
    const inProgress = { reportId: '1', reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', createdTime: '2026-11-20T09:00:00Z', processingStatus: 'IN_PROGRESS' }
    sim.failNext('getReport', 200, 1000, inProgress)
    const client = new SpapiClient({
      storeId: 'store-na', region: 'na', endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, ...CREDENTIALS,
      marketplaceIds: [US], timeouts: { reportMs: 300 }, ratePlans: { getReport: { rate: 1000, burst: 100 } },
    }, { logger: silent })
    const source = new SpapiHealthSource(new SpapiStoreClients([client]), silent, { initialDelayMs: 20, maxDelayMs: 50 })
    await expect(source.fetchSnapshot('store-na')).rejects.toSatisfy((e) => isAppError(e, 'SPAPI_TIMEOUT'))
    expect(count('getReport')).toBeGreaterThan(1)
  })
})
