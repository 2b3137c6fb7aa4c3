import { z } from 'zod'
import { LWA_TOKEN_URL, type SpapiLogger } from './config.ts'
import { networkFailure, spapiError } from './errors.ts'
import type { SpapiTimer } from './timer.ts'

const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
})

const lwaErrorBody = z.object({ error: z.string(), error_description: z.string().optional() })

export interface LwaOptions {
  storeId: string
  tokenUrl?: string
  clientId: string
  clientSecret: string
  refreshToken: string
  requestTimeoutMs: number
  /** Refresh this long before expiry (capped at half the token's lifetime). */
  refreshEarlyMs?: number
}

interface CachedToken {
  value: string
  refreshAt: number
}

/** Login with Amazon access tokens for one store: cached, refreshed early, one refresh in flight at a time. */
export class LwaTokenProvider {
  readonly #options: LwaOptions
  readonly #timer: SpapiTimer
  readonly #logger: SpapiLogger
  #cached: CachedToken | null = null
  #inFlight: Promise<string> | null = null
  #refreshCount = 0

  constructor(options: LwaOptions, timer: SpapiTimer, logger: SpapiLogger) {
    this.#options = options
    this.#timer = timer
    this.#logger = logger
  }

  /** How many token requests this provider has made (for tests and metrics). */
  get refreshCount(): number {
    return this.#refreshCount
  }

  async accessToken(): Promise<string> {
    if (this.#cached && this.#timer.now() < this.#cached.refreshAt) return this.#cached.value
    this.#inFlight ??= this.#refresh().finally(() => {
      this.#inFlight = null
    })
    return this.#inFlight
  }

  /** Amazon refused the token (expired early, revoked): forget it so the next call fetches a new one. */
  invalidate(): void {
    this.#cached = null
  }

  async #refresh(): Promise<string> {
    const { storeId, clientId, clientSecret, refreshToken, requestTimeoutMs } = this.#options
    const url = this.#options.tokenUrl ?? LWA_TOKEN_URL
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: clientId,
      client_secret: clientSecret,
    })
    this.#refreshCount += 1
    const startedAt = this.#timer.now()
    let response: Response
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(requestTimeoutMs),
      })
    } catch (error) {
      const failure = networkFailure(error)
      throw spapiError(failure.code, `LWA token request failed: ${failure.reason}`, {
        operation: 'lwaToken', status: null, requestId: null, amazonCode: null, retryAfterMs: null,
        processed: failure.processed,
      }, error)
    }
    const json: unknown = await response.json().catch(() => null)
    if (!response.ok) {
      const lwaError = lwaErrorBody.safeParse(json)
      const amazonCode = lwaError.success ? lwaError.data.error : null
      const description = lwaError.success ? (lwaError.data.error_description ?? lwaError.data.error) : `HTTP ${response.status}`
      const code = response.status === 429 ? 'SPAPI_THROTTLED' : response.status >= 500 ? 'SPAPI_SERVER' : 'SPAPI_AUTH'
      this.#logger.warn({ storeId, status: response.status, lwaError: amazonCode }, 'LWA refused the token request')
      throw spapiError(code, `Login with Amazon refused the refresh token: ${description}`, {
        operation: 'lwaToken', status: response.status, requestId: null, amazonCode, retryAfterMs: null, processed: 'no',
      })
    }
    const parsed = tokenResponse.safeParse(json)
    if (!parsed.success) {
      throw spapiError('SPAPI_INVALID_RESPONSE', 'LWA answered without a usable access token', {
        operation: 'lwaToken', status: response.status, requestId: null, amazonCode: null, retryAfterMs: null, processed: 'no',
      })
    }
    const lifetimeMs = parsed.data.expires_in * 1000
    const earlyMs = Math.min(this.#options.refreshEarlyMs ?? 60_000, lifetimeMs / 2)
    this.#cached = { value: parsed.data.access_token, refreshAt: startedAt + lifetimeMs - earlyMs }
    this.#logger.debug({ storeId, expiresInSeconds: parsed.data.expires_in }, 'LWA access token refreshed')
    return parsed.data.access_token
  }
}
