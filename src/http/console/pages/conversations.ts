import type { CardView } from '../../../domain/card/index.ts'
import { SLA_STATUS_LABELS, STATE_LABELS } from '../../../domain/card/index.ts'
import { SLA_STATUSES } from '../../../domain/sla.ts'
import { CONVERSATION_STATES, type UiLanguage } from '../../../domain/vocabulary.ts'
import { renderCard } from '../card-html.ts'
import type { ListFilter } from '../cards.ts'
import { html, type SafeHtml } from '../html.ts'
import { t } from '../i18n.ts'

interface Choices {
  stores: { id: string; name: string }[]
  marketplaces: string[]
  assignees: string[]
}

function select(name: string, label: string, current: string | undefined, options: { value: string; label: string }[], language: UiLanguage): SafeHtml {
  return html`<label>${label}<select name="${name}">
    <option value="">${t(language, 'any')}</option>
    ${options.map((o) => html`<option value="${o.value}" ${o.value === current ? 'selected' : ''}>${o.label}</option>`)}
  </select></label>`
}

export function conversationsBody(language: UiLanguage, filter: ListFilter, choices: Choices, cards: readonly CardView[]): SafeHtml {
  return html`<h1>${t(language, 'navConversations')}</h1>
<form class="filters" method="get" action="/console" aria-label="${t(language, 'filters')}">
  ${select('store', t(language, 'store'), filter.store, choices.stores.map((s) => ({ value: s.id, label: s.name })), language)}
  ${select('marketplace', t(language, 'marketplace'), filter.marketplace?.toUpperCase(), choices.marketplaces.map((m) => ({ value: m, label: m })), language)}
  ${select('state', t(language, 'state'), filter.state, CONVERSATION_STATES.map((s) => ({ value: s, label: STATE_LABELS[s][language] })), language)}
  ${select('sla', t(language, 'sla'), filter.sla, SLA_STATUSES.map((s) => ({ value: s, label: SLA_STATUS_LABELS[s][language] })), language)}
  ${select('risk', t(language, 'risk'), filter.risk, [
    { value: 'high', label: t(language, 'riskHigh') },
    { value: 'flagged', label: t(language, 'riskFlagged') },
    { value: 'none', label: t(language, 'riskNone') },
  ], language)}
  ${select('assignee', t(language, 'assignee'), filter.assignee, [{ value: '-', label: t(language, 'unassigned') }, ...choices.assignees.map((a) => ({ value: a, label: a }))], language)}
  <button type="submit" class="btn">${t(language, 'apply')}</button>
</form>
<p class="live-indicator" hidden>${t(language, 'liveOn')}</p>
<div class="cards" id="cards">
${cards.length ? cards.map((card) => renderCard(card, language, { link: true })) : html`<p class="empty">${t(language, 'noConversations')}</p>`}
</div>`
}
