import { createHash } from 'node:crypto'
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
import { isAppError } from '../domain/errors.ts'
import type { UiLanguage } from '../domain/vocabulary.ts'
import type { Logger } from '../logging.ts'
import { runConversationCommand, type CommandDeps, type ConversationAction } from '../services/commands/conversation-commands.ts'
import { conversationCardInput, type CardInputDeps } from '../services/cards/conversation-card-input.ts'
import type { Actor, ReplyService } from '../services/reply/index.ts'

const CONVERSATION_ACTIONS = new Set<string>(['bb.assign', 'bb.no_response', 'bb.escalate', 'bb.ack'])
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
  const warningsShown = new Set<string>()
  const seen = new Set<string>()
  const actorOf = (command: FeishuCommand): Actor => ({ platform: 'feishu', userId: command.operator.openId, displayName: command.operator.openId })

  const dispatch = async (command: FeishuCommand): Promise<FeishuDispatchResult> => {
    if (CONVERSATION_ACTIONS.has(command.action)) {
      const commands = services.commands()
      if (!commands) return { toast: { type: 'warning', content: say('Starting, try again.', '正在启动，请稍后再试。') } }
      const result = await runConversationCommand(commands, {
        action: command.action as ConversationAction,
        actor: actorOf(command),
        conversationId: command.conversationId,
        idempotencyKey: `feishu:${command.idempotencyKey}`,
      })
      return result.ok
        ? { toast: { type: 'success', content: say(result.note.en, result.note.zh) } }
        : { toast: { type: 'error', content: say(result.message.en, result.message.zh) } }
    }
    const replies = services.replies()
    const cardInput = services.cardInput()
    if (!replies || !cardInput) return { toast: { type: 'warning', content: say('Starting, try again.', '正在启动，请稍后再试。') } }

    if (command.action === 'bb.pick_template') {
      try {
        const prepared = await replies.prepareReply({ conversationId: command.conversationId, actor: actorOf(command), ...(command.templateId ? { templateId: command.templateId } : {}) })
        const input = await conversationCardInput(cardInput.db, { ...cardInput, now: new Date() }, command.conversationId)
        const view = buildCardView(input, uiLanguage, { excerptChars: FEISHU_EXCERPT_CHARS })
        return { toast: { type: 'info', content: say('Template filled in: edit and send.', '已填入模板：可编辑后发送。') }, card: renderFeishuCard(view, { cardId: command.cardId, replyDraft: prepared.text }) }
      } catch (error) {
        if (!isAppError(error, 'TEMPLATE_VARIABLE_MISSING')) throw error
        return { toast: { type: 'error', content: say('This template cannot be filled in for this order yet.', '该模板暂无法为此订单填写，请选择其他模板。') } }
      }
    }

    if (command.action === 'bb.edit' || command.action === 'bb.send') {
      if (!command.replyText) return { toast: { type: 'warning', content: say('Pick a template first.', '请先选择模板。') } }
      const shownKey = `${command.cardId}:${createHash('sha256').update(command.replyText).digest('hex')}`
      const result = await replies.requestSend({
        conversationId: command.conversationId,
        actor: actorOf(command),
        text: command.replyText,
        ...(command.templateId ? { templateId: command.templateId } : {}),
        commandId: `feishu:${command.idempotencyKey}`,
        confirmWarnings: warningsShown.has(shownKey),
      })
      switch (result.kind) {
        case 'queued':
          return { toast: { type: 'success', content: say('Sending…', '正在发送…') } }
        case 'awaiting-approval':
          return { toast: { type: 'info', content: say('Waiting for a manager to approve.', '等待主管审批。') } }
        case 'needs-confirmation':
          if (warningsShown.size > SEEN_MAX) warningsShown.clear()
          warningsShown.add(shownKey)
          return { toast: { type: 'warning', content: `${result.findings.map((f) => f.message_zh).join('；')}。${say('Send again to confirm.', '确认无误请再次发送。')}` } }
        case 'duplicate':
          return { toast: { type: 'info', content: result.message } }
        case 'refused':
          return { toast: { type: 'error', content: result.findings?.map((f) => f.message_zh).join('；') || result.message } }
      }
    }
    return { toast: { type: 'info', content: say('Not available on Feishu yet.', '飞书暂不支持此操作。') } }
  }

  const handler = createCardActionHandler({
    dispatch,
    seen: (eventId) => {
      if (seen.has(eventId)) return true
      if (seen.size >= SEEN_MAX) seen.clear()
      seen.add(eventId)
      return false
    },
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
