import type { Transaction } from 'kysely'
import { DingtalkCardPoster } from '../../adapters/dingtalk/api/card-poster.ts'
import { DingtalkChatPlatform } from '../../adapters/dingtalk/dingtalk-platform.ts'
import { FeishuChatPlatform } from '../../adapters/feishu/feishu-platform.ts'
import { FeishuPoster } from '../../adapters/feishu/poster/poster.ts'
import { SlackPoster } from '../../adapters/slack/poster.ts'
import { SlackChatPlatform } from '../../adapters/slack/slack-platform.ts'
import type { Config } from '../config.ts'
import type { Database, Db } from '../db/schema.ts'
import type { TemplateLibrary } from '../domain/templates/index.ts'
import type { Platform } from '../domain/vocabulary.ts'
import { syncCardJob } from '../jobs/card-jobs.ts'
import { queueSender } from '../jobs/escalation-jobs.ts'
import type { JobQueue } from '../jobs/queue.ts'
import type { Logger } from '../logging.ts'
import type { Metrics } from '../metrics.ts'
import type { ChatPlatform } from '../ports/chat-platform.ts'
import type { Clock } from '../ports/clock.ts'
import type { CardNote, RoutedTarget } from '../services/cards/sync-cards.ts'
import { planAndSync, refreshCards } from '../services/cards/card-updates.ts'
import type { StoredMessage } from '../services/ingest/ingest-mail.ts'
import { loadTemplateLibrary } from '../services/template-library.ts'
import { templatesDirectory } from './paths.ts'

export interface CardPipeline {
  platforms: ReadonlyMap<Platform, ChatPlatform>
  /** What rendering a card needs besides the database and the time (for callbacks that answer with a card). */
  cardInput: { library: TemplateLibrary; pausedByConfig: boolean; people: readonly { id: string; name: string }[] }
  /** Inside a command's transaction: every card of the conversation shows the change, with a thread note. */
  refresh(trx: Transaction<Database>, conversationId: string, note: CardNote | null): Promise<void>
  /** The platforms' default channels: the route when no routing rule applies. */
  defaultTargets: readonly RoutedTarget[]
  /** Inside the storing transaction: plan the conversation's cards (routed `targets`, else the defaults) and enqueue their sync with it. */
  afterStore(trx: Transaction<Database>, stored: StoredMessage, targets?: readonly RoutedTarget[]): Promise<void>
}

/** The chat platforms configured by the environment, each with its default channel as the route. */
export function configuredPlatforms(
  config: Config,
  logger: Logger,
  shared: { slackPoster?: SlackPoster | null; feishuPoster?: FeishuPoster | null } = {},
): { platforms: Map<Platform, ChatPlatform>; targets: RoutedTarget[] } {
  const platforms = new Map<Platform, ChatPlatform>()
  const targets: RoutedTarget[] = []
  if (config.slack) {
    const poster = shared.slackPoster ?? slackPoster(config.slack, logger)
    platforms.set('slack', new SlackChatPlatform(poster))
    targets.push({ platform: 'slack', channel: config.slack.channel, uiLanguage: 'en' })
  }
  if (config.feishu) {
    // One poster per app, so cards, thread notes and bot replies share Feishu's per-chat rate limit.
    const poster =
      shared.feishuPoster ??
      new FeishuPoster({ appId: config.feishu.appId, appSecret: config.feishu.appSecret, domain: config.feishu.domain }, logger.child({ component: 'feishu' }))
    platforms.set('feishu', new FeishuChatPlatform(poster))
    targets.push({ platform: 'feishu', channel: config.feishu.chatId, uiLanguage: config.feishu.uiLanguage })
  }
  if (config.dingtalk) {
    const poster = new DingtalkCardPoster(
      {
        appKey: config.dingtalk.appKey,
        appSecret: config.dingtalk.appSecret,
        ...(config.dingtalk.apiUrl ? { apiBaseUrl: config.dingtalk.apiUrl } : {}),
        robotCode: config.dingtalk.robotCode,
        cardTemplateId: config.dingtalk.cardTemplateId,
      },
      logger.child({ component: 'dingtalk' }),
    )
    platforms.set('dingtalk', new DingtalkChatPlatform(poster))
    targets.push({ platform: 'dingtalk', channel: config.dingtalk.conversationId, uiLanguage: 'zh-CN' })
  }
  return { platforms, targets }
}

export function slackPoster(slack: NonNullable<Config['slack']>, logger: Logger): SlackPoster {
  return new SlackPoster({ botToken: slack.botToken, ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}), logger: logger.child({ component: 'slack' }) })
}

export async function startCardPipeline(options: {
  config: Config
  slackPoster?: SlackPoster | null
  feishuPoster?: FeishuPoster | null
  db: Db
  queue: JobQueue
  clock: Clock
  logger: Logger
  metrics: Metrics
}): Promise<CardPipeline> {
  const { platforms, targets } = configuredPlatforms(options.config, options.logger, { slackPoster: options.slackPoster ?? null, feishuPoster: options.feishuPoster ?? null })
  const library = await loadTemplateLibrary(templatesDirectory())
  const cardInput = { library, pausedByConfig: options.config.file.sending.paused, people: options.config.file.people }
  await options.queue.register(
    syncCardJob(
      {
        db: options.db,
        platforms,
        cardInput,
        clock: options.clock,
        logger: options.logger.child({ component: 'cards' }),
      },
      (platform, outcome) => {
        if (outcome === 'posted' || outcome === 'updated') options.metrics.cardsPosted.labels(platform ?? 'unknown', outcome).inc()
      },
    ),
  )
  const jobs = { sendJob: queueSender(options.queue) }
  return {
    platforms,
    defaultTargets: targets,
    cardInput,
    refresh: async (trx, conversationId, note) => {
      await refreshCards(trx, jobs, conversationId, note)
    },
    afterStore: async (trx, stored, routed) => {
      await planAndSync(trx, jobs, stored.conversationId, routed ?? targets, 'agent', stored.newConversation ? null : 'buyer-message')
    },
  }
}
