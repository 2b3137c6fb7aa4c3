import type { Selectable } from 'kysely'
import type { DbOrTrx } from '../schema.ts'
import type { CommandsTable } from '../tables/commands.ts'

export type CommandRow = Selectable<CommandsTable>

export interface AuditEntry {
  conversationId: string | null
  platform: string
  actorId: string
  actorName: string | null
  action: string
  payload: Record<string, unknown>
  /** A retried delivery with the same key is recorded once. */
  idempotencyKey: string | null
  outcome: string
  error?: string | null
  at: Date
}

/** Appends one line to the audit log; false when this key was recorded before. */
export async function recordCommand(db: DbOrTrx, entry: AuditEntry): Promise<boolean> {
  const inserted = await db
    .insertInto('commands')
    .values({
      conversation_id: entry.conversationId,
      platform: entry.platform,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      action: entry.action,
      payload: JSON.stringify(entry.payload),
      idempotency_key: entry.idempotencyKey,
      outcome: entry.outcome,
      error: entry.error ?? null,
      created_at: entry.at,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

export async function listCommandsOfConversation(db: DbOrTrx, conversationId: string): Promise<CommandRow[]> {
  return db.selectFrom('commands').selectAll().where('conversation_id', '=', conversationId).orderBy('created_at').orderBy('id').execute()
}
