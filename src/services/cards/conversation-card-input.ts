import { findConversation } from '../../db/repos/conversations.ts'
import type { DbOrTrx } from '../../db/schema.ts'
import type { ConversationCardInput, TemplateChoiceInput } from '../../domain/card/index.ts'
import { AppError } from '../../domain/errors.ts'
import type { OrderContext } from '../../domain/order.ts'
import { replyPathsFromActions, selectTemplates, type TemplateLibrary } from '../../domain/templates/index.ts'
import { cardRecipient } from '../../domain/routing/index.ts'
import { isIntent, type Intent, type Platform, type ReplyState } from '../../domain/vocabulary.ts'
import { isSendingPaused } from '../reply/pause.ts'

export interface CardInputDeps {
  library: TemplateLibrary
  pausedByConfig: boolean
  now: Date
  displayTimeZone?: string
  /** Configured people: replies and decisions record a person id, cards show the person's name (and DM cards whom they reached). */
  people?: readonly CardPerson[]
}

export type CardPerson = { id: string; name: string } & Partial<Record<Platform, string | undefined>>

/** Everything a conversation card shows, read from the database in one place for every platform. */
export async function conversationCardInput(db: DbOrTrx, deps: CardInputDeps, conversationId: string): Promise<ConversationCardInput> {
  const conversation = await findConversation(db, conversationId)
  if (!conversation) throw new AppError('NOT_FOUND', `no conversation ${conversationId}`)
  const [store, latest, lastReply, paused, reached] = await Promise.all([
    db.selectFrom('stores').select(['name', 'listen_only']).where('id', '=', conversation.store_id).executeTakeFirst(),
    db
      .selectFrom('buyer_messages')
      .select(['text', 'product_title'])
      .where('conversation_id', '=', conversationId)
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst(),
    db
      .selectFrom('replies')
      .select(['path', 'state', 'requested_by', 'sent_by', 'sent_at', 'updated_at', 'failure_reason'])
      .where('conversation_id', '=', conversationId)
      .where('state', 'not in', ['awaiting-approval', 'rejected'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst(),
    isSendingPaused(db, deps.pausedByConfig),
    reachedBy(db, deps.people ?? [], conversationId),
  ])
  const order = conversation.order_context as OrderContext | null
  const nameOf = (who: string) => deps.people?.find((p) => p.id === who)?.name ?? who
  const intent: Intent = conversation.intent && isIntent(conversation.intent) ? conversation.intent : 'other'
  return {
    now: deps.now,
    ...(deps.displayTimeZone ? { displayTimeZone: deps.displayTimeZone } : {}),
    conversation: {
      id: conversation.id,
      storeName: store?.name ?? conversation.store_id,
      marketplace: conversation.marketplace,
      orderId: conversation.order_id,
      buyerName: conversation.buyer_name,
      productTitle: latest?.product_title ?? order?.items[0]?.title ?? null,
      language: conversation.language,
      intent,
      riskFlags: conversation.risk_flags as ConversationCardInput['conversation']['riskFlags'],
      riskScore: conversation.risk_score,
      state: conversation.state,
      slaDueAt: conversation.sla_due_at,
      assignee: conversation.assignee === null ? null : nameOf(conversation.assignee),
      escalated:
        conversation.escalated_at && conversation.escalated_by
          ? { by: nameOf(conversation.escalated_by), at: conversation.escalated_at, reason: conversation.escalation_reason ?? '' }
          : null,
      acknowledged:
        conversation.acknowledged_at && conversation.acknowledged_by ? { by: nameOf(conversation.acknowledged_by), at: conversation.acknowledged_at } : null,
      escalatedTo: reached.managers,
      pagedPeople: reached.paged,
      pagedAfterHours: conversation.paged_at !== null,
      latestMessageText: latest?.text ?? '',
      messageCount: conversation.message_count,
    },
    templates: templateChoices(deps.library, intent, conversation.language ?? 'en', order),
    lastReply: lastReply
      ? {
          path: lastReply.path as ConversationCardInput['templates'][number]['path'],
          state: lastReply.state as ReplyState,
          sentBy: nameOf(lastReply.sent_by ?? lastReply.requested_by),
          sentAt: lastReply.sent_at ?? lastReply.updated_at,
          failureReason: lastReply.failure_reason,
        }
      : null,
    listenOnly: store?.listen_only ?? false,
    paused,
    awaitingApproval: null,
  }
}

function templateChoices(library: TemplateLibrary, intent: Intent, language: string, order: OrderContext | null): TemplateChoiceInput[] {
  return selectTemplates({
    library,
    intent,
    buyerLanguage: language,
    allowedPaths: replyPathsFromActions(order?.allowedMessagingActions ?? []),
    conversationInitiatedBy: 'buyer',
  }).map((choice) => ({
    id: choice.template.id,
    title: choice.template.title,
    path: choice.paths[0]!,
    rank: choice.rank,
    languageFallback: choice.languageFallback,
  }))
}

/**
 * Whom the conversation's manager and on-call cards reached: DM cards by the person's name (a DM whose user id
 * is no longer in the config by that id), manager channels counted. In the order the cards were planned.
 */
async function reachedBy(db: DbOrTrx, people: readonly CardPerson[], conversationId: string): Promise<{ managers: { people: string[]; channels: number }; paged: string[] }> {
  const cards = await db
    .selectFrom('cards')
    .select(['kind', 'platform', 'channel'])
    .where('conversation_id', '=', conversationId)
    .where('kind', 'in', ['manager', 'oncall'])
    .orderBy('created_at')
    .orderBy('id')
    .execute()
  const managers = { people: [] as string[], channels: 0 }
  const paged: string[] = []
  for (const card of cards) {
    const recipient = cardRecipient(card.channel)
    if (recipient.kind === 'channel') {
      if (card.kind === 'manager') managers.channels += 1
      continue
    }
    const name = people.find((person) => person[card.platform as Platform] === recipient.id)?.name ?? recipient.id
    const names = card.kind === 'manager' ? managers.people : paged
    if (!names.includes(name)) names.push(name)
  }
  return { managers, paged }
}
