import type { CreatedAt, Timestamp } from './common.ts'

export type IntegrationState = 'ok' | 'failing' | 'down' | 'disabled' | 'standby' | 'starting'

/** Last known health of each integration, shared by every replica (for /readyz and the console). */
export interface IntegrationStatusTable {
  name: string
  state: IntegrationState
  detail: string | null
  last_success_at: Timestamp | null
  last_failure_at: Timestamp | null
  last_error: string | null
  updated_at: CreatedAt
}
