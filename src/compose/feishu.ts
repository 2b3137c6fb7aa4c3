import type { FastifyInstance } from 'fastify'
import {
  createCardActionHandler,
  createFeishuEventDispatcher,
  createFeishuWebhook,
  feishuEventsPlugin,
  renderFeishuCard,
  type FeishuCommand,
  type FeishuDispatchResult,
} from '../../adapters/feishu/index.ts'
import type { Config } from '../config.ts'
import { buildCardView } from '../domain/card/index.ts'
import type { UiLanguage } from '../domain/vocabulary.ts'
import type { Logger } from '../logging.ts'
import type { CommandDeps } from '../services/commands/conversation-commands.ts'
import { cardCommandRunner } from './card-commands.ts'
import { RecentKeys } from './recent-keys.ts'
import { conversationCardInput, type CardInputDeps } from '../services/cards/conversation-card-input.ts'
import type { Actor, ReplyService } from '../services/reply/index.ts'

const SEEN_MAX = 20_000
const FEISHU_EXCERPT_CHARS = 2_000

export interface FeishuServices {
  commands: () => CommandDeps | null
  replies: () => ReplyService | null
  cardInput: () => (Omit<CardInputDeps, 'now'> & { db: CommandDeps['db'] }) | null
}

/**
 * `POST /feishu/events`: verified (signature, decryption, verification token) and handed to the SDK's
 * EventDispatcher, whose card-action handler answers within Feishu's 3 s with a toast and, after a template
 * pick, the card with the reply form filled in. Conversation commands are short transactions; the cards
 * everywhere are updated by the card jobs.
 */
export function wireFeishu(feishu: NonNullable<Config['feishu']>, logger: Logger, services: FeishuServices, uiLanguage: UiLanguage = 'zh-CN') {
  const log = logger.child({ component: 'feishu' })
  const say = (en: string, cn: string) => (uiLanguage === 'zh-CN' ? cn : en)
  const seen = new RecentKeys(SEEN_MAX)
  const actorOf = (command: FeishuCommand): Actor => ({ platform: 'feishu', userId: command.operator.openId, displayName: command.operator.openId })

  // Feishu's card form submit button is `bb.edit`: it sends the edited text.
  const run = cardCommandRunner(services, { editSends: true })
  const dispatch = async (command: FeishuCommand): Promise<FeishuDispatchResult> => {
    const answer = await run({
      action: command.action,
      actor: actorOf(command),
      conversationId: command.conversationId,
      cardId: command.cardId,
      idempotencyKey: command.idempotencyKey,
      templateId: command.templateId,
      replyText: command.replyText,
    })
    const content = say(answer.message.en, answer.message.zh)
    if (answer.kind !== 'draft') return { toast: { type: answer.kind, content } }
    const cardInput = services.cardInput()
    if (!cardInput) return { toast: { type: 'info', content } }
    // The clicked card comes back with the reply form filled in with the rendered template.
    const input = await conversationCardInput(cardInput.db, { ...cardInput, now: new Date() }, command.conversationId)
    const view = buildCardView(input, uiLanguage, { excerptChars: FEISHU_EXCERPT_CHARS })
    return { toast: { type: 'info', content }, card: renderFeishuCard(view, { cardId: command.cardId, replyDraft: answer.draft }) }
  }

  const handler = createCardActionHandler({
    dispatch,
    seen: (eventId) => seen.seenBefore(eventId),
    logger: log,
  })
  return {
    routes: async (app: FastifyInstance) => {
      if (!feishu.verificationToken) return
      const secrets = { verificationToken: feishu.verificationToken, ...(feishu.encryptKey ? { encryptKey: feishu.encryptKey } : {}) }
      const webhook = createFeishuWebhook({ ...secrets, dispatcher: createFeishuEventDispatcher(handler, secrets, log), logger: log })
      await app.register(feishuEventsPlugin, { webhook })
    },
  }
}
