// Console sessions live in an HMAC-SHA256-signed cookie (no server-side store, so every replica accepts
// them). The cookie carries who is logged in, when it expires and the per-session CSRF token.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

export const SESSION_COOKIE = 'bb_console_session'
export const LANGUAGE_COOKIE = 'bb_console_lang'
export const SESSION_TTL_MS = 12 * 3600_000

export interface ConsoleSession {
  /** The console user id: matched against `people[].console`; `operator` when none was given. */
  userId: string
  expiresAt: number
  csrfToken: string
}

const payloadSchema = z.object({ u: z.string().min(1).max(64), exp: z.number().int(), csrf: z.string().min(16).max(64) })

function signature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url')
}

/**
 * The cookie key: derived from the operator's secret (console password, else admin token), so every replica
 * agrees and changing the password ends all sessions; random per process without one (demo on this machine).
 */
export function deriveSessionSecret(operatorSecret: string | null): string {
  return operatorSecret ? createHash('sha256').update(`buyerbridge-console-session\0${operatorSecret}`).digest('hex') : randomBytes(32).toString('hex')
}

export function newSession(userId: string, now: Date): ConsoleSession {
  return { userId, expiresAt: now.getTime() + SESSION_TTL_MS, csrfToken: randomBytes(24).toString('base64url') }
}

export function encodeSession(session: ConsoleSession, secret: string): string {
  const body = Buffer.from(JSON.stringify({ u: session.userId, exp: session.expiresAt, csrf: session.csrfToken })).toString('base64url')
  return `${body}.${signature(body, secret)}`
}

/** The session in a cookie value, or null when it is malformed, tampered with or expired. */
export function decodeSession(value: string | undefined, secret: string, now: Date): ConsoleSession | null {
  if (!value) return null
  const dot = value.indexOf('.')
  if (dot <= 0) return null
  const body = value.slice(0, dot)
  if (!constantTimeEqual(value.slice(dot + 1), signature(body, secret))) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  const result = payloadSchema.safeParse(parsed)
  if (!result.success || result.data.exp <= now.getTime()) return null
  return { userId: result.data.u, expiresAt: result.data.exp, csrfToken: result.data.csrf }
}

export function constantTimeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq <= 0) continue
    const name = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    try {
      cookies[name] = decodeURIComponent(value)
    } catch {
      cookies[name] = value
    }
  }
  return cookies
}

export function sessionCookie(value: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(value)}`,
    'Path=/console',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ')
}

export function languageCookie(language: string): string {
  return `${LANGUAGE_COOKIE}=${encodeURIComponent(language)}; Path=/console; SameSite=Lax; Max-Age=31536000`
}
