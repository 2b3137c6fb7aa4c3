import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../domain/errors.ts'
import { constantTimeEqual, decodeSession, parseCookies, SESSION_COOKIE } from './console/session.ts'

export interface AdminAuthOptions {
  adminToken: string | null
  /** Demo mode leaves the admin API open to requests from this machine only. */
  openOnLoopbackInDemo: boolean
  /** A console session also opens the API: reads with the cookie, changes with its CSRF token too. */
  consoleSession?: { secret: string; now: () => Date }
}

export function bearerMatches(header: string | undefined, expected: string): boolean {
  if (!header?.startsWith('Bearer ')) return false
  const given = Buffer.from(header.slice(7).trim())
  const wanted = Buffer.from(expected)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

export function isLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1'
}

export function adminGuard(options: AdminAuthOptions) {
  return async (request: FastifyRequest): Promise<void> => {
    if (options.adminToken && bearerMatches(request.headers.authorization, options.adminToken)) return
    if (options.openOnLoopbackInDemo && isLoopback(request.ip)) return
    const session = options.consoleSession ? decodeSession(parseCookies(request.headers.cookie)[SESSION_COOKIE], options.consoleSession.secret, options.consoleSession.now()) : null
    if (session) {
      if (request.method === 'GET' || request.method === 'HEAD') return
      const csrf = request.headers['x-csrf-token']
      if (typeof csrf === 'string' && constantTimeEqual(csrf, session.csrfToken)) return
      throw new AppError('FORBIDDEN', 'a console session changes data only with its CSRF token (x-csrf-token)')
    }
    throw new AppError('UNAUTHORIZED', 'a valid admin bearer token is required')
  }
}
