import { z } from 'zod'
import { AppError } from '../../src/domain/errors.ts'

export interface SenderAddress {
  /** Display name, when `SMTP_FROM` was given as `Name <address>`. */
  name: string | null
  address: string
  domain: string
}

const addressSchema = z.email()

/** Parses `SMTP_FROM`: `support@shop.example` or `Shop Support <support@shop.example>`. */
export function parseSenderAddress(value: string): SenderAddress {
  const trimmed = value.trim()
  const angled = /^(?:"?([^"<>]*?)"?\s*)?<([^<>\s]+)>$/.exec(trimmed)
  const name = angled?.[1]?.trim() || null
  const address = angled?.[2] ?? trimmed
  if (!addressSchema.safeParse(address).success) {
    throw new AppError('SMTP_FROM_INVALID', 'SMTP_FROM must be an e-mail address, optionally as "Name <address>"')
  }
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase()
  return { name, address, domain }
}

/**
 * The Message-ID of a reply, derived from its id so the caller can correlate bounces and Seller Central
 * records: `<bb-reply.<replyId>@<SMTP_FROM domain>>`. Characters outside RFC 5322 dot-atom text are
 * escaped as `=XX` so the id stays reversible.
 */
export function replyMessageId(replyId: string, senderDomain: string): string {
  const local = Array.from(new TextEncoder().encode(replyId), (byte) => {
    const char = String.fromCharCode(byte)
    return /[A-Za-z0-9_-]/.test(char) ? char : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }).join('')
  return `<bb-reply.${local}@${senderDomain}>`
}

/** The reply id inside a Message-ID made by {@link replyMessageId}, or null for any other Message-ID. */
export function replyIdFromMessageId(messageId: string): string | null {
  const match = /^<?bb-reply\.([A-Za-z0-9_=-]+)@[^>]+>?$/.exec(messageId.trim())
  if (!match?.[1]) return null
  const bytes: number[] = []
  const local = match[1]
  for (let i = 0; i < local.length; i++) {
    if (local[i] === '=') {
      const hex = local.slice(i + 1, i + 3)
      if (!/^[0-9A-F]{2}$/.test(hex)) return null
      bytes.push(parseInt(hex, 16))
      i += 2
    } else {
      bytes.push(local.charCodeAt(i))
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes))
}

/** `anna.smith@marketplace.amazon.de` → `a***@marketplace.amazon.de`: safe for logs. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${address.slice(0, 1)}***${address.slice(at)}`
}

/** Masks every e-mail address inside a free text, such as an SMTP reply that quotes the recipient. */
export function maskAddressesIn(text: string): string {
  return text.replace(/[^\s<>"'(),;:[\]]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, (address) => maskAddress(address))
}
