import type { OrderContext, OrderItem } from '../../../src/domain/order.ts'
import { marketplaceById } from '../../../src/domain/marketplaces.ts'
import type { OrderContextSource } from '../../../src/ports/order-context.ts'
import type { SpapiLogger } from './config.ts'
import { getBuyerLocale, getMessagingActions, getOrder, getOrderItems } from './operations.ts'
import type { SpapiOrder, SpapiOrderItem } from './schemas.ts'
import type { SpapiStoreClients } from './store-clients.ts'

export interface OrderContextCacheOptions {
  /** How long a complete context is reused. */
  ttlMs: number
  /** How long a context with a failed part is reused (shorter, so the missing part is asked again soon). */
  partialTtlMs?: number
  /** Contexts kept at most; the oldest go first. */
  maxEntries?: number
}

interface CacheEntry {
  context: OrderContext
  expiresAt: number
}

/** Order, items, allowed messaging actions and buyer locale, gathered in parallel under one deadline. */
export class SpapiOrderContextSource implements OrderContextSource {
  readonly #clients: SpapiStoreClients
  readonly #logger: SpapiLogger
  readonly #ttlMs: number
  readonly #partialTtlMs: number
  readonly #maxEntries: number
  readonly #cache = new Map<string, CacheEntry>()
  readonly #inFlight = new Map<string, Promise<OrderContext>>()

  constructor(clients: SpapiStoreClients, cache: OrderContextCacheOptions, logger: SpapiLogger) {
    this.#clients = clients
    this.#logger = logger
    this.#ttlMs = cache.ttlMs
    this.#partialTtlMs = Math.min(cache.partialTtlMs ?? 60_000, cache.ttlMs)
    this.#maxEntries = cache.maxEntries ?? 5_000
  }

  async getOrderContext(storeId: string, orderId: string, marketplaceId: string): Promise<OrderContext> {
    const client = this.#clients.get(storeId)
    const key = `${storeId}|${orderId}|${marketplaceId}`
    const cached = this.#cache.get(key)
    if (cached && client.timer.now() < cached.expiresAt) return cached.context
    let pending = this.#inFlight.get(key)
    if (!pending) {
      pending = this.#fetch(storeId, orderId, marketplaceId).finally(() => this.#inFlight.delete(key))
      this.#inFlight.set(key, pending)
    }
    return pending
  }

  async #fetch(storeId: string, orderId: string, marketplaceId: string): Promise<OrderContext> {
    const client = this.#clients.get(storeId)
    const deadline = {
      signal: AbortSignal.timeout(client.timeouts.orderContextMs),
      deadlineAt: client.timer.now() + client.timeouts.orderContextMs,
    }
    const [order, items, actions, locale] = await Promise.allSettled([
      getOrder(client, orderId, deadline),
      getOrderItems(client, orderId, deadline),
      getMessagingActions(client, orderId, marketplaceId, deadline),
      getBuyerLocale(client, orderId, marketplaceId, deadline),
    ])
    const parts = { order, items, actions, locale }
    const failed = Object.entries(parts).filter(([, result]) => result.status === 'rejected')
    if (order.status === 'rejected' && failed.length === Object.keys(parts).length) throw order.reason
    for (const [part, result] of failed) {
      const reason = result.status === 'rejected' ? result.reason : null
      this.#logger.warn(
        { storeId, orderId, part, code: reason instanceof Error && 'code' in reason ? reason.code : null, err: reason instanceof Error ? reason.message : String(reason) },
        'order context part unavailable',
      )
    }
    const context = assembleContext({
      orderId,
      marketplaceId,
      order: order.status === 'fulfilled' ? order.value : null,
      items: items.status === 'fulfilled' ? items.value : [],
      actions: actions.status === 'fulfilled' ? actions.value : [],
      locale: locale.status === 'fulfilled' ? locale.value : null,
      fetchedAt: new Date(client.timer.now()),
    })
    const ttl = failed.length === 0 ? this.#ttlMs : this.#partialTtlMs
    this.#remember(`${storeId}|${orderId}|${marketplaceId}`, { context, expiresAt: client.timer.now() + ttl })
    return context
  }

  #remember(key: string, entry: CacheEntry): void {
    this.#cache.delete(key)
    this.#cache.set(key, entry)
    // Map keeps insertion order: the first key is the one written longest ago.
    while (this.#cache.size > this.#maxEntries) {
      const oldest = this.#cache.keys().next()
      if (oldest.done) break
      this.#cache.delete(oldest.value)
    }
  }
}

export interface ContextParts {
  orderId: string
  marketplaceId: string
  order: SpapiOrder | null
  items: SpapiOrderItem[]
  actions: string[]
  locale: string | null
  fetchedAt: Date
}

/** Maps Amazon's PascalCase order into the domain's OrderContext; unknown parts stay null/empty. */
export function assembleContext(parts: ContextParts): OrderContext {
  const { order } = parts
  const channel = order?.FulfillmentChannel
  return {
    orderId: parts.orderId,
    marketplace: marketplaceById(order?.MarketplaceId ?? parts.marketplaceId)?.code ?? parts.marketplaceId,
    status: order?.OrderStatus ?? 'Unknown',
    purchaseDate: toDate(order?.PurchaseDate),
    fulfillmentChannel: channel === 'AFN' || channel === 'MFN' ? channel : null,
    earliestShipDate: toDate(order?.EarliestShipDate),
    latestShipDate: toDate(order?.LatestShipDate),
    earliestDeliveryDate: toDate(order?.EarliestDeliveryDate),
    latestDeliveryDate: toDate(order?.LatestDeliveryDate),
    items: parts.items.map(toOrderItem),
    allowedMessagingActions: [...new Set(parts.actions)],
    buyerLocale: parts.locale,
    fetchedAt: parts.fetchedAt,
  }
}

function toOrderItem(item: SpapiOrderItem): OrderItem {
  return { title: item.Title ?? item.ASIN, asin: item.ASIN, sku: item.SellerSKU ?? null, quantity: item.QuantityOrdered }
}

function toDate(value: string | undefined): Date | null {
  if (!value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}
