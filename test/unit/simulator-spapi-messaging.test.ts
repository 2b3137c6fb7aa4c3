import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'

const CREDENTIALS = { clientId: 'client', clientSecret: 'secret', refreshToken: 'Atzr|refresh' }
const US = 'ATVPDKIKX0DER'
const DE = 'A1PA6795UKMFR9'
const ORDER_ID = '303-7654321-1234567'
const ALL_ACTIONS = ['confirmOrderDetails', 'confirmDeliveryDetails', 'unexpectedProblem', 'confirmServiceDetails', 'confirmCustomizationDetails', 'digitalAccessKey', 'invoice']
const unlimited = { rate: 1000, burst: 1000 }

let sim: SpapiSimulator
let token: string

beforeAll(async () => {
  sim = await startSpapiSimulator({
    ...CREDENTIALS,
    ratePlans: { getOrder: unlimited, getOrderItems: unlimited, getMessagingActionsForOrder: unlimited, getAttributes: unlimited, sendMessage: unlimited },
  })
  const res = await fetch(`${sim.url}/auth/o2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: CREDENTIALS.refreshToken, client_id: CREDENTIALS.clientId, client_secret: CREDENTIALS.clientSecret }),
  })
  token = ((await res.json()) as { access_token: string }).access_token
})
afterAll(() => sim.close())
beforeEach(() => {
  sim.sentMessages.length = 0
  sim.orders.upsertOrder({
    orderId: ORDER_ID,
    marketplaceId: DE,
    status: 'Shipped',
    purchaseDate: new Date('2026-03-01T09:30:00Z'),
    lastUpdateDate: new Date('2026-03-02T07:00:00Z'),
    fulfillmentChannel: 'MFN',
    earliestShipDate: new Date('2026-03-01T09:30:00Z'),
    latestShipDate: new Date('2026-03-03T22:59:59Z'),
    earliestDeliveryDate: new Date('2026-03-04T00:00:00Z'),
    latestDeliveryDate: new Date('2026-03-06T22:59:59Z'),
    items: [
      { title: 'Wasserkocher 1,7 L', asin: 'B0C7KX2M4Q', sku: 'KETTLE-17', quantity: 2, price: 37.99 },
      { title: 'Trinkflasche 750 ml', asin: 'B08ZJ4M1XK', sku: 'BOTTLE-750', quantity: 1, price: 23.5 },
    ],
    allowedActions: ALL_ACTIONS,
    buyerLocale: 'de-DE',
  })
})

const get = (path: string) => fetch(`${sim.url}${path}`, { headers: { 'x-amz-access-token': token } })
function send(action: string, body: unknown, query = `marketplaceIds=${DE}`, contentType = 'application/json') {
  return fetch(`${sim.url}/messaging/v1/orders/${ORDER_ID}/messages/${action}?${query}`, {
    method: 'POST',
    headers: { 'x-amz-access-token': token, 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}
async function errorCode(res: Response): Promise<string | undefined> {
  const body = (await res.json()) as { errors?: { code: string }[] }
  return body.errors?.[0]?.code
}

describe('SP-API simulator: Orders v0', () => {
  it('getOrder returns the Order model fields under payload', async () => {
    const res = await get(`/orders/v0/orders/${ORDER_ID}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('x-amzn-ratelimit-limit')).toBe('1000')
    const { payload } = (await res.json()) as { payload: Record<string, unknown> }
    expect(payload).toMatchObject({
      AmazonOrderId: ORDER_ID,
      PurchaseDate: '2026-03-01T09:30:00Z',
      LastUpdateDate: '2026-03-02T07:00:00Z',
      OrderStatus: 'Shipped',
      FulfillmentChannel: 'MFN',
      MarketplaceId: DE,
      SalesChannel: 'Amazon.de',
      EarliestShipDate: '2026-03-01T09:30:00Z',
      LatestShipDate: '2026-03-03T22:59:59Z',
      EarliestDeliveryDate: '2026-03-04T00:00:00Z',
      LatestDeliveryDate: '2026-03-06T22:59:59Z',
      OrderTotal: { CurrencyCode: 'EUR', Amount: '99.48' },
      NumberOfItemsShipped: 3,
      NumberOfItemsUnshipped: 0,
    })
  })

  it('getOrderItems returns Title, ASIN, SellerSKU and QuantityOrdered per item', async () => {
    const res = await get(`/orders/v0/orders/${ORDER_ID}/orderItems`)
    const { payload } = (await res.json()) as { payload: { AmazonOrderId: string; OrderItems: Record<string, unknown>[] } }
    expect(payload.AmazonOrderId).toBe(ORDER_ID)
    expect(payload.OrderItems.map((i) => [i['Title'], i['ASIN'], i['SellerSKU'], i['QuantityOrdered']])).toEqual([
      ['Wasserkocher 1,7 L', 'B0C7KX2M4Q', 'KETTLE-17', 2],
      ['Trinkflasche 750 ml', 'B08ZJ4M1XK', 'BOTTLE-750', 1],
    ])
    expect(payload.OrderItems[0]?.['OrderItemId']).toEqual(expect.any(String))
  })

  it('answers 404 NotFound for an unknown order', async () => {
    const res = await get('/orders/v0/orders/999-0000000-0000000')
    expect(res.status).toBe(404)
    expect(await errorCode(res)).toBe('NotFound')
  })
})

describe('SP-API simulator: Messaging v1 reads', () => {
  it('lists the allowed actions as HAL links and embedded actions', async () => {
    sim.orders.setAllowedActions(ORDER_ID, ['confirmDeliveryDetails', 'unexpectedProblem'])
    const res = await get(`/messaging/v1/orders/${ORDER_ID}?marketplaceIds=${DE}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/hal+json')
    const body = (await res.json()) as {
      _links: { self: { href: string }; actions: { href: string; name: string }[] }
      _embedded: { actions: { _links: { self: { href: string }; schema: { href: string } } }[] }
    }
    expect(body._links.self.href).toBe(`/messaging/v1/orders/${ORDER_ID}?marketplaceIds=${DE}`)
    expect(body._links.actions).toEqual([
      { name: 'confirmDeliveryDetails', href: `/messaging/v1/orders/${ORDER_ID}/messages/confirmDeliveryDetails?marketplaceIds=${DE}` },
      { name: 'unexpectedProblem', href: `/messaging/v1/orders/${ORDER_ID}/messages/unexpectedProblem?marketplaceIds=${DE}` },
    ])
    expect(body._embedded.actions).toHaveLength(2)
    expect(body._embedded.actions[1]?._links.schema.href).toBe(`/messaging/v1/orders/${ORDER_ID}/messages/unexpectedProblem/schema`)
  })

  it('returns the buyer locale from getAttributes', async () => {
    const res = await get(`/messaging/v1/orders/${ORDER_ID}/attributes?marketplaceIds=${DE}`)
    expect(res.headers.get('content-type')).toBe('application/hal+json')
    expect(await res.json()).toEqual({ buyer: { locale: 'de-DE' } })
  })

  it.each([
    ['missing', ''],
    ['two ids, comma-separated', `marketplaceIds=${DE},${US}`],
    ['two ids, repeated', `marketplaceIds=${DE}&marketplaceIds=${US}`],
    ['an unknown id', 'marketplaceIds=XXXXXXXXXXXX'],
    ["another marketplace than the order's", `marketplaceIds=${US}`],
  ])('refuses marketplaceIds %s with 400 InvalidInput', async (_label, query) => {
    for (const path of [`/messaging/v1/orders/${ORDER_ID}?${query}`, `/messaging/v1/orders/${ORDER_ID}/attributes?${query}`]) {
      const res = await get(path)
      expect(res.status).toBe(400)
      expect(await errorCode(res)).toBe('InvalidInput')
    }
    const sent = await send('unexpectedProblem', { text: 'Hallo' }, query)
    expect(sent.status).toBe(400)
    expect(sim.sentMessages).toHaveLength(0)
  })
})

describe('SP-API simulator: Messaging v1 sends', () => {
  it('accepts an allowed action with 201 and records the message with its request id', async () => {
    const text = 'Bestellung 303-7654321-1234567: Ihr Paket wird am Donnerstag zugestellt.'
    const res = await send('confirmDeliveryDetails', { text })
    expect(res.status).toBe(201)
    expect(res.headers.get('content-type')).toBe('application/hal+json')
    const requestId = res.headers.get('x-amzn-requestid')
    expect(sim.sentMessages).toEqual([{ orderId: ORDER_ID, marketplaceId: DE, action: 'confirmDeliveryDetails', text, requestId, at: expect.any(Date) }])
  })

  it('answers 403 for an action the order does not allow, and sends nothing', async () => {
    sim.orders.setAllowedActions(ORDER_ID, ['unexpectedProblem'])
    const res = await send('confirmDeliveryDetails', { text: 'Hallo' })
    expect(res.status).toBe(403)
    const body = (await res.json()) as { errors: { message: string }[] }
    expect(body.errors[0]?.message).toMatch(/Invalid amazonOrderId and template combination/)
    expect(sim.sentMessages).toHaveLength(0)
  })

  it.each([
    ['confirmOrderDetails', 2000],
    ['confirmDeliveryDetails', 2000],
    ['unexpectedProblem', 2000],
    ['confirmServiceDetails', 2000],
    ['confirmCustomizationDetails', 800],
    ['digitalAccessKey', 400],
  ])('%s accepts up to %i characters and refuses one more', async (action, limit) => {
    expect((await send(action, { text: 'x'.repeat(limit) })).status).toBe(201)
    const tooLong = await send(action, { text: 'x'.repeat(limit + 1) })
    expect(tooLong.status).toBe(400)
    expect(await errorCode(tooLong)).toBe('InvalidInput')
    expect((await send(action, { text: '' })).status).toBe(400)
    expect(sim.sentMessages).toHaveLength(1)
  })

  it('counts characters, not UTF-16 units', async () => {
    const astral = '𠮷'.repeat(400)
    expect(astral.length).toBe(800)
    expect((await send('digitalAccessKey', { text: astral })).status).toBe(201)
  })

  it.each([
    ['HTML', { text: 'Bitte <a href="https://example.com">hier</a> klicken' }],
    ['an e-mail address', { text: 'Schreiben Sie an support@example.com' }],
    ['no text', {}],
    ['text of the wrong type', { text: 42 }],
  ])('refuses a body with %s', async (_label, body) => {
    const res = await send('unexpectedProblem', body)
    expect(res.status).toBe(400)
    expect(sim.sentMessages).toHaveLength(0)
  })

  it('refuses malformed JSON (400), a non-JSON media type (415) and an unknown action (404)', async () => {
    expect((await send('unexpectedProblem', '{"text": ')).status).toBe(400)
    expect((await send('unexpectedProblem', 'text=hi', `marketplaceIds=${DE}`, 'application/x-www-form-urlencoded')).status).toBe(415)
    expect((await send('negativeFeedbackRemoval', {})).status).toBe(404)
    expect(sim.sentMessages).toHaveLength(0)
  })

  it('requires attachments for invoice', async () => {
    expect((await send('invoice', {})).status).toBe(400)
    const ok = await send('invoice', { attachments: [{ uploadDestinationId: 'dest-1', fileName: 'Rechnung.pdf' }] })
    expect(ok.status).toBe(201)
  })
})
