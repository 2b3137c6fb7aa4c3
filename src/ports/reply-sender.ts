import type { DeliveryOutcome, OutgoingReply } from '../domain/reply.ts'

export interface ReplySender {
  /** Never throws for a delivery problem: every result is a DeliveryOutcome. */
  send(reply: OutgoingReply): Promise<DeliveryOutcome>
}
