import { findConversation } from '../../db/repos/conversations.ts'
import type { Db } from '../../db/schema.ts'
import { isAppError } from '../../domain/errors.ts'
import { marketplaceByCode } from '../../domain/marketplaces.ts'
import type { OrderContext } from '../../domain/order.ts'
import type { Clock } from '../../ports/clock.ts'
import type { PortLogger } from '../../ports/logger.ts'
import type { OrderContextSource } from '../../ports/order-context.ts'

export interface EnrichDeps {
  db: Db
  clock: Clock
  logger: PortLogger
  /** The order-context source of a store, or null when the store has no SP-API access. */
  sourceFor(storeId: string): OrderContextSource | null
  /** How long a stored context is reused before SP-API is asked again. */
  ttlMs: number
}

export type EnrichOutcome = 'enriched' | 'cached' | 'no-order' | 'no-source' | 'order-unknown'

/**
 * Best effort: adds SP-API order context (status, items, allowed messaging actions, buyer locale) to a
 * conversation. Throttling, outages and timeouts throw so the job retries with backoff; an order Amazon does
 * not know is recorded and not retried. The card never waits for this.
 */
export async function enrichConversation(deps: EnrichDeps, conversationId: string): Promise<EnrichOutcome> {
  const conversation = await findConversation(deps.db, conversationId)
  if (!conversation?.order_id) return 'no-order'
  const source = deps.sourceFor(conversation.store_id)
  const marketplace = marketplaceByCode(conversation.marketplace)
  if (!source || !marketplace) return 'no-source'

  const now = deps.clock.now()
  const cached = await deps.db
    .selectFrom('order_contexts')
    .select(['context', 'fetched_at'])
    .where('store_id', '=', conversation.store_id)
    .where('order_id', '=', conversation.order_id)
    .executeTakeFirst()
  if (cached && now.getTime() - cached.fetched_at.getTime() < deps.ttlMs) {
    await attach(deps.db, conversationId, cached.context, cached.fetched_at)
    return 'cached'
  }

  let context: OrderContext
  try {
    context = await source.getOrderContext(conversation.store_id, conversation.order_id, marketplace.id)
  } catch (error) {
    if (isAppError(error, 'SPAPI_NOT_FOUND')) {
      deps.logger.warn({ conversationId, orderId: conversation.order_id }, 'Amazon does not know this order; no order context')
      return 'order-unknown'
    }
    throw error
  }
  const json = JSON.stringify(context)
  await deps.db
    .insertInto('order_contexts')
    .values({ store_id: conversation.store_id, order_id: conversation.order_id, context: json, fetched_at: context.fetchedAt })
    .onConflict((oc) => oc.columns(['store_id', 'order_id']).doUpdateSet({ context: json, fetched_at: context.fetchedAt }))
    .execute()
  await attach(deps.db, conversationId, context, context.fetchedAt)
  return 'enriched'
}

async function attach(db: Db, conversationId: string, context: unknown, fetchedAt: Date): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ order_context: JSON.stringify(context), order_context_at: fetchedAt })
    .where('id', '=', conversationId)
    .execute()
}
