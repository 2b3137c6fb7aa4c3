import type { CreatedAt, Generated } from './common.ts'

export type AckSubject = 'conversation' | 'alert' | 'page' | 'escalation'

/** The first acknowledgement of a subject wins (unique on subject). */
export interface AcknowledgementsTable {
  id: Generated<string>
  subject_type: AckSubject
  subject_id: string
  platform: string
  actor_id: string
  actor_name: string | null
  created_at: CreatedAt
}
