import { pino, type DestinationStream, type Logger } from 'pino'

export type { Logger }

// Buyer aliases are personal data: `anything@marketplace.amazon.<tld>` never reaches a log in clear.
const BUYER_ALIAS = /[a-z0-9._%+-]+@(marketplace\.amazon\.[a-z.]{2,10})/gi
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@/\s]+@/gi
const SLACK_TOKEN = /\bxox[abposr]-[A-Za-z0-9-]{6,}|\bxapp-[A-Za-z0-9-]{6,}/g

export function scrubText(text: string): string {
  return text
    .replace(BUYER_ALIAS, (_m, domain: string) => `***@${domain}`)
    .replace(BEARER, '$1 [redacted]')
    .replace(URL_PASSWORD, '$1***@')
    .replace(SLACK_TOKEN, '[redacted-token]')
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value)
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (value instanceof Error) {
    return { type: value.name, message: scrubText(value.message), stack: value.stack ? scrubText(value.stack) : undefined, code: (value as { code?: unknown }).code }
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1))
  // Class instances (requests, responses, buffers) go to pino's serializers untouched.
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, depth + 1)
  return out
}

/** Keys whose values are secrets wherever they appear in a logged object. */
const SECRET_KEYS = [
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'secret',
  'clientSecret',
  'client_secret',
  'password',
  'pass',
  'authorization',
  'signingSecret',
  'botToken',
  'appToken',
  'appSecret',
  'encryptKey',
  'raw',
]

/** Paths whose values are secrets wherever they appear (top level and two levels down) in a logged object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-slack-signature"]',
  'req.headers["x-lark-signature"]',
  'req.headers["x-amz-access-token"]',
  'res.headers["set-cookie"]',
  'config',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
]

export function createLogger(options: { level: string; destination?: DestinationStream; base?: Record<string, unknown> }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'buyerbridge', ...options.base },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        log: (object) => scrubValue(object, 0) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>,
          )
        },
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  )
}
