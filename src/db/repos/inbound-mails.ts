import type { Selectable } from 'kysely'
import type { DbOrTrx } from '../schema.ts'
import type { InboundMailsTable } from '../tables/inbound-mails.ts'

export type InboundMailRow = Selectable<InboundMailsTable>

/** Keeps a mail that could not be parsed, raw, for the operator. Returns false when it was already kept. */
export async function keepUnparseableMail(
  db: DbOrTrx,
  mail: { sourceMessageId: string; origin: string; error: string; raw: Buffer },
): Promise<boolean> {
  const inserted = await db
    .insertInto('inbound_mails')
    .values({ source_message_id: mail.sourceMessageId, origin: mail.origin, status: 'unparseable', error: mail.error, raw: mail.raw })
    .onConflict((oc) => oc.column('source_message_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted !== undefined
}

export async function listUnparseableMails(db: DbOrTrx, limit: number): Promise<Omit<InboundMailRow, 'raw'>[]> {
  return db
    .selectFrom('inbound_mails')
    .select(['id', 'source_message_id', 'origin', 'status', 'error', 'received_at'])
    .where('status', '=', 'unparseable')
    .orderBy('received_at', 'desc')
    .limit(limit)
    .execute()
}
