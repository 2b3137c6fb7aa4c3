import type { LintFinding } from '../../../domain/compliance/index.ts'
import type { UiLanguage } from '../../../domain/vocabulary.ts'
import { html, type SafeHtml } from '../html.ts'
import { t } from '../i18n.ts'

export function findingsList(findings: readonly LintFinding[], language: UiLanguage): SafeHtml {
  if (findings.length === 0) return html`<p class="lint-ok">${t(language, 'lintOk')}</p>`
  return html`<ul class="findings">${findings.map(
    (f) => html`<li class="finding ${f.severity}" data-rule="${f.ruleId}"><strong>${f.severity === 'block' ? t(language, 'blocking') : t(language, 'warning')}</strong>
      ${language === 'zh-CN' ? f.message_zh : f.message_en}</li>`,
  )}</ul>`
}
