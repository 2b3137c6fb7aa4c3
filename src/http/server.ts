import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import type { Config } from '../config.ts'
import type { Db } from '../db/schema.ts'
import { AppError } from '../domain/errors.ts'
import type { Logger } from '../logging.ts'
import type { Metrics } from '../metrics.ts'
import type { ReadinessReport } from '../services/readiness.ts'
import { adminGuard } from './auth.ts'
import { installErrorHandler } from './error-handler.ts'
import { conversationsApi } from './routes/conversations-api.ts'
import { healthRoutes } from './routes/health.ts'
import { sendingApi } from './routes/sending-api.ts'

export interface ServerDeps {
  config: Pick<Config, 'adminToken' | 'demo'> & { sendingPausedByConfig?: boolean; consoleSessionSecret?: string }
  logger: Logger
  metrics: Metrics
  readiness: () => Promise<ReadinessReport>
  /** The database once it is open; routes that need it answer 503 before. */
  db: () => Db | null
  /** Later features mount their routes here (inbound e-mail, chat platforms, console). */
  plugins?: ((app: FastifyInstance) => Promise<void>)[]
}

/** Builds the HTTP edge without listening: main listens, tests use `inject`. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // One access line per request at debug level instead of Fastify's two at info: at info the logging cost
    // more than the Slack click it described (bench:slack). Errors are logged by the error handler, and every
    // request is counted in /metrics.
    logController: new LogController({ disableRequestLogging: true }),
  })
  installErrorHandler(app)

  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request')
    deps.metrics.httpDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000)
  })

  await app.register(healthRoutes, { metrics: deps.metrics, readiness: deps.readiness, demo: deps.config.demo.enabled })

  const requireDb = (): Db => {
    const db = deps.db()
    if (!db) throw new AppError('UNAVAILABLE', 'the database is not ready yet')
    return db
  }
  await app.register(async (api) => {
    const secret = deps.config.consoleSessionSecret
    api.addHook(
      'onRequest',
      adminGuard({
        adminToken: deps.config.adminToken,
        openOnLoopbackInDemo: deps.config.demo.enabled,
        ...(secret ? { consoleSession: { secret, now: () => new Date() } } : {}),
      }),
    )
    await api.register(conversationsApi, { db: requireDb })
    await api.register(sendingApi, { db: requireDb, pausedByConfig: deps.config.sendingPausedByConfig ?? false })
  })

  for (const plugin of deps.plugins ?? []) await app.register(plugin)
  return app
}
