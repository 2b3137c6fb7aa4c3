import type { ColumnType } from 'kysely'
import type { ConversationState } from '../../domain/vocabulary.ts'
import type { CreatedAt, Generated, Timestamp } from './common.ts'

export interface ConversationsTable {
  id: Generated<string>
  store_id: string
  buyer_alias: string
  buyer_name: string | null
  order_id: string | null
  marketplace: string
  subject: ColumnType<string, string | undefined, string>
  language: string | null
  intent: string | null
  intent_confidence: number | null
  risk_score: ColumnType<number, number | undefined, number>
  risk_flags: ColumnType<string[], string[] | undefined, string[]>
  state: ColumnType<ConversationState, ConversationState | undefined, ConversationState>
  assignee: string | null
  sla_due_at: Timestamp | null
  after_hours: ColumnType<boolean, boolean | undefined, boolean>
  paged_at: Timestamp | null
  escalated_at: Timestamp | null
  escalated_by: string | null
  escalation_reason: string | null
  acknowledged_at: Timestamp | null
  acknowledged_by: string | null
  message_count: ColumnType<number, number | undefined, number>
  /** When the latest buyer message was received (the SLA clock starts here). */
  last_message_at: CreatedAt
  last_reply_at: Timestamp | null
  closed_at: Timestamp | null
  closed_by: string | null
  order_context: ColumnType<unknown, string | null | undefined, string | null>
  order_context_at: Timestamp | null
  created_at: CreatedAt
  updated_at: CreatedAt
}
