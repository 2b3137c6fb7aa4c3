import type { MailboxCursor, MailboxCursorStore } from '../../src/ports/mailbox-cursor.ts'

interface Lease {
  holderId: string
  expiresAt: number
}

/** MailboxCursorStore in memory, with real lease expiry, for tests of several sources sharing one store. */
export class InMemoryMailboxCursorStore implements MailboxCursorStore {
  private readonly cursors = new Map<string, MailboxCursor>()
  private readonly leases = new Map<string, Lease>()
  private readonly now: () => number
  /** While true every call rejects, like a database that went away. */
  outage = false
  /** Every save in order, to assert on how the cursor moved. */
  readonly saves: Array<{ mailboxKey: string; cursor: MailboxCursor }> = []

  constructor(now: () => number = Date.now) {
    this.now = now
  }

  async load(mailboxKey: string): Promise<MailboxCursor | null> {
    this.failDuringOutage()
    const cursor = this.cursors.get(mailboxKey)
    return cursor ? { ...cursor } : null
  }

  async save(mailboxKey: string, cursor: MailboxCursor): Promise<void> {
    this.failDuringOutage()
    if (!/^\d+$/.test(cursor.uidValidity) || !Number.isInteger(cursor.lastUid) || cursor.lastUid < 0) {
      throw new Error(`invalid cursor ${JSON.stringify(cursor)}`)
    }
    this.cursors.set(mailboxKey, { ...cursor })
    this.saves.push({ mailboxKey, cursor: { ...cursor } })
  }

  async tryAcquireLease(mailboxKey: string, holderId: string, ttlMs: number): Promise<boolean> {
    this.failDuringOutage()
    const now = this.now()
    const current = this.leases.get(mailboxKey)
    if (current && current.holderId !== holderId && current.expiresAt > now) return false
    this.leases.set(mailboxKey, { holderId, expiresAt: now + ttlMs })
    return true
  }

  async releaseLease(mailboxKey: string, holderId: string): Promise<void> {
    this.failDuringOutage()
    if (this.leases.get(mailboxKey)?.holderId === holderId) this.leases.delete(mailboxKey)
  }

  leaseHolder(mailboxKey: string): string | null {
    const lease = this.leases.get(mailboxKey)
    return lease && lease.expiresAt > this.now() ? lease.holderId : null
  }

  /** Makes the current lease run out now, as if its holder had crashed without releasing it. */
  expireLease(mailboxKey: string): void {
    const lease = this.leases.get(mailboxKey)
    if (lease) lease.expiresAt = this.now()
  }

  private failDuringOutage(): void {
    if (this.outage) throw new Error('cursor store unavailable (connection refused)')
  }
}
