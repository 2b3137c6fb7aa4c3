import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DatabaseHandle } from '../../src/db/connect.ts'
import { migrations } from '../../migrations/index.ts'
import { migrateDown, migrateToLatest, pendingMigrations } from '../../src/db/migrate.ts'
import { findConversation, listConversations } from '../../src/db/repos/conversations.ts'
import { mailboxCursorStore } from '../../src/db/repos/mailbox-cursors.ts'
import { listIntegrationStatus, recordIntegrationStatus } from '../../src/db/repos/integration-status.ts'
import { readSetting, writeSetting } from '../../src/db/repos/settings.ts'
import { listStores, upsertStores } from '../../src/db/repos/stores.ts'
import { openTestDatabase, testDatabaseMode } from '../support/database.ts'

let database: DatabaseHandle & { drop(): Promise<void> }

beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database?.drop()
})

async function tableNames(): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(database.db)
  return result.rows.map((r) => r.table_name)
}

async function insertConversation(overrides: Partial<{ buyer_alias: string; order_id: string | null; state: 'new' | 'replied' }> = {}) {
  return database.db
    .insertInto('conversations')
    .values({
      store_id: 'eu',
      buyer_alias: overrides.buyer_alias ?? 'abc123@marketplace.amazon.de',
      buyer_name: 'Anna',
      order_id: overrides.order_id === undefined ? '302-1234567-7654321' : overrides.order_id,
      marketplace: 'DE',
      state: overrides.state ?? 'new',
      risk_flags: ['damaged'],
      risk_score: 40,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

describe(`migrations (${testDatabaseMode})`, () => {
  it('go up, down and up again, leaving no pending migration', async () => {
    expect(await pendingMigrations(database.db)).toEqual([])
    expect(await tableNames()).toEqual([
      'acknowledgements', 'alerts', 'attachments', 'buyer_messages', 'cards', 'commands', 'conversations',
      'health_snapshots', 'inbound_mails', 'integration_status', 'mailbox_cursors', 'order_contexts', 'replies',
      'settings', 'stores', 'timers',
    ])
    const all = Object.keys(migrations)
    for (const name of [...all].reverse()) expect(await migrateDown(database.db)).toEqual([name])
    expect(await tableNames()).toEqual([])
    expect(await pendingMigrations(database.db)).toEqual(all)
    expect(await migrateToLatest(database.db)).toEqual(all)
    expect(await migrateToLatest(database.db)).toEqual([])
  })
})

describe(`repositories and constraints (${testDatabaseMode})`, () => {
  beforeAll(async () => {
    await upsertStores(database.db, [{ id: 'eu', name: 'Acme EU', region: 'eu', marketplaces: ['DE', 'FR'], listenOnly: false }])
  })

  it('upserts stores from the configuration', async () => {
    await upsertStores(database.db, [{ id: 'eu', name: 'Acme Europe', region: 'eu', marketplaces: ['DE'], listenOnly: true }])
    expect(await listStores(database.db)).toEqual([{ id: 'eu', name: 'Acme Europe', region: 'eu', marketplaces: ['DE'], listenOnly: true }])
  })

  it('round-trips a conversation with arrays, defaults and timestamps', async () => {
    const inserted = await insertConversation({ buyer_alias: 'roundtrip@marketplace.amazon.de' })
    const found = await findConversation(database.db, inserted.id)
    expect(found).toMatchObject({ state: 'new', risk_flags: ['damaged'], risk_score: 40, message_count: 0, after_hours: false })
    expect(found?.last_message_at).toBeInstanceOf(Date)
    const listed = await listConversations(database.db, { limit: 10, state: 'new' })
    expect(listed.map((c) => c.id)).toContain(inserted.id)
    expect(await listConversations(database.db, { limit: 10, state: 'replied' })).toEqual([])
  })

  it('keeps one conversation per buyer alias and order, also without an order id', async () => {
    await insertConversation({ buyer_alias: 'dup@marketplace.amazon.de' })
    await expect(insertConversation({ buyer_alias: 'dup@marketplace.amazon.de' })).rejects.toThrow(/conversations_thread_key/)
    await insertConversation({ buyer_alias: 'noorder@marketplace.amazon.de', order_id: null })
    await expect(insertConversation({ buyer_alias: 'noorder@marketplace.amazon.de', order_id: null })).rejects.toThrow(/conversations_thread_key/)
  })

  it('refuses an unknown conversation state', async () => {
    await expect(
      sql`insert into conversations (store_id, buyer_alias, marketplace, state) values ('eu', 'x@marketplace.amazon.de', 'DE', 'open')`.execute(database.db),
    ).rejects.toThrow(/check constraint/)
  })

  it('stores a buyer message once per source Message-ID', async () => {
    const conversation = await insertConversation({ buyer_alias: 'msg@marketplace.amazon.de' })
    const message = {
      conversation_id: conversation.id,
      source_message_id: 'abc@mail.amazon.de',
      origin: 'webhook',
      received_at: new Date('2026-11-20T10:00:00Z'),
      text: 'Wo ist meine Bestellung?',
      references: ['earlier@mail.amazon.de'],
    }
    const stored = await database.db.insertInto('buyer_messages').values(message).returningAll().executeTakeFirstOrThrow()
    expect(stored.references).toEqual(['earlier@mail.amazon.de'])
    expect(stored.received_at.toISOString()).toBe('2026-11-20T10:00:00.000Z')
    await expect(database.db.insertInto('buyer_messages').values(message).execute()).rejects.toThrow(/source_message_id/)
    const attachment = await database.db
      .insertInto('attachments')
      .values({ message_id: stored.id, filename: 'photo.jpg', content_type: 'image/jpeg', size: 3, content: Buffer.from([1, 2, 3]) })
      .returningAll()
      .executeTakeFirstOrThrow()
    expect(Buffer.from(attachment.content!)).toEqual(Buffer.from([1, 2, 3]))
  })

  it('posts a card once per conversation, platform, channel and kind', async () => {
    const conversation = await insertConversation({ buyer_alias: 'card@marketplace.amazon.de' })
    const card = { conversation_id: conversation.id, kind: 'agent' as const, platform: 'slack', channel: 'C1' }
    await database.db.insertInto('cards').values(card).execute()
    await expect(database.db.insertInto('cards').values(card).execute()).rejects.toThrow(/cards_conversation_target/)
    await database.db.insertInto('cards').values({ ...card, kind: 'manager' }).execute()
    await database.db.insertInto('cards').values({ ...card, channel: 'C2' }).execute()
  })

  it('allows one live reply per buyer message, but a new one after a failure', async () => {
    const conversation = await insertConversation({ buyer_alias: 'reply@marketplace.amazon.de' })
    const message = await database.db
      .insertInto('buyer_messages')
      .values({ conversation_id: conversation.id, source_message_id: 'reply-1@amazon', origin: 'webhook', received_at: new Date(), text: 'Hallo' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const reply = (key: string, state: 'queued' | 'failed') => ({
      conversation_id: conversation.id,
      idempotency_key: key,
      answers_message_id: message.id,
      path: 'email',
      text: 'Guten Tag',
      state,
      requested_by: 'U1',
    })
    await database.db.insertInto('replies').values(reply('k1', 'failed')).execute()
    await database.db.insertInto('replies').values(reply('k2', 'queued')).execute()
    await expect(database.db.insertInto('replies').values(reply('k3', 'queued')).execute()).rejects.toThrow(/replies_one_live_answer/)
    await expect(database.db.insertInto('replies').values(reply('k2', 'failed')).execute()).rejects.toThrow(/idempotency_key/)
  })

  it('lets the first acknowledgement win and dedupes alerts and timers', async () => {
    const ack = { subject_type: 'page' as const, subject_id: 'p1', platform: 'slack', actor_id: 'U1' }
    await database.db.insertInto('acknowledgements').values(ack).execute()
    await expect(database.db.insertInto('acknowledgements').values({ ...ack, actor_id: 'U2' }).execute()).rejects.toThrow(/acknowledgements_subject/)
    const alert = { store_id: 'eu', dedupe_key: 'eu:DE:odr:BAD', kind: 'metric-status', severity: 'critical' as const, payload: '{}' }
    await database.db.insertInto('alerts').values(alert).execute()
    await expect(database.db.insertInto('alerts').values(alert).execute()).rejects.toThrow(/dedupe_key/)
    const timer = { dedupe_key: 'sla:c1:60', kind: 'sla-reminder', subject_type: 'conversation', subject_id: 'c1', due_at: new Date() }
    await database.db.insertInto('timers').values(timer).execute()
    await expect(database.db.insertInto('timers').values(timer).execute()).rejects.toThrow(/dedupe_key/)
  })

  it('records integration status keeping the last failure after a success', async () => {
    await recordIntegrationStatus(database.db, 'slack', { state: 'failing', error: 'HTTP 503', at: new Date('2026-11-20T10:00:00Z') })
    await recordIntegrationStatus(database.db, 'slack', { state: 'ok', at: new Date('2026-11-20T10:01:00Z') })
    const [slack] = await listIntegrationStatus(database.db)
    expect(slack).toMatchObject({ name: 'slack', state: 'ok', last_error: 'HTTP 503' })
    expect(slack?.last_failure_at?.toISOString()).toBe('2026-11-20T10:00:00.000Z')
    expect(slack?.last_success_at?.toISOString()).toBe('2026-11-20T10:01:00.000Z')
  })

  it('reads back settings as JSON', async () => {
    expect(await readSetting(database.db, 'sending.paused')).toBeUndefined()
    await writeSetting(database.db, 'sending.paused', { paused: true, reason: 'wrong template' }, 'ops')
    expect(await readSetting(database.db, 'sending.paused')).toEqual({ paused: true, reason: 'wrong template' })
  })
})

describe(`mailbox cursor store (${testDatabaseMode})`, () => {
  it('persists the cursor and lets one holder lease a mailbox at a time', async () => {
    let now = new Date('2026-11-20T10:00:00Z')
    const store = mailboxCursorStore(database.db, { now: () => now })
    const key = 'imap://seller@mail.example.com:993/INBOX'
    expect(await store.load(key)).toBeNull()
    expect(await store.tryAcquireLease(key, 'replica-a', 60_000)).toBe(true)
    expect(await store.tryAcquireLease(key, 'replica-b', 60_000)).toBe(false)
    expect(await store.tryAcquireLease(key, 'replica-a', 60_000)).toBe(true)
    await store.save(key, { uidValidity: '1700000000', lastUid: 42 })
    expect(await store.load(key)).toEqual({ uidValidity: '1700000000', lastUid: 42 })
    now = new Date('2026-11-20T10:01:01Z')
    expect(await store.tryAcquireLease(key, 'replica-b', 60_000)).toBe(true)
    expect(await store.tryAcquireLease(key, 'replica-a', 60_000)).toBe(false)
    await store.releaseLease(key, 'replica-a')
    expect(await store.tryAcquireLease(key, 'replica-a', 60_000)).toBe(false)
    await store.releaseLease(key, 'replica-b')
    expect(await store.tryAcquireLease(key, 'replica-a', 60_000)).toBe(true)
    expect(await store.load(key)).toEqual({ uidValidity: '1700000000', lastUid: 42 })
  })
})
