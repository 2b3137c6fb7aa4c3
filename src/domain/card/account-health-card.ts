// The account-health alert card for managers.
//
// Input is a plain object the health service fills from a report snapshot:
//   { id, storeName, marketplace: 'DE', metric: 'orderDefectRate.mfn', value: 0.013, previousValue: 0.006,
//     target: { value: 0.01, condition: 'LESS_THAN' }, severity: 'critical', observedAt, acknowledged: null }
// Numeric values are rates as fractions (0.013 = 1.3 %), as Amazon's report gives them, unless
// `unit: 'count'`; string values (account status, warning status) are shown as they are.
// `note` adds a free sentence (e.g. "Account status changed by ACCOUNT_STATUS_CHANGED").

import type { TargetCondition } from '../account-health.ts'
import type { UiLanguage } from '../vocabulary.ts'
import { ACTION_LABELS, FIELD_LABELS } from './labels.ts'
import type { FieldKey, Localised } from './labels.ts'
import { formatInstant, marketplaceLabel } from './format.ts'
import { PHRASES } from './phrases.ts'
import type { CardField, CardView } from './types.ts'

export interface AccountHealthAlertInput {
  id: string
  storeName: string
  /** Country code (`DE`) or SP-API marketplace id (`A1PA6795UKMFR9`). */
  marketplace: string
  metric: string
  value: number | string | null
  previousValue?: number | string | null
  unit?: 'ratio' | 'count'
  target: { value: number; condition: TargetCondition } | null
  /** `ok` is the all-clear after a metric returned within target. */
  severity: 'critical' | 'warning' | 'ok'
  observedAt: Date
  acknowledged: { by: string; at: Date } | null
  note?: string | null
  displayTimeZone?: string
}

export const HEALTH_METRIC_LABELS: Readonly<Record<string, Localised>> = {
  'orderDefectRate.mfn': { en: 'Order defect rate (seller-fulfilled)', 'zh-CN': '订单缺陷率（自发货）' },
  'orderDefectRate.afn': { en: 'Order defect rate (FBA)', 'zh-CN': '订单缺陷率（亚马逊配送）' },
  lateShipmentRate: { en: 'Late shipment rate', 'zh-CN': '迟发率' },
  preFulfillmentCancellationRate: { en: 'Pre-fulfilment cancel rate', 'zh-CN': '配送前取消率' },
  validTrackingRate: { en: 'Valid tracking rate', 'zh-CN': '有效追踪率' },
  onTimeDeliveryRate: { en: 'On-time delivery rate', 'zh-CN': '准时交货率' },
  invoiceDefectRate: { en: 'Invoice defect rate', 'zh-CN': '发票缺陷率' },
  accountStatus: { en: 'Account status', 'zh-CN': '账户状态' },
  accountHealthRating: { en: 'Account health rating', 'zh-CN': '账户健康评级' },
}

const CONDITION_SYMBOLS: Record<TargetCondition, string> = { LESS_THAN: '<', GREATER_THAN: '>', EQUALS: '=' }

function formatValue(value: number | string | null | undefined, unit: 'ratio' | 'count', language: UiLanguage): string {
  if (value === null || value === undefined) return PHRASES.unknown[language]()
  if (typeof value === 'string') return value
  if (unit === 'count') return String(value)
  return `${(value * 100).toFixed(2)} %`
}

export function metricLabel(metric: string, language: UiLanguage): string {
  return HEALTH_METRIC_LABELS[metric]?.[language] ?? metric
}

export function buildAccountHealthCardView(alert: AccountHealthAlertInput, uiLanguage: UiLanguage): CardView {
  const language = uiLanguage
  const unit = alert.unit ?? 'ratio'
  const timeZone = alert.displayTimeZone ?? 'UTC'
  const field = (key: FieldKey, value: string, extra: Partial<CardField> = {}): CardField => ({
    key,
    label: FIELD_LABELS[key][language],
    value,
    ...extra,
  })
  const emphasis = alert.severity === 'ok' ? null : alert.severity
  const value = formatValue(alert.value, unit, language)
  const target = alert.target
    ? `${CONDITION_SYMBOLS[alert.target.condition]} ${formatValue(alert.target.value, unit, language)}`
    : PHRASES.unknown[language]()
  const changeParts = [
    alert.previousValue !== undefined ? `${formatValue(alert.previousValue, unit, language)} → ${value}` : null,
    alert.severity === 'ok' ? PHRASES.healthBackToNormal[language]() : null,
    alert.note ?? null,
  ].filter((part): part is string => Boolean(part))
  const change = changeParts.length > 0 ? changeParts.join(' · ') : value
  const title = PHRASES.healthTitle[language](alert.storeName, marketplaceLabel(alert.marketplace, language))
  const needsAck = alert.severity !== 'ok' && alert.acknowledged === null
  return {
    kind: 'account-health',
    subjectId: alert.id,
    uiLanguage: language,
    header: {
      title,
      subtitle: metricLabel(alert.metric, language),
      level: alert.severity === 'ok' ? 'resolved' : alert.severity,
      colour: alert.severity === 'ok' ? 'green' : alert.severity === 'critical' ? 'red' : 'orange',
    },
    highlight: { label: FIELD_LABELS.change[language], text: change },
    fields: [
      field('store', alert.storeName),
      field('marketplace', marketplaceLabel(alert.marketplace, language)),
      field('metric', metricLabel(alert.metric, language)),
      field('value', value, { emphasis }),
      field('target', target),
      field('observedAt', formatInstant(alert.observedAt, timeZone), { at: alert.observedAt }),
    ],
    badges: [],
    excerpt: null,
    templates: { recommended: [], other: [] },
    actions: needsAck
      ? [{ id: 'bb.ack', label: ACTION_LABELS['bb.ack'][language], style: 'primary', disabled: false, disabledReason: null, confirm: null }]
      : [],
    status: alert.acknowledged
      ? [PHRASES.acknowledgedBy[language](alert.acknowledged.by, formatInstant(alert.acknowledged.at, timeZone))]
      : [],
    fallbackText: `${title} · ${metricLabel(alert.metric, language)}: ${value} (${target})`,
  }
}
