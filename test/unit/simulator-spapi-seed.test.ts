import { describe, expect, it } from 'vitest'
import { startDemoSpapi } from '../../adapters/simulator/spapi/demo.ts'
import { MESSAGING_ACTIONS } from '../../adapters/simulator/spapi/messaging.ts'
import { SimulatedOrders } from '../../adapters/simulator/spapi/orders.ts'
import { seedDemoOrders, seededRandom } from '../../adapters/simulator/spapi/seed.ts'
import { marketplaceById } from '../../src/domain/marketplaces.ts'

const NOW = new Date('2026-06-15T12:00:00Z')
const DAY_MS = 24 * 60 * 60 * 1000

function seed(seedValue: number, perMarketplace = 12) {
  return seedDemoOrders({ orders: new SimulatedOrders() }, seededRandom(seedValue), NOW, { perMarketplace })
}

describe('seedDemoOrders', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(seed(7)).toEqual(seed(7))
    expect(seed(7).map((o) => o.orderId)).not.toEqual(seed(8).map((o) => o.orderId))
  })

  it('covers US, UK, DE, FR, IT, ES and JP with Amazon-style order ids and local currencies', () => {
    const orders = seed(42, 3)
    const byCode = new Map<string, number>()
    for (const order of orders) {
      const code = marketplaceById(order.marketplaceId)?.code ?? '?'
      byCode.set(code, (byCode.get(code) ?? 0) + 1)
      expect(order.orderId).toMatch(/^\d{3}-\d{7}-\d{7}$/)
      expect(order.items.length).toBeGreaterThan(0)
    }
    expect(Object.fromEntries(byCode)).toEqual({ US: 3, UK: 3, DE: 3, FR: 3, IT: 3, ES: 3, JP: 3 })
    const currencies = new Set(orders.map((o) => `${marketplaceById(o.marketplaceId)?.code}:${o.currencyCode}`))
    expect(currencies).toContain('JP:JPY')
    expect(currencies).toContain('UK:GBP')
    expect(currencies).toContain('DE:EUR')
  })

  it('allows only actions that make sense for the status, channel and age', () => {
    const orders = seed(3, 40)
    const statuses = new Set(orders.map((o) => o.status))
    expect(statuses).toContain('Shipped')
    expect(statuses).toContain('Unshipped')
    for (const order of orders) {
      const ageDays = (NOW.getTime() - order.purchaseDate.getTime()) / DAY_MS
      for (const action of order.allowedActions) expect(MESSAGING_ACTIONS).toContain(action)
      if (ageDays > 30 || order.status === 'Canceled' || order.status === 'Pending') expect(order.allowedActions).toEqual([])
      else expect(order.allowedActions).toContain('unexpectedProblem')
      if (order.allowedActions.includes('confirmDeliveryDetails')) {
        expect(order.fulfillmentChannel).toBe('MFN')
        expect(['Shipped', 'PartiallyShipped']).toContain(order.status)
      }
      if (order.status === 'Shipped' && order.fulfillmentChannel === 'MFN' && ageDays <= 30) {
        expect(order.allowedActions).toContain('confirmDeliveryDetails')
      }
      expect(order.purchaseDate.getTime()).toBeLessThanOrEqual(NOW.getTime())
      expect(order.latestShipDate!.getTime()).toBeGreaterThan(order.purchaseDate.getTime())
      expect(order.latestDeliveryDate!.getTime()).toBeGreaterThan(order.earliestDeliveryDate!.getTime())
    }
    expect(orders.some((o) => o.allowedActions.length === 0)).toBe(true)
  })

  it('gives each marketplace a fresh, messageable order and buyer locales of that market', () => {
    const orders = seed(11, 4)
    const first = new Map<string, (typeof orders)[number]>()
    for (const order of orders) if (!first.has(order.marketplaceId)) first.set(order.marketplaceId, order)
    for (const order of first.values()) expect(order.allowedActions.length).toBeGreaterThan(0)
    for (const order of orders) {
      const code = marketplaceById(order.marketplaceId)?.code
      if (code === 'FR') expect(order.buyerLocale).toBe('fr-FR')
      if (code === 'JP') expect(['ja-JP', 'en-US']).toContain(order.buyerLocale)
      if (code === 'DE') expect(order.items[0]?.title).toMatch(/[a-zäöüß]/i)
    }
  })
})

describe('startDemoSpapi', () => {
  it('serves the seeded orders in-process with its own credentials', async () => {
    const demo = await startDemoSpapi({ seed: 5, now: () => NOW })
    try {
      const { connection } = demo
      const tokenRes = await fetch(connection.lwaEndpoint, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: connection.refreshToken, client_id: connection.clientId, client_secret: connection.clientSecret }),
      })
      const token = ((await tokenRes.json()) as { access_token: string }).access_token
      const order = demo.orders.find((o) => o.allowedActions.length > 0)!
      const res = await fetch(`${connection.endpoint}/messaging/v1/orders/${order.orderId}?marketplaceIds=${order.marketplaceId}`, {
        headers: { 'x-amz-access-token': token },
      })
      const body = (await res.json()) as { _links: { actions: { name: string }[] } }
      expect(body._links.actions.map((a) => a.name)).toEqual(order.allowedActions)
      const attributes = await fetch(`${connection.endpoint}/messaging/v1/orders/${order.orderId}/attributes?marketplaceIds=${order.marketplaceId}`, {
        headers: { 'x-amz-access-token': token },
      })
      expect(await attributes.json()).toEqual({ buyer: { locale: order.buyerLocale } })
    } finally {
      await demo.simulator.close()
    }
  })
})
