import { z } from 'zod'
import { AppError } from '../../../src/domain/errors.ts'

export interface ImapConnectionConfig {
  /** true for `imaps://` (TLS from the first byte); `imap://` upgrades with STARTTLS when offered. */
  secure: boolean
  host: string
  port: number
  user: string
  password: string
  mailbox: string
}

const DEFAULT_PORTS = { 'imap:': 143, 'imaps:': 993 } as const

const urlPartsSchema = z.object({
  protocol: z.enum(['imap:', 'imaps:'], { error: 'the scheme must be imap:// or imaps://' }),
  username: z.string().min(1, { error: 'the user name is missing (imap://user:pass@host/MAILBOX)' }),
  password: z.string().min(1, { error: 'the password is missing (imap://user:pass@host/MAILBOX)' }),
  hostname: z.string().min(1, { error: 'the host is missing' }),
  port: z
    .string()
    .regex(/^\d*$/, { error: 'the port must be a number' })
    .refine((port) => port === '' || (Number(port) >= 1 && Number(port) <= 65_535), {
      error: 'the port must be between 1 and 65535',
    }),
  pathname: z.string(),
  search: z.literal('', { error: 'query parameters are not supported' }),
  hash: z.literal('', { error: 'a #fragment is not supported' }),
})

/**
 * Parses `IMAP_URL` (`imap://user:pass@host:port/MAILBOX` or `imaps://…`). User, password and mailbox are
 * URL-decoded; no mailbox means INBOX. Errors never repeat the URL, which carries the password.
 */
export function parseImapUrl(value: string): ImapConnectionConfig {
  let url: URL
  try {
    url = new URL(value.trim())
  } catch {
    throw invalid('it is not a URL; expected imap://user:pass@host:port/MAILBOX')
  }
  const parsed = urlPartsSchema.safeParse({
    protocol: url.protocol,
    username: url.username,
    password: url.password,
    hostname: url.hostname,
    port: url.port,
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
  })
  if (!parsed.success) {
    throw invalid(parsed.error.issues.map((issue) => issue.message).join('; '))
  }
  const parts = parsed.data
  const mailbox = decode(parts.pathname.replace(/^\//, ''), 'mailbox') || 'INBOX'
  return {
    secure: parts.protocol === 'imaps:',
    host: parts.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parts.port === '' ? DEFAULT_PORTS[parts.protocol] : Number(parts.port),
    user: decode(parts.username, 'user name'),
    password: decode(parts.password, 'password'),
    mailbox,
  }
}

/** The identity of a mailbox for cursors, leases and logs: everything but the password. */
export function mailboxKeyOf(config: ImapConnectionConfig): string {
  const scheme = config.secure ? 'imaps' : 'imap'
  const host = config.host.includes(':') ? `[${config.host}]` : config.host.toLowerCase()
  return `${scheme}://${encodeURIComponent(config.user)}@${host}:${config.port}/${config.mailbox}`
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    throw invalid(`the ${what} has an invalid %-escape`)
  }
}

function invalid(reason: string): AppError {
  return new AppError('IMAP_URL_INVALID', `IMAP_URL is invalid: ${reason}`)
}
