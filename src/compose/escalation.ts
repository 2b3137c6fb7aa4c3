import type { Transaction } from 'kysely'
import type { Config } from '../config.ts'
import type { Database, Db } from '../db/schema.ts'
import type { Platform } from '../domain/vocabulary.ts'
import { queueSender, registerEscalationJobs } from '../jobs/escalation-jobs.ts'
import type { JobQueue } from '../jobs/queue.ts'
import type { Logger } from '../logging.ts'
import type { Clock } from '../ports/clock.ts'
import type { RoutedTarget } from '../services/cards/sync-cards.ts'
import type { ConversationAction } from '../services/commands/conversation-commands.ts'
import {
  afterStoreEscalation,
  escalationSettings,
  notifyManagers,
  planAlertCards,
  rescheduleSlaTimers,
  routeOf,
  type EscalationDeps,
} from '../services/escalation/index.ts'
import type { PingHook } from '../services/escalation/robot-pings.ts'

export interface EscalationWiring {
  deps: EscalationDeps
  /** The agent-card targets of a conversation, by the routing rules (the platforms' default channels otherwise). */
  routeTargets(trx: Transaction<Database>, conversationId: string): Promise<RoutedTarget[]>
  /** In the ingest transaction: escalate high risk, page on-call after hours, (re)start the SLA timers. */
  afterStore(trx: Transaction<Database>, conversationId: string): Promise<void>
  /** In a card command's transaction: an escalation notifies the managers; every command re-plans the SLA timers. */
  afterCommand(trx: Transaction<Database>, action: ConversationAction, conversationId: string, at: Date): Promise<void>
  /** A reply left or changed: cancel the SLA timers it made obsolete. */
  afterReply(trx: Transaction<Database>, conversationId: string): Promise<void>
  /** New account-health alerts: cards for the managers' route. */
  alertCards(alertIds: readonly string[]): Promise<void>
}

export async function startEscalation(options: {
  config: Config
  db: Db
  queue: JobQueue
  platforms: readonly Platform[]
  defaultTargets: readonly RoutedTarget[]
  clock: Clock
  logger: Logger
  /** One-way pings of escalations and pages (DingTalk robots). */
  onPing?: PingHook
}): Promise<EscalationWiring> {
  const deps: EscalationDeps = {
    db: options.db,
    settings: escalationSettings(options.config.file, { platforms: options.platforms, defaultTargets: options.defaultTargets }),
    sendJob: queueSender(options.queue),
    clock: options.clock,
    logger: options.logger.child({ component: 'escalation' }),
    ...(options.onPing ? { onPing: options.onPing } : {}),
  }
  await registerEscalationJobs(options.queue, deps)
  return {
    deps,
    routeTargets: async (trx, conversationId) => {
      const row = await trx.selectFrom('conversations').selectAll().where('id', '=', conversationId).executeTakeFirstOrThrow()
      return routeOf(deps.settings, row).targets.map((t) => ({ platform: t.platform, channel: t.channel, uiLanguage: t.uiLanguage ?? 'en' }))
    },
    afterStore: async (trx, conversationId) => {
      await afterStoreEscalation(trx, { conversationId }, deps)
    },
    afterCommand: async (trx, action, conversationId, at) => {
      if (action === 'bb.escalate') await notifyManagers(trx, deps, conversationId, at)
      await rescheduleSlaTimers(trx, conversationId, deps)
    },
    afterReply: async (trx, conversationId) => {
      await rescheduleSlaTimers(trx, conversationId, deps)
    },
    alertCards: async (alertIds) => {
      await options.db.transaction().execute((trx) => planAlertCards(trx, deps, alertIds))
    },
  }
}
