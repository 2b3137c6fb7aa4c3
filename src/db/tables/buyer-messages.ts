import type { ColumnType } from 'kysely'
import type { CreatedAt, Generated, Timestamp } from './common.ts'

export interface BuyerMessagesTable {
  id: Generated<string>
  conversation_id: string
  /** RFC 822 Message-ID, or `sha256:<hex>` of the raw mail: the dedupe key of ingest. */
  source_message_id: string
  origin: string
  received_at: Timestamp
  subject: ColumnType<string, string | undefined, string>
  text: string
  asin: string | null
  product_title: string | null
  references: ColumnType<string[], string[] | undefined, string[]>
  created_at: CreatedAt
}
