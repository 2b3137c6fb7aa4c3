// Shared helpers for the IMAP source integration tests (not a test file itself).
import { setTimeout as sleep } from 'node:timers/promises'
import { pino } from 'pino'
import { ImapSource, type ImapSourceOptions } from '../../adapters/amazon/imap/imap-source.ts'
import { parseImapUrl } from '../../adapters/amazon/imap/imap-url.ts'
import type { RawMail } from '../../src/ports/message-source.ts'
import { InMemoryMailboxCursorStore } from '../support/in-memory-mailbox-cursor-store.ts'

export const BUYER_ALIAS = 'q8k2m4p7z1x9v3@marketplace.amazon.com'

let mailCounter = 0

/** A buyer-message e-mail shaped like Amazon's, with a unique Message-ID returned alongside. */
export function amazonMail(body = 'Where is my order?'): { raw: string; messageId: string } {
  mailCounter += 1
  const messageId = `test-${process.pid}-${Date.now()}-${mailCounter}@marketplace.amazon.com`
  const raw = [
    `From: "Jane Buyer - Amazon Marketplace" <${BUYER_ALIAS}>`,
    'To: support@seller.example',
    `Subject: Inquiry from Amazon customer Jane Buyer (Order: 111-2223334-${String(mailCounter).padStart(7, '0')})`,
    `Message-ID: <${messageId}>`,
    'Date: Sun, 22 Nov 2026 10:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n')
  return { raw, messageId }
}

export function messageIdOf(mail: RawMail): string {
  const match = /^Message-ID:\s*<([^>]+)>/im.exec(mail.raw.toString('utf8'))
  if (!match?.[1]) throw new Error(`no Message-ID in mail from ${mail.origin}`)
  return match[1]
}

/** A real pino logger writing JSON lines into memory, to assert on what was logged. */
export function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) })
  return { logger, lines }
}

export interface SourceUnderTest {
  source: ImapSource
  /** Mails whose `onMail` resolved, in delivery order. */
  delivered: RawMail[]
  logLines: string[]
  /** Starts the source with the recording `onMail`. */
  begin(): Promise<void>
}

/** An ImapSource with short test timings; `onMail` (default: accept) runs before a mail counts as delivered. */
export function createSource(
  url: string,
  store: InMemoryMailboxCursorStore,
  overrides: Partial<Omit<ImapSourceOptions, 'connection' | 'cursorStore' | 'logger'>> = {},
  onMail: (mail: RawMail) => Promise<void> = async () => {},
): SourceUnderTest {
  const { logger, lines } = capturingLogger()
  const delivered: RawMail[] = []
  const source = new ImapSource({
    connection: parseImapUrl(url),
    cursorStore: store,
    logger,
    pollIntervalMs: 200,
    leaseTtlMs: 1_500,
    reconnect: { initialDelayMs: 100, maxDelayMs: 400 },
    connectTimeoutMs: 2_000,
    ...overrides,
  })
  const recording = async (mail: RawMail): Promise<void> => {
    await onMail(mail)
    delivered.push(mail)
  }
  return { source, delivered, logLines: lines, begin: () => source.start(recording) }
}

export async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await predicate()) return
    await sleep(25)
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`)
}

export { InMemoryMailboxCursorStore, sleep }
