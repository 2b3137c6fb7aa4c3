import { z } from 'zod'
import type { ConversationRow } from '../../db/repos/conversations.ts'
import type { DbOrTrx } from '../../db/schema.ts'
import { AppError } from '../../domain/errors.ts'
import { marketplaceByCode } from '../../domain/marketplaces.ts'
import { replyPathsFromActions } from '../../domain/templates/index.ts'
import type { ReplyPath } from '../../domain/vocabulary.ts'

/** Everything about a conversation a reply needs: the row, its store, the message it answers, the order. */
export interface ReplyContext {
  conversation: ConversationRow
  store: { id: string; name: string; listenOnly: boolean }
  /** The latest buyer message: the one a reply answers. */
  latestMessage: LatestMessage | null
  order: StoredOrderContext | null
  /** Buyer language (ISO 639-1): the conversation's detected language, else the marketplace's. */
  buyerLanguage: string
}

export interface LatestMessage {
  id: string
  sourceMessageId: string
  receivedAt: Date
  subject: string
  references: string[]
  asin: string | null
  productTitle: string | null
}

// The order context as ingest stores it (JSON of the domain OrderContext); read leniently, it is a cache.
const isoDate = z.preprocess((v) => (typeof v === 'string' || v instanceof Date ? new Date(v) : null), z.date().nullable()).catch(null)
const storedOrderSchema = z.object({
  status: z.string().catch(''),
  latestShipDate: isoDate.optional(),
  latestDeliveryDate: isoDate.optional(),
  items: z.array(z.object({ title: z.string(), asin: z.string() }).loose()).catch([]),
  allowedMessagingActions: z.array(z.string()).catch([]),
  buyerLocale: z.string().nullable().catch(null),
})
export type StoredOrderContext = z.infer<typeof storedOrderSchema>

export async function loadReplyContext(db: DbOrTrx, conversationId: string): Promise<ReplyContext> {
  const conversation = await db.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirst()
  if (!conversation) throw new AppError('CONVERSATION_NOT_FOUND', `no conversation ${conversationId}`, { conversationId })
  const store = await db.selectFrom('stores').select(['id', 'name', 'listen_only']).where('id', '=', conversation.store_id).executeTakeFirstOrThrow()
  const message = await messageQuery(db).where('conversation_id', '=', conversationId).orderBy('received_at', 'desc').orderBy('created_at', 'desc').limit(1).executeTakeFirst()
  const parsedOrder = conversation.order_context == null ? null : storedOrderSchema.safeParse(conversation.order_context)
  const language = conversation.language?.toLowerCase().split(/[-_]/)[0]
  return {
    conversation,
    store: { id: store.id, name: store.name, listenOnly: store.listen_only },
    latestMessage: message ? toMessage(message) : null,
    order: parsedOrder?.success ? parsedOrder.data : null,
    buyerLanguage: language || marketplaceByCode(conversation.marketplace)?.language || 'en',
  }
}

function messageQuery(db: DbOrTrx) {
  return db.selectFrom('buyer_messages').select(['id', 'source_message_id', 'received_at', 'subject', 'references', 'asin', 'product_title'])
}

function toMessage(row: Awaited<ReturnType<ReturnType<typeof messageQuery>['executeTakeFirstOrThrow']>>): LatestMessage {
  return {
    id: row.id,
    sourceMessageId: row.source_message_id,
    receivedAt: row.received_at,
    subject: row.subject,
    references: row.references,
    asin: row.asin,
    productTitle: row.product_title,
  }
}

/** A buyer message by id (the one a reply answers, which may no longer be the latest). */
export async function loadMessage(db: DbOrTrx, id: string): Promise<LatestMessage | null> {
  const row = await messageQuery(db).where('id', '=', id).executeTakeFirst()
  return row ? toMessage(row) : null
}

/**
 * Paths a reply may take for this conversation now. Conversations start with a buyer message, so the e-mail
 * relay always answers; SP-API actions come from the order's cached allowed list (the sender asks Amazon
 * again at send time).
 */
export function availablePaths(context: ReplyContext): ReplyPath[] {
  const paths: ReplyPath[] = context.latestMessage ? ['email'] : []
  if (context.conversation.order_id && context.order) paths.push(...replyPathsFromActions(context.order.allowedMessagingActions))
  return paths
}

export function listenOnlyReason(context: Pick<ReplyContext, 'store'>): string | null {
  return context.store.listenOnly
    ? `store ${context.store.name} is in listen-only mode: cards and escalations work, but nothing is sent to buyers`
    : null
}
