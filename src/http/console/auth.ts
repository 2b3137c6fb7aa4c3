// Who is asking: a signed session cookie, the admin bearer token (API clients only), or — in demo mode, from
// this machine — an automatic operator session. State-changing requests must carry the session's CSRF token.

import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../../domain/errors.ts'
import { findPerson } from '../../services/reply/people.ts'
import type { Actor } from '../../services/reply/index.ts'
import { bearerMatches, isLoopback } from '../auth.ts'
import { pickLanguage } from './i18n.ts'
import {
  constantTimeEqual,
  decodeSession,
  encodeSession,
  LANGUAGE_COOKIE,
  languageCookie,
  newSession,
  parseCookies,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  sessionCookie,
  type ConsoleSession,
} from './session.ts'
import type { ConsoleContext, ConsoleDeps } from './types.ts'
import type { UiLanguage } from '../../domain/vocabulary.ts'

/** The console user id of the shared operator login (and of demo mode). */
export const OPERATOR_ID = 'operator'

const contexts = new WeakMap<FastifyRequest, ConsoleContext>()
const languages = new WeakMap<FastifyRequest, UiLanguage>()

export function contextOf(request: FastifyRequest): ConsoleContext {
  const context = contexts.get(request)
  if (!context) throw new AppError('UNAUTHORIZED', 'log in to the console first')
  return context
}

export function languageOf(request: FastifyRequest): UiLanguage {
  return languages.get(request) ?? 'en'
}

/**
 * The actor the services see. A console user acts as the configured person whose `console` field equals
 * their console id; the shared operator login (no name given) acts as the person with `console: operator`.
 */
export function actorFor(deps: ConsoleDeps, userId: string): Actor {
  const actor: Actor = { platform: 'console', userId, displayName: userId }
  const person = findPerson(deps.commands()?.people ?? [], actor)
  return person ? { ...actor, displayName: person.name } : actor
}

export function isPublicPath(path: string): boolean {
  return path.startsWith('/console/assets/') || path === '/console/login'
}

export function startSession(deps: ConsoleDeps, reply: FastifyReply, userId: string): ConsoleSession {
  const session = newSession(userId, deps.clock.now())
  reply.header('set-cookie', sessionCookie(encodeSession(session, deps.sessionSecret), { secure: deps.secureCookies ?? false, maxAgeSeconds: SESSION_TTL_MS / 1000 }))
  return session
}

export function endSession(deps: ConsoleDeps, reply: FastifyReply): void {
  reply.header('set-cookie', sessionCookie('', { secure: deps.secureCookies ?? false, maxAgeSeconds: 0 }))
}

/**
 * Demo mode opens the console to this machine only: the peer is loopback and the page was asked for by a
 * loopback name (a rebound DNS name pointing at 127.0.0.1 must not get an operator session).
 */
export function isDemoOpen(deps: ConsoleDeps, request: FastifyRequest): boolean {
  if (!deps.demo || !isLoopback(request.ip)) return false
  const host = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '')
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]'
}

function isApi(path: string): boolean {
  return path.startsWith('/console/api/') || path === '/console/events'
}

export function authHook(deps: ConsoleDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = request.url.split('?')[0] ?? ''
    const cookies = parseCookies(request.headers.cookie)
    const asked = (request.query as Record<string, unknown> | undefined)?.lang
    const language = pickLanguage(asked, cookies[LANGUAGE_COOKIE], request.headers['accept-language'])
    languages.set(request, language)
    if (asked === language) reply.header('set-cookie', languageCookie(language))
    if (isPublicPath(path)) return

    const demoOpen = isDemoOpen(deps, request)
    let session = decodeSession(cookies[SESSION_COOKIE], deps.sessionSecret, deps.clock.now())
    if (!session && deps.adminToken && isApi(path) && bearerMatches(request.headers.authorization, deps.adminToken)) {
      contexts.set(request, { language, actor: actorFor(deps, OPERATOR_ID), csrfToken: '', demoOpen: false, bearer: true })
      return
    }
    if (!session && demoOpen) session = startSession(deps, reply, OPERATOR_ID)
    if (!session) {
      if (isApi(path) || request.method !== 'GET') throw new AppError('UNAUTHORIZED', 'log in to the console first')
      return reply.redirect(`/console/login?next=${encodeURIComponent(request.url)}`, 303)
    }
    contexts.set(request, { language, actor: actorFor(deps, session.userId), csrfToken: session.csrfToken, demoOpen, bearer: false })
  }
}

/** Runs after the body is parsed: every state-changing request carries the session's CSRF token. */
export async function csrfHook(request: FastifyRequest): Promise<void> {
  if (request.method === 'GET' || request.method === 'HEAD' || isPublicPath(request.url.split('?')[0] ?? '')) return
  const context = contextOf(request)
  if (context.bearer) return
  const header = request.headers['x-csrf-token']
  const body = request.body as Record<string, unknown> | null | undefined
  const given = typeof header === 'string' ? header : typeof body?._csrf === 'string' ? body._csrf : ''
  if (!given || !constantTimeEqual(given, context.csrfToken)) {
    throw new AppError('FORBIDDEN', 'missing or wrong CSRF token: reload the page and try again')
  }
}
