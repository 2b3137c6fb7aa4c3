// `im.message.receive_v1`: a message to the bot, in a one-to-one chat or with an @mention in a group. The bot
// understands one word, "oncall" / "值班", and answers with a reply to that message. The answer goes out after
// the event is acknowledged: Feishu redelivers events that are not acknowledged in time.

import { z } from 'zod'
import type { FeishuLogger } from '../config.ts'

export const MESSAGE_RECEIVE_EVENT = 'im.message.receive_v1'

export interface FeishuBotMessage {
  eventId: string
  messageId: string
  chatId: string
  chatType: 'p2p' | 'group'
  senderOpenId: string | null
  /** The text with @mention placeholders removed, trimmed. */
  text: string
}

const receiveEvent = z.object({
  event_id: z.string().min(1).max(200),
  sender: z.object({ sender_type: z.string(), sender_id: z.object({ open_id: z.string().optional() }).optional() }),
  message: z.object({
    message_id: z.string().min(1).max(200),
    chat_id: z.string().min(1).max(200),
    chat_type: z.string(),
    message_type: z.string(),
    content: z.string().max(200_000),
    mentions: z.array(z.object({ key: z.string() })).optional(),
  }),
})

/** The SDK's flattened event (header and event fields in one object) → the text message, or null if it is none. */
export function parseBotMessage(event: unknown): FeishuBotMessage | null {
  const parsed = receiveEvent.safeParse(event)
  if (!parsed.success) return null
  const { event_id, sender, message } = parsed.data
  if (sender.sender_type !== 'user' || message.message_type !== 'text') return null
  if (message.chat_type !== 'p2p' && message.chat_type !== 'group') return null
  // In a group only messages that mention someone are meant for a bot (Feishu delivers only those that
  // @mention this bot under `im:message.group_at_msg:readonly`).
  if (message.chat_type === 'group' && (message.mentions ?? []).length === 0) return null
  let text: unknown
  try {
    text = (JSON.parse(message.content) as { text?: unknown }).text
  } catch {
    return null
  }
  if (typeof text !== 'string') return null
  let stripped = text
  for (const mention of message.mentions ?? []) stripped = stripped.split(mention.key).join(' ')
  return {
    eventId: event_id,
    messageId: message.message_id,
    chatId: message.chat_id,
    chatType: message.chat_type,
    senderOpenId: sender.sender_id?.open_id ?? null,
    text: stripped.replace(/\s+/g, ' ').trim(),
  }
}

export interface BotMessageHandlerOptions {
  /** The answer to a message, or null to stay silent. */
  answer: (message: FeishuBotMessage) => string | null
  /** Sends `text` as a reply to the message `messageId` in `chatId`. */
  reply: (messageId: string, chatId: string, text: string) => Promise<void>
  /** True when this event id was handled before; records it otherwise. */
  seen?: (eventId: string) => Promise<boolean> | boolean
  logger: FeishuLogger
}

export function createBotMessageHandler(options: BotMessageHandlerOptions): (event: unknown) => Promise<Record<string, never>> {
  return async (event) => {
    const message = parseBotMessage(event)
    if (!message) return {}
    if (options.seen && (await options.seen(message.eventId))) return {}
    const text = options.answer(message)
    if (text === null) return {}
    void options.reply(message.messageId, message.chatId, text).catch((error: unknown) => {
      options.logger.warn({ eventId: message.eventId, error: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }, 'feishu bot reply failed')
    })
    return {}
  }
}

const ON_CALL_WORDS = new Set(['oncall', 'on-call', '/oncall', '值班'])

export function isOnCallQuestion(text: string): boolean {
  return ON_CALL_WORDS.has(text.toLowerCase())
}
