import type { FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import { loadConfig, type Config } from './config.ts'
import { isEntryPoint, runAsProcess } from './process.ts'
import { openDatabase, type DatabaseHandle } from './db/connect.ts'
import { migrateToLatest } from './db/migrate.ts'
import { listMessagesOfConversation } from './db/repos/messages.ts'
import { upsertStores } from './db/repos/stores.ts'
import { deriveSessionSecret } from './http/console/session.ts'
import { buildServer } from './http/server.ts'
import { JobQueue } from './jobs/queue.ts'
import { createLogger, type Logger } from './logging.ts'
import { Metrics } from './metrics.ts'
import { checkReadiness } from './services/readiness.ts'
import { wireIngest } from './compose/ingest.ts'
import { wireSpapi, type SpapiWiring } from './compose/spapi.ts'
import { registerAmazonJobs, scheduleEnrichment } from './compose/amazon-jobs.ts'
import { startMailboxSources, type MailboxSources } from './compose/imap.ts'
import type { DemoEnvironment } from './compose/demo.ts'
import type { CardPipeline } from './compose/cards.ts'
import type { EscalationWiring } from './compose/escalation.ts'
import { whoIsOnCall } from './services/escalation/oncall-now.ts'
import type { CommandDeps } from './services/commands/conversation-commands.ts'
import { commandJob, RUN_COMMAND_JOB, type CommandJobData } from './jobs/command-jobs.ts'
import type { UiLanguage } from './domain/vocabulary.ts'
import type { ReplyService } from './services/reply/index.ts'
import { systemClock, type Clock } from './ports/clock.ts'

export interface RunningService {
  config: Config
  logger: Logger
  app: FastifyInstance
  /** Resolves once the database is open and migrated and the queue runs. */
  ready: Promise<void>
  database(): DatabaseHandle | null
  queue(): JobQueue | null
  url: string
  stop(): Promise<void>
}

/**
 * The composition root: config → logger → HTTP (listening early, so /healthz answers while the database
 * opens) → database → migrations → queue → adapters. `stop` undoes it in reverse.
 */
export async function startService(options: {
  env: Record<string, string | undefined>
  logDestination?: DestinationStream
  /** The service's time (ingest, cards, SLA, escalation and on-call timers); the system clock by default. Tests control it. */
  clock?: Clock
}): Promise<RunningService> {
  const clock = options.clock ?? systemClock
  const loaded = loadConfig(options.env)
  const logger = createLogger({ level: loaded.logLevel, ...(options.logDestination ? { destination: options.logDestination } : {}) })
  let config = loaded
  const metrics = new Metrics()
  const state = { shuttingDown: false, started: false }
  let database: DatabaseHandle | null = null
  let queue: JobQueue | null = null
  let mailboxes: MailboxSources | null = null
  let demo: DemoEnvironment | null = null
  let spapi: SpapiWiring | null = null
  let cards: CardPipeline | null = null
  let replies: ReplyService | null = null
  let commandDeps: CommandDeps | null = null
  let cardInputDeps: CardPipeline['cardInput'] | null = null
  let dingtalkStream: import('./compose/dingtalk.ts').DingtalkStreamWiring | null = null
  let escalation: EscalationWiring | null = null

  let serving = false
  // Routes get the database only once migrations ran and the queue runs.
  const currentDb = () => (serving ? (database?.db ?? null) : null)
  const ingest = wireIngest({
    config,
    logger,
    metrics,
    clock,
    db: currentDb,
    onStored: (stored) => scheduleEnrichment(queue, spapi, logger)(stored),
    afterStore: async (trx, stored) => {
      if (!cards) return
      await cards.afterStore(trx, stored, escalation ? await escalation.routeTargets(trx, stored.conversationId) : undefined)
      await escalation?.afterStore(trx, stored.conversationId)
    },
  })
  // Card clicks are acknowledged at once and run as jobs; both are ready once the queue and services are.
  const enqueueCommand = () => {
    const ready = queue && commandDeps ? queue : null
    return ready ? async (data: CommandJobData) => void (await ready.send(RUN_COMMAND_JOB, data)) : null
  }
  const onCallText = () => {
    const settings = escalation?.deps.settings
    return settings ? (language: UiLanguage) => whoIsOnCall(settings, clock.now(), language) : null
  }
  const slack = config.slack
    ? (await import('./compose/slack.ts')).wireSlack(config.slack, config.file.people, logger, config.file, {
        enqueueCommand,
        replies: () => replies,
        onCallText,
        buyerMessages: () => {
          const db = currentDb()
          return db ? (conversationId) => listMessagesOfConversation(db, conversationId) : null
        },
      })
    : null
  const feishu = config.feishu
    ? (await import('./compose/feishu.ts')).wireFeishu(config.feishu, logger, {
        commands: () => commandDeps,
        replies: () => replies,
        cardInput: () => (cardInputDeps && database ? { ...cardInputDeps, db: database.db } : null),
        enqueueCommand,
        onCallText,
      })
    : null
  const sessionSecret = deriveSessionSecret(loaded.consolePassword ?? loaded.adminToken)
  const app = await buildServer({
    config: { ...config, sendingPausedByConfig: config.file.sending.paused, consoleSessionSecret: sessionSecret },
    logger,
    metrics,
    readiness: () =>
      checkReadiness(database, state, {
        // Connections this replica holds itself, read live.
        sources: () => [dingtalkStream?.health(), slack?.live(), feishu?.live()].filter((source) => source != null),
      }),
    db: currentDb,
    plugins: [
      ingest.routes,
      ...(slack ? [slack.routes] : []),
      ...(feishu ? [feishu.routes] : []),
      async (server) => {
        const { consoleRoutes } = await import('./http/console/index.ts')
        await server.register(consoleRoutes, {
          db: currentDb,
          replies: () => replies,
          commands: () => commandDeps,
          library: () => cardInputDeps?.library ?? null,
          demo: loaded.demo.enabled,
          consolePassword: loaded.consolePassword,
          adminToken: loaded.adminToken,
          sessionSecret,
          outbox: () => demo?.outbox() ?? [],
          clock,
          logger: logger.child({ component: 'console' }),
          pausedByConfig: loaded.file.sending.paused,
        })
      },
    ],
  })
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`

  if (config.demo.enabled) {
    logger.info({ reason: config.demo.reason, url }, `running in demo mode (${config.demo.reason}): open the console at ${url}/console`)
  } else {
    logger.info({ url }, `console at ${url}/console`)
  }

  const ready = (async () => {
    await ingest.warmUp()
    if (loaded.demo.enabled) {
      // Demo mode brings its own local Amazon: the demo store talks to an in-process SP-API simulator.
      const { startDemoEnvironment } = await import('./compose/demo.ts')
      demo = await startDemoEnvironment(loaded, logger)
      config = demo.config
    }
    spapi = wireSpapi(config, logger)
    const opened = await openDatabase(config.database, logger.child({ component: 'db' }))
    database = opened
    const applied = await migrateToLatest(opened.db)
    if (applied.length > 0) logger.info({ applied }, 'database migrated')
    await upsertStores(
      opened.db,
      config.stores.map((s) => ({ id: s.id, name: s.name, region: s.region, marketplaces: s.marketplaces, listenOnly: s.listenOnly })),
    )
    const jobQueue = new JobQueue({
      connection: opened.connection,
      ...(opened.sharedExecutor ? { executor: opened.sharedExecutor } : {}),
      logger: logger.child({ component: 'queue' }),
      onJobFailed: (name, _error, willRetry) => metrics.jobFailures.labels(name, String(willRetry)).inc(),
    })
    await jobQueue.start()
    const spapiWiring = spapi
    if (spapiWiring) {
      await registerAmazonJobs({
        config,
        spapi: spapiWiring,
        queue: jobQueue,
        db: opened.db,
        clock,
        logger,
        onAlerts: async (storeId, alerts) => {
          logger.warn({ storeId, count: alerts.length }, 'account health alerts raised')
          await escalation?.alertCards(alerts.map((raised) => raised.id))
        },
      })
    }
    const { startCardPipeline } = await import('./compose/cards.ts')
    const cardPipeline = await startCardPipeline({ config, slackPoster: slack?.poster ?? null, feishuPoster: feishu?.poster ?? null, db: opened.db, queue: jobQueue, clock, logger, metrics })
    cards = cardPipeline
    cardInputDeps = cardPipeline.cardInput
    const robots = config.file.dingtalk.robots
    const robotPings =
      robots.length > 0
        ? await (await import('./compose/dingtalk-robots.ts')).startRobotPings({ robots, db: opened.db, queue: jobQueue, people: config.file.people, logger })
        : null
    const { startEscalation } = await import('./compose/escalation.ts')
    const escalationWiring = await startEscalation({
      config,
      db: opened.db,
      queue: jobQueue,
      platforms: [...cardPipeline.platforms.keys()],
      defaultTargets: cardPipeline.defaultTargets,
      clock,
      logger,
      ...(robotPings ? { onPing: robotPings.onPing } : {}),
    })
    escalation = escalationWiring
    const { startReplies } = await import('./compose/replies.ts')
    replies = await startReplies({
      config,
      db: opened.db,
      queue: jobQueue,
      spapi,
      clock,
      logger,
      metrics,
      onReplyChanged: (conversationId, note) =>
        opened.db.transaction().execute(async (trx) => {
          await cardPipeline.refresh(trx, conversationId, note)
          await escalationWiring.afterReply(trx, conversationId)
        }),
    })
    commandDeps = {
      db: opened.db,
      people: config.file.people,
      clock,
      refreshCards: (trx, id, note) => cardPipeline.refresh(trx, id, note),
      afterCommand: (trx, action, id, at) => escalationWiring.afterCommand(trx, action, id, at),
    }
    await jobQueue.register(
      commandJob(
        () => commandDeps,
        async (data, result) => {
          if (data.platform === 'slack') await slack?.tellRefused(data, result.message)
          if (data.platform === 'feishu') await feishu?.tellRefused(data, result.message)
        },
        async (platform, userId) => (platform === 'slack' && slack ? slack.groupsOf(userId) : []),
      ),
    )
    if (config.dingtalk) {
      const { startDingtalkStream } = await import('./compose/dingtalk.ts')
      dingtalkStream = startDingtalkStream({
        dingtalk: config.dingtalk,
        db: opened.db,
        clock,
        logger,
        commands: commandDeps,
        replies,
        cardInput: cardPipeline.cardInput,
        onCallText,
      })
    }
    queue = jobQueue
    serving = true
    // Feishu callbacks over the long connection (when configured), now that the services can answer them.
    feishu?.start()
    slack?.start()
    state.started = true
    mailboxes = await startMailboxSources({ config, db: opened.db, clock, logger, ingest: ingest.ingest })
    demo?.startMailFeed(ingest.ingest)
    logger.info({ database: opened.kind, url }, 'buyerbridge ready')
  })()

  let stopping: Promise<void> | null = null
  const stop = () => {
    stopping ??= (async () => {
      state.shuttingDown = true
      await ready.catch(() => undefined)
      await app.close()
      await feishu?.stop()
      await slack?.stop()
      await dingtalkStream?.stop()
      await mailboxes?.stop()
      await queue?.stop()
      // The demo's simulated Amazon goes last: jobs still running may call it.
      await demo?.stop()
      await database?.close()
      logger.info('buyerbridge stopped')
    })()
    return stopping
  }

  return { config, logger, app, ready, database: () => database, queue: () => queue, url, stop }
}

if (isEntryPoint(import.meta.url)) void runAsProcess(() => startService({ env: process.env }))
