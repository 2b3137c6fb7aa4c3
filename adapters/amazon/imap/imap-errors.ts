import { AppError, isAppError } from '../../../src/domain/errors.ts'

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
])
const CONNECTION_LOST_CODES = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ETIMEOUT',
  'ECONNRESET',
  'EPIPE',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
])

interface ImapErrorFields {
  code?: unknown
  authenticationFailed?: unknown
  tlsFailed?: unknown
  mailboxMissing?: unknown
  responseText?: unknown
  reason?: unknown
}

/**
 * Turns whatever imapflow or the network threw into an AppError with a stable code and a message an
 * operator can act on. `secrets` are masked in case a server echoes them back.
 */
export function toSourceError(error: unknown, context: { mailboxKey: string; secrets: string[] }): AppError {
  if (isAppError(error)) return error
  const fields: ImapErrorFields = typeof error === 'object' && error !== null ? (error as ImapErrorFields) : {}
  const code = typeof fields.code === 'string' ? fields.code : undefined
  const serverText = typeof fields.responseText === 'string' ? fields.responseText : undefined
  const detail = mask(serverText ?? (error instanceof Error ? error.message : String(error)), context.secrets)
  const details = { mailbox: context.mailboxKey, ...(code === undefined ? {} : { cause: code }) }
  const options = { cause: error }

  if (fields.authenticationFailed === true) {
    return new AppError(
      'IMAP_AUTH_FAILED',
      `IMAP login refused for ${context.mailboxKey}: check the user and password in IMAP_URL (server said: ${detail})`,
      details,
      options,
    )
  }
  if (fields.tlsFailed === true) {
    return new AppError('IMAP_TLS_FAILED', `TLS with the IMAP server failed: ${detail}`, details, options)
  }
  if (fields.mailboxMissing === true || code === 'NotFound') {
    return new AppError(
      'IMAP_MAILBOX_NOT_FOUND',
      `the mailbox in IMAP_URL does not exist on the server (${context.mailboxKey})`,
      details,
      options,
    )
  }
  if (code !== undefined && UNREACHABLE_CODES.has(code)) {
    return new AppError('IMAP_UNREACHABLE', `cannot reach the IMAP server (${code}): ${detail}`, details, options)
  }
  if (code !== undefined && CONNECTION_LOST_CODES.has(code)) {
    return new AppError('IMAP_CONNECTION_LOST', `the IMAP connection was lost (${code}): ${detail}`, details, options)
  }
  return new AppError('IMAP_ERROR', `IMAP error: ${detail}`, details, options)
}

export class LeaseLostError extends AppError {
  constructor(mailboxKey: string) {
    super('IMAP_LEASE_LOST', 'another replica took over the mailbox lease', { mailbox: mailboxKey })
  }
}

/** The cursor store (leases and cursors, PostgreSQL in production) failed: no delivery until it works again. */
export function cursorStoreError(error: unknown, mailboxKey: string): AppError {
  if (isAppError(error)) return error
  const detail = error instanceof Error ? error.message : String(error)
  return new AppError(
    'IMAP_CURSOR_STORE_FAILED',
    `the mailbox cursor store failed: ${redactAddresses(detail)}`,
    { mailbox: mailboxKey },
    { cause: error },
  )
}

/** What to log when the ingest rejected a mail: its code and message without e-mail addresses. */
export function describeDeliveryError(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${redactAddresses(error.message)}`
  if (error instanceof Error) return redactAddresses(error.message)
  return redactAddresses(String(error))
}

/** `CODE: message` for the health status. */
export function summarize(error: AppError): string {
  return `${error.code}: ${error.message}`
}

const ADDRESS_PATTERN = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[a-z]{2,}/gi

/** Buyer aliases are personal data: logs show `<address>` instead. */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS_PATTERN, '<address>')
}

function mask(text: string, secrets: string[]): string {
  let masked = text
  for (const secret of secrets) {
    if (secret.length > 0) masked = masked.split(secret).join('***')
  }
  return masked
}
