// Which conversation and which posted card an interaction is about. Slack echoes a button's `value` and a
// block's `block_id` back in `block_actions`, so both carry this small JSON; the lead's services never have to
// look the card up by channel and timestamp.

import { z } from 'zod'
import { AppError } from '../../src/domain/errors.ts'
import { SLACK_LIMITS } from './limits.ts'

export interface CardRef {
  conversationId: string
  cardId: string
}

const cardRefJson = z.object({ c: z.string().min(1), k: z.string() })

/** Ids are database keys (UUIDs); this bound keeps the ref inside a block_id with its prefix. */
export const MAX_CARD_REF_LENGTH = 200

export function encodeCardRef(ref: CardRef): string {
  const encoded = JSON.stringify({ c: ref.conversationId, k: ref.cardId })
  if (encoded.length > MAX_CARD_REF_LENGTH) {
    throw new AppError('SLACK_CARD_REF_TOO_LONG', 'conversation and card ids do not fit in a Slack action value', {
      length: encoded.length,
      limit: MAX_CARD_REF_LENGTH,
    })
  }
  return encoded
}

export function decodeCardRef(value: string | null | undefined): CardRef | null {
  if (!value || value.length > SLACK_LIMITS.buttonValue) return null
  try {
    const parsed = cardRefJson.safeParse(JSON.parse(value))
    return parsed.success ? { conversationId: parsed.data.c, cardId: parsed.data.k } : null
  } catch {
    return null
  }
}

/** A block_id carrying the ref after a purpose prefix (`bb.templates|{…}`); block ids must differ per block. */
export function refBlockId(prefix: string, ref: CardRef): string {
  return `${prefix}|${encodeCardRef(ref)}`
}

export function decodeRefBlockId(blockId: string | null | undefined): CardRef | null {
  if (!blockId) return null
  const bar = blockId.indexOf('|')
  return bar < 0 ? null : decodeCardRef(blockId.slice(bar + 1))
}

/** Where a posted card lives: Slack answers a post to a user id (U…) with the DM's own channel id (D…). */
export interface SlackMessageRef {
  channel: string
  ts: string
}

/**
 * The card row's external ref for a posted message: the bare `ts` when it is in the channel the card was
 * addressed to (as stored before DMs were supported), `<channel>:<ts>` otherwise, since chat.update and
 * thread replies need the DM's channel id, not the user id the card was addressed to.
 */
export function encodeMessageRef(addressedTo: string, posted: SlackMessageRef): string {
  return posted.channel === addressedTo ? posted.ts : `${posted.channel}:${posted.ts}`
}

export function decodeMessageRef(addressedTo: string, externalRef: string): SlackMessageRef {
  const colon = externalRef.indexOf(':')
  return colon < 0 ? { channel: addressedTo, ts: externalRef } : { channel: externalRef.slice(0, colon), ts: externalRef.slice(colon + 1) }
}
