import type { ImapFlow, MailboxObject } from 'imapflow'
import type { MailboxCursor, MailboxCursorStore } from '../../../src/ports/mailbox-cursor.ts'
import type { RawMail } from '../../../src/ports/message-source.ts'
import { cursorStoreError, describeDeliveryError } from './imap-errors.ts'
import type { SourceLogger } from './types.ts'

export interface MailboxSyncOptions {
  mailboxKey: string
  mailbox: string
  cursorStore: MailboxCursorStore
  logger: SourceLogger
  /** Keyword set on every delivered mail, when the mailbox permits keywords. */
  deliveredKeyword: string
  /** Keyword set on a mail given up on after `maxDeliveryAttempts`, when the mailbox permits keywords. */
  abandonedKeyword: string
  maxDeliveryAttempts: number
}

export interface SyncHooks {
  onMail: (mail: RawMail) => Promise<void>
  /** Called before each delivery: renews the lease when due, rejects when it was lost. */
  beforeDelivery: () => Promise<void>
  shouldStop: () => boolean
}

export interface SyncOutcome {
  delivered: number
  /** Mails that failed and will be tried again in a later round. */
  retryPending: number
}

interface ScannedMail {
  uid: number
  flags: Set<string>
}

/**
 * One round of "deliver what is new" on the selected mailbox, plus what must survive reconnects within this
 * process: failure counts and the UIDs already settled above the stored cursor.
 *
 * Decisions:
 * - The cursor is a contiguous frontier: it never passes a mail still due for a retry, so a crash
 *   re-delivers (the ingest dedupes by Message-ID) and never loses.
 * - No cursor, or a cursor of another UIDVALIDITY: the UIDs mean nothing any more, so the mailbox is
 *   rescanned from its current state and only mails without our keyword are delivered (with the `\Seen`
 *   fallback: only unseen ones). Copies of already delivered mails keep their keyword through a server
 *   migration; whatever comes twice anyway is deduplicated downstream.
 */
export class MailboxSync {
  private readonly options: MailboxSyncOptions
  private readonly log: SourceLogger
  private memoryUidValidity: string | null = null
  private readonly failures = new Map<number, number>()
  /** Delivered, given up, or skipped by a rescan; UIDs above the stored cursor only. */
  private readonly settled = new Set<number>()

  constructor(options: MailboxSyncOptions) {
    this.options = options
    this.log = options.logger
  }

  async syncOnce(client: ImapFlow, hooks: SyncHooks): Promise<SyncOutcome> {
    const mailbox = selectedMailbox(client, this.options.mailbox)
    const uidValidity = mailbox.uidValidity.toString()
    const stored = await this.options.cursorStore.load(this.options.mailboxKey).catch((error: unknown) => {
      throw cursorStoreError(error, this.options.mailboxKey)
    })
    const rescan = stored === null || stored.uidValidity !== uidValidity
    if (rescan) {
      this.log.info(
        { previousUidValidity: stored?.uidValidity ?? null, uidValidity },
        stored === null ? 'no cursor yet: scanning the mailbox for undelivered mails' : 'UIDVALIDITY changed: rescanning the mailbox for undelivered mails',
      )
    }
    if (this.memoryUidValidity !== uidValidity) {
      this.failures.clear()
      this.settled.clear()
      this.memoryUidValidity = uidValidity
    }
    let cursor: MailboxCursor = rescan ? { uidValidity, lastUid: 0 } : stored
    const flagToSet = deliveredFlagFor(mailbox, this.options.deliveredKeyword)

    const scanned = await scanAbove(client, cursor.lastUid)
    const highestUid = scanned.at(-1)?.uid ?? cursor.lastUid
    const pending: number[] = []
    let delivered = 0

    for (const mail of scanned) {
      if (this.settled.has(mail.uid)) continue
      if (!this.isCandidate(mail, flagToSet, rescan)) {
        this.settled.add(mail.uid)
        continue
      }
      if (hooks.shouldStop()) {
        pending.push(mail.uid)
        break
      }
      await hooks.beforeDelivery()
      const result = await this.deliver(client, mail.uid, flagToSet, hooks.onMail)
      if (result === 'retry') {
        pending.push(mail.uid)
        continue
      }
      if (result === 'delivered') delivered += 1
      this.settled.add(mail.uid)
      if (pending.length === 0) {
        cursor = await this.saveCursor(cursor, mail.uid)
      }
    }

    const frontier = pending.length === 0 ? highestUid : Math.min(...pending) - 1
    if (frontier > cursor.lastUid || rescan) {
      cursor = await this.saveCursor(cursor, Math.max(frontier, cursor.lastUid))
    }
    return { delivered, retryPending: pending.length }
  }

  private isCandidate(mail: ScannedMail, flagToSet: string, rescan: boolean): boolean {
    if (flagToSet === '\\Seen') {
      // A person may read mails in this mailbox, so \Seen only says something after a UIDVALIDITY reset.
      return !rescan || !mail.flags.has('\\Seen')
    }
    return !mail.flags.has(flagToSet) && !mail.flags.has(this.options.abandonedKeyword)
  }

  private async deliver(
    client: ImapFlow,
    uid: number,
    flagToSet: string,
    onMail: (mail: RawMail) => Promise<void>,
  ): Promise<'delivered' | 'vanished' | 'abandoned' | 'retry'> {
    const fetched = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true })
    if (!fetched || !fetched.source) {
      this.log.info({ uid }, 'mail vanished before it could be read (expunged)')
      return 'vanished'
    }
    const origin = `imap:${this.options.mailbox}#${uid}`
    try {
      await onMail({ raw: fetched.source, origin })
    } catch (error) {
      return this.recordFailure(client, uid, flagToSet, error)
    }
    // Only now that the ingest has stored it: flag first, then advance the cursor (by the caller).
    await client.messageFlagsAdd(String(uid), [flagToSet], { uid: true })
    this.failures.delete(uid)
    this.log.debug({ uid, bytes: fetched.source.length }, 'mail delivered')
    return 'delivered'
  }

  private async recordFailure(
    client: ImapFlow,
    uid: number,
    flagToSet: string,
    error: unknown,
  ): Promise<'abandoned' | 'retry'> {
    const attempts = (this.failures.get(uid) ?? 0) + 1
    const reason = describeDeliveryError(error)
    if (attempts < this.options.maxDeliveryAttempts) {
      this.failures.set(uid, attempts)
      this.log.warn(
        { uid, attempt: attempts, maxAttempts: this.options.maxDeliveryAttempts, error: reason },
        'delivering a mail failed; it will be retried',
      )
      return 'retry'
    }
    this.failures.delete(uid)
    this.log.error(
      { uid, attempts, error: reason },
      'giving up on a mail after repeated delivery failures; it stays in the mailbox for the operator',
    )
    if (flagToSet !== '\\Seen') {
      await client.messageFlagsAdd(String(uid), [this.options.abandonedKeyword], { uid: true })
    }
    return 'abandoned'
  }

  private async saveCursor(current: MailboxCursor, lastUid: number): Promise<MailboxCursor> {
    const next = { uidValidity: current.uidValidity, lastUid }
    await this.options.cursorStore.save(this.options.mailboxKey, next).catch((error: unknown) => {
      throw cursorStoreError(error, this.options.mailboxKey)
    })
    for (const uid of this.settled) {
      if (uid <= lastUid) this.settled.delete(uid)
    }
    return next
  }
}

function selectedMailbox(client: ImapFlow, expectedPath: string): MailboxObject {
  const mailbox = client.mailbox
  if (!mailbox) throw new Error(`mailbox ${expectedPath} is not selected`)
  return mailbox
}

/** Our keyword when the server lets us create keywords in this mailbox (`\*`), else `\Seen`. */
export function deliveredFlagFor(mailbox: MailboxObject, keyword: string): string {
  const permanent = mailbox.permanentFlags
  if (permanent === undefined || permanent.has('\\*') || permanent.has(keyword)) return keyword
  return '\\Seen'
}

async function scanAbove(client: ImapFlow, lastUid: number): Promise<ScannedMail[]> {
  const messages = await client.fetchAll(`${lastUid + 1}:*`, { uid: true, flags: true }, { uid: true })
  // `n:*` also matches the highest UID when it is below n (RFC 3501 §6.4.8), hence the filter.
  return messages
    .filter((message) => message.uid > lastUid)
    .map((message) => ({ uid: message.uid, flags: message.flags ?? new Set<string>() }))
    .sort((a, b) => a.uid - b.uid)
}
