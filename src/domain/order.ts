// What SP-API tells us about an order, gathered best-effort to enrich a conversation.

export interface OrderItem {
  title: string
  asin: string
  sku: string | null
  quantity: number
}

export interface OrderContext {
  orderId: string
  marketplace: string
  status: string
  purchaseDate: Date | null
  fulfillmentChannel: 'AFN' | 'MFN' | null
  earliestShipDate: Date | null
  latestShipDate: Date | null
  earliestDeliveryDate: Date | null
  latestDeliveryDate: Date | null
  items: OrderItem[]
  /** Messaging actions Amazon allows for this order now (`_links.actions[].name`). */
  allowedMessagingActions: string[]
  /** `buyer.locale` from GetAttributes, e.g. `de-DE`; null when unknown. */
  buyerLocale: string | null
  fetchedAt: Date
}
