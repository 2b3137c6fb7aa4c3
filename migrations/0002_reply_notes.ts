import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add the next one instead.

/** A short, visible note on a reply that is waiting or being retried ("waiting: paused"). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('replies').addColumn('note', 'text').execute()
  // The stale-send sweep looks for replies left in `sending`.
  await db.schema.createIndex('replies_state_updated').on('replies').columns(['state', 'updated_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('replies_state_updated').ifExists().execute()
  await db.schema.alterTable('replies').dropColumn('note').execute()
}
