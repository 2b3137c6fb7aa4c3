// The web console: server-rendered HTML plus one small CSS file and one small vanilla script, all served
// from here. Why no front-end framework or bundle: every page is a view of database rows that the server
// already renders for the chat platforms (the same CardView), the console must work offline on a fresh clone
// with no CDN and no build step, and the only client-side behaviour (template editor with live lint, action
// buttons, server-sent-event refresh) fits in ~200 lines of plain JavaScript.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { AppError, isAppError } from '../../domain/errors.ts'
import type { Db } from '../../db/schema.ts'
import type { TemplateLibrary } from '../../domain/templates/index.ts'
import { consoleApi, parse } from './api.ts'
import { CONSOLE_CSS } from './assets/console-css.ts'
import { CONSOLE_JS } from './assets/console-js.ts'
import { authHook, contextOf, csrfHook, endSession, languageOf, OPERATOR_ID, startSession } from './auth.ts'
import { renderCard } from './card-html.ts'
import { consoleCard, filterChoices, listConversationIds, listFilterSchema, type CardSource } from './cards.ts'
import { loadDashboard } from './dashboard-data.ts'
import { ChangeFeed } from './events.ts'
import { errorBody, page } from './layout.ts'
import { conversationBody, loadConversationDetail } from './pages/conversation.ts'
import { conversationsBody } from './pages/conversations.ts'
import { dashboardBody } from './pages/dashboard.ts'
import { loginBody } from './pages/login.ts'
import { outboxBody } from './pages/outbox.ts'
import { renderSamples, templatesBody } from './pages/templates.ts'
import { LoginThrottle } from './login-throttle.ts'
import { constantTimeEqual } from './session.ts'
import type { ConsoleDeps } from './types.ts'

export type { ConsoleDeps, OutboxMail } from './types.ts'
export { OPERATOR_ID } from './auth.ts'

const CLIENT_ERRORS: Record<string, number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, TOO_MANY_REQUESTS: 429, UNAVAILABLE: 503 }
const idParams = z.object({ id: z.uuid({ message: 'conversation id must be a UUID' }) })
const loginForm = z.object({
  user: z.string().trim().max(64).regex(/^[\w.@-]*$/, 'the console name may use letters, digits, . _ @ -').optional(),
  password: z.string().min(1, 'enter the password').max(500),
  next: z.string().max(2000).optional(),
})

function wantsHtml(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? ''
  return !path.startsWith('/console/api/') && path !== '/console/events' && request.method === 'GET'
}

function safeNext(next: string | undefined): string {
  return next && next.startsWith('/console') && !next.startsWith('//') ? next : '/console'
}

export async function consoleRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  if (deps.sessionSecret.length < 32) throw new AppError('CONFIG_INVALID', 'the console session secret must be at least 32 characters')
  const feed = new ChangeFeed({
    db: deps.db,
    logger: deps.logger,
    pollMs: deps.events?.pollMs ?? 1000,
    maxStreams: deps.events?.maxStreams ?? 50,
    maxStreamMs: deps.events?.maxStreamMs ?? 5 * 60_000,
  })
  // Before the server waits for its connections: open event streams would otherwise hold shutdown up.
  app.addHook('preClose', async () => feed.close())
  const throttle = new LoginThrottle()
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))))
  })
  app.addHook('onSend', async (_request, reply) => {
    // Everything is served from here: no inline script, no third party, never inside a frame (clickjacking).
    reply.header('content-security-policy', "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    reply.header('x-content-type-options', 'nosniff')
    reply.header('referrer-policy', 'same-origin')
  })
  app.addHook('onRequest', authHook(deps))
  app.addHook('preHandler', csrfHook)
  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const known = isAppError(error) ? CLIENT_ERRORS[error.code] : undefined
    const status = known ?? (error.statusCode && error.statusCode < 500 ? error.statusCode : 500)
    const code = isAppError(error) && known ? error.code : status < 500 ? 'BAD_REQUEST' : 'INTERNAL'
    const message = status < 500 ? error.message : 'internal error'
    if (status >= 500) request.log.error({ err: error }, 'console request failed')
    if (!wantsHtml(request)) return reply.status(status).send({ error: code, message })
    const language = languageOf(request)
    let context = null
    try {
      context = contextOf(request)
    } catch {
      context = null
    }
    return reply.status(status).type('text/html; charset=utf-8').send(page({ title: code, context, demo: deps.demo, path: '/console', body: errorBody(language, message) }, language))
  })

  const need = <T>(value: T | null, what: string): T => {
    if (value === null) throw new AppError('UNAVAILABLE', `${what} is not ready yet`)
    return value
  }
  const source = (): CardSource => ({
    db: need(deps.db(), 'the database'),
    library: need(deps.library(), 'the template library'),
    now: deps.clock.now(),
    pausedByConfig: deps.pausedByConfig ?? false,
    displayTimeZone: deps.displayTimeZone,
    people: deps.commands()?.people,
  })
  const timeZone = deps.displayTimeZone ?? 'UTC'
  const sendPage = (reply: FastifyReply, request: FastifyRequest, title: string, path: string, body: Parameters<typeof page>[0]['body'], live?: 'list' | 'conversation') => {
    const language = languageOf(request)
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page({ title, context: contextOf(request), demo: deps.demo, outbox: deps.demo && deps.outbox !== undefined, path, body, ...(live ? { live } : {}) }, language))
  }

  app.get('/console/assets/console.css', async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(CONSOLE_CSS))
  app.get('/console/assets/console.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(CONSOLE_JS))

  app.get('/console/login', async (request, reply) => {
    const language = languageOf(request)
    const next = typeof (request.query as Record<string, unknown>).next === 'string' ? String((request.query as Record<string, unknown>).next) : undefined
    const enabled = Boolean(deps.consolePassword || deps.adminToken)
    return reply.type('text/html; charset=utf-8').send(page({ title: 'Login', context: null, demo: deps.demo, path: '/console/login', body: loginBody(language, { next: safeNext(next), enabled, failed: false }) }, language))
  })

  app.post('/console/login', async (request, reply) => {
    const language = languageOf(request)
    const form = parse(loginForm, request.body)
    const secrets = [deps.consolePassword, deps.adminToken].filter((s): s is string => Boolean(s))
    const now = deps.clock.now().getTime()
    if (throttle.blocked(request.ip, now)) throw new AppError('TOO_MANY_REQUESTS', 'too many failed logins from this address: wait 15 minutes')
    if (!secrets.some((secret) => constantTimeEqual(form.password, secret))) {
      throttle.failed(request.ip, now)
      deps.logger.warn({ ip: request.ip }, 'console login refused')
      return reply
        .status(401)
        .type('text/html; charset=utf-8')
        .send(page({ title: 'Login', context: null, demo: deps.demo, path: '/console/login', body: loginBody(language, { next: safeNext(form.next), enabled: secrets.length > 0, failed: true }) }, language))
    }
    startSession(deps, reply, form.user || OPERATOR_ID)
    return reply.redirect(safeNext(form.next), 303)
  })

  app.post('/console/logout', async (_request, reply) => {
    endSession(deps, reply)
    return reply.redirect('/console/login', 303)
  })

  app.get('/console', async (request, reply) => {
    const filter = parse(listFilterSchema, request.query)
    const src = source()
    const [ids, choices] = await Promise.all([listConversationIds(src.db, filter, src.now), filterChoices(src.db)])
    const language = languageOf(request)
    const cards = await Promise.all(ids.map((id) => consoleCard(src, id, language)))
    return sendPage(reply, request, 'Conversations', '/console', conversationsBody(language, filter, choices, cards), 'list')
  })

  app.get('/console/conversations/:id', async (request, reply) => {
    const { id } = parse(idParams, request.params)
    const src = source()
    const language = languageOf(request)
    const card = await consoleCard(src, id, language)
    const detail = await loadConversationDetail(src.db, id)
    return sendPage(reply, request, card.header.title, `/console/conversations/${id}`, conversationBody(language, card, detail, timeZone), 'conversation')
  })

  app.get('/console/api/conversations/:id/card', async (request, reply) => {
    const { id } = parse(idParams, request.params)
    const language = languageOf(request)
    const card = await consoleCard(source(), id, language)
    const link = (request.query as Record<string, unknown>).link !== '0'
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderCard(card, language, { link }).__html)
  })

  app.get('/console/templates', async (request, reply) => {
    const library: TemplateLibrary = need(deps.library(), 'the template library')
    const language = languageOf(request)
    return sendPage(reply, request, 'Templates', '/console/templates', templatesBody(language, library, renderSamples(library, deps.clock.now())))
  })

  app.get('/console/dashboard', async (request, reply) => {
    const db: Db = need(deps.db(), 'the database')
    const data = await loadDashboard(db, deps.clock.now())
    return sendPage(reply, request, 'Dashboard', '/console/dashboard', dashboardBody(languageOf(request), data, timeZone))
  })

  app.get('/console/outbox', async (request, reply) => {
    if (!deps.demo || !deps.outbox) throw new AppError('NOT_FOUND', 'the outbox exists in demo mode only')
    return sendPage(reply, request, 'Outbox', '/console/outbox', outboxBody(languageOf(request), deps.outbox()))
  })

  app.get('/console/events', async (request, reply) => {
    contextOf(request)
    if (!feed.open(reply.raw)) throw new AppError('UNAVAILABLE', 'too many live-update streams are open; try again later')
    reply.hijack()
  })

  await consoleApi(app, deps)
}
