import type { ColumnType } from 'kysely'
import type { CreatedAt, Timestamp } from './common.ts'

/** IMAP progress and the lease that lets one replica poll a mailbox at a time. */
export interface MailboxCursorsTable {
  mailbox_key: string
  uid_validity: string | null
  last_uid: ColumnType<string, number | string | undefined, number | string>
  lease_holder: string | null
  lease_expires_at: Timestamp | null
  updated_at: CreatedAt
}
