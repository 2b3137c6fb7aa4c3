import { sql } from 'kysely'
import type { MailboxCursor, MailboxCursorStore } from '../../ports/mailbox-cursor.ts'
import type { Clock } from '../../ports/clock.ts'
import type { Db } from '../schema.ts'

/** IMAP progress and the single-poller lease, shared by every replica through the database. */
export function mailboxCursorStore(db: Db, clock: Clock): MailboxCursorStore {
  return {
    async load(mailboxKey) {
      const row = await db.selectFrom('mailbox_cursors').select(['uid_validity', 'last_uid']).where('mailbox_key', '=', mailboxKey).executeTakeFirst()
      return row?.uid_validity ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : null
    },
    async save(mailboxKey, cursor: MailboxCursor) {
      await db
        .insertInto('mailbox_cursors')
        .values({ mailbox_key: mailboxKey, uid_validity: cursor.uidValidity, last_uid: cursor.lastUid, updated_at: clock.now() })
        .onConflict((oc) => oc.column('mailbox_key').doUpdateSet({ uid_validity: cursor.uidValidity, last_uid: cursor.lastUid, updated_at: clock.now() }))
        .execute()
    },
    // One conditional upsert: the row is taken only when free, expired or already ours.
    async tryAcquireLease(mailboxKey, holderId, ttlMs) {
      const now = clock.now()
      const expires = new Date(now.getTime() + ttlMs)
      const row = await db
        .insertInto('mailbox_cursors')
        .values({ mailbox_key: mailboxKey, lease_holder: holderId, lease_expires_at: expires, updated_at: now })
        .onConflict((oc) =>
          oc
            .column('mailbox_key')
            .doUpdateSet({ lease_holder: holderId, lease_expires_at: expires, updated_at: now })
            .where((eb) =>
              eb.or([
                eb('mailbox_cursors.lease_holder', 'is', null),
                eb('mailbox_cursors.lease_holder', '=', holderId),
                eb('mailbox_cursors.lease_expires_at', '<', sql<Date>`${now}`),
              ]),
            ),
        )
        .returning('lease_holder')
        .executeTakeFirst()
      return row?.lease_holder === holderId
    },
    async releaseLease(mailboxKey, holderId) {
      await db
        .updateTable('mailbox_cursors')
        .set({ lease_holder: null, lease_expires_at: null })
        .where('mailbox_key', '=', mailboxKey)
        .where('lease_holder', '=', holderId)
        .execute()
    },
  }
}
