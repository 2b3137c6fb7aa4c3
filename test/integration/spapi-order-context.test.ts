import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SpapiClient } from '../../adapters/amazon/spapi/client.ts'
import type { SpapiLogger } from '../../adapters/amazon/spapi/config.ts'
import { SpapiOrderContextSource } from '../../adapters/amazon/spapi/order-context-source.ts'
import { SpapiStoreClients } from '../../adapters/amazon/spapi/store-clients.ts'
import { realTimer, type SpapiTimer } from '../../adapters/amazon/spapi/timer.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'
import { isAppError } from '../../src/domain/errors.ts'

const CREDENTIALS = { clientId: 'amzn1.application-oa2-client.ctx', clientSecret: 'ctx-secret', refreshToken: 'Atzr|ctx-refresh' }
const UK = 'A1F83G8C2ARO7P'
const ORDER_ID = '203-3333333-4444444'
const silent: SpapiLogger = { debug() {}, info() {}, warn() {}, error() {} }

let sim: SpapiSimulator
let clock: { ms: number }
let source: SpapiOrderContextSource

const operationsSeen = () => sim.requests.filter((r) => r.operation !== 'lwaToken').map((r) => r.operation).sort()

beforeEach(async () => {
  sim = await startSpapiSimulator(CREDENTIALS)
  sim.orders.upsertOrder({
    orderId: ORDER_ID, marketplaceId: UK, status: 'Shipped', purchaseDate: new Date('2026-11-10T08:30:00Z'), fulfillmentChannel: 'AFN',
    latestDeliveryDate: new Date('2026-11-14T23:59:59Z'),
    items: [
      { title: 'Travel adapter', asin: 'B0ADAPTER1', sku: 'ADP-UK', quantity: 2 },
      { title: 'USB-C cable', asin: 'B0CABLE001', sku: 'CBL-1M', quantity: 1 },
    ],
    allowedActions: ['confirmDeliveryDetails', 'unexpectedProblem'], buyerLocale: 'en-GB',
  })
  clock = { ms: Date.parse('2026-11-20T09:00:00Z') }
  const timer: SpapiTimer = { now: () => clock.ms, sleep: realTimer.sleep }
  const client = new SpapiClient({
    storeId: 'store-uk', region: 'eu', endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, ...CREDENTIALS,
    marketplaceIds: [UK], timeouts: { requestMs: 1_000, orderContextMs: 1_500 }, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 },
  }, { logger: silent, timer })
  source = new SpapiOrderContextSource(new SpapiStoreClients([client]), { ttlMs: 600_000, partialTtlMs: 30_000 }, silent)
})

afterEach(async () => { await sim.close() })

describe('SpapiOrderContextSource', () => {
  it('assembles order, items, allowed actions and buyer locale', async () => {
    const context = await source.getOrderContext('store-uk', ORDER_ID, UK)
    expect(context).toMatchObject({
      orderId: ORDER_ID, marketplace: 'UK', status: 'Shipped', fulfillmentChannel: 'AFN',
      purchaseDate: new Date('2026-11-10T08:30:00Z'), latestDeliveryDate: new Date('2026-11-14T23:59:59Z'),
      allowedMessagingActions: ['confirmDeliveryDetails', 'unexpectedProblem'], buyerLocale: 'en-GB',
      fetchedAt: new Date(clock.ms),
    })
    expect(context.items).toEqual([
      { title: 'Travel adapter', asin: 'B0ADAPTER1', sku: 'ADP-UK', quantity: 2 },
      { title: 'USB-C cable', asin: 'B0CABLE001', sku: 'CBL-1M', quantity: 1 },
    ])
    expect(operationsSeen()).toEqual(['getAttributes', 'getMessagingActionsForOrder', 'getOrder', 'getOrderItems'])
  })

  it('serves repeats from the cache until the TTL passes', async () => {
    await source.getOrderContext('store-uk', ORDER_ID, UK)
    clock.ms += 599_000
    await source.getOrderContext('store-uk', ORDER_ID, UK)
    expect(operationsSeen()).toHaveLength(4)
    clock.ms += 2_000
    await source.getOrderContext('store-uk', ORDER_ID, UK)
    expect(operationsSeen()).toHaveLength(8)
  })

  it('shares one fetch between concurrent callers', async () => {
    await Promise.all([1, 2, 3].map(() => source.getOrderContext('store-uk', ORDER_ID, UK)))
    expect(operationsSeen()).toHaveLength(4)
  })

  it('returns what it could get when a part fails, and asks again sooner', async () => {
    sim.failNext('getAttributes', 403, 1, { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: '' }] })
    const context = await source.getOrderContext('store-uk', ORDER_ID, UK)
    expect(context.buyerLocale).toBeNull()
    expect(context.status).toBe('Shipped')
    expect(context.allowedMessagingActions).toEqual(['confirmDeliveryDetails', 'unexpectedProblem'])
    clock.ms += 31_000
    expect((await source.getOrderContext('store-uk', ORDER_ID, UK)).buyerLocale).toBe('en-GB')
  })

  it('gives up on a part that never answers and keeps the rest', async () => {
    sim.hangNext('getOrderItems', 5)
    const context = await source.getOrderContext('store-uk', ORDER_ID, UK)
    expect(context.items).toEqual([])
    expect(context.buyerLocale).toBe('en-GB')
    expect(context.status).toBe('Shipped')
  })

  it('does not queue past its deadline behind an exhausted usage plan', async () => {
    const client = new SpapiClient({
      storeId: 'store-uk', region: 'eu', endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, ...CREDENTIALS,
      marketplaceIds: [UK], timeouts: { orderContextMs: 1_000 }, ratePlans: { getOrder: { rate: 0.01, burst: 1 } },
    }, { logger: silent })
    const fresh = new SpapiOrderContextSource(new SpapiStoreClients([client]), { ttlMs: 0 }, silent)
    expect((await fresh.getOrderContext('store-uk', ORDER_ID, UK)).status).toBe('Shipped')
    const second = await fresh.getOrderContext('store-uk', ORDER_ID, UK)
    expect(second.status).toBe('Unknown')
    expect(second.buyerLocale).toBe('en-GB')
    expect(sim.requests.filter((r) => r.operation === 'getOrder')).toHaveLength(1)
  })

  it('rejects with a typed error when nothing at all could be read', async () => {
    await expect(source.getOrderContext('store-uk', '999-0000000-0000000', UK)).rejects.toSatisfy((e) => isAppError(e, 'SPAPI_NOT_FOUND'))
    await expect(source.getOrderContext('store-xx', ORDER_ID, UK)).rejects.toSatisfy((e) => isAppError(e, 'SPAPI_UNKNOWN_STORE'))
  })
})
