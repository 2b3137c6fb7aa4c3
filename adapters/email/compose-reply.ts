import type { OutgoingReply } from '../../src/domain/reply.ts'
import { MARKETPLACES } from '../../src/domain/marketplaces.ts'
import { maskAddress, replyMessageId, type SenderAddress } from './addresses.ts'

/** The e-mail a reply becomes: plain text, threaded to the Amazon e-mail it answers. */
export interface ComposedReply {
  from: SenderAddress
  to: string
  subject: string
  text: string
  messageId: string
  inReplyTo: string | null
  references: string[]
}

export type ComposeResult = { ok: true; mail: ComposedReply } | { ok: false; reason: string }

/** Amazon relays mail to buyers only through these alias domains; anything else is not a buyer alias. */
export const BUYER_ALIAS_DOMAINS: readonly string[] = MARKETPLACES.map((mp) => mp.aliasDomain)

const REPLY_PREFIX = /^(re|aw|sv|antw|rif|res|odp|ynt|回复|答复|回覆)\s*[:：]/i
const IMPORTANT_TAG = /^\[important\]\s*/i
const ADDRESS = /^[^\s@<>()",;:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/
const MESSAGE_ID = /^<?([^\s<>]+@[^\s<>]+)>?$/

/**
 * `RE: <original subject>`, unless the subject already is a reply (`Re:`, `AW:`, `答复:` …). A leading
 * `[Important]` tag, which the caller adds for critical messages, stays in front where Amazon looks for it.
 */
export function replySubject(subject: string): string {
  const cleaned = subject.replace(/[\r\n\t]+/g, ' ').replace(/ {2,}/g, ' ').trim()
  const tag = IMPORTANT_TAG.exec(cleaned)
  const rest = tag ? cleaned.slice(tag[0].length) : cleaned
  const reply = REPLY_PREFIX.test(rest) ? rest : `RE: ${rest}`
  return tag ? `[Important] ${reply}` : reply
}

/** Checks an outgoing reply and turns it into the e-mail to send; a refusal says which field is wrong. */
export function composeReply(
  reply: OutgoingReply,
  sender: SenderAddress,
  recipientDomains: readonly string[] = BUYER_ALIAS_DOMAINS,
): ComposeResult {
  if (reply.path !== 'email') return refuse(`reply path is ${reply.path}, not email`)
  const to = reply.to?.trim() ?? ''
  if (!ADDRESS.test(to)) return refuse('the reply has no valid buyer alias address (to)')
  const domain = to.slice(to.lastIndexOf('@') + 1).toLowerCase()
  if (recipientDomains.length > 0 && !recipientDomains.includes(domain)) {
    return refuse(`${maskAddress(to)} is not an Amazon buyer alias (…@marketplace.amazon.<tld>)`)
  }
  if (!reply.subject?.trim()) return refuse('the reply has no subject')
  const text = reply.text.replace(/\r\n?/g, '\n')
  if (!text.trim()) return refuse('the reply text is empty')
  const inReplyTo = reply.inReplyTo === null ? null : normaliseMessageId(reply.inReplyTo)
  if (inReplyTo === undefined) return refuse('inReplyTo is not a Message-ID')
  const references: string[] = []
  for (const reference of reply.references) {
    const id = normaliseMessageId(reference)
    if (id === undefined) return refuse('references contain something that is not a Message-ID')
    if (!references.includes(id)) references.push(id)
  }
  if (inReplyTo !== null && !references.includes(inReplyTo)) references.push(inReplyTo)
  return {
    ok: true,
    mail: {
      from: sender,
      to,
      subject: replySubject(reply.subject),
      text,
      messageId: replyMessageId(reply.replyId, sender.domain),
      inReplyTo,
      references,
    },
  }
}

function normaliseMessageId(value: string): string | undefined {
  const match = MESSAGE_ID.exec(value.trim())
  return match?.[1] ? `<${match[1]}>` : undefined
}

function refuse(reason: string): ComposeResult {
  return { ok: false, reason }
}
