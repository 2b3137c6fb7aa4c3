import { ImapSource, mailboxKeyOf, parseImapUrl } from '../../adapters/amazon/imap/index.ts'
import type { Config } from '../config.ts'
import { mailboxCursorStore } from '../db/repos/mailbox-cursors.ts'
import type { Db } from '../db/schema.ts'
import type { Logger } from '../logging.ts'
import type { Clock } from '../ports/clock.ts'
import type { IngestOutcome } from '../services/ingest/ingest-mail.ts'
import { startHealthReporter } from './health-reporter.ts'

export interface MailboxSources {
  stop(): Promise<void>
}

/**
 * One IMAP source per store with a mailbox. A mail counts as delivered (flagged, cursor moved) only once the
 * ingest stored it — as a message, a duplicate, or raw when unparseable — so a crash re-delivers, never loses.
 */
export async function startMailboxSources(options: {
  config: Config
  db: Db
  clock: Clock
  logger: Logger
  ingest(raw: Buffer, origin: string, storeId: string): Promise<IngestOutcome>
}): Promise<MailboxSources> {
  const started: { name: string; source: ImapSource }[] = []
  for (const store of options.config.stores) {
    if (!store.mailbox) continue
    const connection = parseImapUrl(store.mailbox)
    const name = `imap:${store.id}`
    const source = new ImapSource({
      connection,
      cursorStore: mailboxCursorStore(options.db, options.clock),
      logger: options.logger.child({ component: 'imap', store: store.id, mailbox: mailboxKeyOf(connection) }),
    })
    await source.start(async (mail) => {
      await options.ingest(mail.raw, name, store.id)
    })
    started.push({ name, source })
  }
  const reporter = startHealthReporter(options.db, options.clock, options.logger, started.map(({ name, source }) => ({ name, health: () => source.health() })))
  return {
    stop: async () => {
      await Promise.all(started.map(({ source }) => source.stop()))
      await reporter.stop()
    },
  }
}
