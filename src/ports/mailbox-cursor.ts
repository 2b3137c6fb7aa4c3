/**
 * Where a mailbox source got to: the mailbox's UIDVALIDITY and the highest UID below which every mail has
 * been handed over (delivered, or given up on after repeated failures).
 */
export interface MailboxCursor {
  /** IMAP UIDVALIDITY as a decimal string (it is a 32-bit unsigned number; a string keeps it exact). */
  uidValidity: string
  lastUid: number
}

/**
 * Durable progress and single-poller lease for mailbox sources shared by several replicas.
 * `mailboxKey` identifies a mailbox without secrets (e.g. `imap://user@host:993/INBOX`).
 */
export interface MailboxCursorStore {
  load(mailboxKey: string): Promise<MailboxCursor | null>
  save(mailboxKey: string, cursor: MailboxCursor): Promise<void>
  /**
   * Takes the lease when nobody holds it, when it has expired, or when `holderId` already holds it; in all
   * three cases it then runs until now + `ttlMs` and the answer is true. False while another holder's lease runs.
   */
  tryAcquireLease(mailboxKey: string, holderId: string, ttlMs: number): Promise<boolean>
  /** Ends the lease if `holderId` holds it; does nothing otherwise. */
  releaseLease(mailboxKey: string, holderId: string): Promise<void>
}
