import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { upsertStores } from '../../src/db/repos/stores.ts'
import { AppError } from '../../src/domain/errors.ts'
import { encodeSession, newSession, SESSION_COOKIE } from '../../src/http/console/session.ts'
import { buildServer } from '../../src/http/server.ts'
import { Metrics } from '../../src/metrics.ts'
import { checkReadiness } from '../../src/services/readiness.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'

const ADMIN_TOKEN = 'admin-token-0123456789'
const SESSION_SECRET = 'console-session-secret-for-the-api-test'
let database: Awaited<ReturnType<typeof openTestDatabase>>
let app: FastifyInstance
let databaseUp = true

beforeAll(async () => {
  database = await openTestDatabase()
  await upsertStores(database.db, [{ id: 'eu', name: 'Acme EU', region: 'eu', marketplaces: ['DE'], listenOnly: false }])
  app = await buildServer({
    config: { adminToken: ADMIN_TOKEN, demo: { enabled: false, reason: 'test' }, consoleSessionSecret: SESSION_SECRET },
    logger: silentLogger,
    metrics: new Metrics(),
    readiness: () => checkReadiness(database, { shuttingDown: false }),
    db: () => (databaseUp ? database.db : null),
    plugins: [
      async (test) => {
        test.get('/test/app-error', async () => {
          throw new AppError('NOT_FOUND', 'no such order 123-1234567-1234567')
        })
        test.get('/test/crash', async () => {
          throw new Error('secret internals: password=hunter2')
        })
      },
    ],
  })
})
afterAll(async () => {
  await app?.close()
  await database?.drop().catch(() => undefined)
})

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` }

describe(`HTTP edge (${testDatabaseMode})`, () => {
  it('answers /healthz', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'ok', demo: false })
  })

  it('serves Prometheus metrics including request latency', async () => {
    await app.inject({ method: 'GET', url: '/healthz' })
    const res = await app.inject({ method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(res.body).toContain('# TYPE buyerbridge_http_request_duration_seconds histogram')
    expect(res.body).toMatch(/buyerbridge_http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} \d+/)
    for (const name of ['messages_ingested_total', 'cards_posted_total', 'replies_total', 'sla_breaches_total']) {
      expect(res.body).toContain(`# TYPE buyerbridge_${name} counter`)
    }
    expect(res.body).toContain('buyerbridge_process_cpu_user_seconds_total')
  })

  it('answers 4xx with a clear message and 5xx without internals', async () => {
    const notFound = await app.inject({ method: 'GET', url: '/test/app-error' })
    expect(notFound.statusCode).toBe(404)
    expect(notFound.json()).toEqual({ error: 'NOT_FOUND', message: 'no such order 123-1234567-1234567' })
    const crash = await app.inject({ method: 'GET', url: '/test/crash' })
    expect(crash.statusCode).toBe(500)
    expect(crash.json()).toMatchObject({ error: 'INTERNAL', message: 'internal error' })
    expect(crash.body).not.toContain('hunter2')
    const noRoute = await app.inject({ method: 'GET', url: '/nope?x=1' })
    expect(noRoute.json()).toEqual({ error: 'NOT_FOUND', message: 'no route GET /nope' })
  })

  it('guards the admin API with the bearer token', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/conversations' })).statusCode).toBe(401)
    const wrong = await app.inject({ method: 'GET', url: '/api/conversations', headers: { authorization: 'Bearer wrong-token-0123456789' } })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json()).toEqual({ error: 'UNAUTHORIZED', message: 'a valid admin bearer token is required' })
  })

  it('lists conversations with the contract fields and validates the query', async () => {
    const row = await database.db
      .insertInto('conversations')
      .values({
        store_id: 'eu',
        buyer_alias: 'api@marketplace.amazon.de',
        buyer_name: 'Jonas',
        order_id: '302-1111111-2222222',
        marketplace: 'DE',
        language: 'de',
        intent: 'damaged-defective',
        risk_score: 55,
        risk_flags: ['damaged'],
        state: 'new',
        sla_due_at: new Date('2026-11-21T10:00:00Z'),
        last_message_at: new Date('2026-11-20T10:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await database.db
      .insertInto('buyer_messages')
      .values({ conversation_id: row.id, source_message_id: 'm1@amazon', origin: 'webhook', received_at: new Date('2026-11-20T10:00:00Z'), text: 'Kaputt angekommen' })
      .execute()
    const list = await app.inject({ method: 'GET', url: '/api/conversations?state=new&limit=10', headers: auth })
    expect(list.statusCode).toBe(200)
    expect(list.json().items).toEqual([
      {
        id: row.id,
        store: 'eu',
        orderId: '302-1111111-2222222',
        marketplace: 'DE',
        buyerName: 'Jonas',
        language: 'de',
        intent: 'damaged-defective',
        riskScore: 55,
        riskFlags: ['damaged'],
        state: 'new',
        slaDueAt: '2026-11-21T10:00:00.000Z',
        assignee: null,
        lastMessageAt: '2026-11-20T10:00:00.000Z',
      },
    ])
    expect(list.body).not.toContain('api@marketplace.amazon.de')

    const detail = await app.inject({ method: 'GET', url: `/api/conversations/${row.id}`, headers: auth })
    expect(detail.json()).toMatchObject({
      id: row.id,
      messages: [{ receivedAt: '2026-11-20T10:00:00.000Z', text: 'Kaputt angekommen', attachments: [] }],
      replies: [],
    })

    const bad = await app.inject({ method: 'GET', url: '/api/conversations?state=open', headers: auth })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toContain('state must be one of new, notified, assigned, replied, no-response-needed')
    expect((await app.inject({ method: 'GET', url: '/api/conversations?limit=0', headers: auth })).statusCode).toBe(400)
    expect((await app.inject({ method: 'GET', url: '/api/conversations/not-a-uuid', headers: auth })).statusCode).toBe(400)
    const missing = await app.inject({ method: 'GET', url: '/api/conversations/00000000-0000-4000-8000-000000000000', headers: auth })
    expect(missing.statusCode).toBe(404)
  })

  it('pauses and resumes sending through the admin API', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/sending', headers: auth })).json()).toMatchObject({ paused: false, runtime: null })
    const paused = await app.inject({ method: 'PUT', url: '/api/sending', headers: auth, payload: { paused: true, reason: 'wrong template', by: 'ops-lead' } })
    expect(paused.json()).toMatchObject({ paused: true, pausedByConfig: false, runtime: { paused: true, reason: 'wrong template', by: 'ops-lead' } })
    const resumed = await app.inject({ method: 'PUT', url: '/api/sending', headers: auth, payload: { paused: false } })
    expect(resumed.json()).toMatchObject({ paused: false, runtime: { paused: false, by: 'admin-api' } })
    const bad = await app.inject({ method: 'PUT', url: '/api/sending', headers: auth, payload: { paused: 'yes' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toBe('paused must be true or false')
    expect((await app.inject({ method: 'PUT', url: '/api/sending', payload: { paused: true } })).statusCode).toBe(401)
  })

  it('opens the admin API to a console session: reads with the cookie, changes only with its CSRF token', async () => {
    const session = newSession('operator', new Date())
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(encodeSession(session, SESSION_SECRET))}`
    expect((await app.inject({ method: 'GET', url: '/api/conversations', headers: { cookie } })).statusCode).toBe(200)
    const noCsrf = await app.inject({ method: 'PUT', url: '/api/sending', headers: { cookie }, payload: { paused: false } })
    expect(noCsrf.statusCode).toBe(403)
    const withCsrf = await app.inject({ method: 'PUT', url: '/api/sending', headers: { cookie, 'x-csrf-token': session.csrfToken }, payload: { paused: false } })
    expect(withCsrf.statusCode).toBe(200)
    const forged = `${SESSION_COOKIE}=${encodeURIComponent(encodeSession(session, 'another-secret'))}`
    expect((await app.inject({ method: 'GET', url: '/api/conversations', headers: { cookie: forged } })).statusCode).toBe(401)
  })

  it('is ready with the database up and migrated, and not ready once it is down', async () => {
    const ready = await app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toMatchObject({ ready: true, database: { ok: true }, migrations: { ok: true, pending: [] } })

    await database.close()
    databaseUp = false
    const down = await app.inject({ method: 'GET', url: '/readyz' })
    expect(down.statusCode).toBe(503)
    expect(down.json()).toMatchObject({ ready: false, reasons: ['database unreachable'], database: { ok: false } })
    const api = await app.inject({ method: 'GET', url: '/api/conversations', headers: auth })
    expect(api.statusCode).toBe(503)
  })
})
