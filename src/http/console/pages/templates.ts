import { lint, type LintFinding } from '../../../domain/compliance/index.ts'
import { buildTemplateVariables, render, type Template, type TemplateLibrary } from '../../../domain/templates/index.ts'
import { isAppError } from '../../../domain/errors.ts'
import { TEMPLATE_LANGUAGES, type TemplateLanguage, type UiLanguage } from '../../../domain/vocabulary.ts'
import { html, type SafeHtml } from '../html.ts'
import { t } from '../i18n.ts'
import { findingsList } from './findings.ts'

const SAMPLE_MARKETPLACE: Record<TemplateLanguage, string> = { en: 'US', de: 'DE', fr: 'FR', it: 'IT', es: 'ES', ja: 'JP' }
const SAMPLE_ORDER_ID = '114-3941689-8772232'

export interface RenderedSample {
  templateId: string
  language: TemplateLanguage
  subject: string | null
  body: string | null
  /** Why it could not be rendered (a missing variable), null when it rendered. */
  renderError: string | null
  findings: LintFinding[]
}

export function renderSamples(library: TemplateLibrary, now: Date): RenderedSample[] {
  const samples: RenderedSample[] = []
  for (const template of library.templates) {
    for (const language of TEMPLATE_LANGUAGES) {
      if (!template.languages[language]) continue
      samples.push(renderSample(template, language, now))
    }
  }
  return samples
}

function renderSample(template: Template, language: TemplateLanguage, now: Date): RenderedSample {
  const marketplace = SAMPLE_MARKETPLACE[language]
  const variables = buildTemplateVariables({
    language,
    marketplace,
    buyerName: language === 'ja' ? '山田 太郎' : 'Alex Morgan',
    orderId: SAMPLE_ORDER_ID,
    productTitle: 'Stainless Steel Electric Kettle 1.7 L',
    asin: 'B0C7KX2M4Q',
    carrier: 'UPS',
    trackingNumber: '1Z999AA10123456784',
    shipDate: new Date(now.getTime() - 2 * 86_400_000),
    deliveryDate: new Date(now.getTime() + 3 * 86_400_000),
    storeName: 'Kettle Shop',
    agentName: 'Mei',
  })
  try {
    const rendered = render(template, language, variables)
    const findings = lint(rendered.body, { path: template.paths[0] ?? 'email', buyerLanguage: language, marketplace, orderId: SAMPLE_ORDER_ID })
    return { templateId: template.id, language, subject: rendered.subject, body: rendered.body, renderError: null, findings }
  } catch (error) {
    if (!isAppError(error)) throw error
    return { templateId: template.id, language, subject: null, body: null, renderError: error.message, findings: [] }
  }
}

export function templatesBody(language: UiLanguage, library: TemplateLibrary, samples: readonly RenderedSample[]): SafeHtml {
  return html`<h1>${t(language, 'templatesTitle')}</h1>
<p>${t(language, 'templatesIntro')}</p>
${library.templates.map(
  (template) => html`<section class="template" id="template-${template.id}">
  <h2>${template.title[language] ?? template.title.en} <code>${template.id}</code></h2>
  <p class="meta">${template.intents.join(', ')} · ${template.paths.join(', ')}</p>
  ${samples
    .filter((s) => s.templateId === template.id)
    .map(
      (s) => html`<details class="sample" data-language="${s.language}" data-findings="${s.findings.length}">
      <summary>${s.language} ${s.renderError ? html`<span class="badge critical">${s.renderError}</span>` : findingsSummary(s.findings, language)}</summary>
      ${s.subject ? html`<p><strong>${t(language, 'subject')}:</strong> ${s.subject}</p>` : ''}
      ${s.body !== null ? html`<pre class="text">${s.body}</pre>` : ''}
      ${findingsList(s.findings, language)}
    </details>`,
    )}
</section>`,
)}`
}

function findingsSummary(findings: readonly LintFinding[], language: UiLanguage): SafeHtml {
  const blocking = findings.filter((f) => f.severity === 'block').length
  if (blocking) return html`<span class="badge critical">${blocking} × ${t(language, 'blocking')}</span>`
  if (findings.length) return html`<span class="badge warning">${findings.length} × ${t(language, 'warning')}</span>`
  return html`<span class="badge ok">✓</span>`
}
