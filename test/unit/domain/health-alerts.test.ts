import { describe, expect, it } from 'vitest'
import type { AccountHealthSnapshot, MarketplaceHealth, RateMetric } from '../../../src/domain/account-health.ts'
import { approachingTarget, currentHealthIssues, diffHealth, type HealthAlert } from '../../../src/domain/health-alerts.ts'

const US = 'ATVPDKIKX0DER'
const DE = 'A1PA6795UKMFR9'

const odr = (rate: number, status: RateMetric['status'] = 'GOOD'): RateMetric => ({ name: 'orderDefectRate.mfn', status, rate, targetValue: 0.01, targetCondition: 'LESS_THAN' })
const late = (rate: number, status: RateMetric['status'] = 'GOOD'): RateMetric => ({ name: 'lateShipmentRate', status, rate, targetValue: 0.04, targetCondition: 'LESS_THAN' })
const tracking = (rate: number, status: RateMetric['status'] = 'GOOD'): RateMetric => ({ name: 'validTrackingRate', status, rate, targetValue: 0.95, targetCondition: 'GREATER_THAN' })

function market(overrides: Partial<MarketplaceHealth> = {}): MarketplaceHealth {
  return { marketplaceId: US, accountStatus: 'NORMAL', healthRatingStatus: 'GREAT', metrics: [odr(0.002), late(0.01), tracking(0.99)], warnings: [], ...overrides }
}
const snapshot = (...marketplaces: MarketplaceHealth[]): AccountHealthSnapshot => ({ takenAt: new Date('2026-04-01T00:00:00Z'), marketplaces })
const summary = (alerts: HealthAlert[]) => alerts.map((a) => [a.kind, a.severity, a.metric ?? null, a.previous ?? null, a.current])

type Case = [string, MarketplaceHealth | null, MarketplaceHealth, (string | null)[][]]

const CASES: Case[] = [
  ['a healthy first report', null, market(), []],
  ['NORMAL → AT_RISK', market(), market({ accountStatus: 'AT_RISK' }), [['account-status', 'critical', 'accountStatus', 'NORMAL', 'AT_RISK']]],
  ['AT_RISK again', market({ accountStatus: 'AT_RISK' }), market({ accountStatus: 'AT_RISK' }), []],
  ['AT_RISK → DEACTIVATED', market({ accountStatus: 'AT_RISK' }), market({ accountStatus: 'DEACTIVATED' }), [['account-status', 'critical', 'accountStatus', 'AT_RISK', 'DEACTIVATED']]],
  ['DEACTIVATED → AT_RISK (still bad, a new state)', market({ accountStatus: 'DEACTIVATED' }), market({ accountStatus: 'AT_RISK' }), [['account-status', 'critical', 'accountStatus', 'DEACTIVATED', 'AT_RISK']]],
  ['AT_RISK → NORMAL (recovery)', market({ accountStatus: 'AT_RISK' }), market(), []],
  ['a first report already AT_RISK', null, market({ accountStatus: 'AT_RISK' }), [['account-status', 'critical', 'accountStatus', null, 'AT_RISK']]],
  ['GREAT → WARNED', market(), market({ healthRatingStatus: 'WARNED' }), [['health-rating', 'critical', 'accountHealthRating', 'GREAT', 'WARNED']]],
  ['WARNED again', market({ healthRatingStatus: 'WARNED' }), market({ healthRatingStatus: 'WARNED' }), []],
  ['late shipment GOOD → BAD', market(), market({ metrics: [odr(0.002), late(0.046, 'BAD'), tracking(0.99)] }), [['metric-status', 'critical', 'lateShipmentRate', 'GOOD', 'BAD']]],
  ['late shipment BAD again', market({ metrics: [late(0.05, 'BAD')] }), market({ metrics: [late(0.047, 'BAD')] }), []],
  ['ODR reaching 0.8 % of < 1 %', market(), market({ metrics: [odr(0.008), late(0.01), tracking(0.99)] }), [['approaching-target', 'warning', 'orderDefectRate.mfn', 'GOOD', 'APPROACHING']]],
  ['ODR at 0.79 %', market(), market({ metrics: [odr(0.0079)] }), []],
  ['ODR still approaching', market({ metrics: [odr(0.0085)] }), market({ metrics: [odr(0.009)] }), []],
  ['ODR approaching → BAD', market({ metrics: [odr(0.009)] }), market({ metrics: [odr(0.011, 'BAD')] }), [['metric-status', 'critical', 'orderDefectRate.mfn', 'GOOD', 'BAD']]],
  ['ODR BAD → approaching (improving)', market({ metrics: [odr(0.012, 'BAD')] }), market({ metrics: [odr(0.009)] }), []],
  ['valid tracking at 96 % of > 95 %', market(), market({ metrics: [tracking(0.96)] }), [['approaching-target', 'warning', 'validTrackingRate', 'GOOD', 'APPROACHING']]],
  ['valid tracking at 96.1 %', market(), market({ metrics: [tracking(0.961)] }), []],
  ['valid tracking below target but not yet BAD', market(), market({ metrics: [tracking(0.94)] }), [['approaching-target', 'warning', 'validTrackingRate', 'GOOD', 'APPROACHING']]],
  [
    'a new BAD warning state',
    market(),
    market({ warnings: [{ warningType: 'spammingSellerMessaging', status: 'BAD' }] }),
    [['warning', 'critical', 'spammingSellerMessaging', null, 'BAD']],
  ],
  ['the same BAD warning again', market({ warnings: [{ warningType: 'spammingSellerMessaging', status: 'BAD' }] }), market({ warnings: [{ warningType: 'spammingSellerMessaging', status: 'BAD' }] }), []],
  ['a new warning entry that is not BAD', market(), market({ warnings: [{ warningType: 'listingPolicy', status: 'NONE' }] }), [['warning', 'warning', 'listingPolicy', null, 'NONE']]],
  ['a known warning GOOD → BAD', market({ warnings: [{ warningType: 'listingPolicy', status: 'GOOD' }] }), market({ warnings: [{ warningType: 'listingPolicy', status: 'BAD' }] }), [['warning', 'critical', 'listingPolicy', 'GOOD', 'BAD']]],
  ['a warning BAD → GOOD', market({ warnings: [{ warningType: 'listingPolicy', status: 'BAD' }] }), market({ warnings: [{ warningType: 'listingPolicy', status: 'GOOD' }] }), []],
  [
    'several changes at once',
    market(),
    market({ accountStatus: 'AT_RISK', healthRatingStatus: 'WARNED', metrics: [odr(0.013, 'BAD'), late(0.035), tracking(0.99)] }),
    [
      ['account-status', 'critical', 'accountStatus', 'NORMAL', 'AT_RISK'],
      ['health-rating', 'critical', 'accountHealthRating', 'GREAT', 'WARNED'],
      ['metric-status', 'critical', 'orderDefectRate.mfn', 'GOOD', 'BAD'],
      ['approaching-target', 'warning', 'lateShipmentRate', 'GOOD', 'APPROACHING'],
    ],
  ],
]

describe('diffHealth', () => {
  it.each(CASES)('%s', (_label, before, after, expected) => {
    expect(summary(diffHealth(before ? snapshot(before) : null, snapshot(after)))).toEqual(expected)
  })

  it('raises once for an identical report seen twice', () => {
    const bad = snapshot(market({ accountStatus: 'AT_RISK', metrics: [odr(0.009), late(0.05, 'BAD')], warnings: [{ warningType: 'x', status: 'BAD' }] }))
    expect(diffHealth(null, bad)).toHaveLength(4)
    expect(diffHealth(bad, structuredClone(bad))).toEqual([])
  })

  it('gives stable, distinct keys that name marketplace, kind, subject and state', () => {
    const report = snapshot(market({ accountStatus: 'AT_RISK', metrics: [odr(0.009), late(0.05, 'BAD')] }), market({ marketplaceId: DE, accountStatus: 'AT_RISK' }))
    const keys = diffHealth(null, report).map((a) => a.key)
    expect(keys).toEqual(diffHealth(null, structuredClone(report)).map((a) => a.key))
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys).toEqual([
      `health:${US}:account-status:AT_RISK`,
      `health:${US}:approaching-target:orderDefectRate.mfn`,
      `health:${US}:metric-status:lateShipmentRate:BAD`,
      `health:${DE}:account-status:AT_RISK`,
    ])
  })

  it('treats a marketplace missing from the previous report as new', () => {
    const alerts = diffHealth(snapshot(market()), snapshot(market(), market({ marketplaceId: DE, accountStatus: 'DEACTIVATED' })))
    expect(alerts.map((a) => [a.marketplaceId, a.current])).toEqual([[DE, 'DEACTIVATED']])
  })

  it('carries the figures and writes English and Chinese messages', () => {
    const [alert] = diffHealth(snapshot(market()), snapshot(market({ metrics: [odr(0.008)] })))
    expect(alert).toMatchObject({ value: 0.008, previousValue: 0.002, target: 0.01, condition: 'LESS_THAN' })
    expect(alert?.message_en).toBe('Amazon US: Order defect rate (seller-fulfilled) is close to its target at 0.8 % (target < 1 %).')
    expect(alert?.message_zh).toContain('美国站')
    expect(alert?.message_zh).toContain('订单缺陷率')
    expect(alert?.message_zh).toContain('0.8 %')
    const [status] = diffHealth(snapshot(market({ marketplaceId: DE })), snapshot(market({ marketplaceId: DE, accountStatus: 'AT_RISK' })))
    expect(status?.message_en).toMatch(/^Amazon DE: account status is AT RISK \(was NORMAL\)/)
    expect(status?.message_zh).toMatch(/^亚马逊德国站：账户状态为「有风险」/)
  })

  it('currentHealthIssues lists every present issue', () => {
    expect(summary(currentHealthIssues(snapshot(market({ healthRatingStatus: 'WARNED' }))))).toEqual([['health-rating', 'critical', 'accountHealthRating', null, 'WARNED']])
  })
})

describe('approachingTarget', () => {
  const metric = (rate: number | null, targetValue: number | null, targetCondition: RateMetric['targetCondition']): RateMetric => ({ name: 'm', status: 'GOOD', rate, targetValue, targetCondition })

  it.each([
    ['ODR 0.8 % vs < 1 %', metric(0.008, 0.01, 'LESS_THAN'), true],
    ['ODR 0.7 % vs < 1 %', metric(0.007, 0.01, 'LESS_THAN'), false],
    ['cancel rate 2 % vs < 2.5 %', metric(0.02, 0.025, 'LESS_THAN'), true],
    ['late shipment 3.1 % vs < 4 %', metric(0.031, 0.04, 'LESS_THAN'), false],
    ['valid tracking 96 % vs > 95 %', metric(0.96, 0.95, 'GREATER_THAN'), true],
    ['valid tracking 97 % vs > 95 %', metric(0.97, 0.95, 'GREATER_THAN'), false],
    ['on-time delivery 91.5 % vs > 90 %', metric(0.915, 0.9, 'GREATER_THAN'), true],
    ['percent scale: 96 vs > 95', metric(96, 95, 'GREATER_THAN'), true],
    ['percent scale: 97.5 vs > 95', metric(97.5, 95, 'GREATER_THAN'), false],
  ])('%s', (_label, m, expected) => {
    expect(approachingTarget(m)?.approaching).toBe(expected)
  })

  it.each([
    ['no rate', metric(null, 0.01, 'LESS_THAN')],
    ['no target', metric(0.5, null, 'LESS_THAN')],
    ['EQUALS', metric(0, 0, 'EQUALS')],
    ['a zero LESS_THAN target (counts)', metric(0, 0, 'LESS_THAN')],
    ['a target at perfection', metric(1, 1, 'GREATER_THAN')],
  ])('does not judge %s', (_label, m) => {
    expect(approachingTarget(m)).toBeNull()
  })

  it('documents the GREATER_THAN threshold as 80 % of the margin above the target used up', () => {
    expect(approachingTarget(metric(0.99, 0.95, 'GREATER_THAN'))?.threshold).toBeCloseTo(0.96, 10)
  })
})
