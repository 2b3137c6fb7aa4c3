import type { CreatedAt, Generated } from './common.ts'

export type InboundMailStatus = 'unparseable' | 'resolved' | 'discarded'

/** Mail that looked like a buyer message but could not be parsed, kept raw for the operator. */
export interface InboundMailsTable {
  id: Generated<string>
  source_message_id: string
  origin: string
  status: InboundMailStatus
  error: string
  raw: Buffer
  received_at: CreatedAt
}
