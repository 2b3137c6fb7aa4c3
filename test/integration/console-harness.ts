// Shared set-up of the console tests: the reply pipeline of reply-harness (database, queue, SMTP sink), a
// reply service and command deps over people who carry console ids, and helpers to log in and post.

import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { Db } from '../../src/db/schema.ts'
import type { TemplateLibrary } from '../../src/domain/templates/index.ts'
import { consoleRoutes, type ConsoleDeps } from '../../src/http/console/index.ts'
import { QueueReplyJobs } from '../../src/jobs/reply-jobs.ts'
import type { CommandDeps } from '../../src/services/commands/conversation-commands.ts'
import { createReplyService, type Person, type ReplyService } from '../../src/services/reply/index.ts'
import { loadTemplateLibrary } from '../../src/services/template-library.ts'
import { silentLogger } from '../support/database.ts'
import { PEOPLE, startPipeline, TEMPLATES_DIR, type Pipeline } from './reply-harness.ts'

export const PASSWORD = 'console-password-for-tests'
export const ADMIN_TOKEN = 'admin-token-for-console-tests-0123456789'
export const SECRET = 'console-session-secret-0123456789abcdef'

/** `mia` (manager) logs in as "mia"; the shared operator login acts as Olga; Carl's replies need approval. */
export const CONSOLE_PEOPLE: Person[] = [
  ...PEOPLE,
  { id: 'olga', name: 'Olga Operator', roles: ['agent', 'oncall'], console: 'operator' },
  { id: 'carl', name: 'Carl Agent', roles: ['agent'], console: 'carl' },
]

export interface Session {
  cookie: string
  csrf: string
}

export interface ConsoleHarness {
  pipeline: Pipeline
  db: Db
  library: TemplateLibrary
  replies: ReplyService
  commands: CommandDeps
  /** Conversation ids whose cards a command asked to refresh. */
  refreshed: string[]
  buildApp(overrides?: Partial<ConsoleDeps>): Promise<FastifyInstance>
  close(): Promise<void>
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  const pipeline = await startPipeline()
  const db = pipeline.db
  const library = await loadTemplateLibrary(TEMPLATES_DIR)
  const replies = createReplyService({
    db,
    jobs: new QueueReplyJobs(pipeline.queue),
    senders: (path) => (path === 'email' ? pipeline.smtp : null),
    templates: library,
    people: CONSOLE_PEOPLE,
    approval: { agents: ['carl'], templates: [] },
    pausedByConfig: false,
    clock: { now: () => new Date() },
    logger: silentLogger,
    metrics: pipeline.metrics,
  })
  const refreshed: string[] = []
  const commands: CommandDeps = {
    db,
    people: CONSOLE_PEOPLE,
    clock: { now: () => new Date() },
    refreshCards: async (_trx, conversationId) => {
      refreshed.push(conversationId)
    },
  }
  const apps: FastifyInstance[] = []
  return {
    pipeline,
    db,
    library,
    replies,
    commands,
    refreshed,
    buildApp: async (overrides = {}) => {
      const app = Fastify({ logger: false })
      await app.register(consoleRoutes, {
        db: () => db,
        replies: () => replies,
        commands: () => commands,
        library: () => library,
        demo: false,
        consolePassword: PASSWORD,
        adminToken: ADMIN_TOKEN,
        sessionSecret: SECRET,
        clock: { now: () => new Date() },
        logger: silentLogger,
        events: { pollMs: 100 },
        ...overrides,
      })
      apps.push(app)
      return app
    },
    close: async () => {
      // Some tests close their app themselves (that is what they test); a second close is harmless here.
      for (const app of apps) await app.close().catch(() => undefined)
      await pipeline.close()
    },
  }
}

export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie']
  const all = Array.isArray(header) ? header : header ? [header] : []
  const session = all.find((c) => c.startsWith('bb_console_session='))
  if (!session) throw new Error(`no session cookie in ${JSON.stringify(header)}`)
  return session.split(';')[0]!
}

export function csrfOf(page: string): string {
  const match = /<meta name="csrf-token" content="([^"]+)">/.exec(page)
  if (!match) throw new Error('no CSRF token on the page')
  return match[1]!
}

/** Logs in through the form and reads the CSRF token from the first page. */
export async function login(app: FastifyInstance, user: string): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/console/login',
    payload: new URLSearchParams({ user, password: PASSWORD, next: '/console' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  expect(response.statusCode).toBe(303)
  const cookie = cookieOf(response)
  const page = await app.inject({ url: '/console', headers: { cookie } })
  expect(page.statusCode).toBe(200)
  return { cookie, csrf: csrfOf(page.body) }
}

/** Demo mode from loopback: the first page hands out the operator session. */
export async function openDemo(app: FastifyInstance): Promise<Session> {
  const page = await app.inject({ url: '/console', remoteAddress: '127.0.0.1' })
  expect(page.statusCode).toBe(200)
  return { cookie: cookieOf(page), csrf: csrfOf(page.body) }
}

/** A JSON POST with the session cookie and its CSRF token (or the one given). */
export function post(app: FastifyInstance, session: Session | null, url: string, payload: object, csrf?: string) {
  const token = csrf ?? session?.csrf
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...(session ? { cookie: session.cookie } : {}), ...(token ? { 'x-csrf-token': token } : {}) },
  })
}

let commandCounter = 0
export const nextCommandId = (): string => `cmd-${process.pid}-${++commandCounter}-abcdef`
