import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SpapiClient } from '../../adapters/amazon/spapi/client.ts'
import type { SpapiLogger, SpapiStoreConfig } from '../../adapters/amazon/spapi/config.ts'
import { SpapiMessagingSender } from '../../adapters/amazon/spapi/messaging-sender.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'
import type { OutgoingReply } from '../../src/domain/reply.ts'

const CREDENTIALS = { clientId: 'amzn1.application-oa2-client.msg', clientSecret: 'msg-secret', refreshToken: 'Atzr|msg-refresh' }
const JP = 'A1VC38T7YXB528'
const ORDER_ID = '503-5555555-6666666'
const TEXT = 'ご注文の商品は本日発送いたしました。お届けは明日の予定です。注文番号 503-5555555-6666666'
// Fast plans on both sides so retries in these tests wait milliseconds, not seconds.
const FAST = { rate: 50, burst: 5 }
const PLANS = { sendMessage: FAST, getMessagingActionsForOrder: FAST }

function capturingLogger(): SpapiLogger & { lines: string[] } {
  const lines: string[] = []
  const record = (obj: object, msg?: string) => { lines.push(JSON.stringify({ ...obj, msg })) }
  return { lines, debug: record, info: record, warn: record, error: record }
}

let sim: SpapiSimulator
let logger: ReturnType<typeof capturingLogger>

function sender(overrides: Partial<SpapiStoreConfig> = {}): SpapiMessagingSender {
  const client = new SpapiClient({
    storeId: 'store-jp', region: 'fe', endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, ...CREDENTIALS,
    marketplaceIds: [JP], ratePlans: PLANS, timeouts: { requestMs: 500 }, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 200 },
    ...overrides,
  }, { logger })
  return new SpapiMessagingSender(client, logger)
}

function reply(overrides: Partial<OutgoingReply> = {}): OutgoingReply {
  return {
    replyId: 'reply-1', path: 'spapi:confirmDeliveryDetails', text: TEXT, to: null, subject: null, inReplyTo: null, references: [],
    orderId: ORDER_ID, marketplaceId: JP, ...overrides,
  }
}

const posts = () => sim.requests.filter((r) => r.operation === 'sendMessage')
const actionChecks = () => sim.requests.filter((r) => r.operation === 'getMessagingActionsForOrder')

beforeEach(async () => {
  sim = await startSpapiSimulator({ ...CREDENTIALS, ratePlans: PLANS })
  sim.orders.upsertOrder({
    orderId: ORDER_ID, marketplaceId: JP, status: 'Shipped', purchaseDate: new Date('2026-11-18T03:00:00Z'), fulfillmentChannel: 'MFN',
    items: [{ title: '折りたたみ傘', asin: 'B0UMBRELLA', sku: 'UMB-01', quantity: 1 }],
    allowedActions: ['confirmDeliveryDetails', 'confirmOrderDetails'], buyerLocale: 'ja-JP',
  })
  logger = capturingLogger()
})

afterEach(async () => {
  await sim.close()
  expect(logger.lines.join('\n')).not.toContain(TEXT)
})

describe('SpapiMessagingSender', () => {
  it('sends an allowed action once and returns Amazon\'s request id', async () => {
    const outcome = await sender().send(reply())
    expect(sim.sentMessages).toHaveLength(1)
    expect(sim.sentMessages[0]).toMatchObject({ orderId: ORDER_ID, marketplaceId: JP, action: 'confirmDeliveryDetails', text: TEXT })
    expect(outcome).toEqual({ outcome: 'sent', providerId: sim.sentMessages[0]?.requestId })
  })

  it('asks Amazon afresh on every send (no cached allowed actions)', async () => {
    const s = sender()
    expect((await s.send(reply())).outcome).toBe('sent')
    sim.orders.upsertOrder({ ...sim.orders.get(ORDER_ID)!, allowedActions: [] })
    expect(await s.send(reply())).toMatchObject({ outcome: 'failed', transient: false })
    expect(actionChecks()).toHaveLength(2)
    expect(posts()).toHaveLength(1)
  })

  it('fails permanently without posting when the action is not allowed for the order', async () => {
    const outcome = await sender().send(reply({ path: 'spapi:unexpectedProblem' }))
    expect(outcome).toMatchObject({ outcome: 'failed', transient: false })
    expect(outcome.outcome === 'failed' && outcome.reason).toContain('does not allow unexpectedProblem')
    expect(outcome.outcome === 'failed' && outcome.reason).toContain('confirmDeliveryDetails, confirmOrderDetails')
    expect(posts()).toHaveLength(0)
  })

  it('fails permanently without any request when the text is too long for the action', async () => {
    const outcome = await sender().send(reply({ path: 'spapi:confirmDeliveryDetails', text: 'あ'.repeat(2001) }))
    expect(outcome).toMatchObject({ outcome: 'failed', transient: false })
    expect(sim.requests).toHaveLength(0)
  })

  it('a 403 from the POST is a permanent failure with Amazon\'s message, never retried', async () => {
    sim.failNext('sendMessage', 403, 1, { errors: [{ code: 'Unauthorized', message: 'Invalid amazonOrderId and template combination', details: '' }] })
    const outcome = await sender().send(reply())
    expect(outcome).toMatchObject({ outcome: 'failed', transient: false })
    expect(outcome.outcome === 'failed' && outcome.reason).toContain('Invalid amazonOrderId and template combination')
    expect(posts()).toHaveLength(1)
    expect(sim.sentMessages).toHaveLength(0)
  })

  it('a 429 before acceptance is retried and the message goes out once', async () => {
    sim.failNext('sendMessage', 429, 1)
    const outcome = await sender().send(reply())
    expect(outcome.outcome).toBe('sent')
    expect(posts().map((r) => r.status)).toEqual([429, 201])
    expect(sim.sentMessages).toHaveLength(1)
  })

  it('persistent 429 / Amazon 5xx: retried within the cap, then a transient failure', async () => {
    sim.failNext('sendMessage', 429, 3)
    expect(await sender().send(reply())).toMatchObject({ outcome: 'failed', transient: true })
    expect(posts()).toHaveLength(3)
    sim.failNext('sendMessage', 503, 3)
    expect(await sender().send(reply())).toMatchObject({ outcome: 'failed', transient: true })
    expect(posts()).toHaveLength(6)
    expect(sim.sentMessages).toHaveLength(0)
  })

  it('no answer after the POST left → unconfirmed, exactly one POST, never retried', async () => {
    sim.hangNext('sendMessage', 1)
    const outcome = await sender().send(reply())
    expect(outcome.outcome).toBe('unconfirmed')
    expect(posts()).toHaveLength(1)
    // The simulator processed it: exactly the case where a retry would have messaged the buyer twice.
    expect(sim.sentMessages).toHaveLength(1)
  })

  it('a gateway 504 proves nothing → unconfirmed, not retried', async () => {
    sim.failNext('sendMessage', 504, 1, { message: 'Gateway Timeout' })
    expect((await sender().send(reply())).outcome).toBe('unconfirmed')
    expect(posts()).toHaveLength(1)
  })

  it('an LWA token request that never answers is a transient failure, not an unconfirmed send', async () => {
    sim.hangNext('lwaToken', 1)
    expect(await sender({ retry: { maxAttempts: 1 } }).send(reply())).toMatchObject({ outcome: 'failed', transient: true })
    expect(posts()).toHaveLength(0)
  })

  it('LWA refusing the credentials is a permanent failure', async () => {
    expect(await sender({ clientSecret: 'rotated' }).send(reply())).toMatchObject({ outcome: 'failed', transient: false })
    expect(posts()).toHaveLength(0)
  })

  it('a failure while checking the allowed actions is transient and posts nothing', async () => {
    sim.failNext('getMessagingActionsForOrder', 503, 3)
    expect(await sender().send(reply())).toMatchObject({ outcome: 'failed', transient: true })
    expect(posts()).toHaveLength(0)
  })
})
