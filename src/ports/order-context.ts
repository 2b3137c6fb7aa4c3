import type { OrderContext } from '../domain/order.ts'

export interface OrderContextSource {
  /** Best effort: rejects with a typed error; callers never let it block a card. */
  getOrderContext(storeId: string, orderId: string, marketplaceId: string): Promise<OrderContext>
}
