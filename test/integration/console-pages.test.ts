import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/schema.ts'
import { testDatabaseMode } from '../support/database.ts'
import { recordIntegrationStatus } from '../../src/db/repos/integration-status.ts'
import { seedConversation } from './reply-harness.ts'
import { cookieOf, login, PASSWORD, startConsoleHarness, type ConsoleHarness } from './console-harness.ts'

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

describe(`console pages (${testDatabaseMode})`, () => {
  it('filters the list by SLA status, risk and assignee, and escapes buyer text', async () => {
    const now = Date.now()
    const breached = await seedConversation(db, { receivedAt: new Date(now - 30 * 3600_000), buyerName: '<script>alert(1)</script>' })
    const soon = await seedConversation(db, { receivedAt: new Date(now - 20 * 3600_000) })
    await db.updateTable('conversations').set({ risk_score: 90, risk_flags: ['legal-threat'] }).where('id', '=', soon.conversationId).execute()
    const mia = await login(production, 'mia')
    const list = async (query: string) => (await production.inject({ url: `/console?${query}`, headers: { cookie: mia.cookie } })).body
    const overdue = await list('sla=breached')
    expect(overdue).toContain(`card-${breached.conversationId}`)
    expect(overdue).not.toContain(`card-${soon.conversationId}`)
    expect(overdue).not.toContain('<script>alert(1)</script>')
    const dueSoon = await list('sla=due-soon')
    expect(dueSoon).toContain(`card-${soon.conversationId}`)
    expect(dueSoon).not.toContain(`card-${breached.conversationId}`)
    const risky = await list('risk=high')
    expect(risky).toContain(`card-${soon.conversationId}`)
    expect(risky).not.toContain(`card-${breached.conversationId}`)
    expect(await list('assignee=Mia%20Chen')).not.toContain(`card-${breached.conversationId}`)
    expect(await list('assignee=-')).toContain(`card-${breached.conversationId}`)
  })

  it('renders every template in every language with its lint result', async () => {
    const mia = await login(production, 'mia')
    const page = await production.inject({ url: '/console/templates', headers: { cookie: mia.cookie } })
    expect(page.statusCode).toBe(200)
    const versions = h.library.templates.reduce((sum, t) => sum + Object.keys(t.languages).length, 0)
    expect(page.body.match(/<details class="sample"/g)).toHaveLength(versions)
    for (const template of h.library.templates) expect(page.body).toContain(`id="template-${template.id}"`)
    expect(page.body).not.toContain('{{')
  })

  it('shows the dashboard with server-rendered SVG charts from replies, escalations, health snapshots and integrations', async () => {
    // The dashboard looks at the last 7/30 days of its own clock: 100 days ahead, only these replies count.
    const at = Date.now() + 100 * 86_400_000
    const sentAt = new Date(at - 3600_000)
    for (const hoursBefore of [3, 30]) {
      const seeded = await seedConversation(db, { receivedAt: new Date(at - hoursBefore * 3600_000) })
      await db
        .insertInto('replies')
        .values({ conversation_id: seeded.conversationId, idempotency_key: `dash-${seeded.conversationId}`, answers_message_id: seeded.messageId, path: 'email', text: 'x', state: 'sent', requested_by: 'Mia Chen', sent_by: 'Mia Chen', sent_at: sentAt })
        .execute()
    }
    await db
      .insertInto('health_snapshots')
      .values({
        store_id: 'shop-us',
        taken_at: new Date(),
        snapshot: JSON.stringify({
          takenAt: new Date().toISOString(),
          marketplaces: [{ marketplaceId: 'ATVPDKIKX0DER', accountStatus: 'NORMAL', healthRatingStatus: 'GREAT', warnings: [], metrics: [{ name: 'lateShipmentRate', status: 'BAD', rate: 0.06, targetValue: 0.04, targetCondition: 'LESS_THAN' }] }],
        }),
      })
      .execute()
    await recordIntegrationStatus(db, 'imap:shop-us', { state: 'failing', error: 'connection refused', at: new Date() })
    const later = await h.buildApp({ clock: { now: () => new Date(at) } })
    const mia = await later.inject({ method: 'POST', url: '/console/login', payload: { user: 'mia', password: PASSWORD } })
    const page = await later.inject({ url: '/console/dashboard', headers: { cookie: cookieOf(mia) } })
    await later.close()
    expect(page.statusCode).toBe(200)
    expect(page.body.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(4)
    // Response times 2 h and 29 h: median 15 h 30 min, one in 1–4 h and one over 24 h.
    expect(page.body).toMatch(/id="panel-response-7">[\s\S]*?Median: <strong>15 h 30 min<\/strong> \(n = 2\)/)
    expect(page.body).toContain('aria-label="Response time 7d: &lt;1h 0, 1–4h 1, 4–12h 0, 12–24h 0, &gt;24h 1"')
    expect(page.body).toContain('shop-us · US')
    expect(page.body).toContain('class="missed"')
    expect(page.body).toContain('imap:shop-us')
    expect(page.body).toContain('connection refused')
  })
})

describe(`console live updates (${testDatabaseMode})`, () => {
  it('pushes changed conversations over server-sent events', async () => {
    const seeded = await seedConversation(db)
    const address = await demo.listen({ host: '127.0.0.1', port: 0 })
    const controller = new AbortController()
    try {
      const response = await fetch(`${address}/console/events`, { signal: controller.signal })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/)
      const reader = response.body!.getReader()
      const decoder = new TextDecoder()
      let received = ''
      // Give the feed a tick to take its starting point, then change the conversation.
      await new Promise((r) => setTimeout(r, 400))
      await db.updateTable('conversations').set({ assignee: 'Someone', updated_at: new Date() }).where('id', '=', seeded.conversationId).execute()
      const deadline = Date.now() + 10_000
      while (!received.includes(seeded.conversationId) && Date.now() < deadline) {
        const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), 2_000))])
        if (chunk && !chunk.done) received += decoder.decode(chunk.value)
      }
      expect(received).toContain('event: conversation')
      expect(received).toContain(`"id":"${seeded.conversationId}"`)
    } finally {
      controller.abort()
    }
  })

  it('caps the number of live streams and ends them on shutdown', async () => {
    const capped = await h.buildApp({ demo: true, events: { pollMs: 100, maxStreams: 1 } })
    const address = await capped.listen({ host: '127.0.0.1', port: 0 })
    const first = await fetch(`${address}/console/events`)
    expect(first.status).toBe(200)
    const second = await fetch(`${address}/console/events`)
    expect(second.status).toBe(503)
    expect(await second.json()).toMatchObject({ error: 'UNAVAILABLE' })
    // The stream would stay open for minutes: close() returns only because the plugin ends it first.
    await capped.close()
    const rest = await first.text()
    expect(rest).toContain('retry: 2000')
  })
})
