import type { ReplyPath } from './vocabulary.ts'

/** A reply ready to leave: rendered, linted, authorised and persisted. */
export interface OutgoingReply {
  replyId: string
  path: ReplyPath
  text: string
  /** E-mail path: the buyer alias, the subject and the Amazon e-mail it answers. */
  to: string | null
  subject: string | null
  inReplyTo: string | null
  references: string[]
  /** SP-API path: order and marketplace id. */
  orderId: string | null
  marketplaceId: string | null
}

export type DeliveryOutcome =
  | { outcome: 'sent'; providerId: string | null }
  /** `transient` failures may be retried by the queue; permanent ones wait for a human. */
  | { outcome: 'failed'; reason: string; transient: boolean }
  /** The request left but no answer came: never re-sent automatically. */
  | { outcome: 'unconfirmed'; reason: string }
