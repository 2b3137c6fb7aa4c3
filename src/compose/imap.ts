import { ImapSource, mailboxKeyOf, parseImapUrl } from '../../adapters/amazon/imap/index.ts'
import type { Config } from '../config.ts'
import { recordIntegrationStatus } from '../db/repos/integration-status.ts'
import { mailboxCursorStore } from '../db/repos/mailbox-cursors.ts'
import type { Db } from '../db/schema.ts'
import type { Logger } from '../logging.ts'
import type { Clock } from '../ports/clock.ts'
import type { IngestOutcome } from '../services/ingest/ingest-mail.ts'

const STATUS_INTERVAL_MS = 15_000

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
  const report = async () => {
    for (const { name, source } of started) {
      const health = source.health()
      const state = health.state === 'connected' ? 'ok' : health.state === 'standby' ? 'standby' : health.state === 'down' ? 'down' : 'starting'
      await recordIntegrationStatus(options.db, name, {
        state,
        detail: health.state,
        error: health.lastError ?? null,
        at: options.clock.now(),
      }).catch((error: unknown) => options.logger.warn({ err: error, integration: name }, 'could not record integration status'))
    }
  }
  const timer = started.length > 0 ? setInterval(() => void report(), STATUS_INTERVAL_MS) : null
  timer?.unref()
  return {
    stop: async () => {
      if (timer) clearInterval(timer)
      await Promise.all(started.map(({ source }) => source.stop()))
      await report()
    },
  }
}
