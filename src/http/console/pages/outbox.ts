import type { UiLanguage } from '../../../domain/vocabulary.ts'
import { html, type SafeHtml } from '../html.ts'
import { t } from '../i18n.ts'
import type { OutboxMail } from '../types.ts'

function header(mail: OutboxMail, name: string): string {
  const value = mail.headers.get(name)
  if (typeof value === 'string') return value
  if (value instanceof Date) return value.toISOString()
  if (value && typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text
  return ''
}

/** Newest first; at most the last 100 mails. */
export function outboxBody(language: UiLanguage, mails: readonly OutboxMail[]): SafeHtml {
  const latest = mails.slice(-100).reverse()
  return html`<h1>${t(language, 'outboxTitle')}</h1>
${latest.length
  ? html`<ol class="outbox">${latest.map(
      (mail) => html`<li class="mail">
      <p class="meta"><strong>${t(language, 'to')}:</strong> ${mail.envelope.rcptTo.join(', ')} · ${header(mail, 'date')}</p>
      <p class="meta"><strong>${t(language, 'subject')}:</strong> ${header(mail, 'subject')}</p>
      <pre class="text">${mail.text}</pre></li>`,
    )}</ol>`
  : html`<p class="empty">${t(language, 'outboxEmpty')}</p>`}`
}
