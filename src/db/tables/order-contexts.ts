import type { ColumnType } from 'kysely'
import type { Timestamp } from './common.ts'

/** Cache of SP-API order context per store and order, with its fetch time for the TTL. */
export interface OrderContextsTable {
  store_id: string
  order_id: string
  context: ColumnType<unknown, string, string>
  fetched_at: Timestamp
}
