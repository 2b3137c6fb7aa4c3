import type { ColumnType } from 'kysely'
import type { CreatedAt } from './common.ts'

export interface StoresTable {
  id: string
  name: string
  region: string | null
  marketplaces: ColumnType<string[], string[] | undefined, string[]>
  listen_only: ColumnType<boolean, boolean | undefined, boolean>
  created_at: CreatedAt
  updated_at: CreatedAt
}
