import { createHash } from 'node:crypto'
import type { TextNote } from '../services/commands/conversation-commands.ts'
import { runConversationCommand, type CommandDeps, type ConversationAction } from '../services/commands/conversation-commands.ts'
import { isAppError } from '../domain/errors.ts'
import type { CardAction } from '../domain/vocabulary.ts'
import type { Actor, RefusalCode, ReplyService } from '../services/reply/index.ts'
import { RecentKeys } from './recent-keys.ts'

export interface CardCommand {
  action: CardAction
  actor: Actor
  conversationId: string
  cardId: string
  /** The platform's delivery id (the same on every redelivery of one click). */
  idempotencyKey: string
  templateId: string | null
  replyText: string | null
}

export type CardCommandAnswer =
  | { kind: 'success' | 'info' | 'warning' | 'error'; message: TextNote }
  | { kind: 'draft'; message: TextNote; draft: string }

const CONVERSATION_ACTIONS = new Set<string>(['bb.assign', 'bb.no_response', 'bb.escalate', 'bb.ack'])
const STARTING: TextNote = { en: 'Buyerbridge is starting, try again in a moment.', zh: 'Buyerbridge 正在启动，请稍后再试。' }
const SHOWN_MAX = 5_000

/**
 * The card actions of platforms whose cards carry their own reply input (Feishu, DingTalk): conversation
 * commands, a template pick answered with the rendered draft, and a send of the edited text through the reply
 * pipeline. Warnings are confirmed by sending the same text again (remembered per replica). `editSends`: the
 * platform's edit button submits the text (Feishu's form) rather than saving a draft (DingTalk).
 */
/** The reply service explains refusals in English; Feishu and DingTalk teams read the gist in Chinese first. */
const REFUSED_ZH: Record<RefusalCode, string> = {
  NOT_AUTHORISED: '您未被配置为客服或主管，不能发送回复',
  LISTEN_ONLY: '该店铺处于只监听模式，不会发送任何消息',
  LINT_BLOCKED: '回复未通过合规检查，未发送',
  PATH_NOT_ALLOWED: '该回复途径当前不可用',
  NO_BUYER_MESSAGE: '此会话没有可回复的买家消息',
  WRONG_STATE: '回复当前状态不允许此操作',
}

export function cardCommandRunner(
  services: { commands: () => CommandDeps | null; replies: () => ReplyService | null },
  options: { editSends: boolean },
) {
  const warningsShown = new RecentKeys(SHOWN_MAX)
  return async (command: CardCommand): Promise<CardCommandAnswer> => {
    if (CONVERSATION_ACTIONS.has(command.action)) {
      const commands = services.commands()
      if (!commands) return { kind: 'warning', message: STARTING }
      const result = await runConversationCommand(commands, {
        action: command.action as ConversationAction,
        actor: command.actor,
        conversationId: command.conversationId,
        idempotencyKey: `${command.actor.platform}:${command.idempotencyKey}`,
      })
      return result.ok ? { kind: 'success', message: result.note } : { kind: result.code === 'DUPLICATE' ? 'info' : 'error', message: result.message }
    }
    const replies = services.replies()
    if (!replies) return { kind: 'warning', message: STARTING }

    if (command.action === 'bb.pick_template') {
      try {
        const prepared = await replies.prepareReply({
          conversationId: command.conversationId,
          actor: command.actor,
          ...(command.templateId ? { templateId: command.templateId } : {}),
        })
        if (prepared.blockedReason) return { kind: 'error', message: { en: prepared.blockedReason, zh: prepared.blockedReason } }
        return { kind: 'draft', draft: prepared.text, message: { en: 'Template filled in: edit and send.', zh: '已填入模板：可编辑后发送。' } }
      } catch (error) {
        if (!isAppError(error, 'TEMPLATE_VARIABLE_MISSING')) throw error
        return { kind: 'error', message: { en: `This template cannot be filled in for this order yet (${error.message}).`, zh: `该模板暂无法为此订单填写（${error.message}），请选择其他模板。` } }
      }
    }

    if (command.action === 'bb.edit' && !options.editSends) {
      if (!command.replyText) return { kind: 'warning', message: { en: 'Pick a template first.', zh: '请先选择模板。' } }
      return { kind: 'draft', draft: command.replyText, message: { en: 'Draft saved: press Send when ready.', zh: '草稿已保存：确认后请点击发送。' } }
    }

    if (command.action === 'bb.edit' || command.action === 'bb.send') {
      if (!command.replyText) return { kind: 'warning', message: { en: 'Pick a template first.', zh: '请先选择模板。' } }
      const shownKey = `${command.cardId}:${createHash('sha256').update(command.replyText).digest('hex')}`
      const result = await replies.requestSend({
        conversationId: command.conversationId,
        actor: command.actor,
        text: command.replyText,
        ...(command.templateId ? { templateId: command.templateId } : {}),
        commandId: `${command.actor.platform}:${command.idempotencyKey}`,
        confirmWarnings: warningsShown.has(shownKey),
      })
      switch (result.kind) {
        case 'queued':
          return { kind: 'success', message: { en: 'Sending…', zh: '正在发送…' } }
        case 'awaiting-approval':
          return { kind: 'info', message: { en: 'Waiting for a manager to approve.', zh: '等待主管审批。' } }
        case 'needs-confirmation': {
          warningsShown.add(shownKey)
          const en = result.findings.map((f) => f.message_en).join('; ')
          const zh = result.findings.map((f) => f.message_zh).join('；')
          return { kind: 'warning', message: { en: `${en}. Send again to confirm.`, zh: `${zh}。确认无误请再次发送。` } }
        }
        case 'duplicate':
          return { kind: 'info', message: { en: result.message, zh: `该消息已有回复在处理（${result.message}）` } }
        case 'refused': {
          const findings = result.findings ?? []
          return findings.length > 0
            ? { kind: 'error', message: { en: findings.map((f) => f.message_en).join('; '), zh: findings.map((f) => f.message_zh).join('；') } }
            : { kind: 'error', message: { en: result.message, zh: `${REFUSED_ZH[result.code]}（${result.message}）` } }
        }
      }
    }
    return { kind: 'info', message: { en: 'Not available here yet; use the web console.', zh: '此处暂不支持该操作，请使用网页控制台。' } }
  }
}
