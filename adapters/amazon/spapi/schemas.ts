// zod shapes of the SP-API answers this adapter reads, reduced to the fields it uses. Unknown fields pass.
import { z } from 'zod'

const isoDate = z.string().min(1)

export const orderSchema = z.object({
  AmazonOrderId: z.string(),
  OrderStatus: z.string(),
  PurchaseDate: isoDate.optional(),
  FulfillmentChannel: z.string().optional(),
  MarketplaceId: z.string().optional(),
  EarliestShipDate: isoDate.optional(),
  LatestShipDate: isoDate.optional(),
  EarliestDeliveryDate: isoDate.optional(),
  LatestDeliveryDate: isoDate.optional(),
})
export const getOrderResponse = z.object({ payload: orderSchema })
export type SpapiOrder = z.infer<typeof orderSchema>

export const orderItemSchema = z.object({
  ASIN: z.string(),
  SellerSKU: z.string().optional(),
  Title: z.string().optional(),
  QuantityOrdered: z.number().int().nonnegative(),
})
export const getOrderItemsResponse = z.object({
  payload: z.object({
    AmazonOrderId: z.string(),
    OrderItems: z.array(orderItemSchema),
    NextToken: z.string().optional(),
  }),
})
export type SpapiOrderItem = z.infer<typeof orderItemSchema>

const linkObject = z.object({ href: z.string(), name: z.string().optional() })
export const getMessagingActionsResponse = z.object({
  _links: z.object({ actions: z.array(linkObject), self: linkObject.optional() }),
})

export const getAttributesResponse = z.object({
  buyer: z.object({ locale: z.string().optional() }).optional(),
})

export const createReportResponse = z.object({ reportId: z.string().min(1) })

export const REPORT_PROCESSING_STATUSES = ['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL'] as const
export const reportSchema = z.object({
  reportId: z.string(),
  processingStatus: z.enum(REPORT_PROCESSING_STATUSES),
  reportDocumentId: z.string().optional(),
})
export type SpapiReport = z.infer<typeof reportSchema>

export const reportDocumentSchema = z.object({
  reportDocumentId: z.string(),
  url: z.string().url(),
  compressionAlgorithm: z.literal('GZIP').optional(),
})
export type SpapiReportDocument = z.infer<typeof reportDocumentSchema>
