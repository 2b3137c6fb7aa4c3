import type { Insertable, Selectable, Updateable } from 'kysely'
import type { DbOrTrx } from '../schema.ts'
import type { RepliesTable, StoredReplyState } from '../tables/replies.ts'

export type ReplyRow = Selectable<RepliesTable>
export type NewReply = Insertable<RepliesTable>

/** States in which a reply holds its buyer message: a second reply to the same message is refused. */
export const LIVE_REPLY_STATES: readonly StoredReplyState[] = ['awaiting-approval', 'queued', 'sending', 'sent', 'unconfirmed']

export async function listRepliesOfConversation(db: DbOrTrx, conversationId: string): Promise<ReplyRow[]> {
  return db.selectFrom('replies').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute()
}

export async function findReply(db: DbOrTrx, id: string): Promise<ReplyRow | undefined> {
  return db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Reads the reply and locks it until the transaction ends (every state change goes through this). */
export async function lockReply(trx: DbOrTrx, id: string): Promise<ReplyRow | undefined> {
  return trx.selectFrom('replies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/**
 * Inserts the reply unless its idempotency key is taken or its buyer message already has a live reply
 * (`replies_one_live_answer`). Returns undefined when another row won; a concurrent insert is waited for.
 */
export async function insertReplyIfFree(trx: DbOrTrx, reply: NewReply): Promise<ReplyRow | undefined> {
  return trx.insertInto('replies').values(reply).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst()
}

export async function findReplyByIdempotencyKey(db: DbOrTrx, key: string): Promise<ReplyRow | undefined> {
  return db.selectFrom('replies').selectAll().where('idempotency_key', '=', key).executeTakeFirst()
}

/** The reply currently holding a buyer message, if any. */
export async function findLiveReplyForMessage(db: DbOrTrx, messageId: string): Promise<ReplyRow | undefined> {
  return db
    .selectFrom('replies')
    .selectAll()
    .where('answers_message_id', '=', messageId)
    .where('state', 'in', [...LIVE_REPLY_STATES])
    .executeTakeFirst()
}

export async function updateReply(trx: DbOrTrx, id: string, changes: Updateable<RepliesTable>, at: Date): Promise<ReplyRow> {
  return trx.updateTable('replies').set({ ...changes, updated_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** Replies left in `sending` since before `olderThan`: their sender call died with its process. */
export async function listStaleSendingReplies(db: DbOrTrx, olderThan: Date, limit = 100): Promise<ReplyRow[]> {
  return db
    .selectFrom('replies')
    .selectAll()
    .where('state', '=', 'sending')
    .where('updated_at', '<', olderThan)
    .orderBy('updated_at')
    .limit(limit)
    .execute()
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
}
