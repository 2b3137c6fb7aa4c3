// DingTalk OpenAPI failures as typed AppErrors: DINGTALK_RATE_LIMITED (retry after a pause),
// DINGTALK_API_ERROR (DingTalk's `code`/`message`; retryable only for 5xx), DINGTALK_NETWORK (no answer).

import { AppError } from '../../../src/domain/errors.ts'

/**
 * Throttling answers of the new (api.dingtalk.com) server API, HTTP 403 with these codes (DingTalk's
 * "调用频次与限流" page): per app and API (20 QPS on standard organisations), and all apps together on one API.
 * DingTalk's advice for both is to wait one second and try again.
 */
export const DINGTALK_RATE_LIMIT_CODES: readonly string[] = [
  'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
  'Forbidden.AccessDenied.QpsLimitForApi',
]
/** Wait after a throttling answer that carries no hint. */
export const DINGTALK_THROTTLE_PAUSE_MS = 1000
/** Monthly call quota of standard organisations: not worth retrying. */
export const DINGTALK_QUOTA_CODE = 'Forbidden.AccessDenied.ApiCountLimitForOrg'
/** An access token DingTalk no longer accepts: fetch a new one and try once more. */
export const DINGTALK_TOKEN_INVALID_CODES: readonly string[] = ['InvalidAuthentication']

export function codeAndMessage(body: unknown): { code: string | null; message: string | null } {
  if (body === null || typeof body !== 'object') return { code: null, message: typeof body === 'string' ? body.slice(0, 200) : null }
  const record = body as Record<string, unknown>
  return {
    code: typeof record['code'] === 'string' ? record['code'] : null,
    message: typeof record['message'] === 'string' ? record['message'].slice(0, 300) : null,
  }
}

export function httpError(operation: string, status: number, body: unknown, retryAfterHeader: string | null): AppError {
  const { code, message } = codeAndMessage(body)
  if (status === 429 || (code !== null && DINGTALK_RATE_LIMIT_CODES.includes(code))) {
    const retryAfter = Number(retryAfterHeader)
    return new AppError('DINGTALK_RATE_LIMITED', `${operation}: ${message ?? 'throttled by DingTalk'}`, {
      operation,
      status,
      code,
      message,
      retryAfterMs: Number.isFinite(retryAfter) && retryAfter >= 0 && retryAfterHeader !== null ? retryAfter * 1000 : null,
    })
  }
  return new AppError('DINGTALK_API_ERROR', `${operation}: HTTP ${status}, ${code ?? 'no code'} ${message ?? ''}`.trim(), {
    operation,
    status,
    code,
    message,
    retryable: status >= 500,
  })
}

export function isTokenInvalid(error: AppError): boolean {
  if (error.code !== 'DINGTALK_API_ERROR') return false
  const code = error.details?.['code']
  return error.details?.['status'] === 401 || (typeof code === 'string' && DINGTALK_TOKEN_INVALID_CODES.includes(code))
}

export function isRetryable(error: AppError): boolean {
  if (error.code === 'DINGTALK_RATE_LIMITED' || error.code === 'DINGTALK_NETWORK') return true
  return error.code === 'DINGTALK_API_ERROR' && error.details?.['retryable'] === true
}
