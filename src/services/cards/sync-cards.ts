import { sql, type Transaction } from 'kysely'
import { z } from 'zod'
import { rowOfStatus, statusOfRow } from '../../db/repos/conversation-rows.ts'
import type { Database, Db } from '../../db/schema.ts'
import type { CardKind } from '../../db/tables/cards.ts'
import { buildAccountHealthCardView, buildCardView, truncateExcerpt, type CardView } from '../../domain/card/index.ts'
import { markNotified } from '../../domain/conversation.ts'
import { cardRecipient } from '../../domain/routing/index.ts'
import type { Platform, UiLanguage } from '../../domain/vocabulary.ts'
import type { CardTarget, ChatPlatform, PostedCard } from '../../ports/chat-platform.ts'
import type { Clock } from '../../ports/clock.ts'
import type { PortLogger } from '../../ports/logger.ts'
import { summaryCardView } from '../escalation/summary.ts'
import { conversationCardInput, type CardInputDeps } from './conversation-card-input.ts'

export interface RoutedTarget {
  platform: Platform
  channel: string
  uiLanguage: UiLanguage
}

export interface CardSyncDeps {
  db: Db
  platforms: ReadonlyMap<Platform, ChatPlatform>
  cardInput: Omit<CardInputDeps, 'now'>
  clock: Clock
  logger: PortLogger
}

/** A claim older than this is taken to belong to a worker that died while posting. */
const POSTING_CLAIM_TTL_MS = 5 * 60_000

export type ConversationCardKind = Extract<CardKind, 'agent' | 'manager' | 'oncall' | 'summary'>

/**
 * Records that the cards of a conversation must show its latest state: one row per conversation × platform ×
 * channel × kind (created once), its version bumped. Runs inside the caller's transaction; returns the card
 * ids. `manager` and `oncall` cards are the managers' and the on-call person's copies (a DM's channel is
 * `dmChannel(the person's user id on that platform)`). A `summary` card hangs on the oldest conversation it lists.
 */
export async function planConversationCards(
  trx: Transaction<Database> | Db,
  conversationId: string,
  targets: readonly RoutedTarget[],
  kind: ConversationCardKind = 'agent',
): Promise<string[]> {
  const ids: string[] = []
  for (const target of targets) {
    const row = await trx
      .insertInto('cards')
      .values({ conversation_id: conversationId, kind, platform: target.platform, channel: target.channel, ui_language: target.uiLanguage, version: 1 })
      .onConflict((oc) =>
        oc
          .columns(['conversation_id', 'platform', 'channel', 'kind'])
          .where('conversation_id', 'is not', null)
          .doUpdateSet({ version: sql<number>`cards.version + 1`, updated_at: sql<Date>`now()` }),
      )
      .returning('id')
      .executeTakeFirstOrThrow()
    ids.push(row.id)
  }
  return ids
}

export type SyncOutcome = 'posted' | 'updated' | 'unchanged' | 'claimed-elsewhere' | 'no-platform'

/**
 * Brings one card up to date on its platform: posts it once (a claim row state guards against two replicas
 * posting), afterwards updates it in place, and adds a thread note when given one. Platform errors throw, so
 * the job retries with backoff; a dead platform never blocks ingestion or the other platforms.
 */
/** A thread note: the latest buyer message, or a line about who did what, in both UI languages. */
export type CardNote = 'buyer-message' | { en: string; zh: string }

export async function syncCard(deps: CardSyncDeps, cardId: string, note: CardNote | null = null): Promise<{ outcome: SyncOutcome; platform: string | null }> {
  const card = await deps.db.selectFrom('cards').select(['platform']).where('id', '=', cardId).executeTakeFirst()
  return { outcome: await syncCardOnce(deps, cardId, note), platform: card?.platform ?? null }
}

async function syncCardOnce(deps: CardSyncDeps, cardId: string, note: CardNote | null): Promise<SyncOutcome> {
  const card = await deps.db.selectFrom('cards').selectAll().where('id', '=', cardId).executeTakeFirst()
  if (!card || (!card.conversation_id && !card.alert_id)) return 'unchanged'
  const platform = deps.platforms.get(card.platform as Platform)
  if (!platform) {
    await deps.db.updateTable('cards').set({ state: 'failed', last_error: `${card.platform} is not configured` }).where('id', '=', cardId).execute()
    return 'no-platform'
  }
  const now = deps.clock.now()
  const recipient = cardRecipient(card.channel)
  const target: CardTarget = { channel: recipient.id, uiLanguage: card.ui_language as UiLanguage, recipient: recipient.kind }
  const render = async (): Promise<CardView> => {
    if (!card.conversation_id) return alertCardView(deps, card.alert_id!, target.uiLanguage)
    if (card.kind === 'summary') return summaryCardView(deps.db, card.id, target.uiLanguage)
    const input = await conversationCardInput(deps.db, { ...deps.cardInput, now }, card.conversation_id)
    // The managers' and on-call copies highlight the escalation reason once there is one.
    const variant = card.kind !== 'agent' && input.conversation.escalated ? 'escalation' : 'conversation'
    return buildCardView({ ...input, variant }, target.uiLanguage, { excerptChars: platform.excerptChars })
  }

  if (!card.external_ref) {
    const claimed = await deps.db
      .updateTable('cards')
      .set({ state: 'posting', updated_at: now })
      .where('id', '=', cardId)
      .where('external_ref', 'is', null)
      .where((eb) => eb.or([eb('state', 'in', ['pending', 'failed']), eb('updated_at', '<', new Date(now.getTime() - POSTING_CLAIM_TTL_MS))]))
      .returning(['version'])
      .executeTakeFirst()
    if (!claimed) return 'claimed-elsewhere'
    let posted: PostedCard
    try {
      posted = await platform.postCard({ target, cardId, view: await render() })
    } catch (error) {
      await deps.db.updateTable('cards').set({ state: 'failed', last_error: (error as Error).message }).where('id', '=', cardId).execute()
      throw error
    }
    await deps.db
      .updateTable('cards')
      .set({ state: 'posted', external_ref: posted.externalRef, thread_ref: posted.threadRef, posted_at: now, rendered_version: claimed.version, last_error: null })
      .where('id', '=', cardId)
      .execute()
    if (card.conversation_id && card.kind === 'agent') await markConversationNotified(deps.db, card.conversation_id, now)
    return 'posted'
  }

  const posted: PostedCard = { externalRef: card.external_ref, threadRef: card.thread_ref }
  let outcome: SyncOutcome = 'unchanged'
  if (card.rendered_version < card.version) {
    await platform.updateCard({ target, cardId, posted, view: await render() })
    await deps.db
      .updateTable('cards')
      .set({ rendered_version: sql<number>`greatest(rendered_version, ${card.version})`, last_error: null })
      .where('id', '=', cardId)
      .execute()
    outcome = 'updated'
  }
  const text = note === 'buyer-message' ? card.conversation_id && (await buyerMessageNote(deps.db, card.conversation_id, target.uiLanguage)) : note && (target.uiLanguage === 'zh-CN' ? note.zh : note.en)
  if (text) await platform.postThreadNote({ target, posted, text })
  return outcome
}

/** The account-health card of an `alerts` row (its payload is the domain's HealthAlert). */
async function alertCardView(deps: CardSyncDeps, alertId: string, uiLanguage: UiLanguage): Promise<CardView> {
  const alert = await deps.db
    .selectFrom('alerts')
    .innerJoin('stores', 'stores.id', 'alerts.store_id')
    .select(['alerts.id', 'alerts.payload', 'alerts.severity', 'alerts.created_at', 'alerts.marketplace_id', 'stores.name'])
    .where('alerts.id', '=', alertId)
    .executeTakeFirstOrThrow()
  const acknowledgement = await deps.db
    .selectFrom('acknowledgements')
    .select(['actor_name', 'actor_id', 'created_at'])
    .where('subject_type', '=', 'alert')
    .where('subject_id', '=', alertId)
    .executeTakeFirst()
  const payload = healthAlertPayload.parse(alert.payload)
  return buildAccountHealthCardView(
    {
      id: alert.id,
      storeName: alert.name,
      marketplace: payload.marketplaceId ?? alert.marketplace_id ?? '',
      metric: payload.metric ?? payload.kind,
      value: payload.value ?? payload.current,
      ...(payload.previousValue !== undefined ? { previousValue: payload.previousValue } : payload.previous !== undefined ? { previousValue: payload.previous } : {}),
      target: payload.target !== undefined && payload.condition ? { value: payload.target, condition: payload.condition } : null,
      severity: alert.severity === 'info' ? 'ok' : alert.severity,
      observedAt: alert.created_at,
      acknowledged: acknowledgement ? { by: acknowledgement.actor_name ?? acknowledgement.actor_id, at: acknowledgement.created_at } : null,
      note: uiLanguage === 'zh-CN' ? payload.message_zh : payload.message_en,
      ...(deps.cardInput.displayTimeZone ? { displayTimeZone: deps.cardInput.displayTimeZone } : {}),
    },
    uiLanguage,
  )
}

const healthAlertPayload = z.object({
  kind: z.string(),
  marketplaceId: z.string().optional(),
  metric: z.string().optional(),
  value: z.number().optional(),
  previousValue: z.number().optional(),
  target: z.number().optional(),
  condition: z.enum(['LESS_THAN', 'GREATER_THAN', 'EQUALS']).optional(),
  previous: z.string().optional(),
  current: z.string(),
  message_en: z.string().default(''),
  message_zh: z.string().default(''),
})

async function markConversationNotified(db: Db, conversationId: string, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const conversation = await trx.selectFrom('conversations').selectAll().where('id', '=', conversationId).forUpdate().executeTakeFirst()
    if (conversation?.state !== 'new') return
    await trx.updateTable('conversations').set(rowOfStatus(markNotified(statusOfRow(conversation), at))).where('id', '=', conversationId).execute()
  })
}

const NOTE_EXCERPT_CHARS = 300

/** The thread note for a new buyer message on a card that is already up: who wrote and the start of it. */
async function buyerMessageNote(db: Db, conversationId: string, uiLanguage: UiLanguage): Promise<string | null> {
  const latest = await db
    .selectFrom('buyer_messages')
    .select('text')
    .where('conversation_id', '=', conversationId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  if (!latest) return null
  const excerpt = truncateExcerpt(latest.text, NOTE_EXCERPT_CHARS).text
  return uiLanguage === 'zh-CN' ? `买家发来新消息：${excerpt}` : `New message from the buyer: ${excerpt}`
}
