import type { ColumnType } from 'kysely'
import type { Generated, Timestamp } from './common.ts'

export interface HealthSnapshotsTable {
  id: Generated<string>
  store_id: string
  taken_at: Timestamp
  snapshot: ColumnType<unknown, string, string>
}
