import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import { ImapFlow } from 'imapflow'
import { AppError } from '../../../src/domain/errors.ts'
import { systemClock, type Clock } from '../../../src/ports/clock.ts'
import type { MailboxCursorStore } from '../../../src/ports/mailbox-cursor.ts'
import type { MessageSource, RawMail } from '../../../src/ports/message-source.ts'
import { reconnectDelayMs, type BackoffPolicy } from './backoff.ts'
import { cursorStoreError, LeaseLostError, summarize, toSourceError } from './imap-errors.ts'
import { mailboxKeyOf, type ImapConnectionConfig } from './imap-url.ts'
import { MailboxSync } from './mailbox-sync.ts'
import type { SourceHealth, SourceLogger, SourceState } from './types.ts'
import { WakeSignal } from './wake-signal.ts'

export interface ImapSourceOptions {
  connection: ImapConnectionConfig
  cursorStore: MailboxCursorStore
  logger: SourceLogger
  /** Identifies this replica in the lease; defaults to host, pid and a random suffix. */
  holderId?: string
  /** Without IDLE: how often to look for new mail. Always: how soon a failed mail is retried. Default 30 s. */
  pollIntervalMs?: number
  /** Lease length; renewed every third of it while this replica holds the mailbox. Default 60 s. */
  leaseTtlMs?: number
  /** Deliveries of one mail before it is given up on (logged, flagged `$BuyerbridgeFailed`). Default 5. */
  maxDeliveryAttempts?: number
  /** Reconnect backoff. Default 1 s doubling up to 5 min. */
  reconnect?: Partial<BackoffPolicy>
  /** TCP + TLS + greeting budget per connection attempt. Default 30 s. */
  connectTimeoutMs?: number
  /** After `stop()`, how long a running command may finish before the socket is cut. Default 5 s. */
  stopGraceMs?: number
  clock?: Clock
  /** [0, 1) source for backoff jitter. */
  random?: () => number
}

/** Longest wait between two commands: re-issuing IDLE well within servers' 30-minute autologout (RFC 2177). */
const MAX_QUIET_MS = 60_000
const SOCKET_TIMEOUT_MS = 3 * MAX_QUIET_MS
const LOGOUT_TIMEOUT_MS = 2_000

export const DELIVERED_KEYWORD = '$Buyerbridge'
export const ABANDONED_KEYWORD = '$BuyerbridgeFailed'

/**
 * Delivers Amazon buyer-message e-mails from one IMAP mailbox. Only the replica holding the mailbox lease
 * connects; it waits with IDLE when the server offers it and polls otherwise, reconnecting with capped
 * exponential backoff. Delivery rules (cursor, flags, retries) live in MailboxSync.
 */
export class ImapSource implements MessageSource {
  readonly name = 'imap'
  readonly mailboxKey: string
  private readonly connection: ImapConnectionConfig
  private readonly store: MailboxCursorStore
  private readonly log: SourceLogger
  private readonly holderId: string
  private readonly pollIntervalMs: number
  private readonly leaseTtlMs: number
  private readonly backoff: BackoffPolicy
  private readonly connectTimeoutMs: number
  private readonly stopGraceMs: number
  private readonly clock: Clock
  private readonly random: () => number
  private readonly sync: MailboxSync
  private readonly wakeSignal = new WakeSignal()

  private status: SourceHealth = { state: 'down', lastSuccessAt: null, lastError: null }
  private running: Promise<void> | null = null
  private stopping = false
  private client: ImapFlow | null = null
  private sessionOpen = false
  private leaseRenewedAt = 0

  constructor(options: ImapSourceOptions) {
    this.connection = options.connection
    this.store = options.cursorStore
    this.mailboxKey = mailboxKeyOf(options.connection)
    this.log = options.logger.child({ source: 'imap', mailbox: this.mailboxKey })
    this.holderId = options.holderId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
    this.pollIntervalMs = options.pollIntervalMs ?? 30_000
    this.leaseTtlMs = options.leaseTtlMs ?? 60_000
    this.backoff = {
      initialDelayMs: options.reconnect?.initialDelayMs ?? 1_000,
      maxDelayMs: options.reconnect?.maxDelayMs ?? 300_000,
    }
    this.connectTimeoutMs = options.connectTimeoutMs ?? 30_000
    this.stopGraceMs = options.stopGraceMs ?? 5_000
    this.clock = options.clock ?? systemClock
    this.random = options.random ?? Math.random
    this.sync = new MailboxSync({
      mailboxKey: this.mailboxKey,
      mailbox: options.connection.mailbox,
      cursorStore: options.cursorStore,
      logger: this.log,
      deliveredKeyword: DELIVERED_KEYWORD,
      abandonedKeyword: ABANDONED_KEYWORD,
      maxDeliveryAttempts: options.maxDeliveryAttempts ?? 5,
    })
  }

  health(): SourceHealth {
    return { ...this.status }
  }

  /** Returns at once: connection problems show in `health()` and the logs, they never reject here. */
  async start(onMail: (mail: RawMail) => Promise<void>): Promise<void> {
    if (this.running) throw new AppError('IMAP_SOURCE_RUNNING', 'the IMAP source is already started')
    this.stopping = false
    this.running = this.run(onMail)
      .catch((error: unknown) => {
        this.log.error({ error: String(error) }, 'IMAP source stopped unexpectedly')
      })
      .finally(() => {
        this.running = null
      })
  }

  /**
   * Finishes the delivery in progress, logs out and releases the lease. Waits at most the grace period (plus
   * a bounded LOGOUT): an `onMail` that never settles cannot hold up shutdown, and its mail, unflagged, is
   * delivered again later.
   */
  async stop(): Promise<void> {
    const running = this.running
    if (!running) return
    this.stopping = true
    this.wakeSignal.wake()
    // Nothing to finish before the mailbox is open; afterwards a delivery in progress gets the grace period.
    if (!this.sessionOpen) this.client?.close()
    const cutOff = setTimeout(() => this.client?.close(), this.stopGraceMs)
    const finished = await Promise.race([
      running.then(() => true),
      delay(this.stopGraceMs + LOGOUT_TIMEOUT_MS, false),
    ])
    clearTimeout(cutOff)
    if (!finished) {
      this.log.warn({ graceMs: this.stopGraceMs }, 'stopped while a delivery was still running; it will be retried')
      this.status = { ...this.status, state: 'down' }
      await this.releaseLease()
    }
  }

  private async run(onMail: (mail: RawMail) => Promise<void>): Promise<void> {
    let failedAttempts = 0
    while (!this.stopping) {
      let holdsLease: boolean
      try {
        holdsLease = await this.store.tryAcquireLease(this.mailboxKey, this.holderId, this.leaseTtlMs)
      } catch (error) {
        failedAttempts += 1
        await this.failAndWait(cursorStoreError(error, this.mailboxKey), failedAttempts)
        continue
      }
      if (!holdsLease) {
        this.setState('standby')
        this.wakeSignal.reset()
        await this.wakeSignal.wait(this.leaseRenewIntervalMs())
        continue
      }
      this.leaseRenewedAt = this.clock.now().getTime()
      try {
        await this.runSession(onMail, () => {
          failedAttempts = 0
        })
      } catch (error) {
        if (error instanceof LeaseLostError) {
          this.log.warn({}, 'mailbox lease lost to another replica; standing by')
          this.setState('standby')
          continue
        }
        failedAttempts += 1
        // Let a replica that may have better luck take the mailbox while this one waits.
        await this.releaseLease()
        await this.failAndWait(toSourceError(error, this.secretsContext()), failedAttempts)
      }
    }
    await this.releaseLease()
    this.setState('down')
  }

  private async runSession(onMail: (mail: RawMail) => Promise<void>, onConnected: () => void): Promise<void> {
    // After a failure the source stays 'down' until a connection works again, so /readyz does not flap.
    if (this.status.lastError === null) this.setState('connecting')
    let closed = false
    let lastClientError: unknown = null
    const client = new ImapFlow({
      host: this.connection.host,
      port: this.connection.port,
      secure: this.connection.secure,
      auth: { user: this.connection.user, pass: this.connection.password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: this.connectTimeoutMs,
      greetingTimeout: this.connectTimeoutMs,
      socketTimeout: SOCKET_TIMEOUT_MS,
    })
    // imapflow emits 'error' on socket trouble; without a listener Node would crash the process.
    // Events of a finished session must not wake later waits (they would cut the reconnect backoff short).
    const wakeIfCurrent = (): void => {
      if (this.client === client) this.wakeSignal.wake()
    }
    client.on('error', (error: unknown) => {
      lastClientError = error
      wakeIfCurrent()
    })
    client.on('close', () => {
      closed = true
      wakeIfCurrent()
    })
    client.on('exists', wakeIfCurrent)
    this.client = client
    try {
      await client.connect()
      await client.mailboxOpen(this.connection.mailbox)
      this.sessionOpen = true
      const supportsIdle = client.capabilities.has('IDLE')
      this.setState('connected')
      this.log.info({ idle: supportsIdle }, supportsIdle ? 'connected; waiting for mail with IDLE' : 'connected; polling for mail')
      onConnected()

      while (!this.stopping) {
        await this.renewLeaseIfDue()
        const outcome = await this.sync.syncOnce(client, {
          onMail,
          beforeDelivery: () => this.renewLeaseIfDue(),
          shouldStop: () => this.stopping,
        })
        this.markSuccess()
        if (this.stopping) break
        const waitMs = Math.min(
          MAX_QUIET_MS,
          this.leaseRenewIntervalMs(),
          supportsIdle && outcome.retryPending === 0 ? Number.POSITIVE_INFINITY : this.pollIntervalMs,
        )
        if (supportsIdle) {
          // Runs until the next command breaks it; its own failure shows up as a closed connection.
          client.idle().catch(() => {})
        }
        await this.wakeSignal.wait(waitMs)
        if (closed) throw lastClientError ?? new AppError('IMAP_CONNECTION_LOST', 'the IMAP server closed the connection')
      }
    } finally {
      this.sessionOpen = false
      await closeQuietly(client)
      this.client = null
    }
  }

  private async renewLeaseIfDue(): Promise<void> {
    const now = this.clock.now().getTime()
    if (now - this.leaseRenewedAt < this.leaseRenewIntervalMs()) return
    let renewed: boolean
    try {
      renewed = await this.store.tryAcquireLease(this.mailboxKey, this.holderId, this.leaseTtlMs)
    } catch (error) {
      throw cursorStoreError(error, this.mailboxKey)
    }
    if (!renewed) throw new LeaseLostError(this.mailboxKey)
    this.leaseRenewedAt = now
  }

  private async releaseLease(): Promise<void> {
    try {
      await this.store.releaseLease(this.mailboxKey, this.holderId)
    } catch (error) {
      this.log.warn({ error: cursorStoreError(error, this.mailboxKey).message }, 'could not release the mailbox lease')
    }
  }

  private async failAndWait(error: AppError, attempt: number): Promise<void> {
    this.status = { ...this.status, state: 'down', lastError: summarize(error) }
    const delayMs = reconnectDelayMs(attempt, this.backoff, this.random)
    this.log.warn({ code: error.code, error: error.message, attempt, retryInMs: delayMs }, 'IMAP source is down; retrying')
    if (this.stopping) return
    this.wakeSignal.reset()
    await this.wakeSignal.wait(delayMs)
  }

  private markSuccess(): void {
    this.status = { state: 'connected', lastSuccessAt: this.clock.now(), lastError: null }
  }

  private setState(state: SourceState): void {
    if (this.status.state !== state) this.log.debug({ from: this.status.state, to: state }, 'IMAP source state')
    this.status = { ...this.status, state }
  }

  private leaseRenewIntervalMs(): number {
    return Math.max(1, Math.floor(this.leaseTtlMs / 3))
  }

  private secretsContext(): { mailboxKey: string; secrets: string[] } {
    return { mailboxKey: this.mailboxKey, secrets: [this.connection.password] }
  }
}

/** LOGOUT when the connection still works, bounded in time; the socket is closed in any case. */
async function closeQuietly(client: ImapFlow): Promise<void> {
  if (client.usable) {
    const loggedOut = client.logout().then(
      () => true,
      () => false,
    )
    if (await Promise.race([loggedOut, delay(LOGOUT_TIMEOUT_MS, false)])) return
  }
  client.close()
}
