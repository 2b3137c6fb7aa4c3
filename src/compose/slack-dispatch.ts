import { createHash } from 'node:crypto'
import {
  buildFullMessageModal,
  buildReplyEditorModal,
  buildReplyErrors,
  REPLY_TEXT_BLOCK,
  type SlackAck,
  type SlackCommand,
  type SlackPoster,
  VIEW_MESSAGE_ACTION,
} from '../../adapters/slack/index.ts'
import { isAppError } from '../domain/errors.ts'
import type { UiLanguage } from '../domain/vocabulary.ts'
import type { Logger } from '../logging.ts'
import { RecentKeys } from './recent-keys.ts'
import type { CommandJobData } from '../jobs/command-jobs.ts'
import type { Actor, ReplyService } from '../services/reply/index.ts'

export interface SlackDispatchDeps {
  poster: SlackPoster
  /** The UI language for a click: the clicker's own, else the channel's (config), else English. */
  languageOf: (channelId: string | null, userId: string) => UiLanguage
  enqueueCommand: () => ((data: CommandJobData) => Promise<void>) | null
  replies: () => ReplyService | null
  /** "Who is on call now", once routing and on-call are loaded. */
  onCallText: () => ((language: UiLanguage) => string) | null
  /** The buyer's messages of a conversation, oldest first, for the "full message" modal. */
  buyerMessages: () => ((conversationId: string) => Promise<{ receivedAt: Date; text: string }[]>) | null
  /** The configured Slack user groups the clicker is in (cached lookups). */
  groupsOf: (userId: string) => Promise<readonly string[]>
  logger: Logger
}

const CONVERSATION_ACTIONS = new Set<string>(['bb.assign', 'bb.no_response', 'bb.escalate', 'bb.ack'])
const EDITOR_ACTIONS = new Set<string>(['bb.pick_template', 'bb.edit', 'bb.send'])
const NOT_READY = { en: 'Buyerbridge is starting, try again in a moment.', zh: 'Buyerbridge 正在启动，请稍后再试。' }
/** Warnings shown once per editor and text; submitting the same text again confirms them (per replica). */
const WARNINGS_SHOWN_MAX = 5_000

/**
 * Maps Slack commands to the services. Conversation commands are acknowledged at once and run as jobs; editor
 * actions open the reply editor (a trigger id lives 3 s), so nothing reaches a buyer before an agent saw the
 * exact text and pressed Send in the editor.
 */
export function slackDispatcher(deps: SlackDispatchDeps) {
  const warningsShown = new RecentKeys(WARNINGS_SHOWN_MAX)
  const actorOf = async (command: SlackCommand): Promise<Actor> => ({
    platform: 'slack',
    userId: command.userId,
    displayName: command.userId,
    groups: await deps.groupsOf(command.userId),
  })
  const ephemeral = async (command: SlackCommand, message: string) => {
    if (!command.channelId) return
    await deps.poster.postEphemeral(command.channelId, command.userId, message).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'could not answer the Slack user')
    })
  }

  return async (command: SlackCommand): Promise<SlackAck | void> => {
    const language = deps.languageOf(command.channelId, command.userId)
    const text = (note: { en: string; zh: string }) => (language === 'zh-CN' ? note.zh : note.en)
    if (command.kind === 'slash_command') {
      const onCall = deps.onCallText()
      if (command.text.trim().toLowerCase() === 'oncall' && onCall) return { response_type: 'ephemeral', text: onCall(language) }
      return { response_type: 'ephemeral', text: text({ en: 'Buyerbridge: `/buyerbridge oncall` shows who is on call now.', zh: 'Buyerbridge：`/buyerbridge oncall` 显示当前值班人员。' }) }
    }

    if (command.kind === 'block_action' && CONVERSATION_ACTIONS.has(command.actionId)) {
      // Acknowledged at once: the command is queued right after the ack and runs as a job (refusals come back
      // as a private message), so Slack's answer never waits for the database.
      const enqueue = deps.enqueueCommand()
      if (!enqueue) return void (await ephemeral(command, text(NOT_READY)))
      void enqueue({
        action: command.actionId as CommandJobData['action'],
        platform: 'slack',
        userId: command.userId,
        conversationId: command.conversationId,
        idempotencyKey: `slack:${command.deliveryKey}`,
        replyChannel: command.channelId,
      }).catch(async (error: unknown) => {
        deps.logger.error({ err: error, action: command.actionId }, 'could not queue a Slack card command')
        await ephemeral(command, text({ en: 'That did not go through, please try again.', zh: '操作未成功，请重试。' }))
      })
      return
    }

    if (command.kind === 'block_action' && command.actionId === VIEW_MESSAGE_ACTION) {
      const load = deps.buyerMessages()
      if (!load || !command.triggerId) return void (await ephemeral(command, text(NOT_READY)))
      const messages = await load(command.conversationId)
      const whole = messages.map((m) => `${m.receivedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC\n${m.text}`).join('\n\n')
      await deps.poster.openModal(command.triggerId, buildFullMessageModal({ text: whole, language: language, heading: null }))
      return
    }

    if (command.kind === 'block_action' && EDITOR_ACTIONS.has(command.actionId)) {
      const replies = deps.replies()
      if (!replies || !command.triggerId) return void (await ephemeral(command, text(NOT_READY)))
      const templateId = command.actionId === 'bb.pick_template' ? command.selectedOption : null
      let prepared: Awaited<ReturnType<ReplyService['prepareReply']>>
      try {
        // Edit or Send without a picked template opens an empty editor: the agent writes the reply.
        prepared = await replies.prepareReply({ conversationId: command.conversationId, actor: await actorOf(command), ...(templateId ? { templateId } : { text: '' }) })
      } catch (error) {
        if (!isAppError(error, 'TEMPLATE_VARIABLE_MISSING')) throw error
        return void (await ephemeral(command, text({ en: `This template cannot be filled in for this order yet (${error.message}). Pick another template.`, zh: `该模板暂无法为此订单填写（${error.message}），请选择其他模板。` })))
      }
      if (prepared.blockedReason) return void (await ephemeral(command, prepared.blockedReason))
      await deps.poster.openModal(
        command.triggerId,
        buildReplyEditorModal({
          context: { conversationId: command.conversationId, cardId: command.cardId, channelId: command.channelId, messageTs: command.messageTs, templateId: prepared.templateId },
          initialText: prepared.text,
          language: language,
        }),
      )
      return
    }

    if (command.kind === 'view_submission') {
      const replies = deps.replies()
      if (!replies) return { response_action: 'errors', errors: { [REPLY_TEXT_BLOCK]: text(NOT_READY) } }
      const shownKey = `${command.viewId}:${createHash('sha256').update(command.submittedText).digest('hex')}`
      const result = await replies.requestSend({
        conversationId: command.conversationId,
        actor: await actorOf(command),
        text: command.submittedText,
        ...(command.templateId ? { templateId: command.templateId } : {}),
        commandId: `slack:${command.viewId}`,
        confirmWarnings: warningsShown.has(shownKey),
      })
      if (result.kind === 'refused') {
        const errors = result.findings ? buildReplyErrors(result.findings, command.submittedText, language) : null
        return errors ?? { response_action: 'errors', errors: { [REPLY_TEXT_BLOCK]: result.message } }
      }
      if (result.kind === 'needs-confirmation') {
        warningsShown.add(shownKey)
        const shown = buildReplyErrors(result.findings.map((f) => ({ ...f, severity: 'block' as const })), command.submittedText, language)
        const again = text({ en: 'Submit again unchanged to send anyway.', zh: '如确认无误，请不作修改再次提交。' })
        return { response_action: 'errors', errors: { [REPLY_TEXT_BLOCK]: `${shown?.errors[REPLY_TEXT_BLOCK] ?? ''}\n${again}`.trim() } }
      }
      if (result.kind === 'duplicate' && !result.sameCommand) {
        return { response_action: 'errors', errors: { [REPLY_TEXT_BLOCK]: result.message } }
      }
      return
    }
  }
}
