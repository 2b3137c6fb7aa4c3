import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/schema.ts'
import { testDatabaseMode } from '../support/database.ts'
import { seedConversation } from './reply-harness.ts'
import { ADMIN_TOKEN, cookieOf, csrfOf, login, nextCommandId, PASSWORD, post, startConsoleHarness, type ConsoleHarness } from './console-harness.ts'

let h: ConsoleHarness
let db: Db
let production: FastifyInstance
let demo: FastifyInstance

beforeAll(async () => {
  h = await startConsoleHarness()
  db = h.db
  production = await h.buildApp()
  demo = await h.buildApp({ demo: true, consolePassword: null, outbox: () => h.pipeline.sink.messages })
}, 60_000)

afterAll(async () => {
  await h?.close()
})

describe(`console auth outside demo mode (${testDatabaseMode})`, () => {
  it('requires a login for pages and the API', async () => {
    const { conversationId } = await seedConversation(db)
    const page = await production.inject({ url: '/console' })
    expect(page.statusCode).toBe(303)
    expect(page.headers.location).toBe('/console/login?next=%2Fconsole')
    for (const url of ['/console/dashboard', '/console/templates', `/console/conversations/${conversationId}`]) {
      expect((await production.inject({ url })).statusCode).toBe(303)
    }
    const card = await production.inject({ url: `/console/api/conversations/${conversationId}/card` })
    expect(card.statusCode).toBe(401)
    expect(card.json()).toMatchObject({ error: 'UNAUTHORIZED' })
    const lint = await post(production, null, '/console/api/lint', { conversationId, text: 'hello' })
    expect(lint.statusCode).toBe(401)
    expect((await production.inject({ url: '/console/login' })).statusCode).toBe(200)
    // Loopback means nothing outside demo mode.
    expect((await production.inject({ url: '/console', remoteAddress: '127.0.0.1' })).statusCode).toBe(303)
  })

  it('refuses a wrong password and issues an HttpOnly, SameSite=Lax, expiring session cookie for the right one', async () => {
    const wrong = await production.inject({
      method: 'POST',
      url: '/console/login',
      payload: 'user=mia&password=nope',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.headers['set-cookie']).toBeUndefined()
    expect(wrong.body).toContain('Wrong password')
    const right = await production.inject({
      method: 'POST',
      url: '/console/login',
      payload: `user=mia&password=${PASSWORD}&next=${encodeURIComponent('https://evil.example/')}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(right.statusCode).toBe(303)
    expect(right.headers.location).toBe('/console')
    const header = String(right.headers['set-cookie'])
    expect(header).toMatch(/HttpOnly/)
    expect(header).toMatch(/SameSite=Lax/)
    expect(header).toMatch(/Max-Age=43200/)
    // The admin token works as a password too.
    const byToken = await production.inject({ method: 'POST', url: '/console/login', payload: { password: ADMIN_TOKEN } })
    expect(byToken.statusCode).toBe(303)
  })

  it('stops password guessing from one address after 10 failures', async () => {
    const attempt = (password: string) =>
      production.inject({ method: 'POST', url: '/console/login', payload: { user: 'mia', password }, remoteAddress: '198.51.100.9' })
    for (let i = 0; i < 10; i++) expect((await attempt(`guess-${i}`)).statusCode).toBe(401)
    const blocked = await attempt(PASSWORD)
    expect(blocked.statusCode).toBe(429)
    expect(blocked.json()).toMatchObject({ error: 'TOO_MANY_REQUESTS' })
    // Other addresses are not affected.
    expect((await production.inject({ method: 'POST', url: '/console/login', payload: { password: PASSWORD }, remoteAddress: '198.51.100.10' })).statusCode).toBe(303)
  })

  it('refuses a tampered or foreign session cookie', async () => {
    const session = await login(production, 'mia')
    const [name, value] = session.cookie.split('=') as [string, string]
    const [body, signature] = decodeURIComponent(value).split('.') as [string, string]
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>
    const forged = Buffer.from(JSON.stringify({ ...payload, u: 'someone-else' })).toString('base64url')
    const tampered = await production.inject({ url: '/console', headers: { cookie: `${name}=${forged}.${signature}` } })
    expect(tampered.statusCode).toBe(303)
    const otherApp = await h.buildApp({ sessionSecret: 'another-secret-that-is-long-enough-000000' })
    const foreign = await otherApp.inject({ url: '/console', headers: { cookie: session.cookie } })
    expect(foreign.statusCode).toBe(303)
    await otherApp.close()
    const expiredApp = await h.buildApp({ clock: { now: () => new Date(Date.now() + 13 * 3600_000) } })
    expect((await expiredApp.inject({ url: '/console', headers: { cookie: session.cookie } })).statusCode).toBe(303)
    await expiredApp.close()
  })

  it('refuses state-changing requests without the session CSRF token or with a wrong one', async () => {
    const { conversationId } = await seedConversation(db)
    const mia = await login(production, 'mia')
    const other = await login(production, 'carl')
    const url = `/console/api/conversations/${conversationId}/commands`
    const without = await production.inject({ method: 'POST', url, payload: { action: 'bb.assign', commandId: nextCommandId() }, headers: { cookie: mia.cookie } })
    expect(without.statusCode).toBe(403)
    expect(without.json()).toMatchObject({ error: 'FORBIDDEN' })
    expect((await post(production, mia, url, { action: 'bb.assign', commandId: nextCommandId() }, 'x'.repeat(32))).statusCode).toBe(403)
    expect((await post(production, mia, url, { action: 'bb.assign', commandId: nextCommandId() }, other.csrf)).statusCode).toBe(403)
    const logout = await production.inject({ method: 'POST', url: '/console/logout', headers: { cookie: mia.cookie } })
    expect(logout.statusCode).toBe(403)
    const row = await db.selectFrom('conversations').select(['assignee']).where('id', '=', conversationId).executeTakeFirstOrThrow()
    expect(row.assignee).toBeNull()
    expect(await db.selectFrom('commands').select('id').where('conversation_id', '=', conversationId).execute()).toHaveLength(0)
    // A form post carries the token in a field.
    const formLogout = await production.inject({
      method: 'POST',
      url: '/console/logout',
      payload: `_csrf=${encodeURIComponent(mia.csrf)}`,
      headers: { cookie: mia.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(formLogout.statusCode).toBe(303)
    expect(String(formLogout.headers['set-cookie'])).toMatch(/Max-Age=0/)
  })

  it('accepts the admin bearer token on the API without a cookie or CSRF token', async () => {
    const { conversationId } = await seedConversation(db)
    const response = await production.inject({
      method: 'POST',
      url: '/console/api/lint',
      payload: { conversationId, text: 'Hello, see https://tracking.example.com/x' },
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    })
    expect(response.statusCode).toBe(200)
    expect(response.json().findings.map((f: { ruleId: string }) => f.ruleId)).toContain('external-link')
    // Not a way into the HTML pages.
    expect((await production.inject({ url: '/console', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).statusCode).toBe(303)
  })

  it('answers bad input with a clear message: HTML on pages, JSON on the API', async () => {
    const mia = await login(production, 'mia')
    const page = await production.inject({ url: '/console?state=bogus', headers: { cookie: mia.cookie } })
    expect(page.statusCode).toBe(400)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('state must be one of')
    const notUuid = await production.inject({ url: '/console/conversations/not-a-uuid', headers: { cookie: mia.cookie } })
    expect(notUuid.statusCode).toBe(400)
    const missing = await production.inject({ url: '/console/conversations/00000000-0000-4000-8000-000000000000', headers: { cookie: mia.cookie } })
    expect(missing.statusCode).toBe(404)
    const { conversationId } = await seedConversation(db)
    const badAction = await post(production, mia, `/console/api/conversations/${conversationId}/commands`, { action: 'bb.delete', commandId: nextCommandId() })
    expect(badAction.statusCode).toBe(400)
    expect(badAction.json()).toMatchObject({ error: 'BAD_REQUEST' })
    expect(badAction.json().message).toContain('action must be one of')
    const badId = await post(production, mia, `/console/api/conversations/${conversationId}/commands`, { action: 'bb.assign', commandId: 'x' })
    expect(badId.json().message).toContain('commandId')
    expect((await post(production, mia, '/console/api/lint', { conversationId, text: 5 })).statusCode).toBe(400)
    expect((await production.inject({ url: '/console/outbox', headers: { cookie: mia.cookie } })).statusCode).toBe(404)
  })
})

describe(`console auth in demo mode (${testDatabaseMode})`, () => {
  it('opens without login on loopback as the operator, says so, and still requires the CSRF token', async () => {
    const seeded = await seedConversation(db)
    const page = await demo.inject({ url: '/console', remoteAddress: '127.0.0.1' })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Demo — connect your real accounts: see README')
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(page.body).not.toMatch(/<script>/)
    const session = { cookie: cookieOf(page), csrf: csrfOf(page.body) }
    const zh = await demo.inject({ url: '/console?lang=zh-CN', headers: { cookie: session.cookie } })
    expect(zh.body).toContain('演示模式')
    expect(String(zh.headers['set-cookie'])).toContain('bb_console_lang=zh-CN')

    const url = `/console/api/conversations/${seeded.conversationId}/commands`
    expect((await demo.inject({ method: 'POST', url, payload: { action: 'bb.assign', commandId: nextCommandId() } })).statusCode).toBe(403)
    const assigned = await post(demo, session, url, { action: 'bb.assign', commandId: nextCommandId() })
    expect(assigned.statusCode).toBe(200)
    expect((await db.selectFrom('commands').select(['actor_id', 'actor_name']).where('conversation_id', '=', seeded.conversationId).executeTakeFirstOrThrow())).toEqual({ actor_id: 'operator', actor_name: 'Olga Operator' })

    // Not from another machine, nor through a DNS name rebound to this machine.
    const remote = await demo.inject({ url: '/console', remoteAddress: '203.0.113.7' })
    expect(remote.statusCode).toBe(303)
    const rebound = await demo.inject({ url: '/console', remoteAddress: '127.0.0.1', headers: { host: 'attacker.example:3000' } })
    expect(rebound.statusCode).toBe(303)
    expect(rebound.headers['set-cookie']).toBeUndefined()
  })
})
