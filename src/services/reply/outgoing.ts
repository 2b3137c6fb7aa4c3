import type { ReplyRow } from '../../db/repos/replies.ts'
import { marketplaceByCode } from '../../domain/marketplaces.ts'
import type { OutgoingReply } from '../../domain/reply.ts'
import type { ReplyPath } from '../../domain/vocabulary.ts'
import type { LatestMessage, ReplyContext } from './context.ts'

/** Ingest names mail without a Message-ID by a hash of its bytes; that is not something to thread to. */
function isRealMessageId(id: string): boolean {
  return !id.startsWith('sha256:') && id.includes('@')
}

/** The reply as a sender needs it: e-mail threading to the Amazon e-mail it answers, or order + marketplace. */
export function buildOutgoing(row: ReplyRow, context: ReplyContext, answered: LatestMessage | null): OutgoingReply & { path: ReplyPath } {
  const path = row.path as ReplyPath
  const inReplyTo = answered && isRealMessageId(answered.sourceMessageId) ? answered.sourceMessageId : null
  const references = answered ? answered.references.filter(isRealMessageId) : []
  if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo)
  const isEmail = path === 'email'
  const subject = row.subject ?? (answered?.subject || context.conversation.subject || null)
  return {
    replyId: row.id,
    path,
    text: row.text,
    to: isEmail ? context.conversation.buyer_alias : null,
    subject: isEmail ? subject : null,
    inReplyTo: isEmail ? inReplyTo : null,
    references: isEmail ? references : [],
    orderId: context.conversation.order_id,
    marketplaceId: marketplaceByCode(context.conversation.marketplace)?.id ?? null,
  }
}
