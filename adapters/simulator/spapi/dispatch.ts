import type { IncomingHttpHeaders } from 'node:http'
import { errorResponse, parseJsonBody, type SimResponse } from './http-io.ts'
import type { LwaIssuer } from './lwa.ts'
import { getBuyerAttributes, getMessagingActions, sendMessage } from './messaging.ts'
import { orderItemsPayload, orderPayload, type SimulatedOrders } from './orders.ts'
import type { SimulatedReports } from './reports.ts'
import type { SpapiOperation } from './routes.ts'

export interface DispatchContext {
  orders: SimulatedOrders
  lwa: LwaIssuer
  reports: SimulatedReports
  sentMessages: { orderId: string; marketplaceId: string; action: string; text: string; requestId: string; at: Date }[]
  baseUrl: string
  enforceContentRules: boolean
}

export interface DispatchRequest {
  operation: SpapiOperation
  params: Record<string, string>
  query: URLSearchParams
  raw: Buffer
  headers: IncomingHttpHeaders
  at: Date
  requestId: string
}

const orderNotFound = (orderId: string) =>
  errorResponse(404, 'NotFound', 'The requested resource was not found.', `Order ${orderId} was not found.`)

/** Runs the operation after authentication and throttling; side effects (sent messages) happen here. */
export function dispatch(context: DispatchContext, request: DispatchRequest): SimResponse {
  const param = (name: string) => request.params[name] ?? ''
  switch (request.operation) {
    case 'lwaToken':
      return context.lwa.handleTokenRequest(request.headers['content-type'], request.headers.authorization, request.raw, request.at.getTime())
    case 'getOrder': {
      const order = context.orders.get(param('orderId'))
      return order ? { status: 200, body: { payload: orderPayload(order) } } : orderNotFound(param('orderId'))
    }
    case 'getOrderItems': {
      const order = context.orders.get(param('orderId'))
      return order ? { status: 200, body: { payload: orderItemsPayload(order) } } : orderNotFound(param('orderId'))
    }
    case 'getMessagingActionsForOrder':
      return getMessagingActions(context.orders, param('orderId'), request.query)
    case 'getAttributes':
      return getBuyerAttributes(context.orders, param('orderId'), request.query)
    case 'sendMessage': {
      const body = parseJsonBody(request.headers['content-type'], request.raw)
      if (!body.ok) return { ...body.response, contentType: 'application/hal+json' }
      const result = sendMessage({
        orders: context.orders,
        orderId: param('orderId'),
        action: param('action'),
        query: request.query,
        body: body.value,
        enforceContentRules: context.enforceContentRules,
      })
      if (result.accepted) context.sentMessages.push({ ...result.accepted, requestId: request.requestId, at: request.at })
      return result.response
    }
    case 'createReport': {
      const body = parseJsonBody(request.headers['content-type'], request.raw)
      return body.ok ? context.reports.create(body.value, request.at) : body.response
    }
    case 'getReport':
      return context.reports.get(param('reportId'), request.at)
    case 'getReportDocument':
      return context.reports.document(param('documentId'), context.baseUrl, request.at)
    case 'downloadDocument':
      return context.reports.download(param('documentId'), request.query, request.at)
  }
}
