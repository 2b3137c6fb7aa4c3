import type { ColumnType } from 'kysely'
import type { CreatedAt, Generated, Timestamp } from './common.ts'

export type TimerState = 'scheduled' | 'fired' | 'cancelled'

/** The visible side of a delayed job: what is due, for what, and whether it fired or was cancelled. */
export interface TimersTable {
  id: Generated<string>
  dedupe_key: string
  kind: string
  subject_type: string
  subject_id: string
  due_at: Timestamp
  state: ColumnType<TimerState, TimerState | undefined, TimerState>
  job_id: string | null
  payload: ColumnType<unknown, string | undefined, string>
  created_at: CreatedAt
  fired_at: Timestamp | null
}
