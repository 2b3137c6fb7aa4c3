// Verifies a Feishu HTTP callback against its raw body, decrypts it, answers URL verification, checks the
// verification token, then hands the event to the SDK dispatcher (which runs the card action handler).
// Framework-free: the Fastify plugin beside it only moves bytes in and out.

import { createHash, timingSafeEqual } from 'node:crypto'
import type { EventDispatcher } from '@larksuiteoapi/node-sdk'
import { isAppError } from '../../../src/domain/errors.ts'
import type { FeishuLogger } from '../config.ts'
import { decryptFeishuBody, isValidFeishuSignature } from './crypto.ts'

export interface FeishuWebhookOptions {
  verificationToken: string
  /** When set, requests must be signed and bodies may be encrypted with it. */
  encryptKey?: string
  dispatcher: Pick<EventDispatcher, 'invoke'>
  logger: FeishuLogger
  /** Seconds a signed timestamp may differ from now; default 300. */
  maxClockSkewSeconds?: number
  now?: () => Date
}

export interface FeishuWebhookRequest {
  /** Header names in lower case, as Node delivers them. */
  headers: Record<string, string | string[] | undefined>
  rawBody: string
}

export interface FeishuWebhookResponse {
  status: number
  body: unknown
}

const REFUSED: FeishuWebhookResponse = { status: 401, body: { error: 'unauthorised' } }

export function createFeishuWebhook(options: FeishuWebhookOptions): (request: FeishuWebhookRequest) => Promise<FeishuWebhookResponse> {
  const maxSkew = options.maxClockSkewSeconds ?? 300
  const now = options.now ?? (() => new Date())
  const { logger } = options

  return async ({ headers, rawBody }) => {
    const signature = header(headers, 'x-lark-signature')
    const timestamp = header(headers, 'x-lark-request-timestamp')
    const nonce = header(headers, 'x-lark-request-nonce')
    const signed = signature !== undefined || timestamp !== undefined || nonce !== undefined
    if (options.encryptKey && signed) {
      if (signature === undefined || timestamp === undefined || nonce === undefined) return refuse(logger, 'incomplete signature headers')
      if (!isValidFeishuSignature({ timestamp, nonce, signature }, options.encryptKey, rawBody)) return refuse(logger, 'bad signature')
      const seconds = Number(timestamp)
      if (!Number.isFinite(seconds) || Math.abs(now().getTime() / 1000 - seconds) > maxSkew) return refuse(logger, 'stale timestamp')
    }

    let body: Record<string, unknown>
    try {
      body = parseObject(rawBody)
      if (typeof body['encrypt'] === 'string') {
        if (!options.encryptKey) return refuse(logger, 'encrypted body but no encrypt key configured')
        body = parseObject(decryptFeishuBody(body['encrypt'], options.encryptKey))
      }
    } catch (error) {
      if (isAppError(error, 'FEISHU_BAD_ENCRYPTION')) return refuse(logger, 'body does not decrypt')
      return { status: 400, body: { error: 'malformed body' } }
    }

    if (body['type'] === 'url_verification') {
      // Feishu may send the URL-verification request unsigned; its token (and, when encrypted, the key that
      // decrypted it) authenticates it.
      if (!tokenMatches(body['token'], options.verificationToken)) return refuse(logger, 'bad verification token')
      return { status: 200, body: { challenge: body['challenge'] } }
    }
    if (options.encryptKey && !signed) return refuse(logger, 'unsigned event')
    if (!tokenMatches(eventToken(body), options.verificationToken)) return refuse(logger, 'bad verification token')

    try {
      const result: unknown = await options.dispatcher.invoke(body, { needCheck: false })
      return { status: 200, body: result !== null && typeof result === 'object' ? result : {} }
    } catch (error) {
      logger.error({ error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }, 'feishu event handler failed')
      return { status: 500, body: { error: 'internal error' } }
    }
  }
}

function header(headers: FeishuWebhookRequest['headers'], name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

function parseObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text)
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SyntaxError('not a JSON object')
  return value as Record<string, unknown>
}

/** Schema 2.0 events carry the token in `header.token`; 1.0 events and card callbacks of old at the top. */
function eventToken(body: Record<string, unknown>): unknown {
  const envelope = body['header']
  if (body['schema'] === '2.0' && envelope !== null && typeof envelope === 'object') return (envelope as Record<string, unknown>)['token']
  return body['token']
}

function tokenMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || expected.length === 0) return false
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
  return timingSafeEqual(digest(given), digest(expected))
}

function refuse(logger: FeishuLogger, reason: string): FeishuWebhookResponse {
  logger.warn({ reason }, 'feishu callback refused')
  return REFUSED
}
