import type { IncomingMessage, ServerResponse } from 'node:http'

/** What a route handler answers; the server adds the common Amazon headers. */
export interface SimResponse {
  status: number
  body: unknown
  contentType?: string
  headers?: Record<string, string>
}

export interface AmazonError {
  code: string
  message: string
  details: string
}

/** SP-API's error envelope: `{ errors: [{ code, message, details }] }`. */
export function errorResponse(status: number, code: string, message: string, details = ''): SimResponse {
  const error: AmazonError = { code, message, details }
  return { status, body: { errors: [error] } }
}

const DEFAULT_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'InvalidInput', message: 'Invalid Input' },
  403: { code: 'Unauthorized', message: 'Access to requested resource is denied.' },
  404: { code: 'NotFound', message: 'The requested resource was not found.' },
  413: { code: 'RequestEntityTooLarge', message: 'The request size exceeded the maximum accepted size.' },
  415: { code: 'UnsupportedMediaType', message: 'The request payload is in an unsupported format.' },
  429: { code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' },
  500: { code: 'InternalFailure', message: 'We encountered an internal error. Please try again.' },
  503: { code: 'ServiceUnavailable', message: 'Service temporarily unavailable. Please try again.' },
}

/** The error body Amazon would send for a bare status, used by `failNext` when no body is given. */
export function defaultErrorFor(status: number): SimResponse {
  const known = DEFAULT_ERRORS[status] ?? { code: 'InternalFailure', message: `Simulated failure ${status}` }
  return errorResponse(status, known.code, known.message)
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    size += buf.length
    if (size > limitBytes) throw new BodyTooLargeError(`body exceeds ${limitBytes} bytes`)
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}

export function writeResponse(res: ServerResponse, response: SimResponse, headers: Record<string, string>): void {
  const isBinary = Buffer.isBuffer(response.body)
  const payload = isBinary ? (response.body as Buffer) : Buffer.from(JSON.stringify(response.body ?? {}))
  res.writeHead(response.status, {
    ...headers,
    ...response.headers,
    'content-type': response.contentType ?? 'application/json',
    'content-length': String(payload.length),
  })
  res.end(payload)
}

/** Amazon writes timestamps as ISO 8601 without milliseconds. */
export function amazonDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; response: SimResponse }

/** Parses a JSON request body the way SP-API does: JSON media type required (415), syntax errors are 400. */
export function parseJsonBody(contentType: string | undefined, raw: Buffer): JsonBodyResult {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (raw.length > 0 && mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    return { ok: false, response: errorResponse(415, 'UnsupportedMediaType', `Content-Type '${mediaType}' is not supported; use application/json.`) }
  }
  if (raw.length === 0) return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown }
  } catch {
    return { ok: false, response: errorResponse(400, 'InvalidInput', 'Invalid Input', 'The request body is not valid JSON.') }
  }
}
