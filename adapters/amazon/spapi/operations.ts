import type { z } from 'zod'
import type { SpapiClient, SpapiResponse } from './client.ts'
import { spapiError } from './errors.ts'
import {
  createReportResponse,
  getAttributesResponse,
  getMessagingActionsResponse,
  getOrderItemsResponse,
  getOrderResponse,
  reportDocumentSchema,
  reportSchema,
  type SpapiOrder,
  type SpapiOrderItem,
  type SpapiReport,
  type SpapiReportDocument,
} from './schemas.ts'
import type { SpapiOperation } from './usage-plans.ts'

// Typed wrappers of the handful of operations Buyerbridge uses. Each validates the body it reads.

const MAX_ORDER_ITEM_PAGES = 10

/** An overall deadline shared by several calls: the abort signal and the same instant on the client's timer. */
export interface CallDeadline {
  signal: AbortSignal
  deadlineAt: number
}
const enc = encodeURIComponent

function validated<T>(schema: z.ZodType<T>, response: SpapiResponse, operation: SpapiOperation): T {
  const parsed = schema.safeParse(response.body)
  if (parsed.success) return parsed.data
  throw spapiError('SPAPI_INVALID_RESPONSE', `SP-API ${operation}: unexpected response body (${parsed.error.issues[0]?.message ?? 'invalid'})`, {
    operation, status: response.status, requestId: response.requestId, amazonCode: null, retryAfterMs: null, processed: 'no',
  })
}

export async function getOrder(client: SpapiClient, orderId: string, deadline?: CallDeadline): Promise<SpapiOrder> {
  const response = await client.call({ operation: 'getOrder', method: 'GET', path: `/orders/v0/orders/${enc(orderId)}`, idempotent: true, ...deadline })
  return validated(getOrderResponse, response, 'getOrder').payload
}

export async function getOrderItems(client: SpapiClient, orderId: string, deadline?: CallDeadline): Promise<SpapiOrderItem[]> {
  const items: SpapiOrderItem[] = []
  let nextToken: string | undefined
  for (let page = 0; page < MAX_ORDER_ITEM_PAGES; page += 1) {
    const response = await client.call({
      operation: 'getOrderItems', method: 'GET', path: `/orders/v0/orders/${enc(orderId)}/orderItems`, idempotent: true,
      ...(nextToken ? { query: { NextToken: nextToken } } : {}),
      ...deadline,
    })
    const payload = validated(getOrderItemsResponse, response, 'getOrderItems').payload
    items.push(...payload.OrderItems)
    nextToken = payload.NextToken
    if (!nextToken) break
  }
  return items
}

/** Names of the messaging actions Amazon allows for this order right now. */
export async function getMessagingActions(client: SpapiClient, orderId: string, marketplaceId: string, deadline?: CallDeadline): Promise<string[]> {
  const response = await client.call({
    operation: 'getMessagingActionsForOrder', method: 'GET', path: `/messaging/v1/orders/${enc(orderId)}`,
    query: { marketplaceIds: marketplaceId }, idempotent: true, ...deadline,
  })
  const links = validated(getMessagingActionsResponse, response, 'getMessagingActionsForOrder')._links.actions
  return links.map((link) => link.name ?? actionNameFromHref(link.href)).filter((name): name is string => name !== null)
}

export async function getBuyerLocale(client: SpapiClient, orderId: string, marketplaceId: string, deadline?: CallDeadline): Promise<string | null> {
  const response = await client.call({
    operation: 'getAttributes', method: 'GET', path: `/messaging/v1/orders/${enc(orderId)}/attributes`,
    query: { marketplaceIds: marketplaceId }, idempotent: true, ...deadline,
  })
  return validated(getAttributesResponse, response, 'getAttributes').buyer?.locale ?? null
}

/** One POST, never repeated after an unknown outcome: Amazon has no idempotency key for messages. */
export async function sendMessage(
  client: SpapiClient, orderId: string, marketplaceId: string, action: string, text: string,
): Promise<{ requestId: string | null; attempts: number }> {
  const response = await client.call({
    operation: 'sendMessage', method: 'POST', path: `/messaging/v1/orders/${enc(orderId)}/messages/${enc(action)}`,
    query: { marketplaceIds: marketplaceId }, body: { text }, idempotent: false,
  })
  return { requestId: response.requestId, attempts: response.attempts }
}

export async function createReport(client: SpapiClient, reportType: string, marketplaceIds: readonly string[]): Promise<string> {
  const response = await client.call({
    operation: 'createReport', method: 'POST', path: '/reports/2021-06-30/reports',
    body: { reportType, marketplaceIds }, idempotent: false,
  })
  return validated(createReportResponse, response, 'createReport').reportId
}

export async function getReport(client: SpapiClient, reportId: string): Promise<SpapiReport> {
  const response = await client.call({ operation: 'getReport', method: 'GET', path: `/reports/2021-06-30/reports/${enc(reportId)}`, idempotent: true })
  return validated(reportSchema, response, 'getReport')
}

export async function getReportDocument(client: SpapiClient, documentId: string): Promise<SpapiReportDocument> {
  const response = await client.call({ operation: 'getReportDocument', method: 'GET', path: `/reports/2021-06-30/documents/${enc(documentId)}`, idempotent: true })
  return validated(reportDocumentSchema, response, 'getReportDocument')
}

/** `…/messages/confirmOrderDetails?marketplaceIds=…` → `confirmOrderDetails`. */
function actionNameFromHref(href: string): string | null {
  const match = /\/messages\/([A-Za-z]+)(?:[?#]|$)/.exec(href)
  return match?.[1] ?? null
}
