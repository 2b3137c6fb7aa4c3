import { AppError } from '../../../src/domain/errors.ts'
import {
  assertStoreConfig,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  spapiBaseUrl,
  type SpapiLogger,
  type SpapiRetryPolicy,
  type SpapiStoreConfig,
  type SpapiTimeouts,
} from './config.ts'
import { backoffDelayMs, serverDelayHintMs } from './backoff.ts'
import {
  errorCodeForStatus,
  networkFailure,
  parseAmazonError,
  processedStateForStatus,
  spapiDetails,
  spapiError,
  type SpapiErrorCode,
  type SpapiErrorDetails,
} from './errors.ts'
import { LwaTokenProvider } from './lwa.ts'
import { RateLimiter } from './rate-limiter.ts'
import { realTimer, type SpapiTimer } from './timer.ts'
import { resolveRatePlans, type RatePlan, type SpapiOperation } from './usage-plans.ts'

export interface SpapiRequest {
  operation: SpapiOperation
  method: 'GET' | 'POST'
  /** Path with its parameters already encoded. */
  path: string
  query?: Record<string, string>
  body?: unknown
  /** Reads may be repeated after an unknown outcome; sends are repeated only when Amazon proved it refused. */
  idempotent: boolean
  /** Overall deadline of the caller, on top of the per-request timeout. */
  signal?: AbortSignal
  /** The same deadline as a timer instant: a call that would queue past it for a token fails at once. */
  deadlineAt?: number
}

export interface SpapiResponse {
  status: number
  body: unknown
  requestId: string | null
  attempts: number
}

export interface SpapiClientDeps {
  logger: SpapiLogger
  timer?: SpapiTimer
  /** Buckets are keyed by store × operation; pass one limiter to every client built for the same store. */
  limiter?: RateLimiter
  random?: () => number
}

/** The transport for one store (one seller authorisation): LWA, usage plans, retries, typed errors. */
export class SpapiClient {
  readonly storeId: string
  readonly marketplaceIds: readonly string[]
  readonly timeouts: SpapiTimeouts
  readonly retry: SpapiRetryPolicy
  readonly lwa: LwaTokenProvider
  readonly timer: SpapiTimer
  readonly #baseUrl: string
  readonly #plans: Record<SpapiOperation, RatePlan>
  readonly #limiter: RateLimiter
  readonly #logger: SpapiLogger
  readonly #random: () => number

  constructor(config: SpapiStoreConfig, deps: SpapiClientDeps) {
    assertStoreConfig(config)
    this.storeId = config.storeId
    this.marketplaceIds = [...config.marketplaceIds]
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts }
    this.retry = { ...DEFAULT_RETRY, ...config.retry }
    this.timer = deps.timer ?? realTimer
    this.#baseUrl = spapiBaseUrl(config)
    this.#plans = resolveRatePlans(config.ratePlans)
    this.#limiter = deps.limiter ?? new RateLimiter(this.timer, 20)
    this.#logger = deps.logger
    this.#random = deps.random ?? Math.random
    this.lwa = new LwaTokenProvider(
      {
        storeId: config.storeId,
        ...(config.lwaEndpoint === undefined ? {} : { tokenUrl: config.lwaEndpoint }),
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        refreshToken: config.refreshToken,
        requestTimeoutMs: this.timeouts.requestMs,
      },
      this.timer,
      deps.logger,
    )
  }

  async call(request: SpapiRequest): Promise<SpapiResponse> {
    const bucket = this.#limiter.bucket(`${this.storeId}|${request.operation}`, withHeadroom(this.#plans[request.operation]))
    const url = this.#url(request)
    let tokenRetried = false
    for (let attempt = 1; ; attempt += 1) {
      this.#throwIfPastDeadline(request)
      // Token first, rate slot second: a slot taken before a slow token refresh would reach Amazon late,
      // bunched with the next slot, and Amazon counts arrivals.
      const token = await this.#accessToken(request)
      const maxWaitMs = request.deadlineAt === undefined ? undefined : request.deadlineAt - this.timer.now()
      if (!(await bucket.acquire(maxWaitMs))) {
        throw spapiError('SPAPI_THROTTLED', `SP-API ${request.operation}: usage plan exhausted until after the deadline`,
          this.#details(request, null, null, null, bucket.waitMs(), 'no'))
      }
      this.#throwIfPastDeadline(request)
      let response: Response
      let body: unknown
      try {
        response = await fetch(url, {
          method: request.method,
          headers: {
            'x-amz-access-token': token,
            'x-amz-date': new Date(this.timer.now()).toISOString().replace(/[-:]|\.\d{3}/g, ''),
            accept: 'application/json, application/hal+json',
            ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          signal: this.#signal(request),
        })
        // Once a send has its status line, a body that breaks off no longer makes its outcome unknown.
        const text = await response.text().catch((error: unknown) => {
          if (request.idempotent) throw error
          return ''
        })
        body = parseJsonOrNull(text)
      } catch (error) {
        const failure = networkFailure(error)
        const details = this.#details(request, null, null, null, null, failure.processed)
        const canRetry = request.idempotent || failure.processed === 'no'
        if (canRetry && attempt < this.retry.maxAttempts && !request.signal?.aborted) {
          this.#logger.warn({ ...details, attempt, reason: failure.reason }, 'SP-API request failed, retrying')
          await this.timer.sleep(backoffDelayMs(attempt, this.retry, null, this.#random))
          continue
        }
        throw spapiError(failure.code, `SP-API ${request.operation}: ${failure.reason}`, details, error)
      }

      const requestId = response.headers.get('x-amzn-requestid')
      if (response.ok) {
        this.#logger.debug({ storeId: this.storeId, operation: request.operation, status: response.status, requestId, attempt }, 'SP-API call')
        return { status: response.status, body, requestId, attempts: attempt }
      }

      const amazonError = parseAmazonError(body)
      const processed = processedStateForStatus(response.status, amazonError)
      // The rate header tells the restore time of a throttled bucket; it says nothing about a 5xx.
      const hintMs = serverDelayHintMs(response.headers, this.timer.now(), response.status === 429)
      const details = this.#details(request, response.status, requestId, amazonError?.code ?? null, hintMs, processed)
      const message = amazonError
        ? `${amazonError.message}${amazonError.details ? ` (${amazonError.details})` : ''}`
        : `HTTP ${response.status}`

      if (response.status === 403 && !tokenRetried && mentionsAccessToken(amazonError)) {
        tokenRetried = true
        this.lwa.invalidate()
        this.#logger.warn(details, 'SP-API refused the access token, fetching a new one')
        continue
      }
      const retryable =
        response.status === 429 || (response.status >= 500 && (request.idempotent || processed === 'no'))
      if (response.status === 429) bucket.drain()
      if (retryable && attempt < this.retry.maxAttempts && (hintMs ?? 0) <= this.retry.maxDelayMs) {
        const waitMs = backoffDelayMs(attempt, this.retry, hintMs, this.#random)
        this.#logger.warn({ ...details, attempt, waitMs }, 'SP-API call refused, retrying')
        await this.timer.sleep(waitMs)
        continue
      }
      if (response.status === 429) details.retryAfterMs = hintMs ?? backoffDelayMs(attempt, this.retry, null, this.#random)
      throw spapiError(errorCodeForStatus(response.status), `SP-API ${request.operation}: ${message}`, details)
    }
  }

  /** A token failure happens before the SP-API request leaves: whatever LWA did, Amazon saw nothing. */
  async #accessToken(request: SpapiRequest): Promise<string> {
    try {
      return await this.lwa.accessToken()
    } catch (error) {
      const lwa = spapiDetails(error)
      if (!lwa || !(error instanceof AppError)) throw error
      throw spapiError(error.code as SpapiErrorCode, `${error.message} (before ${request.operation})`,
        { ...this.#details(request, lwa.status, null, lwa.amazonCode, lwa.retryAfterMs, 'no'), failedAt: 'lwaToken' }, error)
    }
  }

  #url(request: SpapiRequest): string {
    const query = request.query ? `?${new URLSearchParams(request.query).toString()}` : ''
    return `${this.#baseUrl}${request.path}${query}`
  }

  #signal(request: SpapiRequest): AbortSignal {
    const perRequest = AbortSignal.timeout(this.timeouts.requestMs)
    return request.signal ? AbortSignal.any([perRequest, request.signal]) : perRequest
  }

  #throwIfPastDeadline(request: SpapiRequest): void {
    if (!request.signal?.aborted) return
    // Between attempts nothing is in flight, and a send is only retried after Amazon proved it refused it.
    throw spapiError('SPAPI_TIMEOUT', `SP-API ${request.operation}: deadline passed before the call could start`,
      this.#details(request, null, null, null, null, 'no'))
  }

  #details(
    request: SpapiRequest,
    status: number | null,
    requestId: string | null,
    amazonCode: string | null,
    retryAfterMs: number | null,
    processed: SpapiErrorDetails['processed'],
  ): SpapiErrorDetails {
    return { storeId: this.storeId, operation: request.operation, status, requestId, amazonCode, retryAfterMs, processed }
  }
}

/**
 * Amazon counts arrivals, we can only schedule departures: requests of a burst that open new connections
 * arrive late and bunch up with the next one. Keeping one token of the burst unused absorbs up to one
 * restore interval of such jitter (measured on localhost: up to 80 ms between the first burst and the rest).
 */
function withHeadroom(plan: RatePlan): RatePlan {
  return { rate: plan.rate, burst: Math.max(1, Math.floor(plan.burst) - 1) }
}

function parseJsonOrNull(text: string): unknown {
  if (text.trim() === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

function mentionsAccessToken(error: { message: string; details: string | undefined } | null): boolean {
  return error !== null && /access token/i.test(`${error.message} ${error.details ?? ''}`)
}
