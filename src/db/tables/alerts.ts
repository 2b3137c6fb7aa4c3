import type { ColumnType } from 'kysely'
import type { CreatedAt, Generated, Timestamp } from './common.ts'

export interface AlertsTable {
  id: Generated<string>
  store_id: string
  /** Stable key of the condition, so an unchanged report raises no second alert. */
  dedupe_key: string
  kind: string
  severity: 'critical' | 'warning' | 'info'
  marketplace_id: string | null
  payload: ColumnType<unknown, string, string>
  created_at: CreatedAt
  resolved_at: Timestamp | null
}
