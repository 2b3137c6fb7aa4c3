import type { ColumnType } from 'kysely'
import type { CreatedAt, Generated, Timestamp } from './common.ts'

export type StoredReplyState = 'awaiting-approval' | 'queued' | 'sending' | 'sent' | 'failed' | 'unconfirmed' | 'rejected'

export interface RepliesTable {
  id: Generated<string>
  conversation_id: string
  /** Conversation + command id: persisted before sending so a retry finds the first attempt. */
  idempotency_key: string
  /** The buyer message this reply answers; at most one live reply per message (unique index). */
  answers_message_id: string | null
  template_id: string | null
  path: string
  language: string | null
  subject: string | null
  text: string
  state: StoredReplyState
  requested_by: string
  approved_by: string | null
  decided_at: Timestamp | null
  rejection_reason: string | null
  provider_id: string | null
  failure_reason: string | null
  /** Why a queued reply is not moving yet, e.g. `waiting: paused` (migration 0002). */
  note: ColumnType<string | null, string | null | undefined, string | null>
  attempts: ColumnType<number, number | undefined, number>
  sent_by: string | null
  sent_at: Timestamp | null
  created_at: CreatedAt
  updated_at: CreatedAt
}
