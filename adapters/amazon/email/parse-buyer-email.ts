// Amazon's buyer-message notification e-mail → BuyerMessage. Never throws on bad input: a mail that is not
// a buyer message is `not-amazon`; one that looks like a buyer message but lacks an essential is
// `unparseable`, so the caller can keep the raw mail for the operator.

import { simpleParser } from 'mailparser'
import type { Attachment, ParsedMail } from 'mailparser'
import type { AttachmentMeta, BuyerMessage, ParseResult } from '../../../src/domain/message.ts'
import { marketplaceByAliasDomain } from '../../../src/domain/marketplaces.ts'
import { extractBuyerText, hasAmazonMarkers, layoutOf } from './buyer-text.ts'
import type { MessageLayout } from './buyer-text.ts'
import { htmlToPlainText } from './html-text.ts'
import {
  findBuyerAddress,
  isBounce,
  messageIdFromRawHeaders,
  messageIdOf,
  rawDigestId,
  referencesOf,
  senderDomain,
} from './mail-headers.ts'
import { findOrderDetails, isOrderDetailLine } from './order-details.ts'

export interface ParseBuyerEmailOptions {
  /** Attachments up to this size keep their content; larger ones keep only their metadata. */
  maxAttachmentBytes: number
  /** When the mail reached us; defaults to the mail's Date header, then the current time. */
  receivedAt?: Date
}

function toAttachmentMeta(attachment: Attachment, index: number, maxBytes: number): AttachmentMeta {
  const size = attachment.size || attachment.content.length
  return {
    filename: attachment.filename?.trim() || `attachment-${index + 1}`,
    contentType: (attachment.contentType || 'application/octet-stream').toLowerCase(),
    size,
    content: size <= maxBytes ? new Uint8Array(attachment.content) : null,
  }
}

/** The plain-text body to read: the text part, or the HTML part when only it carries Amazon's markers. */
function readableLayout(mail: ParsedMail): MessageLayout {
  const fromText = layoutOf(mail.text ?? '')
  if (!mail.html) return fromText
  const textIsEmpty = (mail.text ?? '').trim() === ''
  if (!textIsEmpty && hasAmazonMarkers(fromText)) return fromText
  const fromHtml = layoutOf(htmlToPlainText(mail.html))
  return textIsEmpty || hasAmazonMarkers(fromHtml) ? fromHtml : fromText
}

function receivedAtOf(mail: ParsedMail, opts: ParseBuyerEmailOptions): Date {
  if (opts.receivedAt) return opts.receivedAt
  if (mail.date && !Number.isNaN(mail.date.getTime())) return mail.date
  return new Date()
}

export async function parseAmazonBuyerEmail(raw: Buffer, opts: ParseBuyerEmailOptions): Promise<ParseResult> {
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(raw ?? [])
  let mail: ParsedMail
  try {
    mail = await simpleParser(bytes, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, keepCidLinks: true })
  } catch (error) {
    return {
      kind: 'unparseable',
      sourceMessageId: messageIdFromRawHeaders(bytes) ?? rawDigestId(bytes),
      error: `MIME structure could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
  try {
    return interpret(mail, bytes, opts)
  } catch (error) {
    // A defect of ours must not lose the mail either: it goes to the operator like any unparseable one.
    return {
      kind: 'unparseable',
      sourceMessageId: messageIdOf(mail, bytes),
      error: `parser failure: ${error instanceof Error ? error.message : String(error)}`,
    }
  }
}

function interpret(mail: ParsedMail, raw: Buffer, opts: ParseBuyerEmailOptions): ParseResult {
  const sourceMessageId = messageIdOf(mail, raw)
  if (isBounce(mail)) return { kind: 'not-amazon', reason: 'delivery status notification (bounce)' }

  const buyer = findBuyerAddress(mail)
  const layout = readableLayout(mail)
  if (!buyer && !hasAmazonMarkers(layout)) {
    const domain = senderDomain(mail)
    return {
      kind: 'not-amazon',
      reason: `${domain ? `sender domain ${domain} is not a marketplace.amazon.* buyer alias` : 'no sender address'} and the body has no Amazon message markers`,
    }
  }

  const marketplace = buyer ? marketplaceByAliasDomain(buyer.domain) : undefined
  const text = extractBuyerText(layout, isOrderDetailLine)
  const missing: string[] = []
  if (!buyer) missing.push('buyer alias (no …@marketplace.amazon.* address in From, Reply-To or Sender)')
  else if (!marketplace) missing.push(`marketplace (unknown alias domain ${buyer.domain})`)
  if (text === '') {
    missing.push(
      layout.beginLine >= 0 ? "buyer text (nothing of the buyer's between the message markers)" : 'buyer text (the body has no text of the buyer)',
    )
  }
  if (!buyer || !marketplace || missing.length > 0) {
    return { kind: 'unparseable', sourceMessageId, error: `missing ${missing.join('; ')}` }
  }

  const subject = (mail.subject ?? '').trim()
  const summaryLines = layout.beginLine >= 0 ? layout.lines.slice(0, layout.beginLine) : layout.lines
  const details = findOrderDetails(subject, summaryLines, layout.lines.join('\n'))
  const message: BuyerMessage = {
    sourceMessageId,
    receivedAt: receivedAtOf(mail, opts),
    buyerAlias: buyer.alias,
    buyerName: buyer.displayName,
    marketplace: marketplace.code,
    orderId: details.orderId,
    asin: details.asin,
    productTitle: details.productTitle,
    subject,
    text,
    attachments: mail.attachments.map((attachment, index) => toAttachmentMeta(attachment, index, opts.maxAttachmentBytes)),
    references: referencesOf(mail),
  }
  return { kind: 'buyer-message', message }
}
