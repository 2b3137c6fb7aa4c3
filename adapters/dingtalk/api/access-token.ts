// The enterprise internal app's access token: `POST /v1.0/oauth2/accessToken { appKey, appSecret }` →
// `{ accessToken, expireIn }` (seconds, 7200 in DingTalk's docs). Cached, renewed ahead of expiry, and fetched
// by one request at a time however many callers are waiting (single flight).

import { z } from 'zod'
import { AppError } from '../../../src/domain/errors.ts'
import { type DingtalkAppConfig, dingtalkBaseUrl } from '../config.ts'
import { requestJson } from './http.ts'

export const ACCESS_TOKEN_HEADER = 'x-acs-dingtalk-access-token'
/** Renew this long before the token expires (or at half its life, when that is sooner). */
const RENEW_AHEAD_MS = 5 * 60_000

const tokenAnswer = z.object({ accessToken: z.string().min(1), expireIn: z.number().int().positive() })

export interface AccessTokenOptions extends DingtalkAppConfig {
  now?: () => number
  requestTimeoutMs?: number
}

export class DingtalkAccessToken {
  readonly #url: string
  readonly #appKey: string
  readonly #appSecret: string
  readonly #now: () => number
  readonly #timeoutMs: number
  #cached: { token: string; renewAt: number; expiresAt: number } | null = null
  #inFlight: Promise<string> | null = null
  #fetches = 0

  constructor(options: AccessTokenOptions) {
    this.#url = `${dingtalkBaseUrl(options.apiBaseUrl)}/v1.0/oauth2/accessToken`
    this.#appKey = options.appKey
    this.#appSecret = options.appSecret
    this.#now = options.now ?? Date.now
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000
  }

  /** How many token requests were made (for doctor output and tests). */
  get fetchCount(): number {
    return this.#fetches
  }

  async get(): Promise<string> {
    const cached = this.#cached
    if (cached && this.#now() < cached.renewAt) return cached.token
    if (!this.#inFlight) {
      this.#inFlight = this.#fetch().finally(() => {
        this.#inFlight = null
      })
    }
    try {
      return await this.#inFlight
    } catch (error) {
      // A renewal failed but the old token is still valid: keep using it until it expires.
      if (cached && this.#now() < cached.expiresAt) return cached.token
      throw error
    }
  }

  /** Drops the cached token (DingTalk refused it). */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = null
  }

  async #fetch(): Promise<string> {
    this.#fetches++
    const started = this.#now()
    const body = await requestJson({
      operation: 'oauth2.accessToken',
      method: 'POST',
      url: this.#url,
      body: { appKey: this.#appKey, appSecret: this.#appSecret },
      timeoutMs: this.#timeoutMs,
    })
    const parsed = tokenAnswer.safeParse(body)
    if (!parsed.success) {
      throw new AppError('DINGTALK_API_ERROR', 'oauth2.accessToken: answer without accessToken/expireIn', {
        operation: 'oauth2.accessToken',
        status: 200,
        code: null,
        message: null,
        retryable: false,
      })
    }
    const lifetime = parsed.data.expireIn * 1000
    const ahead = Math.min(RENEW_AHEAD_MS, lifetime / 2)
    this.#cached = { token: parsed.data.accessToken, renewAt: started + lifetime - ahead, expiresAt: started + lifetime }
    return parsed.data.accessToken
  }
}
