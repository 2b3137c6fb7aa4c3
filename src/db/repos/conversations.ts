import type { Selectable } from 'kysely'
import type { ConversationState } from '../../domain/vocabulary.ts'
import type { DbOrTrx } from '../schema.ts'
import type { ConversationsTable } from '../tables/conversations.ts'

export type ConversationRow = Selectable<ConversationsTable>

export interface ConversationFilter {
  state?: ConversationState
  storeId?: string
  marketplace?: string
  assignee?: string
  limit: number
  /** Keyset pagination: rows strictly older than this `last_message_at`/id pair. */
  before?: { lastMessageAt: Date; id: string }
}

export async function listConversations(db: DbOrTrx, filter: ConversationFilter): Promise<ConversationRow[]> {
  let query = db.selectFrom('conversations').selectAll()
  if (filter.state) query = query.where('state', '=', filter.state)
  if (filter.storeId) query = query.where('store_id', '=', filter.storeId)
  if (filter.marketplace) query = query.where('marketplace', '=', filter.marketplace)
  if (filter.assignee) query = query.where('assignee', '=', filter.assignee)
  if (filter.before) {
    const { lastMessageAt, id } = filter.before
    query = query.where((eb) =>
      eb.or([eb('last_message_at', '<', lastMessageAt), eb.and([eb('last_message_at', '=', lastMessageAt), eb('id', '<', id)])]),
    )
  }
  return query.orderBy('last_message_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute()
}

export async function findConversation(db: DbOrTrx, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst()
}
