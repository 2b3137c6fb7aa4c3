import {
  createBotMessageHandler,
  createCardCallbackHandler,
  DINGTALK_SESSION_WEBHOOK_ORIGIN,
  DingtalkAccessToken,
  DingtalkStreamConnector,
  sessionWebhookReplier,
  renderDingtalkCardData,
  type DingtalkCommand,
  type DingtalkDispatchResult,
} from '../../adapters/dingtalk/index.ts'
import type { Config } from '../config.ts'
import type { Db } from '../db/schema.ts'
import { buildCardView } from '../domain/card/index.ts'
import type { UiLanguage } from '../domain/vocabulary.ts'
import type { Logger } from '../logging.ts'
import type { Clock } from '../ports/clock.ts'
import { conversationCardInput, type CardInputDeps } from '../services/cards/conversation-card-input.ts'
import type { CommandDeps } from '../services/commands/conversation-commands.ts'
import type { ReplyService } from '../services/reply/index.ts'
import type { LiveIntegration } from '../services/readiness.ts'
import { cardCommandRunner } from './card-commands.ts'
import { RecentKeys } from './recent-keys.ts'
import { startHealthReporter } from './health-reporter.ts'

const SEEN_MAX = 20_000
const EXCERPT_CHARS = 1_000
const STREAM_NAME = 'dingtalk-stream'

export interface DingtalkStreamWiring {
  /** This replica's Stream connection, for /readyz. */
  health(): LiveIntegration
  stop(): Promise<void>
}

/**
 * DingTalk card clicks arrive over Stream mode: every callback is answered at once (so DingTalk does not re-push
 * it), checked to be one of our cards, deduplicated, and run through the same card commands as Feishu. Messages
 * to the app's robot (`oncall` / `值班`) are answered through their session webhook with who is on call.
 */
export function startDingtalkStream(options: {
  dingtalk: NonNullable<Config['dingtalk']>
  db: Db
  clock: Clock
  logger: Logger
  commands: CommandDeps
  replies: ReplyService
  cardInput: Omit<CardInputDeps, 'now'>
  onCallText: () => ((language: UiLanguage) => string) | null
}): DingtalkStreamWiring {
  const log = options.logger.child({ component: 'dingtalk' })
  const run = cardCommandRunner({ commands: () => options.commands, replies: () => options.replies }, { editSends: false })
  const seen = new RecentKeys(SEEN_MAX)

  const dispatch = async (command: DingtalkCommand): Promise<DingtalkDispatchResult> => {
    const answer = await run({
      action: command.action,
      actor: { platform: 'dingtalk', userId: command.operator.userId, displayName: command.operator.userId },
      conversationId: command.conversationId,
      cardId: command.cardId,
      idempotencyKey: command.idempotencyKey,
      templateId: command.templateId,
      replyText: command.replyText,
    })
    if (answer.kind !== 'draft') return { notice: answer.message.zh }
    const input = await conversationCardInput(options.db, { ...options.cardInput, now: options.clock.now() }, command.conversationId)
    const view = buildCardView(input, 'zh-CN', { excerptChars: EXCERPT_CHARS })
    return {
      notice: answer.message.zh,
      cardParamMap: renderDingtalkCardData(view, { cardId: command.cardId, replyDraft: answer.draft, selectedTemplateId: command.templateId, revision: String(options.clock.now().getTime()) }),
    }
  }

  const handler = createCardCallbackHandler({
    dispatch,
    ownsCard: async (outTrackId) =>
      /^[0-9a-f-]{36}$/i.test(outTrackId) &&
      (await options.db.selectFrom('cards').select('id').where('id', '=', outTrackId).where('platform', '=', 'dingtalk').executeTakeFirst()) !== undefined,
    seen: (key) => seen.seenBefore(key),
    logger: log,
  })
  const app = { appKey: options.dingtalk.appKey, appSecret: options.dingtalk.appSecret, ...(options.dingtalk.apiUrl ? { apiBaseUrl: options.dingtalk.apiUrl } : {}) }
  const token = new DingtalkAccessToken(app)
  const botMessages = new RecentKeys(SEEN_MAX)
  const onBotMessage = createBotMessageHandler({
    onCallText: options.onCallText,
    reply: sessionWebhookReplier({
      accessToken: () => token.get(),
      // A gateway or local fake named by DINGTALK_API_URL also serves the session webhooks.
      allowedOrigins: [DINGTALK_SESSION_WEBHOOK_ORIGIN, ...(options.dingtalk.apiUrl ? [new URL(options.dingtalk.apiUrl).origin] : [])],
    }),
    seen: (msgId) => botMessages.seenBefore(msgId),
    logger: log,
  })
  const connector = new DingtalkStreamConnector({ ...app, onBotMessage }, handler, log)
  connector.start()
  const reporter = startHealthReporter(options.db, options.clock, log, [{ name: STREAM_NAME, health: () => connector.health() }])
  return {
    health: () => {
      const health = connector.health()
      return { name: STREAM_NAME, state: health.state, downSince: health.downSince, lastError: health.lastError }
    },
    stop: async () => {
      await connector.stop()
      await reporter.stop()
    },
  }
}
