import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabaseMode } from '../support/database.ts'
import { anna, replyState, seedConversation, sleep, startPipeline, waitFor, type Pipeline } from './reply-harness.ts'

const US = 'ATVPDKIKX0DER'
let p: Pipeline

beforeAll(async () => {
  p = await startPipeline()
})
afterAll(async () => {
  await p?.close()
})

/** A conversation whose order allows `allowed` (cached by ingest) and `amazonAllows` (what Amazon says at send time). */
async function proactiveConversation(allowed: string[], amazonAllows: string[] = allowed) {
  const seed = await seedConversation(p.db, { allowedActions: allowed })
  p.sim.orders.upsertOrder({
    orderId: seed.orderId!,
    marketplaceId: US,
    status: 'Shipped',
    purchaseDate: new Date('2026-11-15T10:00:00Z'),
    fulfillmentChannel: 'MFN',
    items: [{ title: 'Electric Kettle', asin: 'B0C7KX2M4Q', sku: 'BB-KETTLE-17', quantity: 1 }],
    allowedActions: amazonAllows,
    buyerLocale: 'en-US',
  })
  return seed
}

const settle = (replyId: string) => waitFor(() => replyState(p.db, replyId), (r) => !['queued', 'sending'].includes(r.state), 20_000)
const postsFor = (orderId: string) => p.sim.requests.filter((r) => r.operation === 'sendMessage' && r.path.includes(orderId))

describe(`reply pipeline, SP-API path (${testDatabaseMode})`, () => {
  it('sends a proactive delay notice through the allowed action, once, with Amazon\'s request id', async () => {
    const seed = await proactiveConversation(['unexpectedProblem', 'confirmDeliveryDetails'])
    const prepared = await p.service.prepareReply({ conversationId: seed.conversationId, actor: anna, templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' })
    expect(prepared.availablePaths).toEqual(['email', 'spapi:unexpectedProblem'])
    expect(prepared.path).toBe('spapi:unexpectedProblem')
    expect(prepared.sendable).toBe(true)
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'sp-1', templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' })
    if (result.kind !== 'queued') throw new Error(JSON.stringify(result))
    const row = await settle(result.reply.id)
    expect(row.state).toBe('sent')
    const sent = p.sim.sentMessages.filter((m) => m.orderId === seed.orderId)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ action: 'unexpectedProblem', marketplaceId: US, text: prepared.text })
    expect(row.provider_id).toBe(sent[0]!.requestId)
    const conversation = await p.db.selectFrom('conversations').select(['state', 'sla_due_at']).where('id', '=', seed.conversationId).executeTakeFirstOrThrow()
    expect(conversation).toEqual({ state: 'replied', sla_due_at: null })
  })

  it('asks Amazon at send time: an action no longer allowed fails permanently and nothing is posted', async () => {
    const seed = await proactiveConversation(['unexpectedProblem'], ['confirmOrderDetails'])
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'sp-2', templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' })
    if (result.kind !== 'queued') throw new Error(result.kind)
    const row = await settle(result.reply.id)
    expect(row.state).toBe('failed')
    expect(row.failure_reason).toContain('does not allow unexpectedProblem')
    expect(postsFor(seed.orderId!)).toHaveLength(0)
  })

  it('a 403 from Amazon fails with its reason and is never retried', async () => {
    const seed = await proactiveConversation(['unexpectedProblem'])
    p.sim.failNext('sendMessage', 403, 1, { errors: [{ code: 'Unauthorized', message: 'Invalid amazonOrderId and template combination' }] })
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'sp-3', templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' })
    if (result.kind !== 'queued') throw new Error(result.kind)
    const row = await settle(result.reply.id)
    expect(row.state).toBe('failed')
    expect(row.failure_reason).toContain('Invalid amazonOrderId and template combination')
    await sleep(1_500)
    expect(postsFor(seed.orderId!)).toHaveLength(1)
    expect((await replyState(p.db, row.id)).state).toBe('failed')
  })

  it('retries 503s that Amazon proves it refused and delivers one message', async () => {
    const seed = await proactiveConversation(['unexpectedProblem'])
    p.sim.failNext('sendMessage', 503, 2, { errors: [{ code: 'ServiceUnavailable', message: 'try again' }] })
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'sp-4', templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' })
    if (result.kind !== 'queued') throw new Error(result.kind)
    const row = await settle(result.reply.id)
    expect(row.state).toBe('sent')
    expect(p.sim.sentMessages.filter((m) => m.orderId === seed.orderId)).toHaveLength(1)
  })

  it('refuses an SP-API path the order does not allow, before storing anything', async () => {
    const seed = await proactiveConversation(['confirmOrderDetails'])
    const result = await p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: 'sp-5', templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' })
    expect(result).toMatchObject({ kind: 'refused', code: 'PATH_NOT_ALLOWED' })
  })

  it('keeps within the 1/s burst-5 plan when several replies leave at once', async () => {
    const seeds = await Promise.all(Array.from({ length: 8 }, () => proactiveConversation(['unexpectedProblem'])))
    const overBefore = p.sim.overPlanCount()
    const results = await Promise.all(
      seeds.map((seed, i) => p.service.requestSend({ conversationId: seed.conversationId, actor: anna, commandId: `burst-${i}`, templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' })),
    )
    const rows = await Promise.all(results.map((r) => (r.kind === 'queued' ? settle(r.reply.id) : Promise.reject(new Error(r.kind)))))
    expect(rows.map((r) => r.state)).toEqual(Array(8).fill('sent'))
    expect(p.sim.overPlanCount() - overBefore).toBe(0)
    for (const seed of seeds) expect(p.sim.sentMessages.filter((m) => m.orderId === seed.orderId)).toHaveLength(1)
  }, 60_000)
})
