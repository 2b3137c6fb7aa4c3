import type { EventDispatcher } from '@larksuiteoapi/node-sdk'
import type { FastifyInstance } from 'fastify'
import {
  createBotMessageHandler,
  createCardActionHandler,
  createFeishuEventDispatcher,
  createFeishuWebhook,
  FeishuPoster,
  isOnCallQuestion,
  renderFeishuCard,
  startFeishuLongConnection,
  type FeishuWebhookRequest,
  type FeishuWebhookResponse,
  type FeishuCommand,
  type FeishuDispatchResult,
  type FeishuLongConnection,
} from '../../adapters/feishu/index.ts'
import type { Config } from '../config.ts'
import { rawBodyRoute } from '../http/routes/raw-body-route.ts'
import type { LiveIntegration } from '../services/readiness.ts'
import { buildCardView } from '../domain/card/index.ts'
import { UI_LANGUAGES, type UiLanguage } from '../domain/vocabulary.ts'
import type { Logger } from '../logging.ts'
import type { CommandJobData } from '../jobs/command-jobs.ts'
import type { CommandDeps, TextNote } from '../services/commands/conversation-commands.ts'
import { findPerson } from '../services/reply/people.ts'
import { cardCommandRunner } from './card-commands.ts'
import { RecentKeys } from './recent-keys.ts'
import { conversationCardInput, type CardInputDeps } from '../services/cards/conversation-card-input.ts'
import type { Actor, ReplyService } from '../services/reply/index.ts'

const SEEN_MAX = 20_000
const LANGUAGES_MAX = 20_000
const CONVERSATION_ACTIONS = new Set<string>(['bb.assign', 'bb.no_response', 'bb.escalate', 'bb.ack'])
const TOASTS = {
  starting: { en: 'Buyerbridge is starting, try again in a moment.', zh: 'Buyerbridge 正在启动，请稍后再试。' },
  notAllowed: { en: 'You are not allowed to do this in Buyerbridge.', zh: '您无权在 Buyerbridge 中执行此操作。' },
  queued: { en: 'Got it: the card will update in a moment.', zh: '已收到，卡片稍后更新。' },
}
const FEISHU_EXCERPT_CHARS = 2_000

export interface FeishuServices {
  commands: () => CommandDeps | null
  replies: () => ReplyService | null
  cardInput: () => (Omit<CardInputDeps, 'now'> & { db: CommandDeps['db'] }) | null
  /** "Who is on call now", once routing and on-call are loaded. */
  onCallText: () => ((language: UiLanguage) => string) | null
  /** Queues a conversation command (`commands.run`), once the queue runs. */
  enqueueCommand: () => ((data: CommandJobData) => Promise<void>) | null
}

export interface FeishuWiring {
  /** `POST /feishu/events`, when callbacks come by webhook. */
  routes(app: FastifyInstance): Promise<void>
  /** Opens the long connection when configured; returns at once (the SDK keeps reconnecting). */
  start(): FeishuLongConnection | null
  /** This replica's long connection, for /readyz (null in webhook mode). */
  live(): LiveIntegration | null
  stop(): Promise<void>
  /** Tells the clicker, in the card's thread, that a queued command was refused. */
  tellRefused(data: CommandJobData, message: TextNote): Promise<void>
  /** What both transports hand every event to. */
  dispatcher: EventDispatcher
  poster: FeishuPoster
}

/** `POST /feishu/events`: the raw body (signature and decryption need it exactly) to the verified webhook. */
export function feishuEventsRoute(webhook: (request: FeishuWebhookRequest) => Promise<FeishuWebhookResponse>) {
  // Card callbacks are a few KB.
  return rawBodyRoute({ path: '/feishu/events', contentTypes: ['application/json', 'text/plain'], bodyLimit: 1024 * 1024, handle: (rawBody, headers) => webhook({ rawBody, headers }) })
}

/**
 * Feishu callbacks, by webhook (`POST /feishu/events`: signature, decryption, verification token) or over the
 * SDK's WSClient long connection, reach the same EventDispatcher. Its card-action handler answers within
 * Feishu's 3 s with a toast and, after a template pick, the card with the reply form filled in, in the card's
 * language; bot messages "oncall" / "值班" get who is on call as a reply.
 */
export function wireFeishu(feishu: NonNullable<Config['feishu']>, logger: Logger, services: FeishuServices): FeishuWiring {
  const log = logger.child({ component: 'feishu' })
  const seen = new RecentKeys(SEEN_MAX)
  const poster = new FeishuPoster({ appId: feishu.appId, appSecret: feishu.appSecret, domain: feishu.domain }, log)
  // People may be configured by open_id (ou_…, per app) or union_id (on_…, the same across the tenant's apps).
  const actorOf = (command: FeishuCommand): Actor => ({
    platform: 'feishu',
    userId: command.operator.openId,
    displayName: command.operator.openId,
    ...(command.operator.unionId ? { groups: [command.operator.unionId] } : {}),
  })

  // The language a card was posted in (its route's, fixed for the card's life), so the answer matches it.
  const languages = new Map<string, UiLanguage>()
  const languageOf = async (cardId: string): Promise<UiLanguage> => {
    const known = languages.get(cardId)
    if (known) return known
    const db = services.cardInput()?.db
    const row = db ? await db.selectFrom('cards').select('ui_language').where('id', '=', cardId).executeTakeFirst().catch(() => undefined) : undefined
    const language = UI_LANGUAGES.find((candidate) => candidate === row?.ui_language)
    if (!language) return feishu.uiLanguage
    if (languages.size >= LANGUAGES_MAX) languages.delete(languages.keys().next().value!)
    languages.set(cardId, language)
    return language
  }

  // Conversation commands are queued (`commands.run`) and answered at once: the card and its thread show the
  // outcome, a refusal is told in the thread. Who is not a configured person is refused here and now.
  const queueCommand = async (command: FeishuCommand): Promise<TextNote & { kind: 'info' | 'warning' | 'error' }> => {
    const enqueue = services.enqueueCommand()
    const people = services.commands()?.people
    if (!enqueue || !people) return { kind: 'warning', ...TOASTS.starting }
    if (!findPerson(people, actorOf(command))) return { kind: 'error', ...TOASTS.notAllowed }
    // Answered before the queue insert lands, as for Slack: the database never holds up Feishu's answer. A
    // click lost to a crash in between leaves the card unchanged, and the agent clicks again.
    void enqueue({
      action: command.action as CommandJobData['action'],
      platform: 'feishu',
      userId: command.operator.openId,
      conversationId: command.conversationId,
      idempotencyKey: `feishu:${command.idempotencyKey}`,
      replyChannel: command.messageId,
      ...(command.operator.unionId ? { aliases: [command.operator.unionId] } : {}),
    }).catch((error: unknown) => log.error({ err: error, action: command.action }, 'could not queue a Feishu card command'))
    return { kind: 'info', ...TOASTS.queued }
  }

  // Feishu's card form submit button is `bb.edit`: it sends the edited text.
  const run = cardCommandRunner(services, { editSends: true })
  const dispatch = async (command: FeishuCommand): Promise<FeishuDispatchResult> => {
    if (CONVERSATION_ACTIONS.has(command.action)) {
      const [queued, language] = await Promise.all([queueCommand(command), languageOf(command.cardId)])
      return { toast: { type: queued.kind, content: language === 'zh-CN' ? queued.zh : queued.en } }
    }
    const [answer, language] = await Promise.all([
      run({
        action: command.action,
        actor: actorOf(command),
        conversationId: command.conversationId,
        cardId: command.cardId,
        idempotencyKey: command.idempotencyKey,
        templateId: command.templateId,
        replyText: command.replyText,
      }),
      languageOf(command.cardId),
    ])
    const content = language === 'zh-CN' ? answer.message.zh : answer.message.en
    if (answer.kind !== 'draft') return { toast: { type: answer.kind, content } }
    const cardInput = services.cardInput()
    if (!cardInput) return { toast: { type: 'info', content } }
    // The clicked card comes back with the reply form filled in with the rendered template.
    const input = await conversationCardInput(cardInput.db, { ...cardInput, now: new Date() }, command.conversationId)
    const view = buildCardView(input, language, { excerptChars: FEISHU_EXCERPT_CHARS })
    return { toast: { type: 'info', content }, card: renderFeishuCard(view, { cardId: command.cardId, replyDraft: answer.draft }) }
  }

  const handler = createCardActionHandler({
    dispatch,
    seen: (eventId) => seen.seenBefore(eventId),
    // A template pick that outlasted Feishu's 3 s: the filled-in card is patched in instead.
    onLateResult: (command, result) => {
      if (!result.card || !command.messageId) return
      poster.patchCard(command.messageId, result.card).catch((error: unknown) => log.warn({ err: error }, 'could not patch a late Feishu card answer'))
    },
    language: feishu.uiLanguage,
    logger: log,
  })
  const onMessage = createBotMessageHandler({
    answer: (message) => {
      const zh = feishu.uiLanguage === 'zh-CN'
      if (!isOnCallQuestion(message.text)) return zh ? 'Buyerbridge：发送“值班”或 oncall 查看当前值班人员。' : 'Buyerbridge: send "oncall" to see who is on call now.'
      const onCall = services.onCallText()
      if (!onCall) return zh ? 'Buyerbridge 正在启动，请稍后再试。' : 'Buyerbridge is starting, try again in a moment.'
      return onCall(feishu.uiLanguage)
    },
    reply: async (messageId, chatId, text) => {
      await poster.reply(messageId, text, { chatId, inThread: false })
    },
    seen: (eventId) => seen.seenBefore(eventId),
    logger: log,
  })
  const secrets = {
    ...(feishu.verificationToken ? { verificationToken: feishu.verificationToken } : {}),
    ...(feishu.encryptKey ? { encryptKey: feishu.encryptKey } : {}),
  }
  const dispatcher = createFeishuEventDispatcher(handler, secrets, log, { onMessage })
  let connection: FeishuLongConnection | null = null

  return {
    dispatcher,
    poster,
    routes: async (app) => {
      if (feishu.connection !== 'webhook' || !feishu.verificationToken) return
      const webhook = createFeishuWebhook({ ...secrets, verificationToken: feishu.verificationToken, dispatcher, logger: log })
      await feishuEventsRoute(webhook)(app)
    },
    start: () => {
      if (feishu.connection !== 'long-connection' || connection) return connection
      connection = startFeishuLongConnection({ appId: feishu.appId, appSecret: feishu.appSecret, domain: feishu.domain }, dispatcher, log)
      return connection
    },
    live: () => {
      if (!connection) return null
      const health = connection.health()
      const state = health.state === 'connected' ? 'connected' : health.state === 'failed' ? 'down' : 'connecting'
      return { name: 'feishu-long-connection', state, downSince: health.downSince, lastError: health.lastError }
    },
    stop: async () => {
      connection?.close()
      connection = null
    },
    tellRefused: async (data, message) => {
      if (!data.replyChannel) return
      const text = `<at user_id="${data.userId}"></at> ${feishu.uiLanguage === 'zh-CN' ? message.zh : message.en}`
      await poster.replyInThread(data.replyChannel, text).catch((error: unknown) => {
        log.warn({ err: error }, 'could not tell the Feishu user about a refused command')
      })
    },
  }
}
