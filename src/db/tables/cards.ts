import type { ColumnType } from 'kysely'
import type { CreatedAt, Generated, Timestamp } from './common.ts'

export type CardKind = 'agent' | 'manager' | 'oncall' | 'alert' | 'summary'
/** `posting` is the claim of the one worker posting the card, so replicas never post it twice. */
export type CardState = 'pending' | 'posting' | 'posted' | 'failed'

/** One row per conversation (or alert) × platform × channel × kind: a card is posted once. */
export interface CardsTable {
  id: Generated<string>
  conversation_id: string | null
  alert_id: string | null
  kind: CardKind
  platform: string
  channel: string
  ui_language: ColumnType<string, string | undefined, string>
  /** The platform's id of the posted message (Slack ts, Feishu message_id, DingTalk outTrackId). */
  external_ref: string | null
  thread_ref: string | null
  state: ColumnType<CardState, CardState | undefined, CardState>
  /** Bumped on every change; the posting job renders only when version > rendered_version. */
  version: ColumnType<number, number | undefined, number>
  rendered_version: ColumnType<number, number | undefined, number>
  last_error: string | null
  posted_at: Timestamp | null
  created_at: CreatedAt
  updated_at: CreatedAt
}
