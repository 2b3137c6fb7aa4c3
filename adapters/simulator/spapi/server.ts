import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BodyTooLargeError, defaultErrorFor, errorResponse, readBody, writeResponse, type SimResponse } from './http-io.ts'
import { LwaIssuer } from './lwa.ts'
import { HAL_JSON } from './messaging.ts'
import { defaultSellerPerformanceReport } from './performance-report.ts'
import { TokenBuckets, type RatePlan } from './rate-limiter.ts'
import { SimulatedReports } from './reports.ts'
import { DEFAULT_RATE_PLANS, matchRoute, type SpapiOperation } from './routes.ts'
import { dispatch } from './dispatch.ts'
import { SimulatedOrders } from './orders.ts'

export type { SpapiOperation } from './routes.ts'
export type { RatePlan } from './rate-limiter.ts'
export { SimulatedOrders } from './orders.ts'
export type { SimulatedOrder, SimulatedOrderInput, SimulatedOrderItem, SimulatedOrderStatus } from './orders.ts'

/** The subset of a pino logger the simulator uses. */
export interface SimulatorLogger {
  debug(details: Record<string, unknown>, message: string): void
}

export interface SpapiSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  clientId: string
  clientSecret: string
  refreshToken: string
  /** Default 3600, as LWA's access tokens. */
  tokenTtlSeconds?: number
  /** Overrides of Amazon's usage plans, per operation. */
  ratePlans?: Partial<Record<SpapiOperation, RatePlan>>
  /** getReport answers IN_QUEUE then IN_PROGRESS this many times before DONE. Default 2. */
  reportProcessingPolls?: number
  now?: () => Date
  /** Refill credit per request for network jitter between a client's limiter and the server. Default 25 ms. */
  rateToleranceMs?: number
  /** `requests` keeps the most recent entries only, so a long-running demo does not grow without bound. Default 10 000. */
  maxRecordedRequests?: number
  /** Refuse message text with HTML or e-mail addresses, as the Messaging model forbids. Default true. */
  enforceContentRules?: boolean
  logger?: SimulatorLogger
}

export interface SentMessage {
  orderId: string
  marketplaceId: string
  action: string
  text: string
  requestId: string
  at: Date
}

export interface RecordedRequest {
  at: Date
  operation: SpapiOperation | 'unknown'
  method: string
  path: string
  /** The status sent; 0 for a request held by `hangNext` and never answered. */
  status: number
  requestId: string
}

export interface SpapiSimulator {
  /** Base URL, e.g. `http://127.0.0.1:40123`; LWA is at `${url}/auth/o2/token`. */
  url: string
  orders: SimulatedOrders
  sentMessages: SentMessage[]
  requests: RecordedRequest[]
  /** Requests answered 429 because they exceeded the usage plan (injected 429s are not counted). */
  overPlanCount(operation?: SpapiOperation): number
  /** The content of the report documents created from now on (a JSON object). */
  setSellerPerformanceReport(report: unknown): void
  /** The next `times` requests of `operation` are answered `status` with `body` (default: Amazon's error JSON). */
  failNext(operation: SpapiOperation, status: number, times?: number, body?: unknown): void
  /** The next `times` requests of `operation` are processed (side effects happen) but never answered. */
  hangNext(operation: SpapiOperation, times?: number): void
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024
const MESSAGING_OPERATIONS: ReadonlySet<string> = new Set(['getMessagingActionsForOrder', 'getAttributes', 'sendMessage'])
const UNAUTHENTICATED_OPERATIONS: ReadonlySet<SpapiOperation> = new Set(['lwaToken', 'downloadDocument'])

/** Starts one independent simulated SP-API (LWA, Orders, Messaging, Reports) on its own port. */
export async function startSpapiSimulator(opts: SpapiSimulatorOptions): Promise<SpapiSimulator> {
  const now = opts.now ?? (() => new Date())
  const orders = new SimulatedOrders()
  const lwa = new LwaIssuer(opts, opts.tokenTtlSeconds ?? 3600)
  const buckets = new TokenBuckets<SpapiOperation>({ ...DEFAULT_RATE_PLANS, ...opts.ratePlans }, opts.rateToleranceMs ?? 25)
  const reports = new SimulatedReports(opts.reportProcessingPolls ?? 2, () => defaultSellerPerformanceReport(now()))
  const sentMessages: SentMessage[] = []
  const requests: RecordedRequest[] = []
  const overPlan = new Map<SpapiOperation, number>()
  const injectedFailures = new Map<SpapiOperation, SimResponse[]>()
  const pendingHangs = new Map<SpapiOperation, number>()
  const heldResponses = new Set<ServerResponse>()
  const maxRecorded = opts.maxRecordedRequests ?? 10_000
  const record = (entry: RecordedRequest): void => {
    requests.push(entry)
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded)
  }
  const context = { orders, lwa, reports, sentMessages, baseUrl: '', enforceContentRules: opts.enforceContentRules ?? true }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = now()
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://simulator.invalid')
    const matched = matchRoute(method, url.pathname)
    const operation = matched?.operation ?? 'unknown'
    const requestId = randomUUID()
    const plan = matched ? buckets.plan(matched.operation) : undefined
    const answer = (response: SimResponse): void => {
      const headers: Record<string, string> = { 'x-amzn-RequestId': requestId }
      if (plan) headers['x-amzn-RateLimit-Limit'] = String(plan.rate)
      const halDefault = MESSAGING_OPERATIONS.has(operation) && response.contentType === undefined
      writeResponse(res, halDefault ? { ...response, contentType: HAL_JSON } : response, headers)
      record({ at, operation, method, path: url.pathname, status: response.status, requestId })
      opts.logger?.debug({ operation, method, path: url.pathname, status: response.status, requestId }, 'spapi simulator request')
    }

    let raw: Buffer
    try {
      raw = await readBody(req, MAX_BODY_BYTES)
    } catch (error) {
      if (error instanceof BodyTooLargeError) return answer(defaultErrorFor(413))
      throw error
    }
    if (!matched) return answer(errorResponse(404, 'NotFound', 'The requested resource was not found.', `${method} ${url.pathname}`))

    if (!UNAUTHENTICATED_OPERATIONS.has(matched.operation)) {
      const token = req.headers['x-amz-access-token']
      const check = lwa.checkSellerToken(Array.isArray(token) ? token[0] : token, at.getTime())
      if (!check.ok) return answer(errorResponse(403, 'Unauthorized', 'Access to requested resource is denied.', check.details))
    }
    if (!buckets.tryTake(matched.operation, at.getTime())) {
      overPlan.set(matched.operation, (overPlan.get(matched.operation) ?? 0) + 1)
      return answer(defaultErrorFor(429))
    }
    const injected = injectedFailures.get(matched.operation)?.shift()
    if (injected) return answer(injected)

    const response = dispatch(context, { ...matched, query: url.searchParams, raw, headers: req.headers, at, requestId })
    const hangsLeft = pendingHangs.get(matched.operation) ?? 0
    if (hangsLeft > 0) {
      pendingHangs.set(matched.operation, hangsLeft - 1)
      heldResponses.add(res)
      res.on('close', () => heldResponses.delete(res))
      record({ at, operation, method, path: url.pathname, status: 0, requestId })
      return
    }
    answer(response)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy()
      const message = error instanceof Error ? error.message : String(error)
      writeResponse(res, errorResponse(500, 'InternalFailure', 'We encountered an internal error. Please try again.', message), {})
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`
  context.baseUrl = baseUrl
  let closing: Promise<void> | undefined

  return {
    url: baseUrl,
    orders,
    sentMessages,
    requests,
    overPlanCount(operation?: SpapiOperation): number {
      if (operation) return overPlan.get(operation) ?? 0
      return [...overPlan.values()].reduce((sum, count) => sum + count, 0)
    },
    setSellerPerformanceReport(report: unknown): void {
      reports.setSellerPerformanceReport(report)
    },
    failNext(operation: SpapiOperation, status: number, times = 1, body?: unknown): void {
      const queue = injectedFailures.get(operation) ?? []
      for (let i = 0; i < times; i++) queue.push(body === undefined ? defaultErrorFor(status) : { status, body })
      injectedFailures.set(operation, queue)
    },
    hangNext(operation: SpapiOperation, times = 1): void {
      pendingHangs.set(operation, (pendingHangs.get(operation) ?? 0) + times)
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        for (const res of heldResponses) res.destroy()
        heldResponses.clear()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
