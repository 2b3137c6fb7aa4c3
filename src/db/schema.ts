import type { Kysely, Transaction } from 'kysely'
import type { AcknowledgementsTable } from './tables/acknowledgements.ts'
import type { AlertsTable } from './tables/alerts.ts'
import type { AttachmentsTable } from './tables/attachments.ts'
import type { BuyerMessagesTable } from './tables/buyer-messages.ts'
import type { CardsTable } from './tables/cards.ts'
import type { CommandsTable } from './tables/commands.ts'
import type { ConversationsTable } from './tables/conversations.ts'
import type { HealthSnapshotsTable } from './tables/health-snapshots.ts'
import type { InboundMailsTable } from './tables/inbound-mails.ts'
import type { IntegrationStatusTable } from './tables/integration-status.ts'
import type { MailboxCursorsTable } from './tables/mailbox-cursors.ts'
import type { OrderContextsTable } from './tables/order-contexts.ts'
import type { RepliesTable } from './tables/replies.ts'
import type { SettingsTable } from './tables/settings.ts'
import type { StoresTable } from './tables/stores.ts'
import type { TimersTable } from './tables/timers.ts'

export interface Database {
  stores: StoresTable
  conversations: ConversationsTable
  buyer_messages: BuyerMessagesTable
  attachments: AttachmentsTable
  inbound_mails: InboundMailsTable
  cards: CardsTable
  commands: CommandsTable
  replies: RepliesTable
  alerts: AlertsTable
  acknowledgements: AcknowledgementsTable
  timers: TimersTable
  health_snapshots: HealthSnapshotsTable
  order_contexts: OrderContextsTable
  mailbox_cursors: MailboxCursorsTable
  integration_status: IntegrationStatusTable
  settings: SettingsTable
}

export type Db = Kysely<Database>
/** Repositories take either the database or a transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>
