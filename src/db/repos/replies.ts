import type { Selectable } from 'kysely'
import type { DbOrTrx } from '../schema.ts'
import type { RepliesTable } from '../tables/replies.ts'

export type ReplyRow = Selectable<RepliesTable>

export async function listRepliesOfConversation(db: DbOrTrx, conversationId: string): Promise<ReplyRow[]> {
  return db.selectFrom('replies').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute()
}
