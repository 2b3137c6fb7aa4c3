import { buildCardView, CRITICAL_RISK_SCORE, type CardView } from '../../domain/card/index.ts'
import type { Db } from '../../db/schema.ts'
import { DEFAULT_DUE_SOON_WITHIN_MS, SLA_STATUSES } from '../../domain/sla.ts'
import type { TemplateLibrary } from '../../domain/templates/index.ts'
import { CONVERSATION_STATES, type UiLanguage } from '../../domain/vocabulary.ts'
import { conversationCardInput } from '../../services/cards/conversation-card-input.ts'
import { z } from 'zod'

/** The console has room: a longer excerpt than the chat cards. */
const CONSOLE_BUDGET = { excerptChars: 1200, recommendedTemplates: 3 }

export interface CardSource {
  db: Db
  library: TemplateLibrary
  now: Date
  pausedByConfig: boolean
  displayTimeZone?: string | undefined
  people?: readonly { id: string; name: string }[] | undefined
}

export async function consoleCard(source: CardSource, conversationId: string, language: UiLanguage): Promise<CardView> {
  const input = await conversationCardInput(
    source.db,
    {
      library: source.library,
      pausedByConfig: source.pausedByConfig,
      now: source.now,
      ...(source.displayTimeZone ? { displayTimeZone: source.displayTimeZone } : {}),
      ...(source.people ? { people: source.people } : {}),
    },
    conversationId,
  )
  return buildCardView(input, language, CONSOLE_BUDGET)
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

export const listFilterSchema = z.object({
  store: optional(z.string().max(64)),
  marketplace: optional(z.string().regex(/^[A-Za-z]{2}$/, 'marketplace must be a two-letter code')),
  state: optional(z.enum(CONVERSATION_STATES, { message: `state must be one of ${CONVERSATION_STATES.join(', ')}` })),
  sla: optional(z.enum(SLA_STATUSES, { message: `sla must be one of ${SLA_STATUSES.join(', ')}` })),
  risk: optional(z.enum(['high', 'flagged', 'none'], { message: 'risk must be high, flagged or none' })),
  assignee: optional(z.string().max(100)),
  lang: optional(z.string()),
})
export type ListFilter = z.infer<typeof listFilterSchema>

const OPEN_STATES = ['new', 'notified', 'assigned'] as const
export const LIST_LIMIT = 50

export async function listConversationIds(db: Db, filter: ListFilter, now: Date): Promise<string[]> {
  let query = db.selectFrom('conversations').select('id')
  if (filter.store) query = query.where('store_id', '=', filter.store)
  if (filter.marketplace) query = query.where('marketplace', '=', filter.marketplace.toUpperCase())
  if (filter.state) query = query.where('state', '=', filter.state)
  if (filter.assignee === '-') query = query.where('assignee', 'is', null)
  else if (filter.assignee) query = query.where('assignee', '=', filter.assignee)
  if (filter.risk === 'high') query = query.where('risk_score', '>=', CRITICAL_RISK_SCORE)
  if (filter.risk === 'flagged') query = query.where((eb) => eb(eb.fn('cardinality', ['risk_flags']), '>', 0))
  if (filter.risk === 'none') query = query.where((eb) => eb(eb.fn('cardinality', ['risk_flags']), '=', 0))
  if (filter.sla) {
    const soon = new Date(now.getTime() + DEFAULT_DUE_SOON_WITHIN_MS)
    query = query.where('state', 'in', OPEN_STATES).where('sla_due_at', 'is not', null)
    if (filter.sla === 'breached') query = query.where('sla_due_at', '<=', now)
    if (filter.sla === 'due-soon') query = query.where('sla_due_at', '>', now).where('sla_due_at', '<=', soon)
    if (filter.sla === 'on-track') query = query.where('sla_due_at', '>', soon)
  }
  const rows = await query.orderBy('last_message_at', 'desc').orderBy('id', 'desc').limit(LIST_LIMIT).execute()
  return rows.map((r) => r.id)
}

export async function filterChoices(db: Db): Promise<{ stores: { id: string; name: string }[]; marketplaces: string[]; assignees: string[] }> {
  const [stores, marketplaces, assignees] = await Promise.all([
    db.selectFrom('stores').select(['id', 'name']).orderBy('name').limit(500).execute(),
    db.selectFrom('conversations').select('marketplace').distinct().orderBy('marketplace').limit(100).execute(),
    db.selectFrom('conversations').select('assignee').distinct().where('assignee', 'is not', null).orderBy('assignee').limit(500).execute(),
  ])
  return {
    stores,
    marketplaces: marketplaces.map((m) => m.marketplace),
    assignees: assignees.flatMap((a) => (a.assignee ? [a.assignee] : [])),
  }
}
