import type { DeliveryOutcome } from '../../src/domain/reply.ts'
import { maskAddressesIn } from './addresses.ts'

/** What nodemailer puts on a send error (see its smtp-connection `_formatError`), read without trusting it. */
export interface SmtpErrorFacts {
  /** Nodemailer's code: ECONNECTION, ESOCKET, ETIMEDOUT, EDNS, ETLS, EAUTH, EENVELOPE, EMESSAGE, EPROTOCOL … */
  code: string | null
  /** The system code behind it, e.g. ECONNREFUSED behind ESOCKET, ENOTFOUND behind EDNS. */
  originalCode: string | null
  /** The SMTP command in flight: MAIL FROM, RCPT TO, DATA, AUTH PLAIN, STARTTLS, or CONN for the socket. */
  command: string | null
  responseCode: number | null
  /** The server's reply text, with e-mail addresses masked. */
  response: string | null
  message: string
}

export function smtpErrorFacts(error: unknown): SmtpErrorFacts {
  const record: Record<string, unknown> = typeof error === 'object' && error !== null ? { ...error } : {}
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : null)
  const responseCode = typeof record.responseCode === 'number' ? record.responseCode : null
  const response = text('response')
  return {
    code: text('code'),
    originalCode: text('originalCode'),
    command: text('command'),
    responseCode,
    response: response === null ? null : maskAddressesIn(response.trim()),
    message: maskAddressesIn(error instanceof Error ? error.message : String(error)),
  }
}

const PERMANENT_WITHOUT_REPLY = new Set(['ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EREQUIRETLS', 'EMAXRECIPIENTS', 'ERR_ACCESS_DENIED'])
const UNKNOWN_HOST = new Set(['ENOTFOUND', 'ENODATA', 'EBADNAME'])
const CERTIFICATE_PROBLEM = /CERT|SELF_SIGNED|ALTNAME|UNABLE_TO_VERIFY|certificate/i
/** Errors that carry the server's answer to what we sent, as opposed to words overheard on a dying socket. */
const REPLY_CARRYING = new Set(['EMESSAGE', 'EENVELOPE', 'EAUTH', 'ETLS', 'ECONNECTION'])

/**
 * Maps a failed send to a delivery outcome. `dataEndSent` says whether the end-of-data marker (`CRLF.CRLF`)
 * had been handed to the socket: from then on the relay may have accepted the message, so losing the
 * connection or timing out is `unconfirmed` (never retried), while before it nothing can have been accepted
 * and the failure is safe to retry.
 */
export function classifySendError(error: unknown, dataEndSent: boolean): DeliveryOutcome {
  const facts = smtpErrorFacts(error)
  const { code, responseCode } = facts
  const where = facts.command && facts.command !== 'CONN' ? ` at ${facts.command}` : ''
  const reply = facts.response ?? ''

  if (responseCode !== null && code !== null && REPLY_CARRYING.has(code) && responseCode >= 400) {
    if (code === 'EAUTH') {
      return responseCode < 500
        ? failed(`SMTP authentication temporarily refused: ${reply}`, true)
        : failed(`SMTP authentication failed, the relay refused the SMTP_URL credentials: ${reply}`, false)
    }
    // RFC 5321 §4.2.1: 4yz is transient; 5yz permanent, except 503 (bad sequence) which a new session fixes.
    if (responseCode < 500 || responseCode === 503) return failed(`SMTP server deferred the message${where}: ${reply}`, true)
    const hint = facts.command === 'MAIL FROM' ? ' (is SMTP_FROM an approved sender in Seller Central?)' : ''
    return failed(`SMTP server rejected the message${where}: ${reply}${hint}`, false)
  }
  if (code === 'EAUTH' || code === 'ENOAUTH') {
    return failed(`SMTP authentication failed: ${facts.message}`, false)
  }
  if (dataEndSent) {
    return {
      outcome: 'unconfirmed',
      reason: `no final reply after the message was sent (${describeCause(facts)}); the relay may have accepted it`,
    }
  }
  if (code === 'EDNS') {
    const permanent = facts.originalCode !== null && UNKNOWN_HOST.has(facts.originalCode)
    return failed(`SMTP host lookup failed (${facts.originalCode ?? 'DNS error'})`, !permanent)
  }
  // an implicit-TLS (smtps://) handshake failure arrives as ESOCKET with the certificate code behind it
  if ((code === 'ETLS' || code === 'ESOCKET') && CERTIFICATE_PROBLEM.test(`${facts.originalCode ?? ''} ${facts.message}`)) {
    return failed(`TLS certificate of the SMTP server was not accepted: ${facts.message}`, false)
  }
  if (code !== null && PERMANENT_WITHOUT_REPLY.has(code)) {
    return failed(`SMTP send refused before delivery (${code}): ${facts.message}`, false)
  }
  return failed(`SMTP send failed before the message was handed over (${describeCause(facts)})`, true)
}

function describeCause(facts: SmtpErrorFacts): string {
  const parts = [facts.code, facts.originalCode].filter((part): part is string => part !== null)
  const label = parts.length > 0 ? parts.join('/') : 'error'
  return `${label}: ${facts.message}`
}

function failed(reason: string, transient: boolean): DeliveryOutcome {
  return { outcome: 'failed', reason, transient }
}

/**
 * The relay's id for an accepted message, from its final 250 reply: the Message-ID nodemailer recognised
 * (Microsoft 365, SES), a queue id (`queued as 4Xk9`, Postfix; `id=1r2-00A`, Exim), else the whole reply.
 */
export function providerIdFromReply(response: string | undefined, serverMessageId: string | undefined): string | null {
  if (serverMessageId) return serverMessageId
  const reply = maskAddressesIn((response ?? '').trim())
  if (reply === '') return null
  const queued = /queued as ([A-Za-z0-9._-]+)/i.exec(reply) ?? /\bid=([A-Za-z0-9._-]+)/.exec(reply)
  return queued?.[1] ?? reply
}
