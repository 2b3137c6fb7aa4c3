import { z } from 'zod'
import { AppError } from '../../../src/domain/errors.ts'
import type { SpapiOperation } from './usage-plans.ts'

export const SPAPI_ERROR_CODES = [
  'SPAPI_AUTH',
  'SPAPI_THROTTLED',
  'SPAPI_FORBIDDEN',
  'SPAPI_NOT_FOUND',
  'SPAPI_BAD_REQUEST',
  'SPAPI_SERVER',
  'SPAPI_NETWORK',
  'SPAPI_TIMEOUT',
  'SPAPI_INVALID_RESPONSE',
] as const
export type SpapiErrorCode = (typeof SPAPI_ERROR_CODES)[number]

/**
 * Whether Amazon may have acted on the request: `no` when the answer proves it was refused (4xx, 429, a 5xx
 * carrying Amazon's error list) or it never left (connection refused), `unknown` when it left and no
 * trustworthy answer came back (timeout, reset, a gateway's 502/504).
 */
export type ProcessedState = 'no' | 'unknown'

export interface SpapiErrorDetails extends Record<string, unknown> {
  operation: SpapiOperation | 'lwaToken' | 'downloadDocument'
  status: number | null
  requestId: string | null
  amazonCode: string | null
  retryAfterMs: number | null
  processed: ProcessedState
}

const amazonErrorList = z.object({
  errors: z.array(z.object({ code: z.string(), message: z.string(), details: z.string().optional() })).min(1),
})

export interface AmazonError {
  code: string
  message: string
  details: string | undefined
}

/** The first entry of Amazon's `{ errors: [...] }` body, or null when the body is something else. */
export function parseAmazonError(body: unknown): AmazonError | null {
  const parsed = amazonErrorList.safeParse(body)
  if (!parsed.success) return null
  const first = parsed.data.errors[0]
  return first ? { code: first.code, message: first.message, details: first.details } : null
}

export function spapiError(code: SpapiErrorCode, message: string, details: SpapiErrorDetails, cause?: unknown): AppError {
  return new AppError(code, message, details, cause === undefined ? undefined : { cause })
}

export function errorCodeForStatus(status: number): SpapiErrorCode {
  if (status === 429) return 'SPAPI_THROTTLED'
  if (status === 401 || status === 403) return 'SPAPI_FORBIDDEN'
  if (status === 404) return 'SPAPI_NOT_FOUND'
  if (status >= 500) return 'SPAPI_SERVER'
  return 'SPAPI_BAD_REQUEST'
}

/** A 5xx proves nothing happened only when Amazon itself answered with its error list; 502/504 come from a gateway. */
export function processedStateForStatus(status: number, amazonError: AmazonError | null): ProcessedState {
  if (status < 500) return 'no'
  if (status === 502 || status === 504) return 'unknown'
  return amazonError ? 'no' : 'unknown'
}

export function spapiDetails(error: unknown): SpapiErrorDetails | null {
  if (!(error instanceof AppError) || !error.code.startsWith('SPAPI_') || !error.details) return null
  return error.details as SpapiErrorDetails
}

/** Network failures where the connection never opened, so the request cannot have reached Amazon. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

export function networkFailure(error: unknown): { code: 'SPAPI_TIMEOUT' | 'SPAPI_NETWORK'; processed: ProcessedState; reason: string } {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { code: 'SPAPI_TIMEOUT', processed: 'unknown', reason: 'no answer before the timeout' }
  }
  const cause = error instanceof Error ? error.cause : undefined
  const causeCode =
    cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string' ? cause.code : null
  if (causeCode && NOT_SENT_CODES.has(causeCode)) {
    return { code: 'SPAPI_NETWORK', processed: 'no', reason: `connection failed (${causeCode})` }
  }
  return { code: 'SPAPI_NETWORK', processed: 'unknown', reason: `connection lost (${causeCode ?? 'unknown'})` }
}
