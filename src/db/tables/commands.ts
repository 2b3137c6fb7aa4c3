import type { ColumnType } from 'kysely'
import type { CreatedAt, Generated } from './common.ts'

/** The audit log: every action taken on a card, by whom, from where. */
export interface CommandsTable {
  id: Generated<string>
  conversation_id: string | null
  platform: string
  actor_id: string
  actor_name: string | null
  action: string
  payload: ColumnType<unknown, string | undefined, string>
  /** The platform's delivery id, so a retried webhook is processed once. */
  idempotency_key: string | null
  outcome: ColumnType<string, string | undefined, string>
  error: string | null
  created_at: CreatedAt
}
