// Account-health alerts: what changed for the worse between two seller performance snapshots.
//
// An alert is raised when, in the current snapshot,
// - a marketplace's account status is AT_RISK or DEACTIVATED and was not that same status before;
// - the Account Health Rating is a warning status (WARNED, …) and was not that same status before;
// - a metric's status is BAD and was not BAD before;
// - a `warningStates` entry is BAD and was not BAD before (critical), or appears for the first time with
//   another status (warning);
// - a rate metric is approaching its target (see `approachingTarget`) and was neither approaching nor BAD
//   before — so a metric that improves from BAD to "close to the target" raises nothing.
// The same report twice raises nothing the second time. `key` names the condition (marketplace, kind,
// subject, state) without any time, so a caller can dedupe re-runs of the same diff.

import type { AccountHealthSnapshot, MarketplaceHealth, RateMetric, TargetCondition } from './account-health.ts'
import { marketplaceById } from './marketplaces.ts'

export type HealthAlertSeverity = 'critical' | 'warning'
export type HealthAlertKind = 'account-status' | 'metric-status' | 'health-rating' | 'warning' | 'approaching-target'

export interface HealthAlert {
  key: string
  severity: HealthAlertSeverity
  marketplaceId: string
  kind: HealthAlertKind
  /**
   * Metric name (`lateShipmentRate`, `orderDefectRate.mfn`), warning type, or `accountStatus` /
   * `accountHealthRating` for those kinds (the names the account-health card labels).
   */
  metric?: string
  value?: number
  /** The metric's rate in the previous snapshot, when known. */
  previousValue?: number
  target?: number
  condition?: TargetCondition
  /** The subject's state in the previous snapshot, when it was there. */
  previous?: string
  /** The state that raised the alert: `AT_RISK`, `BAD`, `WARNED`, … or `APPROACHING` for approaching-target. */
  current: string
  message_en: string
  message_zh: string
}

/**
 * Share of the margin between the perfect value and the target after which a metric is "approaching".
 * LESS_THAN (the rate must stay below T; perfect is 0): approaching once rate ≥ 0.8 × T,
 *   e.g. order defect rate 0.8 % against < 1 %.
 * GREATER_THAN (the rate must stay above T; perfect is 100 %): approaching once 80 % of the margin above the
 *   target is used up, i.e. rate ≤ T + 0.2 × (1 − T), e.g. valid tracking ≤ 96 % against > 95 %.
 * Rates are fractions as Amazon reports them (0.01 = 1 %); a target above 1 is read as a percentage (perfect 100).
 * EQUALS targets and metrics without rate or target never approach.
 */
export const APPROACHING_SHARE = 0.8
// Rates like 0.8 × 0.01 are not exact in binary floating point.
const EPSILON = 1e-9

const BAD_ACCOUNT_STATUSES = new Set(['AT_RISK', 'DEACTIVATED'])
const BAD_HEALTH_RATINGS = new Set(['WARNED', 'AT_RISK', 'CRITICAL', 'BAD'])
const QUIET_WARNING_STATUSES = new Set(['GOOD', 'NONE'])

export interface TargetProximity {
  threshold: number
  approaching: boolean
}

export function approachingTarget(metric: RateMetric): TargetProximity | null {
  const { rate, targetValue: target, targetCondition: condition } = metric
  if (rate === null || target === null || condition === null) return null
  if (condition === 'LESS_THAN') {
    if (target <= 0) return null
    const threshold = target * APPROACHING_SHARE
    return { threshold, approaching: rate >= threshold - EPSILON }
  }
  if (condition === 'GREATER_THAN') {
    const perfect = target > 1 ? 100 : 1
    if (target >= perfect) return null
    const threshold = target + (perfect - target) * (1 - APPROACHING_SHARE)
    return { threshold, approaching: rate <= threshold + EPSILON }
  }
  return null
}

const isApproaching = (metric: RateMetric) => metric.status !== 'BAD' && (approachingTarget(metric)?.approaching ?? false)
const isBadWarning = (status: string) => !QUIET_WARNING_STATUSES.has(status.toUpperCase())

/** Alerts for what got worse from `previous` to `current`; with no previous snapshot, every current issue. */
export function diffHealth(previous: AccountHealthSnapshot | null, current: AccountHealthSnapshot): HealthAlert[] {
  const previousById = new Map((previous?.marketplaces ?? []).map((m) => [m.marketplaceId, m]))
  return current.marketplaces.flatMap((marketplace) => marketplaceAlerts(previousById.get(marketplace.marketplaceId) ?? null, marketplace))
}

/** Every issue of one snapshot, as if nothing had been seen before. */
export function currentHealthIssues(snapshot: AccountHealthSnapshot): HealthAlert[] {
  return diffHealth(null, snapshot)
}

function marketplaceAlerts(before: MarketplaceHealth | null, now: MarketplaceHealth): HealthAlert[] {
  const alerts: HealthAlert[] = []
  const mp = now.marketplaceId
  const place = marketplaceNames(mp)

  const status = now.accountStatus
  if (status && BAD_ACCOUNT_STATUSES.has(status) && status !== before?.accountStatus) {
    const was = before?.accountStatus ?? undefined
    alerts.push({
      ...base(mp, 'account-status', 'critical', status, was, `health:${mp}:account-status:${status}`),
      metric: 'accountStatus',
      message_en: `Amazon ${place.en}: account status is ${status === 'DEACTIVATED' ? 'DEACTIVATED' : 'AT RISK'}${was ? ` (was ${was})` : ''}. ${status === 'DEACTIVATED' ? 'Selling has stopped in this marketplace.' : 'Act now to avoid deactivation.'}`,
      message_zh: `亚马逊${place.zh}：账户状态为「${ACCOUNT_STATUS_ZH[status]}」${was ? `（之前为「${ACCOUNT_STATUS_ZH[was] ?? was}」）` : ''}。${status === 'DEACTIVATED' ? '该站点已停止销售。' : '请立即处理，以免账户被停用。'}`,
    })
  }

  const rating = now.healthRatingStatus?.toUpperCase() ?? null
  const ratingBefore = before?.healthRatingStatus?.toUpperCase() ?? undefined
  if (rating && BAD_HEALTH_RATINGS.has(rating) && rating !== ratingBefore) {
    alerts.push({
      ...base(mp, 'health-rating', 'critical', rating, ratingBefore, `health:${mp}:health-rating:${rating}`),
      metric: 'accountHealthRating',
      message_en: `Amazon ${place.en}: Account Health Rating is ${rating}${ratingBefore ? ` (was ${ratingBefore})` : ''}.`,
      message_zh: `亚马逊${place.zh}：账户健康评级为「${rating === 'WARNED' ? '警告' : rating}」${ratingBefore ? `（之前为「${ratingBefore === 'GREAT' ? '优秀' : ratingBefore}」）` : ''}。`,
    })
  }

  const metricsBefore = new Map((before?.metrics ?? []).map((m) => [m.name, m]))
  for (const metric of now.metrics) {
    const was = metricsBefore.get(metric.name)
    const label = metricLabel(metric.name)
    const figures = metricFigures(metric)
    if (metric.status === 'BAD') {
      if (was?.status === 'BAD') continue
      alerts.push({
        ...base(mp, 'metric-status', 'critical', 'BAD', was?.status, `health:${mp}:metric-status:${metric.name}:BAD`),
        ...metricFields(metric, was),
        message_en: `Amazon ${place.en}: ${label.en} is BAD${figures.en}.`,
        message_zh: `亚马逊${place.zh}：${label.zh}不达标${figures.zh}。`,
      })
    } else if (isApproaching(metric) && !(was && (was.status === 'BAD' || isApproaching(was)))) {
      alerts.push({
        ...base(mp, 'approaching-target', 'warning', 'APPROACHING', was?.status, `health:${mp}:approaching-target:${metric.name}`),
        ...metricFields(metric, was),
        message_en: `Amazon ${place.en}: ${label.en} is close to its target${figures.en}.`,
        message_zh: `亚马逊${place.zh}：${label.zh}接近目标值${figures.zh}，请及时改善。`,
      })
    }
  }

  const warningsBefore = new Map((before?.warnings ?? []).map((w) => [w.warningType, w]))
  for (const warning of now.warnings) {
    const was = warningsBefore.get(warning.warningType)
    const state = warning.status.toUpperCase()
    const bad = isBadWarning(state)
    if (bad ? was !== undefined && isBadWarning(was.status) : was !== undefined) continue
    const label = warningLabel(warning.warningType)
    alerts.push({
      ...base(mp, 'warning', bad ? 'critical' : 'warning', state, was?.status, `health:${mp}:warning:${warning.warningType}:${state}`),
      metric: warning.warningType,
      message_en: `Amazon ${place.en}: ${was ? '' : 'new '}account warning "${label.en}" (${state}).`,
      message_zh: `亚马逊${place.zh}：${was ? '' : '新的'}账户警告「${label.zh}」（${state}）。`,
    })
  }
  return alerts
}

function base(marketplaceId: string, kind: HealthAlertKind, severity: HealthAlertSeverity, current: string, previous: string | undefined, key: string) {
  return { key, severity, marketplaceId, kind, current, ...(previous !== undefined ? { previous } : {}) }
}

function metricFields(metric: RateMetric, before: RateMetric | undefined): Pick<HealthAlert, 'metric' | 'value' | 'previousValue' | 'target' | 'condition'> {
  return {
    metric: metric.name,
    ...(metric.rate !== null ? { value: metric.rate } : {}),
    ...(before?.rate !== null && before?.rate !== undefined ? { previousValue: before.rate } : {}),
    ...(metric.targetValue !== null ? { target: metric.targetValue } : {}),
    ...(metric.targetCondition !== null ? { condition: metric.targetCondition } : {}),
  }
}

const CONDITION_SYMBOL: Record<TargetCondition, string> = { LESS_THAN: '<', GREATER_THAN: '>', EQUALS: '=' }

function percent(value: number, target: number | null): string {
  const asPercent = target !== null && target > 1 ? value : value * 100
  return `${Number(asPercent.toFixed(2))} %`
}

function metricFigures(metric: RateMetric): { en: string; zh: string } {
  if (metric.rate === null) return { en: '', zh: '' }
  const rate = percent(metric.rate, metric.targetValue)
  if (metric.targetValue === null || metric.targetCondition === null) return { en: ` at ${rate}`, zh: `，当前 ${rate}` }
  const target = `${CONDITION_SYMBOL[metric.targetCondition]} ${percent(metric.targetValue, metric.targetValue)}`
  return { en: ` at ${rate} (target ${target})`, zh: `，当前 ${rate}（目标 ${target}）` }
}

const ACCOUNT_STATUS_ZH: Record<string, string> = { NORMAL: '正常', AT_RISK: '有风险', DEACTIVATED: '已停用' }

const METRIC_LABELS: Record<string, { en: string; zh: string }> = {
  'orderDefectRate.mfn': { en: 'Order defect rate (seller-fulfilled)', zh: '订单缺陷率（卖家自配送）' },
  'orderDefectRate.afn': { en: 'Order defect rate (Fulfilled by Amazon)', zh: '订单缺陷率（亚马逊配送）' },
  lateShipmentRate: { en: 'Late shipment rate', zh: '迟发率' },
  preFulfillmentCancellationRate: { en: 'Pre-fulfilment cancel rate', zh: '配送前取消率' },
  prefulfillmentCancelRate: { en: 'Pre-fulfilment cancel rate', zh: '配送前取消率' },
  validTrackingRate: { en: 'Valid tracking rate', zh: '有效追踪率' },
  onTimeDeliveryRate: { en: 'On-time delivery rate', zh: '准时交货率' },
  unitOnTimeDeliveryRate: { en: 'Unit on-time delivery rate', zh: '商品准时交货率' },
  invoiceDefectRate: { en: 'Invoice defect rate', zh: '发票缺陷率' },
}

const WARNING_LABELS: Record<string, { en: string; zh: string }> = {
  spammingSellerMessaging: { en: 'misuse of buyer-seller messaging', zh: '滥用买家与卖家消息' },
}

const metricLabel = (name: string) => METRIC_LABELS[name] ?? { en: name, zh: name }
const warningLabel = (type: string) => WARNING_LABELS[type] ?? { en: type, zh: type }

const MARKETPLACE_ZH: Record<string, string> = {
  US: '美国站', CA: '加拿大站', MX: '墨西哥站', BR: '巴西站', UK: '英国站', IE: '爱尔兰站', DE: '德国站', FR: '法国站',
  IT: '意大利站', ES: '西班牙站', NL: '荷兰站', BE: '比利时站', SE: '瑞典站', PL: '波兰站', TR: '土耳其站', AE: '阿联酋站',
  SA: '沙特站', EG: '埃及站', IN: '印度站', ZA: '南非站', JP: '日本站', AU: '澳大利亚站', SG: '新加坡站',
}

function marketplaceNames(marketplaceId: string): { en: string; zh: string } {
  const marketplace = marketplaceById(marketplaceId)
  if (!marketplace) return { en: marketplaceId, zh: ` ${marketplaceId} ` }
  return { en: marketplace.code, zh: MARKETPLACE_ZH[marketplace.code] ?? marketplace.name }
}
