import { PassThrough, pipeline, type Readable } from 'node:stream'
import { createTransport } from 'nodemailer'
import type { ReplySender } from '../../src/ports/reply-sender.ts'
import type { DeliveryOutcome, OutgoingReply } from '../../src/domain/reply.ts'
import { AppError } from '../../src/domain/errors.ts'
import { maskAddress, parseSenderAddress, type SenderAddress } from './addresses.ts'
import { BUYER_ALIAS_DOMAINS, composeReply, type ComposedReply } from './compose-reply.ts'
import { classifySendError, providerIdFromReply, smtpErrorFacts } from './classify-outcome.ts'
import { parseSmtpUrl, type SmtpEndpoint } from './smtp-url.ts'

/** The part of a pino logger the sender uses; pino's `Logger` satisfies it. */
export interface SmtpSenderLogger {
  info(fields: Record<string, unknown>, message: string): void
  warn(fields: Record<string, unknown>, message: string): void
  error(fields: Record<string, unknown>, message: string): void
}

export interface SmtpTimeouts {
  /** TCP connect (and DNS lookup). Default 10 s. */
  connectMs: number
  /** Server greeting, and each step of setting up the session. Default 10 s. */
  greetingMs: number
  /**
   * Silence on an open connection, including the wait for the reply to the end of data. RFC 5321 §4.5.3.2
   * lets a server take 10 minutes there; a shorter wait turns slow acceptances into `unconfirmed`.
   * Default 2 min.
   */
  socketMs: number
}

export interface SmtpReplySenderConfig {
  /** `SMTP_URL`, see {@link parseSmtpUrl}. */
  url: string
  /** `SMTP_FROM`: the sender Amazon approved for this seller. */
  from: string
  timeouts?: Partial<SmtpTimeouts>
  /** Overridden by `?max_connections=` / `?max_messages=` in the URL. Defaults: 2 connections, 100 messages. */
  pool?: { maxConnections?: number; maxMessages?: number }
  /** Domains a reply may be addressed to; default the Amazon buyer-alias domains of every marketplace. */
  recipientDomains?: readonly string[]
}

export type SmtpCheck = { ok: true; endpoint: string } | { ok: false; endpoint: string; reason: string; transient: boolean }

const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectMs: 10_000, greetingMs: 10_000, socketMs: 120_000 }

/** Tracks whether the end-of-data marker of one attempt has left: the line between "failed" and "unconfirmed". */
class DataEndWatch {
  sent = false

  /** Sits last in nodemailer's message pipeline; its 'end' fires once the SMTP data stream has read it all. */
  watch(input: Readable): Readable {
    const tap = new PassThrough()
    pipeline(input, tap, () => {})
    tap.once('end', () => {
      this.sent = true
    })
    return tap
  }
}

/** Sends e-mail replies from the Amazon-approved sender to the buyer alias over pooled SMTP connections. */
export class SmtpReplySender implements ReplySender {
  readonly #endpoint: SmtpEndpoint
  readonly #sender: SenderAddress
  readonly #recipientDomains: readonly string[]
  readonly #logger: SmtpSenderLogger
  readonly #transport: ReturnType<typeof createPooledTransport>
  readonly #inFlight = new Map<string, DataEndWatch>()

  constructor(config: SmtpReplySenderConfig, logger: SmtpSenderLogger) {
    this.#endpoint = parseSmtpUrl(config.url)
    this.#sender = parseSenderAddress(config.from)
    this.#recipientDomains = config.recipientDomains ?? BUYER_ALIAS_DOMAINS
    this.#logger = logger
    this.#transport = createPooledTransport(this.#endpoint, config)
    this.#transport.use('stream', (mail, done) => {
      const watch = this.#inFlight.get(mail.message.messageId())
      if (watch) mail.message.processFunc((input) => watch.watch(input))
      done()
    })
  }

  /** `host:port` with the scheme, for logs and the doctor; never the credentials. */
  get endpoint(): string {
    const host = this.#endpoint.host.includes(':') ? `[${this.#endpoint.host}]` : this.#endpoint.host
    return `${this.#endpoint.secure ? 'smtps' : 'smtp'}://${host}:${this.#endpoint.port}`
  }

  async send(reply: OutgoingReply): Promise<DeliveryOutcome> {
    const composed = composeReply(reply, this.#sender, this.#recipientDomains)
    if (!composed.ok) {
      this.#logger.warn({ replyId: reply.replyId, reason: composed.reason }, 'e-mail reply refused before sending')
      return { outcome: 'failed', reason: composed.reason, transient: false }
    }
    const mail = composed.mail
    if (this.#inFlight.has(mail.messageId)) {
      throw new AppError('SMTP_REPLY_IN_FLIGHT', 'this reply is already being sent; a second send would duplicate it', {
        replyId: reply.replyId,
      })
    }
    const watch = new DataEndWatch()
    this.#inFlight.set(mail.messageId, watch)
    const logFields = { replyId: reply.replyId, to: maskAddress(mail.to), messageId: mail.messageId }
    const started = Date.now()
    try {
      const info = await this.#transport.sendMail(toNodemailerMessage(mail))
      const providerId = providerIdFromReply(info.response, info.serverMessageId)
      this.#logger.info({ ...logFields, providerId, ms: Date.now() - started }, 'e-mail reply sent')
      return { outcome: 'sent', providerId }
    } catch (error) {
      const outcome = classifySendError(error, watch.sent)
      const facts = smtpErrorFacts(error)
      const fields = {
        ...logFields,
        ...outcome,
        code: facts.code,
        originalCode: facts.originalCode,
        command: facts.command,
        responseCode: facts.responseCode,
        ms: Date.now() - started,
      }
      if (outcome.outcome === 'unconfirmed') this.#logger.error(fields, 'e-mail reply unconfirmed')
      else this.#logger.warn(fields, 'e-mail reply failed')
      return outcome
    } finally {
      this.#inFlight.delete(mail.messageId)
    }
  }

  /** For `buyerbridge doctor`: connect, TLS, authenticate, quit; no mail is sent. */
  async verify(): Promise<SmtpCheck> {
    try {
      await this.#transport.verify()
      return { ok: true, endpoint: this.endpoint }
    } catch (error) {
      const outcome = classifySendError(error, false)
      const reason = outcome.outcome === 'failed' ? outcome.reason : 'no answer from the SMTP server'
      const transient = outcome.outcome === 'failed' ? outcome.transient : true
      this.#logger.warn({ endpoint: this.endpoint, reason }, 'SMTP check failed')
      return { ok: false, endpoint: this.endpoint, reason, transient }
    }
  }

  /** Closes idle connections; a delivery in progress finishes first. */
  close(): void {
    this.#transport.close()
  }
}

function createPooledTransport(endpoint: SmtpEndpoint, config: SmtpReplySenderConfig) {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts }
  return createTransport({
    pool: true,
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    requireTLS: !endpoint.secure && endpoint.startTls === 'required',
    ignoreTLS: !endpoint.secure && endpoint.startTls === 'never',
    tls: { rejectUnauthorized: endpoint.verifyCertificate },
    ...(endpoint.auth ? { auth: { user: endpoint.auth.user, pass: endpoint.auth.pass } } : {}),
    maxConnections: endpoint.pool.maxConnections ?? config.pool?.maxConnections ?? 2,
    maxMessages: endpoint.pool.maxMessages ?? config.pool?.maxMessages ?? 100,
    connectionTimeout: timeouts.connectMs,
    dnsTimeout: timeouts.connectMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // nodemailer's own log lines carry recipients and the user name: keep them off.
    logger: false,
    debug: false,
  })
}

function toNodemailerMessage(mail: ComposedReply) {
  return {
    from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
    to: mail.to,
    envelope: { from: mail.from.address, to: [mail.to] },
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length > 0 ? { references: mail.references } : {}),
    xMailer: false as const,
    disableFileAccess: true,
    disableUrlAccess: true,
  }
}
