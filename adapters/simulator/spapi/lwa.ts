import { randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import type { SimResponse } from './http-io.ts'

export interface LwaCredentials {
  clientId: string
  clientSecret: string
  refreshToken: string
}

type TokenKind = 'seller' | 'grantless'

interface IssuedToken {
  kind: TokenKind
  expiresAtMs: number
}

export type TokenCheck = { ok: true } | { ok: false; details: string }

const tokenRequestSchema = z.object({
  grant_type: z.enum(['refresh_token', 'client_credentials']),
  refresh_token: z.string().min(1).optional(),
  client_id: z.string().min(1).optional(),
  client_secret: z.string().min(1).optional(),
  scope: z.string().min(1).optional(),
})

/** LWA (Login with Amazon) answers OAuth errors as `{ error, error_description }`, not SP-API's envelope. */
function oauthError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error, error_description: description } }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

function parseForm(contentType: string | undefined, raw: Buffer): Record<string, unknown> | null {
  const text = raw.toString('utf8')
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  if (mediaType === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(text)
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null
    } catch {
      return null
    }
  }
  if (mediaType === 'application/x-www-form-urlencoded' || mediaType === '') {
    return Object.fromEntries(new URLSearchParams(text))
  }
  return null
}

/** Client credentials may also come as HTTP Basic auth, as OAuth 2 allows. */
function basicCredentials(authorization: string | undefined): { id: string; secret: string } | null {
  if (!authorization?.toLowerCase().startsWith('basic ')) return null
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return null
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) }
}

/** Issues and checks access tokens the way the LWA token endpoint does for one app and one seller. */
export class LwaIssuer {
  readonly #credentials: LwaCredentials
  readonly #ttlSeconds: number
  readonly #issued = new Map<string, IssuedToken>()

  constructor(credentials: LwaCredentials, ttlSeconds: number) {
    this.#credentials = credentials
    this.#ttlSeconds = ttlSeconds
  }

  handleTokenRequest(contentType: string | undefined, authorization: string | undefined, raw: Buffer, nowMs: number): SimResponse {
    const fields = parseForm(contentType, raw)
    if (!fields) return oauthError(400, 'invalid_request', 'The request body could not be parsed.')
    const basic = basicCredentials(authorization)
    const parsed = tokenRequestSchema.safeParse({
      ...fields,
      client_id: fields['client_id'] ?? basic?.id,
      client_secret: fields['client_secret'] ?? basic?.secret,
    })
    if (!parsed.success) {
      const unsupported = typeof fields['grant_type'] === 'string' && fields['grant_type'] !== ''
      if (unsupported && parsed.error.issues.some((issue) => issue.path[0] === 'grant_type')) {
        return oauthError(400, 'unsupported_grant_type', 'The authorization grant type is not supported.')
      }
      return oauthError(400, 'invalid_request', 'The request is missing a required parameter or has an invalid value.')
    }
    const request = parsed.data
    if (!request.client_id || !request.client_secret) {
      return oauthError(400, 'invalid_request', 'The request is missing client_id or client_secret.')
    }
    if (!sameSecret(request.client_id, this.#credentials.clientId) || !sameSecret(request.client_secret, this.#credentials.clientSecret)) {
      return oauthError(401, 'invalid_client', 'Client authentication failed')
    }
    if (request.grant_type === 'refresh_token') {
      if (!request.refresh_token) return oauthError(400, 'invalid_request', 'The request is missing refresh_token.')
      if (!sameSecret(request.refresh_token, this.#credentials.refreshToken)) {
        return oauthError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token')
      }
      const accessToken = this.#issue('seller', nowMs)
      return {
        status: 200,
        body: { access_token: accessToken, refresh_token: request.refresh_token, token_type: 'bearer', expires_in: this.#ttlSeconds },
      }
    }
    if (!request.scope) return oauthError(400, 'invalid_scope', 'The client_credentials grant needs a scope.')
    const accessToken = this.#issue('grantless', nowMs)
    return { status: 200, body: { access_token: accessToken, scope: request.scope, token_type: 'bearer', expires_in: this.#ttlSeconds } }
  }

  /** Seller-scoped SP-API operations accept only unexpired refresh-token grants. */
  checkSellerToken(token: string | undefined, nowMs: number): TokenCheck {
    if (!token) return { ok: false, details: 'The request has no x-amz-access-token header.' }
    const issued = this.#issued.get(token)
    if (!issued) return { ok: false, details: 'The access token is invalid.' }
    if (nowMs >= issued.expiresAtMs) return { ok: false, details: 'The access token you provided has expired.' }
    if (issued.kind !== 'seller') return { ok: false, details: 'A grantless token cannot call a seller operation.' }
    return { ok: true }
  }

  #issue(kind: TokenKind, nowMs: number): string {
    for (const [issuedToken, issued] of this.#issued) if (issued.expiresAtMs <= nowMs) this.#issued.delete(issuedToken)
    const token = `Atza|${randomBytes(24).toString('base64url')}`
    this.#issued.set(token, { kind, expiresAtMs: nowMs + this.#ttlSeconds * 1000 })
    return token
  }
}
