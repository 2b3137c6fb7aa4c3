import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSetting } from '../../src/db/repos/settings.ts'
import { upsertStores } from '../../src/db/repos/stores.ts'
import { sendingApi } from '../../src/http/routes/sending-api.ts'
import { PAUSED_NOTE } from '../../src/services/reply/index.ts'
import { testDatabaseMode } from '../support/database.ts'
import { anna, ben, mia, replyState, seedConversation, sleep, startPipeline, waitFor, type Pipeline } from './reply-harness.ts'

const US = 'ATVPDKIKX0DER'
let p: Pipeline
let admin: FastifyInstance

beforeAll(async () => {
  p = await startPipeline({ approval: { agents: ['ben'], templates: [], minRiskScore: 80 } })
  admin = Fastify()
  await admin.register(sendingApi, { db: () => p.db, pausedByConfig: false })
  await admin.ready()
})
afterAll(async () => {
  await admin?.close()
  await p?.close()
})

const settle = (replyId: string) => waitFor(() => replyState(p.db, replyId), (r) => !['queued', 'sending', 'awaiting-approval'].includes(r.state), 20_000)

async function orderAllowing(actions: string[]) {
  const seed = await seedConversation(p.db, { allowedActions: actions })
  p.sim.orders.upsertOrder({
    orderId: seed.orderId!, marketplaceId: US, status: 'Shipped', purchaseDate: new Date('2026-11-15T10:00:00Z'), fulfillmentChannel: 'MFN',
    items: [{ title: 'Electric Kettle', asin: 'B0C7KX2M4Q', sku: 'BB-KETTLE-17', quantity: 1 }], allowedActions: actions, buyerLocale: 'en-US',
  })
  return seed
}

async function replyCount(conversationId: string) {
  return (await p.db.selectFrom('replies').select('id').where('conversation_id', '=', conversationId).execute()).length
}

describe(`reply gates (${testDatabaseMode})`, () => {
  it('never sends a text with an external link or a review request, through either path', async () => {
    const seed = await orderAllowing(['unexpectedProblem'])
    const order = seed.orderId!
    const texts = {
      link: `Hello Jordan, your order ${order} is delayed. You can follow it on https://track.my-shop-example.com/${order} at any time. Kind regards, Anna`,
      review: `Hello Jordan, your order ${order} is on its way. Once it arrives, could you please leave a review for the product? Kind regards, Anna`,
    }
    const sinkBefore = p.sink.messages.length
    const postsBefore = p.sim.sentMessages.length
    for (const [kind, text] of Object.entries(texts)) {
      for (const path of ['email', 'spapi:unexpectedProblem'] as const) {
        const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: `lint-${kind}-${path}`, text, path, confirmWarnings: true })
        expect(result.kind, `${kind} via ${path}`).toBe('refused')
        if (result.kind !== 'refused') continue
        expect(result.code).toBe('LINT_BLOCKED')
        expect(result.findings?.map((f) => f.ruleId)).toContain(kind === 'link' ? 'external-link' : 'review-request')
      }
    }
    expect(await replyCount(seed.conversationId)).toBe(0)
    await sleep(1_000)
    expect(p.sink.messages.length).toBe(sinkBefore)
    expect(p.sim.sentMessages.length).toBe(postsBefore)
  })

  it('asks for confirmation of warnings before sending', async () => {
    const seed = await seedConversation(p.db, { orderId: null })
    const text = 'Hello Jordan, thank you for your message. We are checking the details with our team and will get back to you within 24 hours. Kind regards, Anna'
    const first = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'warn-1', text })
    expect(first.kind).toBe('needs-confirmation')
    if (first.kind === 'needs-confirmation') expect(first.findings.map((f) => f.ruleId)).toContain('missing-order-id')
    expect(await replyCount(seed.conversationId)).toBe(0)
    const confirmed = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'warn-2', text, confirmWarnings: true })
    if (confirmed.kind !== 'queued') throw new Error(confirmed.kind)
    expect((await settle(confirmed.reply.id)).state).toBe('sent')
  })

  it('listen-only: the send is refused up front with the reason, and nothing is stored or sent', async () => {
    const seed = await seedConversation(p.db, { storeId: 'shop-new' })
    const sinkBefore = p.sink.messages.length
    const prepared = await p.service.prepareReply({ conversationId: seed.conversationId, actor: anna, templateId: 'checking-thank-you' })
    expect(prepared.blockedReason).toMatch(/listen-only/)
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'lo-1', templateId: 'checking-thank-you' })
    expect(result).toMatchObject({ kind: 'refused', code: 'LISTEN_ONLY' })
    if (result.kind === 'refused') expect(result.message).toContain('New Shop')
    expect(await replyCount(seed.conversationId)).toBe(0)
    await sleep(500)
    expect(p.sink.messages.length).toBe(sinkBefore)
  })

  it('pause via PUT /api/sending: queued replies wait visibly and leave once resumed', async () => {
    const seed = await seedConversation(p.db)
    const sinkBefore = p.sink.messages.length
    const paused = await admin.inject({ method: 'PUT', url: '/api/sending', payload: { paused: true, reason: 'wrong template', by: 'mia' } })
    expect(paused.json()).toMatchObject({ paused: true })
    expect(await p.service.prepareReply({ conversationId: seed.conversationId, actor: anna, templateId: 'checking-thank-you' })).toMatchObject({ paused: true })
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'pause-1', templateId: 'checking-thank-you' })
    if (result.kind !== 'queued') throw new Error(result.kind)
    const waiting = await waitFor(() => replyState(p.db, result.reply.id), (r) => r.note === PAUSED_NOTE, 10_000)
    expect(waiting.state).toBe('queued')
    await sleep(2_500)
    expect((await replyState(p.db, result.reply.id)).state).toBe('queued')
    expect(p.sink.messages.length).toBe(sinkBefore)

    await admin.inject({ method: 'PUT', url: '/api/sending', payload: { paused: false, by: 'mia' } })
    const row = await settle(result.reply.id)
    expect(row).toMatchObject({ state: 'sent', note: null })
    expect(p.sink.messages.length).toBe(sinkBefore + 1)
  })

  it('pause via the stored setting holds the SP-API path too; a store turned listen-only meanwhile is never sent to', async () => {
    const seed = await orderAllowing(['unexpectedProblem'])
    const postsBefore = p.sim.sentMessages.length
    await writeSetting(p.db, 'sending.paused', { paused: true, reason: null, by: 'test', at: new Date().toISOString() }, 'test')
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'pause-2', templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' })
    if (result.kind !== 'queued') throw new Error(result.kind)
    await waitFor(() => replyState(p.db, result.reply.id), (r) => r.note === PAUSED_NOTE, 10_000)
    await sleep(1_500)
    expect(p.sim.sentMessages.length).toBe(postsBefore)

    await upsertStores(p.db, [{ id: 'shop-us', name: 'Kettle Shop US', region: 'na', marketplaces: ['US'], listenOnly: true }])
    await writeSetting(p.db, 'sending.paused', { paused: false, reason: null, by: 'test', at: new Date().toISOString() }, 'test')
    const row = await settle(result.reply.id)
    expect(row.state).toBe('failed')
    expect(row.failure_reason).toMatch(/listen-only/)
    expect(p.sim.sentMessages.length).toBe(postsBefore)
    await upsertStores(p.db, [{ id: 'shop-us', name: 'Kettle Shop US', region: 'na', marketplaces: ['US'], listenOnly: false }])
  })

  it('approval: a configured agent\'s reply waits for a manager; only a manager approves; then it is sent once', async () => {
    const seed = await seedConversation(p.db)
    const sinkBefore = p.sink.messages.length
    const prepared = await p.service.prepareReply({ conversationId: seed.conversationId, actor: ben, templateId: 'checking-thank-you' })
    expect(prepared).toMatchObject({ paused: false, approvalReasons: ['replies by Ben Wang need approval'] })
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: ben, commandId: 'appr-1', templateId: 'checking-thank-you' })
    expect(result.kind).toBe('awaiting-approval')
    if (result.kind !== 'awaiting-approval') return
    expect(result.reasons).toEqual(['replies by Ben Wang need approval'])
    await sleep(1_500)
    expect((await replyState(p.db, result.reply.id)).state).toBe('awaiting-approval')
    expect(p.sink.messages.length).toBe(sinkBefore)

    const other = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'appr-2', templateId: 'checking-thank-you' })
    expect(other).toMatchObject({ kind: 'duplicate', by: 'Ben Wang' })
    if (other.kind === 'duplicate') expect(other.message).toMatch(/^already waiting for approval by Ben Wang/)

    expect(await p.service.approve({ replyId: result.reply.id, actor: anna, commandId: 'a-0' })).toMatchObject({ kind: 'refused', code: 'NOT_AUTHORISED' })
    expect(await p.service.approve({ replyId: result.reply.id, actor: mia, commandId: 'a-1' })).toMatchObject({ kind: 'done', reply: { state: 'queued' } })
    expect(await p.service.approve({ replyId: result.reply.id, actor: mia, commandId: 'a-2' })).toMatchObject({ kind: 'refused', code: 'WRONG_STATE' })
    const row = await settle(result.reply.id)
    expect(row).toMatchObject({ state: 'sent', approved_by: 'mia', sent_by: 'ben' })
    expect(p.sink.messages.length).toBe(sinkBefore + 1)
  })

  it('approval by risk: a rejection carries the reason back and frees the message; managers are not held', async () => {
    const seed = await seedConversation(p.db, { riskScore: 85 })
    const sinkBefore = p.sink.messages.length
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'risk-1', templateId: 'checking-thank-you' })
    if (result.kind !== 'awaiting-approval') throw new Error(result.kind)
    expect(result.reasons).toEqual(['risk score 85 is at or above 80'])
    const rejected = await p.service.reject({ replyId: result.reply.id, actor: mia, commandId: 'rj-1', reason: 'Offer a replacement instead' })
    expect(rejected).toMatchObject({ kind: 'done', reply: { state: 'rejected', rejectionReason: 'Offer a replacement instead' } })
    expect(p.changes).toContain(seed.conversationId)

    const byManager = await p.service.requestSend({ conversationId: seed.conversationId, actor: mia, commandId: 'risk-2', templateId: 'checking-thank-you' })
    if (byManager.kind !== 'queued') throw new Error(byManager.kind)
    expect((await settle(byManager.reply.id)).state).toBe('sent')
    expect(p.sink.messages.length).toBe(sinkBefore + 1)
  })
})
