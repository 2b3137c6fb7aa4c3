import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SpapiClient } from '../../adapters/amazon/spapi/client.ts'
import type { SpapiLogger, SpapiStoreConfig } from '../../adapters/amazon/spapi/config.ts'
import { spapiDetails } from '../../adapters/amazon/spapi/errors.ts'
import { getMessagingActions, getOrder, sendMessage } from '../../adapters/amazon/spapi/operations.ts'
import { realTimer, type SpapiTimer } from '../../adapters/amazon/spapi/timer.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'
import { isAppError } from '../../src/domain/errors.ts'

const CREDENTIALS = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'lwa-secret-do-not-log', refreshToken: 'Atzr|refresh-do-not-log' }
const DE = 'A1PA6795UKMFR9'
const ORDER_ID = '302-1111111-2222222'

function capturingLogger(): SpapiLogger & { lines: string[] } {
  const lines: string[] = []
  const record = (obj: object, msg?: string) => { lines.push(JSON.stringify({ ...obj, msg })) }
  return { lines, debug: record, info: record, warn: record, error: record }
}

function seedOrder(sim: SpapiSimulator, orderId = ORDER_ID): void {
  sim.orders.upsertOrder({
    orderId, marketplaceId: DE, status: 'Shipped', purchaseDate: new Date('2026-11-01T10:00:00Z'), fulfillmentChannel: 'MFN',
    items: [{ title: 'Reisekoffer 55 cm', asin: 'B0TESTASIN', sku: 'SKU-1', quantity: 1 }],
    allowedActions: ['confirmDeliveryDetails', 'unexpectedProblem'], buyerLocale: 'de-DE',
  })
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

let sim: SpapiSimulator
let logger: ReturnType<typeof capturingLogger>
let clock: { ms: number }

function client(overrides: Partial<SpapiStoreConfig> = {}, timer?: SpapiTimer): SpapiClient {
  return new SpapiClient({
    storeId: 'store-de', region: 'eu', endpoint: sim.url, lwaEndpoint: `${sim.url}/auth/o2/token`, ...CREDENTIALS,
    marketplaceIds: [DE], timeouts: { requestMs: 1_000 }, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 2_000 },
    ...overrides,
  }, { logger, ...(timer ? { timer } : {}) })
}

const lwaCalls = () => sim.requests.filter((r) => r.operation === 'lwaToken').length
const callsOf = (operation: string) => sim.requests.filter((r) => r.operation === operation)

beforeEach(async () => {
  clock = { ms: Date.parse('2026-11-20T09:00:00Z') }
  sim = await startSpapiSimulator({ ...CREDENTIALS, tokenTtlSeconds: 3600, now: () => new Date(clock.ms) })
  logger = capturingLogger()
  seedOrder(sim)
})

afterEach(async () => {
  await sim.close()
  const logged = logger.lines.join('\n')
  expect(logged).not.toContain(CREDENTIALS.clientSecret)
  expect(logged).not.toContain(CREDENTIALS.refreshToken)
  expect(logged).not.toContain('Atza|')
})

describe('LWA tokens', () => {
  it('fetches one token for many requests', async () => {
    const c = client()
    for (let i = 0; i < 4; i += 1) expect((await getOrder(c, ORDER_ID)).AmazonOrderId).toBe(ORDER_ID)
    expect(lwaCalls()).toBe(1)
  })

  it('shares one refresh between concurrent callers', async () => {
    const c = client()
    await Promise.all(Array.from({ length: 5 }, () => getOrder(c, ORDER_ID)))
    expect(lwaCalls()).toBe(1)
    expect(c.lwa.refreshCount).toBe(1)
  })

  it('refreshes before expiry, then keeps using the new token', async () => {
    const timer: SpapiTimer = { now: () => clock.ms, sleep: realTimer.sleep }
    const c = client({}, timer)
    await getOrder(c, ORDER_ID)
    clock.ms += 3_600_000 - 59_000 // inside the last minute of the hour-long token
    await getOrder(c, ORDER_ID)
    await getOrder(c, ORDER_ID)
    expect(lwaCalls()).toBe(2)
  })

  it('fetches a new token once when Amazon says the cached one expired', async () => {
    const c = client() // its clock is real time; the simulator's clock runs ahead and expires the token
    await getOrder(c, ORDER_ID)
    clock.ms += 2 * 3_600_000
    expect((await getOrder(c, ORDER_ID)).AmazonOrderId).toBe(ORDER_ID)
    expect(lwaCalls()).toBe(2)
    expect(callsOf('getOrder').map((r) => r.status)).toEqual([200, 403, 200])
  })

  it.each([
    ['a wrong client secret (401 invalid_client)', { clientSecret: 'wrong' }, 'invalid_client'],
    ['a revoked refresh token (400 invalid_grant)', { refreshToken: 'Atzr|revoked' }, 'invalid_grant'],
  ])('turns %s into SPAPI_AUTH', async (_label, override, lwaCode) => {
    const error = await caught(getOrder(client(override), ORDER_ID))
    expect(isAppError(error, 'SPAPI_AUTH')).toBe(true)
    expect(spapiDetails(error)?.amazonCode).toBe(lwaCode)
    expect(callsOf('getOrder')).toHaveLength(0)
  })
})

describe('configuration', () => {
  it.each([
    ['endpoint', { endpoint: 'sellingpartnerapi-eu.amazon.com' }],
    ['lwaEndpoint', { lwaEndpoint: 'ftp://example.test/token' }],
    ['marketplaceIds', { marketplaceIds: [] }],
  ])('refuses an invalid %s at construction, naming the key but not the values', (key, override) => {
    let error: unknown
    try {
      client(override)
    } catch (caughtError) {
      error = caughtError
    }
    expect(isAppError(error, 'SPAPI_CONFIG')).toBe(true)
    expect((error as Error).message).toContain(key)
    expect((error as Error).message).not.toContain(CREDENTIALS.clientSecret)
  })

  it('accepts a plain http endpoint written with a trailing slash', async () => {
    const c = client({ endpoint: `${sim.url}/` })
    expect((await getOrder(c, ORDER_ID)).AmazonOrderId).toBe(ORDER_ID)
  })
})

describe('typed errors', () => {
  it('400 → SPAPI_BAD_REQUEST with Amazon message and request id, not retried', async () => {
    const error = await caught(getMessagingActions(client(), ORDER_ID, 'NOT_A_MARKETPLACE'))
    expect(isAppError(error, 'SPAPI_BAD_REQUEST')).toBe(true)
    expect(spapiDetails(error)).toMatchObject({ status: 400, amazonCode: 'InvalidInput', processed: 'no' })
    expect(spapiDetails(error)?.requestId).toBe(callsOf('getMessagingActionsForOrder')[0]?.requestId)
    expect(callsOf('getMessagingActionsForOrder')).toHaveLength(1)
  })

  it('403 → SPAPI_FORBIDDEN carrying Amazon message', async () => {
    sim.failNext('getOrder', 403, 1, { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'Missing role' }] })
    const error = await caught(getOrder(client(), ORDER_ID))
    expect(isAppError(error, 'SPAPI_FORBIDDEN')).toBe(true)
    expect((error as Error).message).toContain('Access to requested resource is denied.')
    expect(callsOf('getOrder')).toHaveLength(1)
  })

  it('404 → SPAPI_NOT_FOUND', async () => {
    const error = await caught(getOrder(client(), '999-0000000-0000000'))
    expect(isAppError(error, 'SPAPI_NOT_FOUND')).toBe(true)
    expect(spapiDetails(error)?.status).toBe(404)
  })

  it('429 is retried with backoff; persistent 429 → SPAPI_THROTTLED with retryAfterMs', async () => {
    sim.failNext('getMessagingActionsForOrder', 429, 1)
    expect(await getMessagingActions(client(), ORDER_ID, DE)).toContain('unexpectedProblem')
    sim.failNext('getMessagingActionsForOrder', 429, 3)
    const error = await caught(getMessagingActions(client(), ORDER_ID, DE))
    expect(isAppError(error, 'SPAPI_THROTTLED')).toBe(true)
    // The simulator's x-amzn-RateLimit-Limit for messaging is 1/s: one token back every second.
    expect(spapiDetails(error)?.retryAfterMs).toBe(1000)
    expect(callsOf('getMessagingActionsForOrder').map((r) => r.status)).toEqual([429, 200, 429, 429, 429])
  })

  it('500 is retried for reads; persistent 5xx → SPAPI_SERVER', async () => {
    sim.failNext('getOrder', 500, 1)
    expect((await getOrder(client(), ORDER_ID)).AmazonOrderId).toBe(ORDER_ID)
    sim.failNext('getOrder', 503, 3)
    const error = await caught(getOrder(client(), ORDER_ID))
    expect(isAppError(error, 'SPAPI_SERVER')).toBe(true)
    expect(spapiDetails(error)).toMatchObject({ status: 503, amazonCode: 'ServiceUnavailable' })
  })

  it('no answer → SPAPI_TIMEOUT, outcome unknown', async () => {
    sim.hangNext('getOrder', 1)
    const error = await caught(getOrder(client({ timeouts: { requestMs: 200 }, retry: { maxAttempts: 1 } }), ORDER_ID))
    expect(isAppError(error, 'SPAPI_TIMEOUT')).toBe(true)
    expect(spapiDetails(error)?.processed).toBe('unknown')
  })

  it('a token request that times out marks the SP-API call as not processed (nothing left for Amazon)', async () => {
    sim.hangNext('lwaToken', 1)
    const c = client({ timeouts: { requestMs: 200 } })
    const error = await caught(sendMessage(c, ORDER_ID, DE, 'confirmDeliveryDetails', 'Ihre Sendung ist unterwegs.'))
    expect(isAppError(error, 'SPAPI_TIMEOUT')).toBe(true)
    expect(spapiDetails(error)).toMatchObject({ operation: 'sendMessage', processed: 'no', failedAt: 'lwaToken' })
    expect(callsOf('sendMessage')).toHaveLength(0)
  })

  it('a timed-out read is retried and succeeds', async () => {
    sim.hangNext('getOrder', 1)
    expect((await getOrder(client({ timeouts: { requestMs: 200 } }), ORDER_ID)).AmazonOrderId).toBe(ORDER_ID)
    expect(callsOf('getOrder').map((r) => r.status)).toEqual([0, 200])
  })
})

describe('connection failures (a tiny local server: the simulator cannot reset a connection)', () => {
  let resetting: Server
  let resetUrl: string

  beforeEach(async () => {
    // Accepts the request, then drops the TCP connection without an answer.
    resetting = createServer((req) => { req.resume(); req.on('end', () => req.socket.destroy()) })
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve))
    resetUrl = `http://127.0.0.1:${(resetting.address() as AddressInfo).port}`
  })
  afterEach(async () => { await new Promise<void>((resolve) => resetting.close(() => resolve())) })

  it('reset after the request left → SPAPI_NETWORK, outcome unknown', async () => {
    const error = await caught(getOrder(client({ endpoint: resetUrl, retry: { maxAttempts: 1 } }), ORDER_ID))
    expect(isAppError(error, 'SPAPI_NETWORK')).toBe(true)
    expect(spapiDetails(error)?.processed).toBe('unknown')
  })

  it('connection refused → SPAPI_NETWORK, provably not processed', async () => {
    const closedPort = (resetting.address() as AddressInfo).port
    await new Promise<void>((resolve) => resetting.close(() => resolve()))
    resetting = createServer()
    await new Promise<void>((resolve) => resetting.listen(0, '127.0.0.1', resolve))
    const error = await caught(getOrder(client({ endpoint: `http://127.0.0.1:${closedPort}`, retry: { maxAttempts: 1 } }), ORDER_ID))
    expect(isAppError(error, 'SPAPI_NETWORK')).toBe(true)
    expect(spapiDetails(error)?.processed).toBe('no')
  })
})

describe('client-side usage plans against the simulator', () => {
  // The simulator's buckets must refill in real time here, so it runs on the real clock.
  async function restartSimulator(ratePlans?: Parameters<typeof startSpapiSimulator>[0]['ratePlans']): Promise<void> {
    await sim.close()
    sim = await startSpapiSimulator({ ...CREDENTIALS, ...(ratePlans ? { ratePlans } : {}) })
    seedOrder(sim)
  }

  it('with Amazon\'s own messaging plan (1/s, burst 5), eight concurrent calls all pass without a 429', async () => {
    await restartSimulator()
    const c = client({ retry: { maxAttempts: 1 } })
    await Promise.all(Array.from({ length: 8 }, () => getMessagingActions(c, ORDER_ID, DE)))
    expect(callsOf('getMessagingActionsForOrder').map((r) => r.status)).toEqual(Array(8).fill(200))
    expect(sim.overPlanCount()).toBe(0)
  })

  it('a burst of concurrent requests never goes over the plan at Amazon', async () => {
    const plan = { rate: 20, burst: 5 }
    await restartSimulator({ getMessagingActionsForOrder: plan })
    const c = client({ ratePlans: { getMessagingActionsForOrder: plan }, retry: { maxAttempts: 1 } })
    const results = await Promise.all(Array.from({ length: 30 }, () => getMessagingActions(c, ORDER_ID, DE)))
    expect(results.every((actions) => actions.includes('confirmDeliveryDetails'))).toBe(true)
    expect(callsOf('getMessagingActionsForOrder')).toHaveLength(30)
    expect(sim.overPlanCount()).toBe(0)
  })
})
