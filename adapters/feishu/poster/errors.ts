// Feishu failures as typed AppErrors: FEISHU_RATE_LIMITED (retry after a pause), FEISHU_API_ERROR (Feishu's
// `code`/`msg`; retryable only for 5xx), FEISHU_NETWORK (no answer).

import { AppError } from '../../../src/domain/errors.ts'

/**
 * Feishu's frequency-limit codes: 99991400 "request trigger frequency limit" from the API gateway (HTTP 429,
 * or 400 on older APIs, with `x-ogw-ratelimit-reset` seconds); 230020 the IM per-chat/per-message limit;
 * 11232 the flow limit Feishu applies under system pressure.
 */
export const FEISHU_RATE_LIMIT_CODES: readonly number[] = [99991400, 230020, 11232]
/** Tenant token missing or no longer valid: fetch a new one and try once more. */
export const FEISHU_TOKEN_INVALID_CODES: readonly number[] = [99991661, 99991663]

interface HttpFailure {
  status: number
  data: unknown
  headers: Record<string, unknown>
}

/** The shape of the axios errors the SDK rethrows, checked structurally (axios is the SDK's dependency). */
function httpFailureOf(error: unknown): HttpFailure | 'no-response' | null {
  if (error === null || typeof error !== 'object' || (error as { isAxiosError?: unknown }).isAxiosError !== true) return null
  const response = (error as { response?: { status?: unknown; data?: unknown; headers?: unknown } }).response
  if (!response || typeof response.status !== 'number') return 'no-response'
  const headers = response.headers !== null && typeof response.headers === 'object' ? (response.headers as Record<string, unknown>) : {}
  return { status: response.status, data: response.data, headers }
}

function codeAndMsg(data: unknown): { code: number | null; msg: string | null } {
  if (data === null || typeof data !== 'object') return { code: null, msg: typeof data === 'string' ? data.slice(0, 200) : null }
  const record = data as Record<string, unknown>
  return {
    code: typeof record['code'] === 'number' ? record['code'] : null,
    msg: typeof record['msg'] === 'string' ? record['msg'] : null,
  }
}

function retryAfterMs(headers: Record<string, unknown>): number | null {
  const reset = Number(headers['x-ogw-ratelimit-reset'])
  return Number.isFinite(reset) && reset >= 0 ? reset * 1000 : null
}

/** A 200 answer whose body says `code != 0`. */
export function feishuBodyError(operation: string, body: unknown): AppError | null {
  const { code, msg } = codeAndMsg(body)
  if (code === 0) return null
  if (code !== null && FEISHU_RATE_LIMIT_CODES.includes(code)) {
    return new AppError('FEISHU_RATE_LIMITED', `${operation}: ${msg ?? 'frequency limit'}`, { operation, code, msg, retryAfterMs: null })
  }
  return new AppError('FEISHU_API_ERROR', `${operation}: Feishu answered code ${String(code)} ${msg ?? ''}`.trim(), {
    operation,
    code,
    msg,
    status: 200,
    retryable: false,
  })
}

export function classifyFeishuError(operation: string, error: unknown): AppError {
  if (error instanceof AppError) return error
  const failure = httpFailureOf(error)
  if (failure === 'no-response') {
    const reason = (error as { code?: unknown }).code
    return new AppError('FEISHU_NETWORK', `${operation}: no answer from Feishu (${String(reason ?? 'network error')})`, { operation }, { cause: error })
  }
  if (failure === null) {
    const message = error instanceof Error ? error.message : String(error)
    return new AppError('FEISHU_API_ERROR', `${operation}: ${message.slice(0, 300)}`, { operation, code: null, msg: null, status: null, retryable: false })
  }
  const { code, msg } = codeAndMsg(failure.data)
  if (failure.status === 429 || (code !== null && FEISHU_RATE_LIMIT_CODES.includes(code))) {
    return new AppError('FEISHU_RATE_LIMITED', `${operation}: ${msg ?? 'rate limited'}`, {
      operation,
      code,
      msg,
      status: failure.status,
      retryAfterMs: retryAfterMs(failure.headers),
    })
  }
  return new AppError('FEISHU_API_ERROR', `${operation}: HTTP ${failure.status}, code ${String(code)} ${msg ?? ''}`.trim(), {
    operation,
    code,
    msg,
    status: failure.status,
    retryable: failure.status >= 500,
  })
}

export function isTokenInvalid(error: AppError): boolean {
  const code = error.details?.['code']
  return error.code === 'FEISHU_API_ERROR' && typeof code === 'number' && FEISHU_TOKEN_INVALID_CODES.includes(code)
}

export function isRetryable(error: AppError): boolean {
  if (error.code === 'FEISHU_RATE_LIMITED' || error.code === 'FEISHU_NETWORK') return true
  return error.code === 'FEISHU_API_ERROR' && error.details?.['retryable'] === true
}
