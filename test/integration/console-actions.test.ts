import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../src/db/schema.ts'
import { testDatabaseMode } from '../support/database.ts'
import { seedConversation, waitFor } from './reply-harness.ts'
import { login, nextCommandId, openDemo, post, startConsoleHarness, type ConsoleHarness } from './console-harness.ts'

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

describe(`console actions (${testDatabaseMode})`, () => {
  it('assign, no response needed, escalate and acknowledge run the audited commands as the configured person', async () => {
    const first = await seedConversation(db)
    const second = await seedConversation(db)
    const mia = await login(production, 'mia')
    const run = (id: string, action: string, extra: object = {}) =>
      post(production, mia, `/console/api/conversations/${id}/commands`, { action, commandId: nextCommandId(), ...extra })

    const assigned = await run(first.conversationId, 'bb.assign')
    expect(assigned.statusCode).toBe(200)
    expect(assigned.json()).toMatchObject({ result: 'done', note: { en: 'Assigned to Mia Chen' } })
    const escalated = await run(first.conversationId, 'bb.escalate', { reason: 'buyer threatens a claim' })
    expect(escalated.statusCode).toBe(200)
    const again = await run(first.conversationId, 'bb.escalate', { reason: 'twice' })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ error: 'REFUSED' })
    expect((await run(first.conversationId, 'bb.ack')).statusCode).toBe(200)
    expect((await run(second.conversationId, 'bb.no_response')).statusCode).toBe(200)

    const row = await db.selectFrom('conversations').selectAll().where('id', '=', first.conversationId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ assignee: 'Mia Chen', state: 'assigned', escalated_by: 'Mia Chen', escalation_reason: 'buyer threatens a claim', acknowledged_by: 'Mia Chen' })
    expect((await db.selectFrom('conversations').select('state').where('id', '=', second.conversationId).executeTakeFirstOrThrow()).state).toBe('no-response-needed')
    const audit = await db.selectFrom('commands').select(['platform', 'actor_id', 'actor_name', 'action', 'outcome']).where('conversation_id', '=', first.conversationId).orderBy('created_at').execute()
    expect(audit.map((a) => [a.platform, a.actor_id, a.action, a.outcome])).toEqual([
      ['console', 'mia', 'bb.assign', 'accepted'],
      ['console', 'mia', 'bb.escalate', 'accepted'],
      ['console', 'mia', 'bb.escalate', 'refused'],
      ['console', 'mia', 'bb.ack', 'accepted'],
    ])
    expect(h.refreshed).toContain(first.conversationId)

    // The same command id twice is one command.
    const commandId = nextCommandId()
    const third = await seedConversation(db)
    await post(production, mia, `/console/api/conversations/${third.conversationId}/commands`, { action: 'bb.assign', commandId })
    const duplicate = await post(production, mia, `/console/api/conversations/${third.conversationId}/commands`, { action: 'bb.assign', commandId })
    expect(duplicate.json()).toMatchObject({ error: 'DUPLICATE' })

    // Someone logged in under a name no person carries is refused by the service.
    const stranger = await login(production, 'nobody')
    const refused = await post(production, stranger, `/console/api/conversations/${third.conversationId}/commands`, { action: 'bb.escalate', commandId: nextCommandId() })
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ error: 'NOT_ALLOWED' })
    // The detail page shows the audit log.
    const detail = await production.inject({ url: `/console/conversations/${first.conversationId}`, headers: { cookie: mia.cookie } })
    expect(detail.statusCode).toBe(200)
    expect(detail.body).toContain('bb.escalate')
    expect(detail.body).toContain('Mia Chen (console)')
  })

  it('prepares a template, lints as typed, refuses a blocked reply, sends a clean one and shows it sent', async () => {
    const seeded = await seedConversation(db)
    const mia = await login(production, 'mia')
    const prepared = await post(production, mia, `/console/api/conversations/${seeded.conversationId}/prepare`, { templateId: 'checking-thank-you' })
    expect(prepared.statusCode).toBe(200)
    const draft = prepared.json() as { text: string; sendable: boolean; path: string; templateId: string }
    expect(draft).toMatchObject({ templateId: 'checking-thank-you', path: 'email', sendable: true })
    expect(draft.text).toContain(seeded.orderId!)

    const blockedText = `${draft.text}\nTrack it here: https://tracking.example.com/abc`
    const lint = await post(production, mia, '/console/api/lint', { conversationId: seeded.conversationId, text: blockedText })
    expect(lint.json()).toMatchObject({ sendable: false })
    expect(lint.json().findings[0]).toMatchObject({ ruleId: 'external-link', severity: 'block' })
    expect(lint.json().findings[0].message_zh).toBeTruthy()

    const refused = await post(production, mia, `/console/api/conversations/${seeded.conversationId}/send`, { text: blockedText, templateId: 'checking-thank-you', commandId: nextCommandId() })
    expect(refused.statusCode).toBe(422)
    expect(refused.json()).toMatchObject({ error: 'LINT_BLOCKED' })

    const sent = await post(production, mia, `/console/api/conversations/${seeded.conversationId}/send`, { text: draft.text, templateId: 'checking-thank-you', commandId: nextCommandId() })
    expect(sent.statusCode).toBe(200)
    expect(sent.json()).toMatchObject({ result: 'queued', reply: { state: 'queued' } })
    await waitFor(() => db.selectFrom('replies').select('state').where('conversation_id', '=', seeded.conversationId).executeTakeFirstOrThrow(), (r) => r.state === 'sent', 20_000)
    const mail = h.pipeline.sink.messages.find((m) => m.envelope.rcptTo.includes(seeded.alias))
    expect(mail?.text).toContain(seeded.orderId!)

    const card = await production.inject({ url: `/console/api/conversations/${seeded.conversationId}/card`, headers: { cookie: mia.cookie } })
    expect(card.statusCode).toBe(200)
    expect(card.body).toMatch(/<ul class="status">[\s\S]*<li>[^<]*Sent[^<]*<\/li>/)
    expect(card.body).toMatch(/data-action="bb.send"[^>]*disabled/)
    const detail = await production.inject({ url: `/console/conversations/${seeded.conversationId}?lang=zh-CN`, headers: { cookie: mia.cookie } })
    expect(detail.body).toContain('data-state="sent"')
    expect(detail.body).toContain('已发送')
  })

  it('holds an agent’s reply for approval; a manager approves one and rejects another with a reason', async () => {
    const carl = await login(production, 'carl')
    const mia = await login(production, 'mia')
    const toApprove = await seedConversation(db)
    const toReject = await seedConversation(db)
    const held = async (conversationId: string) => {
      const prepared = (await post(production, carl, `/console/api/conversations/${conversationId}/prepare`, { templateId: 'checking-thank-you' })).json() as { text: string }
      const response = await post(production, carl, `/console/api/conversations/${conversationId}/send`, { text: prepared.text, templateId: 'checking-thank-you', commandId: nextCommandId() })
      expect(response.json()).toMatchObject({ result: 'awaiting-approval', reply: { state: 'awaiting-approval' } })
      return (response.json() as { reply: { id: string } }).reply.id
    }
    const firstReply = await held(toApprove.conversationId)
    const secondReply = await held(toReject.conversationId)

    // An agent cannot approve their own reply.
    const selfApproval = await post(production, carl, `/console/api/replies/${firstReply}/approve`, { commandId: nextCommandId() })
    expect(selfApproval.statusCode).toBe(403)
    const approved = await post(production, mia, `/console/api/replies/${firstReply}/approve`, { commandId: nextCommandId() })
    expect(approved.statusCode).toBe(200)
    expect(approved.json()).toMatchObject({ result: 'done' })
    await waitFor(() => db.selectFrom('replies').select(['state', 'approved_by']).where('id', '=', firstReply).executeTakeFirstOrThrow(), (r) => r.state === 'sent', 20_000)

    const noReason = await post(production, mia, `/console/api/replies/${secondReply}/reject`, { commandId: nextCommandId() })
    expect(noReason.statusCode).toBe(400)
    const rejected = await post(production, mia, `/console/api/replies/${secondReply}/reject`, { commandId: nextCommandId(), reason: 'tone is off' })
    expect(rejected.statusCode).toBe(200)
    expect(await db.selectFrom('replies').select(['state', 'rejection_reason']).where('id', '=', secondReply).executeTakeFirstOrThrow()).toEqual({ state: 'rejected', rejection_reason: 'tone is off' })
  })
})

describe(`console actions in demo mode (${testDatabaseMode})`, () => {
  it('lists what the buyer would have received in the outbox', async () => {
    const seeded = await seedConversation(db)
    const session = await openDemo(demo)
    const draft = (await post(demo, session, `/console/api/conversations/${seeded.conversationId}/prepare`, { templateId: 'checking-thank-you' })).json() as { text: string }
    const sent = await post(demo, session, `/console/api/conversations/${seeded.conversationId}/send`, { text: draft.text, templateId: 'checking-thank-you', commandId: nextCommandId() })
    expect(sent.json()).toMatchObject({ result: 'queued' })
    await waitFor(() => h.pipeline.sink.messages.filter((m) => m.envelope.rcptTo.includes(seeded.alias)).length, (n) => n === 1, 20_000)
    const outbox = await demo.inject({ url: '/console/outbox', headers: { cookie: session.cookie } })
    expect(outbox.statusCode).toBe(200)
    expect(outbox.body).toContain(seeded.alias)
    expect(outbox.body).toContain(seeded.orderId!)
  })
})
