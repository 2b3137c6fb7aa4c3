// Tiny HTML helpers: every dynamic value goes through `escapeHtml` or the `html` tag; `raw` marks markup
// that was already built safely.

export interface SafeHtml {
  readonly __html: string
}

export function raw(markup: string): SafeHtml {
  return { __html: markup }
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

type Interpolated = SafeHtml | string | number | null | undefined | false | readonly Interpolated[]

function toMarkup(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return ''
  if (Array.isArray(value)) return value.map((v: Interpolated) => toMarkup(v)).join('')
  if (typeof value === 'object' && '__html' in value) return value.__html
  return escapeHtml(String(value))
}

/** Tagged template: interpolations are escaped unless they are `SafeHtml` (or arrays of it). */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += toMarkup(value) + (strings[index + 1] ?? '')
  })
  return raw(out)
}

/** JSON for a `<script type="application/json">` block: `<` is escaped so no tag can close it. */
export function jsonForScript(value: unknown): SafeHtml {
  return raw(JSON.stringify(value).replaceAll('<', '\\u003c'))
}
