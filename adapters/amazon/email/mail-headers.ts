// Header helpers: message ids, the buyer alias among the sender headers, bounce detection.

import { createHash } from 'node:crypto'
import type { AddressObject, EmailAddress, ParsedMail } from 'mailparser'
import { DISPLAY_NAME_SUFFIX } from './localised-phrases.ts'

const ALIAS_DOMAIN = /^marketplace\.amazon\.[a-z.]+$/i
const MESSAGE_ID_IN_BRACKETS = /<([^<>\s]+)>/g

export interface BuyerAddress {
  alias: string
  domain: string
  displayName: string | null
}

export function stripAngleBrackets(id: string): string {
  return id.trim().replace(/^<+|>+$/g, '').trim()
}

export function rawDigestId(raw: Buffer): string {
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`
}

/** Message-ID read straight from the raw header block, for mails mailparser cannot parse. */
export function messageIdFromRawHeaders(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.min(raw.length, 64 * 1024)).toString('latin1')
  const headerEnd = head.search(/\r?\n\r?\n/)
  const headers = (headerEnd >= 0 ? head.slice(0, headerEnd) : head).replace(/\r?\n[ \t]+/g, ' ')
  const match = /^message-id:\s*(.+)$/im.exec(headers)
  const id = match?.[1] ? stripAngleBrackets(match[1]) : ''
  return id === '' ? null : id
}

export function messageIdOf(mail: ParsedMail, raw: Buffer): string {
  const id = mail.messageId ? stripAngleBrackets(mail.messageId) : ''
  return id === '' ? rawDigestId(raw) : id
}

/** Message-IDs from References then In-Reply-To, without brackets, in order, once each. */
export function referencesOf(mail: ParsedMail): string[] {
  const sources = [...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])]
  if (mail.inReplyTo) sources.push(mail.inReplyTo)
  const ids: string[] = []
  for (const source of sources) {
    const bracketed = [...source.matchAll(MESSAGE_ID_IN_BRACKETS)].map((match) => match[1] ?? '')
    const found = bracketed.length > 0 ? bracketed : source.split(/\s+/)
    for (const id of found.map(stripAngleBrackets)) {
      if (id !== '' && !ids.includes(id)) ids.push(id)
    }
  }
  return ids
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value]
  const flat: EmailAddress[] = []
  const visit = (entries: EmailAddress[]): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group)
      else flat.push(entry)
    }
  }
  for (const object of objects) visit(object.value)
  return flat
}

function senderHeader(mail: ParsedMail): AddressObject | undefined {
  const value = mail.headers.get('sender')
  return value !== null && typeof value === 'object' && 'value' in value ? (value as AddressObject) : undefined
}

export function cleanDisplayName(name: string | undefined): string | null {
  if (!name) return null
  const cleaned = name
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(DISPLAY_NAME_SUFFIX, '')
    .replace(/^["'\s]+|["'\s]+$/g, '')
  return cleaned === '' ? null : cleaned
}

/** The first buyer alias among From, Reply-To and Sender (relays may rewrite From but keep Reply-To). */
export function findBuyerAddress(mail: ParsedMail): BuyerAddress | null {
  const candidates = [...addressesOf(mail.from), ...addressesOf(mail.replyTo), ...addressesOf(senderHeader(mail))]
  for (const candidate of candidates) {
    const address = (candidate.address ?? '').trim().toLowerCase()
    const at = address.lastIndexOf('@')
    if (at <= 0) continue
    const domain = address.slice(at + 1)
    if (ALIAS_DOMAIN.test(domain)) return { alias: address, domain, displayName: cleanDisplayName(candidate.name) }
  }
  return null
}

export function senderDomain(mail: ParsedMail): string | null {
  const address = addressesOf(mail.from)[0]?.address ?? ''
  const at = address.lastIndexOf('@')
  return at >= 0 ? address.slice(at + 1).toLowerCase() : null
}

/** Delivery status notifications quote the bounced mail, markers included; they are never buyer messages. */
export function isBounce(mail: ParsedMail): boolean {
  const contentType = mail.headers.get('content-type')
  const typeValue =
    contentType !== null && typeof contentType === 'object' && 'value' in contentType ? String(contentType.value) : ''
  if (typeValue.toLowerCase() === 'multipart/report') return true
  const local = (addressesOf(mail.from)[0]?.address ?? '').split('@')[0]?.toLowerCase() ?? ''
  return local === 'mailer-daemon' || local === 'postmaster'
}
