import { formatDuration, formatInstant, metricLabel, SLA_STATUS_LABELS } from '../../../domain/card/index.ts'
import type { UiLanguage } from '../../../domain/vocabulary.ts'
import { barChart, targetBar } from '../charts.ts'
import { meetsTarget, RESPONSE_BUCKETS, type DashboardData } from '../dashboard-data.ts'
import { html, type SafeHtml } from '../html.ts'
import { t } from '../i18n.ts'

function duration(ms: number | null, language: UiLanguage): string {
  return ms === null ? '—' : formatDuration(ms, language)
}

export function dashboardBody(language: UiLanguage, data: DashboardData, timeZone: string): SafeHtml {
  const sla = data.openBySla
  const noDeadline = language === 'zh-CN' ? '无时限' : 'No deadline'
  return html`<h1>${t(language, 'dashboardTitle')}</h1>
<div class="panels">
<section class="panel" id="panel-sla"><h2>${t(language, 'openBySla')}</h2>
  ${barChart(t(language, 'openBySla'), [
    { label: SLA_STATUS_LABELS.breached[language], value: sla.breached, tone: 'red' },
    { label: SLA_STATUS_LABELS['due-soon'][language], value: sla['due-soon'], tone: 'orange' },
    { label: SLA_STATUS_LABELS['on-track'][language], value: sla['on-track'], tone: 'blue' },
    { label: noDeadline, value: sla.none, tone: 'grey' },
  ])}
</section>
${data.responses.map(
  (r) => html`<section class="panel" id="panel-response-${r.days}"><h2>${t(language, 'responseTimes')} · ${t(language, r.days === 7 ? 'replies7' : 'replies30')}</h2>
  <p class="figure">${t(language, 'median')}: <strong>${duration(r.medianMs, language)}</strong> (n = ${r.count})</p>
  ${barChart(`${t(language, 'responseTimes')} ${r.days}d`, RESPONSE_BUCKETS.map((b, i) => ({ label: b.label, value: r.buckets[i] ?? 0, tone: b.upTo > 24 ? 'red' : b.upTo > 12 ? 'orange' : 'green' })))}
</section>`,
)}
<section class="panel" id="panel-escalations"><h2>${t(language, 'escalations')}</h2>
  <p class="figure">${t(language, 'ackMedian')}: <strong>${duration(data.escalations.ackMedianMs, language)}</strong></p>
  ${barChart(t(language, 'escalations'), [
    { label: t(language, 'escalated'), value: data.escalations.escalated, tone: 'orange' },
    { label: language === 'zh-CN' ? '非工作时间呼叫' : 'Paged after hours', value: data.escalations.pagedAfterHours, tone: 'blue' },
    { label: t(language, 'acknowledged'), value: data.escalations.acknowledged, tone: 'green' },
    { label: t(language, 'waitingAck'), value: data.escalations.waiting, tone: 'red' },
  ])}
</section>
</div>
<section class="panel wide" id="panel-health"><h2>${t(language, 'accountHealth')}</h2>
  ${data.health.length
    ? html`<table class="health"><tbody>${data.health.flatMap((row) =>
        row.metrics.map((m) => {
          const met = meetsTarget(m)
          return html`<tr class="${met === false ? 'missed' : ''}"><td>${row.storeId} · ${row.marketplace}</td><td>${metricLabel(m.name, language)}</td>
          <td>${m.rate ?? '—'}</td><td>${m.targetCondition === 'GREATER_THAN' ? '>' : m.targetCondition === 'LESS_THAN' ? '<' : '='} ${m.targetValue ?? '—'}</td>
          <td>${targetBar(m.rate, m.targetValue, met)}</td><td>${formatInstant(row.takenAt, timeZone)}</td></tr>`
        }),
      )}</tbody></table>`
    : html`<p class="empty">${t(language, 'noData')}</p>`}
</section>
<section class="panel wide" id="panel-integrations"><h2>${t(language, 'integrations')}</h2>
  ${data.integrations.length
    ? html`<table class="integrations"><thead><tr><th></th><th>${t(language, 'state')}</th><th>${t(language, 'lastSuccess')}</th><th>${t(language, 'lastFailure')}</th><th></th></tr></thead><tbody>
      ${data.integrations.map(
        (i) => html`<tr><td>${i.name}</td><td><span class="pill ${i.state}">${i.state}</span></td>
        <td>${i.last_success_at ? formatInstant(i.last_success_at, timeZone) : '—'}</td>
        <td>${i.last_failure_at ? formatInstant(i.last_failure_at, timeZone) : '—'}</td><td>${i.last_error ?? i.detail ?? ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="empty">${t(language, 'noData')}</p>`}
</section>`
}
