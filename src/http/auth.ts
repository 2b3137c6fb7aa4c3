import { timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../domain/errors.ts'

export interface AdminAuthOptions {
  adminToken: string | null
  /** Demo mode leaves the admin API open to requests from this machine only. */
  openOnLoopbackInDemo: boolean
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
    throw new AppError('UNAUTHORIZED', 'a valid admin bearer token is required')
  }
}
