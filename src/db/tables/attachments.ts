import type { Generated } from './common.ts'

export interface AttachmentsTable {
  id: Generated<string>
  message_id: string
  filename: string
  content_type: string
  size: number
  /** Kept only up to the configured size. */
  content: Buffer | null
}
