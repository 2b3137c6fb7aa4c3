import { sql, type Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add the next one instead.

const now = sql`now()`
const uuid = sql`gen_random_uuid()`

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text')
    .addColumn('marketplaces', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('listen_only', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('buyer_alias', 'text', (c) => c.notNull())
    .addColumn('buyer_name', 'text')
    .addColumn('order_id', 'text')
    .addColumn('marketplace', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text')
    .addColumn('intent', 'text')
    .addColumn('intent_confidence', 'real')
    .addColumn('risk_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('risk_flags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('new').check(sql`state in ('new','notified','assigned','replied','no-response-needed')`),
    )
    .addColumn('assignee', 'text')
    .addColumn('sla_due_at', 'timestamptz')
    .addColumn('after_hours', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('paged_at', 'timestamptz')
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('escalated_by', 'text')
    .addColumn('escalation_reason', 'text')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('acknowledged_by', 'text')
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_reply_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'text')
    .addColumn('order_context', 'jsonb')
    .addColumn('order_context_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  // One conversation per buyer alias × order (a message without an order id has its own thread per alias).
  await sql`create unique index conversations_thread_key on conversations (store_id, buyer_alias, coalesce(order_id, ''))`.execute(db)
  await db.schema.createIndex('conversations_state_last_message').on('conversations').columns(['state', 'last_message_at']).execute()
  await db.schema.createIndex('conversations_sla_due').on('conversations').column('sla_due_at').execute()

  await db.schema
    .createTable('buyer_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('source_message_id', 'text', (c) => c.notNull().unique())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('asin', 'text')
    .addColumn('product_title', 'text')
    .addColumn('references', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('buyer_messages_conversation').on('buyer_messages').columns(['conversation_id', 'received_at']).execute()

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('message_id', 'uuid', (c) => c.notNull().references('buyer_messages.id').onDelete('cascade'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea')
    .execute()
  await db.schema.createIndex('attachments_message').on('attachments').column('message_id').execute()

  // Mail that looked like an Amazon buyer message but could not be parsed: kept raw for the operator.
  await db.schema
    .createTable('inbound_mails')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('source_message_id', 'text', (c) => c.notNull().unique())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('unparseable','resolved','discarded')`))
    .addColumn('error', 'text', (c) => c.notNull())
    .addColumn('raw', 'bytea', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('cards')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('cascade'))
    .addColumn('alert_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('agent','manager','oncall','alert','summary')`))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('ui_language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('external_ref', 'text')
    .addColumn('thread_ref', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending').check(sql`state in ('pending','posting','posted','failed')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rendered_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('posted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('cards_subject', sql`(conversation_id is not null) <> (alert_id is not null)`)
    .execute()
  // Each card is posted once: one row per conversation (or alert) × platform × channel × kind.
  await sql`create unique index cards_conversation_target on cards (conversation_id, platform, channel, kind) where conversation_id is not null`.execute(db)
  await sql`create unique index cards_alert_target on cards (alert_id, platform, channel) where alert_id is not null`.execute(db)

  await db.schema
    .createTable('commands')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('conversation_id', 'uuid', (c) => c.references('conversations.id').onDelete('cascade'))
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('idempotency_key', 'text', (c) => c.unique())
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('accepted'))
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('commands_conversation').on('commands').columns(['conversation_id', 'created_at']).execute()

  await db.schema
    .createTable('replies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('conversation_id', 'uuid', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('answers_message_id', 'uuid', (c) => c.references('buyer_messages.id'))
    .addColumn('template_id', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('subject', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c.notNull().check(sql`state in ('awaiting-approval','queued','sending','sent','failed','unconfirmed','rejected')`),
    )
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('rejection_reason', 'text')
    .addColumn('provider_id', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_by', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  // At most one live reply answers a given buyer message: a double click or two agents produce one send.
  await sql`create unique index replies_one_live_answer on replies (answers_message_id) where answers_message_id is not null and state not in ('failed','rejected')`.execute(db)
  await db.schema.createIndex('replies_conversation').on('replies').columns(['conversation_id', 'created_at']).execute()

  await db.schema
    .createTable('alerts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('critical','warning','info')`))
    .addColumn('marketplace_id', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('resolved_at', 'timestamptz')
    .execute()

  await db.schema
    .createTable('acknowledgements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('conversation','alert','page','escalation')`))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
  // The first acknowledgement wins; a racing second one sees the first.
  await db.schema.createIndex('acknowledgements_subject').on('acknowledgements').columns(['subject_type', 'subject_id']).unique().execute()

  await db.schema
    .createTable('timers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`state in ('scheduled','fired','cancelled')`))
    .addColumn('job_id', 'text')
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('fired_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('timers_subject').on('timers').columns(['subject_type', 'subject_id', 'state']).execute()

  await db.schema
    .createTable('health_snapshots')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(uuid))
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('taken_at', 'timestamptz', (c) => c.notNull())
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('health_snapshots_store_taken').on('health_snapshots').columns(['store_id', 'taken_at']).execute()

  await db.schema
    .createTable('order_contexts')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('context', 'jsonb', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_contexts_pk', ['store_id', 'order_id'])
    .execute()

  await db.schema
    .createTable('mailbox_cursors')
    .addColumn('mailbox_key', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_holder', 'text')
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('integration_status')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('last_failure_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'settings',
    'integration_status',
    'mailbox_cursors',
    'order_contexts',
    'health_snapshots',
    'timers',
    'acknowledgements',
    'alerts',
    'replies',
    'commands',
    'cards',
    'inbound_mails',
    'attachments',
    'buyer_messages',
    'conversations',
    'stores',
  ]) {
    await db.schema.dropTable(table).ifExists().execute()
  }
}
