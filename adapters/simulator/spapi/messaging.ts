import { z } from 'zod'
import { marketplaceById } from '../../../src/domain/marketplaces.ts'
import { errorResponse, type SimResponse } from './http-io.ts'
import type { SimulatedOrder, SimulatedOrders } from './orders.ts'

export const HAL_JSON = 'application/hal+json'

// Limits from Amazon's Messaging v1 model (`Create…Request` definitions), counted in characters.
export const TEXT_LIMITS = {
  confirmOrderDetails: 2000,
  confirmDeliveryDetails: 2000,
  unexpectedProblem: 2000,
  confirmServiceDetails: 2000,
  confirmCustomizationDetails: 800,
  digitalAccessKey: 400,
} as const
const ATTACHMENT_ONLY_ACTIONS = ['legalDisclosure', 'warranty', 'invoice'] as const

/** Every action name the current Messaging model has a POST operation for. */
export const MESSAGING_ACTIONS: readonly string[] = [...Object.keys(TEXT_LIMITS), ...ATTACHMENT_ONLY_ACTIONS]

const attachmentSchema = z.object({ uploadDestinationId: z.string().min(1), fileName: z.string().min(1) })
const attachmentsSchema = z.array(attachmentSchema).max(5)

function textSchema(maxChars: number) {
  return z
    .string()
    .refine((text) => [...text].length >= 1, { message: 'text must not be empty' })
    .refine((text) => [...text].length <= maxChars, { message: `text must be at most ${maxChars} characters` })
}

const textOnly = (maxChars: number) => z.object({ text: textSchema(maxChars) })
const textOrAttachments = (maxChars: number) =>
  z
    .object({ text: textSchema(maxChars).optional(), attachments: attachmentsSchema.optional() })
    .refine((body) => body.text !== undefined || (body.attachments?.length ?? 0) > 0, { message: 'text or attachments required' })

const bodySchemas: Record<string, z.ZodType<{ text?: string; attachments?: unknown[] }>> = {
  confirmOrderDetails: textOnly(TEXT_LIMITS.confirmOrderDetails),
  confirmDeliveryDetails: textOnly(TEXT_LIMITS.confirmDeliveryDetails),
  unexpectedProblem: textOnly(TEXT_LIMITS.unexpectedProblem),
  confirmServiceDetails: textOnly(TEXT_LIMITS.confirmServiceDetails),
  confirmCustomizationDetails: textOrAttachments(TEXT_LIMITS.confirmCustomizationDetails),
  digitalAccessKey: textOrAttachments(TEXT_LIMITS.digitalAccessKey),
  legalDisclosure: z.object({ attachments: attachmentsSchema.optional() }),
  warranty: z.object({
    attachments: attachmentsSchema.min(1),
    coverageStartDate: z.iso.datetime({ offset: true }).optional(),
    coverageEndDate: z.iso.datetime({ offset: true }).optional(),
  }),
  invoice: z.object({ attachments: attachmentsSchema.min(1) }),
}

const EMAIL_ADDRESS = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/i
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(\s[^<>]*)?\/?>/i

export type MarketplaceCheck = { ok: true; marketplaceId: string } | { ok: false; response: SimResponse }

/** `marketplaceIds` is a required query array that takes exactly one known marketplace id. */
export function singleMarketplaceId(query: URLSearchParams): MarketplaceCheck {
  const ids = query
    .getAll('marketplaceIds')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '')
  if (ids.length !== 1) {
    const details = ids.length === 0 ? 'marketplaceIds is required.' : 'marketplaceIds accepts exactly one marketplace id.'
    return { ok: false, response: errorResponse(400, 'InvalidInput', 'Invalid Input', details) }
  }
  const [id] = ids as [string]
  if (!marketplaceById(id)) {
    return { ok: false, response: errorResponse(400, 'InvalidInput', 'Invalid Input', `Invalid marketplaceId: ${id}`) }
  }
  return { ok: true, marketplaceId: id }
}

export type OrderLookup = { ok: true; order: SimulatedOrder } | { ok: false; response: SimResponse }

function orderInMarketplace(orders: SimulatedOrders, orderId: string, marketplaceId: string): OrderLookup {
  const order = orders.get(orderId)
  if (!order) {
    return { ok: false, response: errorResponse(404, 'NotFound', 'The requested resource was not found.', `Order ${orderId} was not found.`) }
  }
  if (order.marketplaceId !== marketplaceId) {
    const details = `Order ${orderId} does not belong to marketplace ${marketplaceId}.`
    return { ok: false, response: errorResponse(400, 'InvalidInput', 'Invalid Input', details) }
  }
  return { ok: true, order }
}

const hal = (status: number, body: unknown): SimResponse => ({ status, body, contentType: HAL_JSON })
const asHal = (response: SimResponse): SimResponse => ({ ...response, contentType: HAL_JSON })

export function getMessagingActions(orders: SimulatedOrders, orderId: string, query: URLSearchParams): SimResponse {
  const marketplace = singleMarketplaceId(query)
  if (!marketplace.ok) return asHal(marketplace.response)
  const found = orderInMarketplace(orders, orderId, marketplace.marketplaceId)
  if (!found.ok) return asHal(found.response)
  const base = `/messaging/v1/orders/${encodeURIComponent(orderId)}`
  const suffix = `?marketplaceIds=${marketplace.marketplaceId}`
  const actions = found.order.allowedActions
  return hal(200, {
    _links: {
      self: { href: `${base}${suffix}` },
      actions: actions.map((name) => ({ href: `${base}/messages/${name}${suffix}`, name })),
    },
    _embedded: {
      actions: actions.map((name) => ({
        _links: {
          self: { href: `${base}/messages/${name}${suffix}`, name },
          schema: { href: `${base}/messages/${name}/schema`, name },
        },
      })),
    },
  })
}

export function getBuyerAttributes(orders: SimulatedOrders, orderId: string, query: URLSearchParams): SimResponse {
  const marketplace = singleMarketplaceId(query)
  if (!marketplace.ok) return asHal(marketplace.response)
  const found = orderInMarketplace(orders, orderId, marketplace.marketplaceId)
  if (!found.ok) return asHal(found.response)
  return hal(200, { buyer: { locale: found.order.buyerLocale } })
}

export interface AcceptedMessage {
  orderId: string
  marketplaceId: string
  action: string
  text: string
}

export interface SendMessageInput {
  orders: SimulatedOrders
  orderId: string
  action: string
  query: URLSearchParams
  body: unknown
  enforceContentRules: boolean
}

export type SendMessageResult = { response: SimResponse; accepted: AcceptedMessage | null }

/** Validates and accepts one `POST …/messages/{action}`; the caller records accepted messages. */
export function sendMessage(input: SendMessageInput): SendMessageResult {
  const reject = (response: SimResponse): SendMessageResult => ({ response: asHal(response), accepted: null })
  const marketplace = singleMarketplaceId(input.query)
  if (!marketplace.ok) return reject(marketplace.response)
  const schema = bodySchemas[input.action]
  if (!schema) return reject(errorResponse(404, 'NotFound', 'The requested resource was not found.', `Unknown action ${input.action}.`))
  const parsed = schema.safeParse(input.body)
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')
    return reject(errorResponse(400, 'InvalidInput', 'Invalid Input', details))
  }
  const text = parsed.data.text ?? ''
  if (input.enforceContentRules && (EMAIL_ADDRESS.test(text) || HTML_TAG.test(text))) {
    return reject(errorResponse(400, 'InvalidInput', 'Invalid Input', 'text must not contain HTML or e-mail addresses.'))
  }
  const found = orderInMarketplace(input.orders, input.orderId, marketplace.marketplaceId)
  if (!found.ok) return reject(found.response)
  if (!found.order.allowedActions.includes(input.action)) {
    const details = `Action ${input.action} is not available for order ${input.orderId}.`
    return reject(errorResponse(403, 'Unauthorized', 'Invalid amazonOrderId and template combination', details))
  }
  return {
    response: hal(201, {}),
    accepted: { orderId: input.orderId, marketplaceId: marketplace.marketplaceId, action: input.action, text },
  }
}
