import type { DbOrTrx } from '../schema.ts'

export interface MessageWithAttachments {
  id: string
  receivedAt: Date
  subject: string
  text: string
  attachments: { id: string; filename: string; contentType: string; size: number; stored: boolean }[]
}

export async function listMessagesOfConversation(db: DbOrTrx, conversationId: string): Promise<MessageWithAttachments[]> {
  const messages = await db
    .selectFrom('buyer_messages')
    .select(['id', 'received_at', 'subject', 'text'])
    .where('conversation_id', '=', conversationId)
    .orderBy('received_at')
    .orderBy('id')
    .execute()
  if (messages.length === 0) return []
  const attachments = await db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'filename', 'content_type', 'size'])
    .select((eb) => eb('content', 'is not', null).as('stored'))
    .where(
      'message_id',
      'in',
      messages.map((m) => m.id),
    )
    .execute()
  return messages.map((m) => ({
    id: m.id,
    receivedAt: m.received_at,
    subject: m.subject,
    text: m.text,
    attachments: attachments
      .filter((a) => a.message_id === m.id)
      .map((a) => ({ id: a.id, filename: a.filename, contentType: a.content_type, size: a.size, stored: Boolean(a.stored) })),
  }))
}
