// One JSON exchange with the DingTalk OpenAPI over fetch, with a timeout; failures become typed AppErrors.
// Nothing here logs: request bodies carry secrets (token call) and buyer text (cards).

import { AppError } from '../../../src/domain/errors.ts'
import { httpError } from './errors.ts'

export interface JsonRequest {
  operation: string
  method: 'GET' | 'POST' | 'PUT'
  url: string
  body?: unknown
  headers?: Record<string, string>
  timeoutMs: number
}

export async function requestJson(request: JsonRequest): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...request.headers },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: AbortSignal.timeout(request.timeoutMs),
    })
  } catch (error) {
    const reason = error instanceof Error ? (error.name === 'TimeoutError' ? `no answer within ${request.timeoutMs} ms` : error.message) : String(error)
    throw new AppError('DINGTALK_NETWORK', `${request.operation}: ${reason.slice(0, 200)}`, { operation: request.operation }, { cause: error })
  }
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    throw new AppError('DINGTALK_NETWORK', `${request.operation}: the answer was cut off`, { operation: request.operation }, { cause: error })
  }
  let body: unknown = text
  try {
    body = text === '' ? null : (JSON.parse(text) as unknown)
  } catch {
    // An HTML page (DingTalk's IP-level block answers one) stays a string.
  }
  if (!response.ok) throw httpError(request.operation, response.status, body, response.headers.get('retry-after'))
  return body
}
