// Inline SVG charts rendered on the server: no chart library, no script, readable without CSS.

import { html, type SafeHtml } from './html.ts'

export interface Bar {
  label: string
  value: number
  /** A CSS class: `red`, `orange`, `blue`, `green`, `grey`. */
  tone: string
}

/** Vertical bars with their value on top; the accessible name lists every bar. */
export function barChart(title: string, bars: readonly Bar[], options: { width?: number; height?: number } = {}): SafeHtml {
  const width = options.width ?? 420
  const height = options.height ?? 200
  const top = 20
  const bottom = 36
  const plot = height - top - bottom
  const max = Math.max(1, ...bars.map((b) => b.value))
  const slot = width / Math.max(1, bars.length)
  const barWidth = Math.min(64, slot * 0.6)
  const summary = `${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${summary}" preserveAspectRatio="xMidYMid meet">
  <title>${summary}</title>
  <line x1="0" y1="${top + plot}" x2="${width}" y2="${top + plot}" class="axis"/>
  ${bars.map((bar, i) => {
    const h = Math.round((bar.value / max) * plot)
    const x = Math.round(i * slot + (slot - barWidth) / 2)
    const y = top + plot - h
    return html`<g class="bar ${bar.tone}">
    <rect x="${x}" y="${y}" width="${Math.round(barWidth)}" height="${h}" rx="3"/>
    <text x="${x + barWidth / 2}" y="${y - 5}" text-anchor="middle" class="value">${bar.value}</text>
    <text x="${x + barWidth / 2}" y="${height - 14}" text-anchor="middle" class="label">${bar.label}</text>
  </g>`
  })}
</svg>`
}

/**
 * One metric against its target: a bar for the value and a line at the target. `LESS_THAN` targets are met
 * below the line, `GREATER_THAN` above it.
 */
export function targetBar(value: number | null, target: number | null, met: boolean | null): SafeHtml {
  const width = 240
  const height = 22
  const scale = Math.max(value ?? 0, target ?? 0) * 1.25 || 1
  const valueWidth = value === null ? 0 : Math.round((value / scale) * width)
  const targetX = target === null ? null : Math.round((target / scale) * width)
  const tone = met === null ? 'grey' : met ? 'green' : 'red'
  return html`<svg class="target-bar" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${`${value ?? '—'} / ${target ?? '—'}`}">
  <rect x="0" y="4" width="${width}" height="14" class="track" rx="2"/>
  <rect x="0" y="4" width="${valueWidth}" height="14" class="bar-fill ${tone}" rx="2"/>
  ${targetX === null ? '' : html`<line x1="${targetX}" y1="0" x2="${targetX}" y2="${height}" class="target-line"/>`}
</svg>`
}

/** The median of a list of numbers (null when empty). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
