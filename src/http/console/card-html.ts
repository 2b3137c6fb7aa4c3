// Renders the platform-neutral CardView as HTML: the same fields, badges, templates and actions the chat
// platforms show. Buttons carry `data-action`; console.js turns them into API calls.

import type { CardActionView, CardView, TemplateChoiceView } from '../../domain/card/index.ts'
import type { UiLanguage } from '../../domain/vocabulary.ts'
import { html, type SafeHtml } from './html.ts'
import { t } from './i18n.ts'

function templateOptions(choices: readonly TemplateChoiceView[]): SafeHtml[] {
  return choices.map((c) => html`<option value="${c.id}" data-path="${c.path}">${c.label}</option>`)
}

function actionButton(action: CardActionView): SafeHtml {
  if (action.id === 'bb.pick_template') return html``
  return html`<button type="button" class="btn ${action.style}" data-action="${action.id}"
    ${action.disabled ? html`disabled title="${action.disabledReason ?? ''}"` : ''}
    ${action.confirm ? html`data-confirm="${action.confirm}"` : ''}>${action.label}</button>`
}

export function renderCard(card: CardView, language: UiLanguage, options: { link: boolean }): SafeHtml {
  const pick = card.actions.find((a) => a.id === 'bb.pick_template')
  const hasTemplates = card.templates.recommended.length + card.templates.other.length > 0
  return html`<article class="card card-${card.header.colour}" id="card-${card.subjectId}" data-id="${card.subjectId}" data-kind="${card.kind}">
  <header class="card-head">
    <h2>${options.link ? html`<a href="/console/conversations/${card.subjectId}">${card.header.title}</a>` : card.header.title}</h2>
    ${card.header.subtitle ? html`<p class="subtitle">${card.header.subtitle}</p>` : ''}
  </header>
  ${card.highlight ? html`<p class="highlight"><strong>${card.highlight.label}:</strong> ${card.highlight.text}</p>` : ''}
  ${card.badges.length ? html`<p class="badges">${card.badges.map((b) => html`<span class="badge ${b.level}">${b.label}</span>`)}</p>` : ''}
  <dl class="fields">${card.fields.map(
    (f) => html`<div class="field ${f.emphasis ?? ''}" data-field="${f.key}"><dt>${f.label}</dt><dd>${f.value}</dd></div>`,
  )}</dl>
  ${card.excerpt ? html`<blockquote class="excerpt">${card.excerpt.text}</blockquote>` : ''}
  ${card.status.length ? html`<ul class="status">${card.status.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
  <div class="actions">
    ${pick && hasTemplates
      ? html`<select class="template-pick" data-action="bb.pick_template" aria-label="${pick.label}" ${pick.disabled ? html`disabled title="${pick.disabledReason ?? ''}"` : ''}>
      <option value="">${t(language, 'chooseTemplate')}</option>
      ${card.templates.recommended.length ? html`<optgroup label="${t(language, 'recommended')}">${templateOptions(card.templates.recommended)}</optgroup>` : ''}
      ${card.templates.other.length ? html`<optgroup label="${t(language, 'otherTemplates')}">${templateOptions(card.templates.other)}</optgroup>` : ''}
    </select>`
      : ''}
    ${card.actions.map(actionButton)}
  </div>
  <section class="editor" hidden></section>
  <p class="card-message" role="status" aria-live="polite"></p>
</article>`
}
