// Just enough RFC 2045/2047 writing to produce the mails Amazon sends: encoded-word headers, quoted-printable
// and base64 bodies, multipart/alternative and multipart/mixed.

import type { MailCharset } from './charsets.ts'
import { encodeText } from './charsets.ts'

export const TRANSFER_ENCODINGS = ['quoted-printable', 'base64', '8bit', '7bit'] as const
export type TransferEncoding = (typeof TRANSFER_ENCODINGS)[number]

const CRLF = '\r\n'

export function quotedPrintable(bytes: Buffer): string {
  const out: string[] = []
  let line = ''
  const push = (token: string): void => {
    if (line.length + token.length > 75) {
      out.push(`${line}=`)
      line = ''
    }
    line += token
  }
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index] ?? 0
    if (byte === 0x0d && bytes[index + 1] === 0x0a) continue
    if (byte === 0x0a) {
      out.push(line)
      line = ''
      continue
    }
    const next = bytes[index + 1]
    const atLineEnd = next === undefined || next === 0x0a || next === 0x0d
    const literal = (byte >= 0x21 && byte <= 0x7e && byte !== 0x3d) || ((byte === 0x20 || byte === 0x09) && !atLineEnd)
    push(literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`)
  }
  out.push(line)
  return out.join(CRLF)
}

export function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join(CRLF)
}

/** A header value: plain when ASCII, else RFC 2047 B-words of a few characters each (never splitting one). */
export function encodeHeaderText(text: string, charset: MailCharset): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text
  const chars = [...text]
  const words: string[] = []
  for (let start = 0; start < chars.length; start += 12) {
    const chunk = chars.slice(start, start + 12).join('')
    const bytes = encodeText(chunk, charset) ?? Buffer.from(chunk, 'utf8')
    const used = encodeText(chunk, charset) ? charset : 'utf-8'
    words.push(`=?${used.toUpperCase()}?B?${bytes.toString('base64')}?=`)
  }
  return words.join(`${CRLF} `)
}

export function encodeDisplayNameAddress(name: string, address: string, charset: MailCharset): string {
  const encoded = encodeHeaderText(name, charset)
  const display = encoded === name ? `"${name.replace(/["\\]/g, '\\$&')}"` : encoded
  return `${display} <${address}>`
}

export interface MimePart {
  headers: string[]
  body: string
}

export function textPart(text: string, subtype: 'plain' | 'html', charset: MailCharset, transfer: TransferEncoding): MimePart {
  const bytes = encodeText(text, charset)
  if (!bytes) throw new Error(`text is not representable in ${charset}`)
  const crlfBytes = Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, CRLF), 'latin1')
  const body =
    transfer === 'quoted-printable'
      ? quotedPrintable(crlfBytes)
      : transfer === 'base64'
        ? base64Lines(crlfBytes)
        : crlfBytes.toString('latin1')
  return {
    headers: [`Content-Type: text/${subtype}; charset="${charset.toUpperCase()}"`, `Content-Transfer-Encoding: ${transfer}`],
    body,
  }
}

export function attachmentPart(filename: string, contentType: string, content: Buffer): MimePart {
  return {
    headers: [
      `Content-Type: ${contentType}; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      'Content-Transfer-Encoding: base64',
    ],
    body: base64Lines(content),
  }
}

export function multipart(subtype: 'alternative' | 'mixed', boundary: string, parts: readonly MimePart[]): MimePart {
  const body = parts.map((part) => `--${boundary}${CRLF}${part.headers.join(CRLF)}${CRLF}${CRLF}${part.body}${CRLF}`).join('')
  return { headers: [`Content-Type: multipart/${subtype}; boundary="${boundary}"`], body: `${body}--${boundary}--${CRLF}` }
}

/** Top-level headers + root part → the raw message bytes (latin1 keeps 8bit bodies byte-exact). */
export function assembleMessage(headers: readonly string[], root: MimePart): Buffer {
  const all = [...headers, 'MIME-Version: 1.0', ...root.headers]
  return Buffer.from(`${all.join(CRLF)}${CRLF}${CRLF}${root.body}`, 'latin1')
}
