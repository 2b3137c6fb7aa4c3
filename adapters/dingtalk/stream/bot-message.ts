// Messages people send to the app's robot (Stream topic /v1.0/im/bot/messages/get: a one-to-one chat, or an
// @mention in a group). Buyerbridge answers one question there, "who is on call" (`oncall` / `值班`), through
// the message's `sessionWebhook`: a reply URL DingTalk issues per message, valid until
// `sessionWebhookExpiredTime` (ms). As in DingTalk's own Stream example, the reply carries the app's access
// token in `x-acs-dingtalk-access-token`. The URL comes from a pushed frame, so it is only followed to an
// allowed origin (DingTalk's `https://oapi.dingtalk.com` and the configured API base).

import { z } from 'zod'
import { AppError } from '../../../src/domain/errors.ts'
import type { UiLanguage } from '../../../src/domain/vocabulary.ts'
import { ACCESS_TOKEN_HEADER } from '../api/access-token.ts'
import { requestJson } from '../api/http.ts'
import { type DingtalkLogger, describeError } from '../config.ts'

export const DINGTALK_SESSION_WEBHOOK_ORIGIN = 'https://oapi.dingtalk.com'

const botMessage = z.object({
  msgId: z.string().min(1).max(200),
  conversationId: z.string().max(200).optional(),
  conversationType: z.string().optional(),
  senderStaffId: z.string().max(200).optional(),
  sessionWebhook: z.string().url(),
  sessionWebhookExpiredTime: z.number().optional(),
  msgtype: z.string(),
  text: z.object({ content: z.string().max(5000) }).optional(),
})
export type DingtalkBotMessage = z.infer<typeof botMessage>

export interface BotMessageInput {
  messageId: string
  data: unknown
}

/** The frame's data (a JSON string or its object) as a robot message, or null when it is not one. */
export function parseBotMessage(data: unknown): DingtalkBotMessage | null {
  let value = data
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown
    } catch {
      return null
    }
  }
  const parsed = botMessage.safeParse(value)
  return parsed.success ? parsed.data : null
}

const QUESTIONS: Record<string, UiLanguage> = { oncall: 'en', 'on-call': 'en', 'on call': 'en', 'who is on call': 'en', 值班: 'zh-CN', 谁值班: 'zh-CN', 值班人: 'zh-CN' }

/** The language to answer in when the text asks who is on call (`oncall`, `/oncall`, `值班`, …); else null. */
export function onCallQuestion(text: string): UiLanguage | null {
  const normalised = text.trim().replace(/^[/／]/, '').replace(/[?？]$/, '').trim().toLowerCase()
  return QUESTIONS[normalised] ?? null
}

const HELP: Record<UiLanguage, string> = {
  en: 'Buyerbridge: send "oncall" to see who is on call now.',
  'zh-CN': 'Buyerbridge：发送“值班”或 oncall 查看当前值班人员。',
}

export interface BotMessageHandlerOptions {
  /** Who is on call now, in a language; null while the service is starting. */
  onCallText: () => ((language: UiLanguage) => string) | null
  reply: (message: DingtalkBotMessage, text: string) => Promise<void>
  /** True when `msgId` was handled before (DingTalk re-pushes what it thinks was not acknowledged). */
  seen?: (msgId: string) => boolean
  logger: DingtalkLogger
}

/** Answers `oncall` / `值班` with who is on call, anything else with a one-line help; each message once. */
export function createBotMessageHandler(options: BotMessageHandlerOptions): (input: BotMessageInput) => Promise<void> {
  return async ({ messageId, data }) => {
    const message = parseBotMessage(data)
    if (!message) {
      options.logger.warn({ messageId }, 'dingtalk robot message not understood')
      return
    }
    if (options.seen?.(message.msgId)) return
    const language = message.msgtype === 'text' && message.text ? onCallQuestion(message.text.content) : null
    const onCall = options.onCallText()
    const text = language && onCall ? onCall(language) : language ? HELP[language] : HELP['zh-CN']
    try {
      await options.reply(message, text)
      options.logger.info({ messageId, onCall: language !== null }, 'dingtalk robot message answered')
    } catch (error) {
      options.logger.warn({ messageId, error: describeError(error) }, 'dingtalk robot reply failed')
    }
  }
}

export interface SessionReplyOptions {
  accessToken: () => Promise<string>
  /** Origins the session webhook may point at; default DingTalk's. */
  allowedOrigins?: readonly string[]
  now?: () => number
  timeoutMs?: number
}

/** Sends `text` through the message's session webhook (a text reply in the same chat). */
export function sessionWebhookReplier(options: SessionReplyOptions): (message: DingtalkBotMessage, text: string) => Promise<void> {
  const origins = options.allowedOrigins ?? [DINGTALK_SESSION_WEBHOOK_ORIGIN]
  const now = options.now ?? Date.now
  return async (message, text) => {
    const url = new URL(message.sessionWebhook)
    if (!origins.includes(url.origin)) {
      throw new AppError('DINGTALK_BAD_CALLBACK', 'robot message session webhook is not a DingTalk address', { origin: url.origin })
    }
    if (message.sessionWebhookExpiredTime !== undefined && message.sessionWebhookExpiredTime <= now()) {
      throw new AppError('DINGTALK_BAD_CALLBACK', 'robot message session webhook has expired')
    }
    const answer = await requestJson({
      operation: 'robot.sessionWebhook',
      method: 'POST',
      url: url.toString(),
      headers: { [ACCESS_TOKEN_HEADER]: await options.accessToken() },
      body: { msgtype: 'text', text: { content: text } },
      timeoutMs: options.timeoutMs ?? 10_000,
    })
    const errcode = answer !== null && typeof answer === 'object' ? (answer as { errcode?: unknown }).errcode : undefined
    if (typeof errcode === 'number' && errcode !== 0) {
      throw new AppError('DINGTALK_API_ERROR', `robot.sessionWebhook: errcode ${errcode}`, { operation: 'robot.sessionWebhook', status: 200, code: errcode, retryable: false })
    }
  }
}
