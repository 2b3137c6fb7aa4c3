import type { ColumnType } from 'kysely'
import type { CreatedAt } from './common.ts'

/** Run-time switches shared by every replica (e.g. `sending.paused`). */
export interface SettingsTable {
  key: string
  value: ColumnType<unknown, string, string>
  updated_by: string | null
  updated_at: CreatedAt
}
