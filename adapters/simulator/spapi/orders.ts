import { AppError } from '../../../src/domain/errors.ts'
import { marketplaceById } from '../../../src/domain/marketplaces.ts'
import { amazonDate } from './http-io.ts'

export type SimulatedOrderStatus =
  | 'Pending'
  | 'Unshipped'
  | 'PartiallyShipped'
  | 'Shipped'
  | 'Canceled'
  | 'Unfulfillable'
  | 'InvoiceUnconfirmed'
  | 'PendingAvailability'

export interface SimulatedOrderItem {
  title: string
  asin: string
  sku: string
  quantity: number
  /** Unit price in the marketplace currency, e.g. `19.99`. */
  price?: number
  quantityShipped?: number
  orderItemId?: string
}

/** What a test or the demo seeds: the fields Buyerbridge reads, everything else gets a plausible default. */
export interface SimulatedOrderInput {
  orderId: string
  marketplaceId: string
  status: SimulatedOrderStatus
  purchaseDate: Date
  fulfillmentChannel: 'AFN' | 'MFN'
  items: SimulatedOrderItem[]
  /** Messaging actions Amazon allows for this order right now (`_links.actions[].name`). */
  allowedActions: string[]
  /** `buyer.locale` from GetAttributes, e.g. `de-DE`. */
  buyerLocale: string
  lastUpdateDate?: Date
  earliestShipDate?: Date
  latestShipDate?: Date
  earliestDeliveryDate?: Date
  latestDeliveryDate?: Date
  currencyCode?: string
  isPrime?: boolean
  isBusinessOrder?: boolean
}

export interface SimulatedOrder extends SimulatedOrderInput {
  items: Required<SimulatedOrderItem>[]
  currencyCode: string
  lastUpdateDate: Date
}

const CURRENCY_BY_MARKETPLACE_CODE: Record<string, string> = {
  US: 'USD', CA: 'CAD', MX: 'MXN', BR: 'BRL', UK: 'GBP', SE: 'SEK', PL: 'PLN', TR: 'TRY', AE: 'AED',
  SA: 'SAR', EG: 'EGP', IN: 'INR', ZA: 'ZAR', JP: 'JPY', AU: 'AUD', SG: 'SGD',
}

export function currencyForMarketplace(marketplaceId: string): string {
  const code = marketplaceById(marketplaceId)?.code
  return (code && CURRENCY_BY_MARKETPLACE_CODE[code]) ?? 'EUR'
}

/** The orders the simulated seller has, keyed by Amazon order id. Each simulator owns its own store. */
export class SimulatedOrders {
  readonly #orders = new Map<string, SimulatedOrder>()

  upsertOrder(input: SimulatedOrderInput): SimulatedOrder {
    if (!marketplaceById(input.marketplaceId)) {
      throw new AppError('SIMULATOR_UNKNOWN_MARKETPLACE', `unknown marketplace id ${input.marketplaceId}`, { marketplaceId: input.marketplaceId })
    }
    const order: SimulatedOrder = {
      ...input,
      allowedActions: [...input.allowedActions],
      currencyCode: input.currencyCode ?? currencyForMarketplace(input.marketplaceId),
      lastUpdateDate: input.lastUpdateDate ?? input.purchaseDate,
      items: input.items.map((item, index) => ({
        ...item,
        price: item.price ?? 19.99,
        quantityShipped: item.quantityShipped ?? (input.status === 'Shipped' ? item.quantity : 0),
        orderItemId: item.orderItemId ?? `${input.orderId.replace(/\D/g, '').slice(-8)}${String(index + 1).padStart(6, '0')}`,
      })),
    }
    this.#orders.set(order.orderId, order)
    return order
  }

  get(orderId: string): SimulatedOrder | undefined {
    return this.#orders.get(orderId)
  }

  /** Replaces the allowed messaging actions, e.g. to make a test's action disappear between calls. */
  setAllowedActions(orderId: string, actions: string[]): void {
    const order = this.#orders.get(orderId)
    if (!order) throw new AppError('SIMULATOR_UNKNOWN_ORDER', `unknown order ${orderId}`, { orderId })
    order.allowedActions = [...actions]
  }

  list(): SimulatedOrder[] {
    return [...this.#orders.values()]
  }

  remove(orderId: string): boolean {
    return this.#orders.delete(orderId)
  }
}

const money = (currencyCode: string, amount: number) => ({
  CurrencyCode: currencyCode,
  Amount: currencyCode === 'JPY' ? amount.toFixed(0) : amount.toFixed(2),
})

const optionalDate = (date: Date | undefined) => (date ? amazonDate(date) : undefined)

/** `getOrder` payload in Orders API v0's `Order` shape. */
export function orderPayload(order: SimulatedOrder): Record<string, unknown> {
  const marketplace = marketplaceById(order.marketplaceId)
  const total = order.items.reduce((sum, item) => sum + item.price * item.quantity, 0)
  const shipped = order.items.reduce((sum, item) => sum + item.quantityShipped, 0)
  const ordered = order.items.reduce((sum, item) => sum + item.quantity, 0)
  const pending = order.status === 'Pending' || order.status === 'PendingAvailability'
  const payload: Record<string, unknown> = {
    AmazonOrderId: order.orderId,
    PurchaseDate: amazonDate(order.purchaseDate),
    LastUpdateDate: amazonDate(order.lastUpdateDate),
    OrderStatus: order.status,
    FulfillmentChannel: order.fulfillmentChannel,
    SalesChannel: marketplace ? `Amazon.${marketplace.storefront.slice('amazon.'.length)}` : 'Amazon',
    ShipServiceLevel: order.fulfillmentChannel === 'AFN' ? 'Expedited' : 'Std Dom',
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: Math.max(0, ordered - shipped),
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    MarketplaceId: order.marketplaceId,
    ShipmentServiceLevelCategory: 'Standard',
    OrderType: 'StandardOrder',
    EarliestShipDate: optionalDate(order.earliestShipDate),
    LatestShipDate: optionalDate(order.latestShipDate),
    EarliestDeliveryDate: optionalDate(order.earliestDeliveryDate),
    LatestDeliveryDate: optionalDate(order.latestDeliveryDate),
    IsBusinessOrder: order.isBusinessOrder ?? false,
    IsPrime: order.isPrime ?? order.fulfillmentChannel === 'AFN',
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
  }
  // Amazon leaves OrderTotal out while payment is not authorised.
  if (!pending) payload['OrderTotal'] = money(order.currencyCode, total)
  for (const key of Object.keys(payload)) if (payload[key] === undefined) delete payload[key]
  return payload
}

/** `getOrderItems` payload in Orders API v0's `OrderItemsList` shape. */
export function orderItemsPayload(order: SimulatedOrder): Record<string, unknown> {
  return {
    AmazonOrderId: order.orderId,
    OrderItems: order.items.map((item) => ({
      ASIN: item.asin,
      SellerSKU: item.sku,
      OrderItemId: item.orderItemId,
      Title: item.title,
      QuantityOrdered: item.quantity,
      QuantityShipped: item.quantityShipped,
      ProductInfo: { NumberOfItems: '1' },
      ItemPrice: money(order.currencyCode, item.price * item.quantity),
      ItemTax: money(order.currencyCode, 0),
      PromotionDiscount: money(order.currencyCode, 0),
      IsGift: 'false',
      ConditionId: 'New',
      ConditionSubtypeId: 'New',
      IsTransparency: false,
      SerialNumberRequired: false,
    })),
  }
}
