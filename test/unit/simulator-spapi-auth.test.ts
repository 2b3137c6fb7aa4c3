import { afterEach, describe, expect, it } from 'vitest'
import { startSpapiSimulator, type SpapiSimulator, type SpapiSimulatorOptions } from '../../adapters/simulator/spapi/server.ts'

const CREDENTIALS = { clientId: 'amzn1.application-oa2-client.test', clientSecret: 'test-secret', refreshToken: 'Atzr|test-refresh' }
const US = 'ATVPDKIKX0DER'
const ORDER_ID = '113-1234567-7654321'

let clock = new Date('2026-03-02T10:00:00Z')
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}
const running: SpapiSimulator[] = []

async function start(extra: Partial<SpapiSimulatorOptions> = {}): Promise<SpapiSimulator> {
  const sim = await startSpapiSimulator({ ...CREDENTIALS, now: () => clock, ...extra })
  running.push(sim)
  sim.orders.upsertOrder({
    orderId: ORDER_ID,
    marketplaceId: US,
    status: 'Shipped',
    purchaseDate: new Date('2026-02-27T08:00:00Z'),
    fulfillmentChannel: 'MFN',
    items: [{ title: 'Desk lamp', asin: 'B0CJ8YQ6PZ', sku: 'LAMP-1', quantity: 1 }],
    allowedActions: ['confirmDeliveryDetails', 'unexpectedProblem'],
    buyerLocale: 'en-US',
  })
  return sim
}

function tokenRequest(sim: SpapiSimulator, fields: Record<string, string>, init: RequestInit = {}) {
  return fetch(`${sim.url}/auth/o2/token`, { method: 'POST', body: new URLSearchParams(fields), ...init })
}

async function accessToken(sim: SpapiSimulator): Promise<string> {
  const res = await tokenRequest(sim, {
    grant_type: 'refresh_token',
    refresh_token: CREDENTIALS.refreshToken,
    client_id: CREDENTIALS.clientId,
    client_secret: CREDENTIALS.clientSecret,
  })
  const body = (await res.json()) as { access_token: string }
  return body.access_token
}

const getOrder = (sim: SpapiSimulator, token?: string) =>
  fetch(`${sim.url}/orders/v0/orders/${ORDER_ID}`, { headers: token ? { 'x-amz-access-token': token } : {} })

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()))
  clock = new Date('2026-03-02T10:00:00Z')
})

describe('SP-API simulator: Login with Amazon', () => {
  it('issues a bearer token for a form-encoded refresh_token grant', async () => {
    const sim = await start({ tokenTtlSeconds: 1800 })
    const res = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: CREDENTIALS.refreshToken,
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 1800, refresh_token: CREDENTIALS.refreshToken })
    expect(body['access_token']).toMatch(/^Atza\|/)
  })

  it('accepts a JSON body and HTTP Basic client credentials', async () => {
    const sim = await start()
    const json = await fetch(`${sim.url}/auth/o2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: CREDENTIALS.refreshToken, client_id: CREDENTIALS.clientId, client_secret: CREDENTIALS.clientSecret }),
    })
    expect(json.status).toBe(200)
    const basic = Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64')
    const viaBasic = await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: CREDENTIALS.refreshToken }, { headers: { authorization: `Basic ${basic}` } })
    expect(viaBasic.status).toBe(200)
  })

  it.each([
    ['a wrong client secret', { client_secret: 'nope' }, 401, 'invalid_client'],
    ['a wrong refresh token', { refresh_token: 'Atzr|other' }, 400, 'invalid_grant'],
    ['an unsupported grant type', { grant_type: 'password' }, 400, 'unsupported_grant_type'],
    ['a missing refresh token', { refresh_token: '' }, 400, 'invalid_request'],
  ])('refuses %s with an OAuth error', async (_label, override, status, error) => {
    const sim = await start()
    const fields = { grant_type: 'refresh_token', refresh_token: CREDENTIALS.refreshToken, client_id: CREDENTIALS.clientId, client_secret: CREDENTIALS.clientSecret, ...override }
    const res = await tokenRequest(sim, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== '')))
    expect(res.status).toBe(status)
    expect(await res.json()).toMatchObject({ error })
  })

  it('issues grantless tokens for client_credentials, which seller operations refuse', async () => {
    const sim = await start()
    const res = await tokenRequest(sim, {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
      client_id: CREDENTIALS.clientId,
      client_secret: CREDENTIALS.clientSecret,
    })
    expect(res.status).toBe(200)
    const { access_token: grantless } = (await res.json()) as { access_token: string }
    expect((await getOrder(sim, grantless)).status).toBe(403)
  })
})

describe('SP-API simulator: access token on every call', () => {
  it('answers 403 Unauthorized in Amazon error JSON without a token or with an unknown one', async () => {
    const sim = await start()
    for (const token of [undefined, 'Atza|forged']) {
      const res = await getOrder(sim, token)
      expect(res.status).toBe(403)
      expect(res.headers.get('x-amzn-requestid')).toBeTruthy()
      const body = (await res.json()) as { errors: { code: string; message: string; details: string }[] }
      expect(body.errors[0]).toMatchObject({ code: 'Unauthorized', message: expect.any(String), details: expect.any(String) })
    }
  })

  it('accepts a token until it expires, then refuses it', async () => {
    const sim = await start({ tokenTtlSeconds: 3600 })
    const token = await accessToken(sim)
    expect((await getOrder(sim, token)).status).toBe(200)
    advance(3599_000)
    expect((await getOrder(sim, token)).status).toBe(200)
    advance(1_000)
    const expired = await getOrder(sim, token)
    expect(expired.status).toBe(403)
    expect(JSON.stringify(await expired.json())).toMatch(/expired/)
  })

  it('keeps simulators independent: a token of one is unknown to another', async () => {
    const first = await start()
    const second = await start()
    expect(first.url).not.toBe(second.url)
    const token = await accessToken(first)
    expect((await getOrder(first, token)).status).toBe(200)
    expect((await getOrder(second, token)).status).toBe(403)
  })
})

describe('SP-API simulator: usage plans', () => {
  it('throttles an operation beyond its burst with 429 QuotaExceeded and refills at its rate', async () => {
    const sim = await start({ ratePlans: { getOrder: { rate: 0.5, burst: 2 } } })
    const token = await accessToken(sim)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await getOrder(sim, token)).status)
    expect(statuses).toEqual([200, 200, 429])
    const throttled = await getOrder(sim, token)
    expect(throttled.headers.get('x-amzn-ratelimit-limit')).toBe('0.5')
    expect(await throttled.json()).toMatchObject({ errors: [{ code: 'QuotaExceeded' }] })
    expect(sim.overPlanCount('getOrder')).toBe(2)
    advance(2_000)
    expect((await getOrder(sim, token)).status).toBe(200)
    expect((await getOrder(sim, token)).status).toBe(429)
    expect(sim.overPlanCount()).toBe(3)
    expect(sim.overPlanCount('getAttributes')).toBe(0)
  })

  it("applies Amazon's default messaging plan: burst 5, then 1 per second", async () => {
    const sim = await start()
    const token = await accessToken(sim)
    const call = () => fetch(`${sim.url}/messaging/v1/orders/${ORDER_ID}/attributes?marketplaceIds=${US}`, { headers: { 'x-amz-access-token': token } })
    const responses = []
    for (let i = 0; i < 6; i++) responses.push(await call())
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429])
    expect(responses[5]?.headers.get('content-type')).toBe('application/hal+json')
    expect(await responses[5]?.json()).toMatchObject({ errors: [{ code: 'QuotaExceeded' }] })
    advance(1_000)
    expect((await call()).status).toBe(200)
    expect(sim.overPlanCount('getAttributes')).toBe(1)
  })

  it('records every request with its operation and status', async () => {
    const sim = await start()
    const token = await accessToken(sim)
    await getOrder(sim, token)
    await fetch(`${sim.url}/orders/v0/nothing-here`, { headers: { 'x-amz-access-token': token } })
    expect(sim.requests.map((r) => [r.operation, r.method, r.status])).toEqual([
      ['lwaToken', 'POST', 200],
      ['getOrder', 'GET', 200],
      ['unknown', 'GET', 404],
    ])
  })
})

describe('SP-API simulator: injected failures', () => {
  it('failNext answers the given status with Amazon error JSON, then recovers; injected 429s are not over plan', async () => {
    const sim = await start()
    const token = await accessToken(sim)
    sim.failNext('getOrder', 503, 2)
    sim.failNext('getOrder', 429)
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await getOrder(sim, token)).status)
    expect(statuses).toEqual([503, 503, 429, 200])
    expect(sim.overPlanCount()).toBe(0)
  })

  it('failNext can carry a custom body and targets only its operation', async () => {
    const sim = await start()
    sim.failNext('lwaToken', 500, 1, { error: 'server_error' })
    const failed = await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: CREDENTIALS.refreshToken, client_id: CREDENTIALS.clientId, client_secret: CREDENTIALS.clientSecret })
    expect(failed.status).toBe(500)
    expect(await failed.json()).toEqual({ error: 'server_error' })
    const token = await accessToken(sim)
    expect((await getOrder(sim, token)).status).toBe(200)
  })

  it('hangNext processes a send but never answers, and close() still returns', async () => {
    const sim = await start()
    const token = await accessToken(sim)
    sim.hangNext('sendMessage')
    const send = () =>
      fetch(`${sim.url}/messaging/v1/orders/${ORDER_ID}/messages/unexpectedProblem?marketplaceIds=${US}`, {
        method: 'POST',
        headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Order 113-1234567-7654321: the parcel is delayed by two days.' }),
        signal: AbortSignal.timeout(400),
      })
    await expect(send()).rejects.toThrow()
    expect(sim.sentMessages).toHaveLength(1)
    expect(sim.requests.filter((r) => r.operation === 'sendMessage').map((r) => r.status)).toEqual([0])
    expect((await send()).status).toBe(201)
    sim.hangNext('getOrder')
    const pending = getOrder(sim, token).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await sim.close()
    expect(await pending).toBeInstanceOf(Error)
  })
})
