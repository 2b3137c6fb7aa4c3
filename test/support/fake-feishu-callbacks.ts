// Card callbacks and URL-verification requests built the way Feishu sends them: schema 2.0 event envelope,
// encrypted (AES-256-CBC, key sha256(encryptKey), random IV in front) and signed (X-Lark-Signature =
// sha256(timestamp + nonce + encryptKey + body)) when the app has an encrypt key, plain JSON otherwise.

import { createCipheriv, createHash, randomBytes, randomUUID } from 'node:crypto'

export interface FeishuCallbackRequest {
  headers: Record<string, string>
  body: string
}

/** base64(random IV ‖ AES-256-CBC(plaintext)) with key sha256(encryptKey), PKCS#7 padding. */
export function encryptLikeFeishu(plaintext: string, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey, 'utf8').digest()
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-256-cbc', key, iv)
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64')
}

/** The envelope Feishu posts: encrypted and signed when the app has an encrypt key, plain JSON otherwise. */
export function wrapLikeFeishu(
  payload: object,
  options: { encryptKey?: string; timestamp?: number; nonce?: string; sign?: boolean },
): FeishuCallbackRequest {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  if (!options.encryptKey) return { headers, body: JSON.stringify(payload) }
  const body = JSON.stringify({ encrypt: encryptLikeFeishu(JSON.stringify(payload), options.encryptKey) })
  if (options.sign !== false) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
    const nonce = options.nonce ?? randomBytes(8).toString('hex')
    headers['x-lark-request-timestamp'] = timestamp
    headers['x-lark-request-nonce'] = nonce
    headers['x-lark-signature'] = createHash('sha256').update(timestamp + nonce + options.encryptKey + body, 'utf8').digest('hex')
  }
  return { headers, body }
}

export interface CardActionInput {
  appId: string
  /** In the event header for HTTP callbacks; absent over the long connection. */
  verificationToken?: string
  encryptKey?: string
  eventId?: string
  operator: { openId: string; unionId?: string; userId?: string }
  value: unknown
  tag?: string
  option?: string
  name?: string
  formValue?: Record<string, unknown>
  messageId: string
  chatId: string
  timestamp?: number
}

/** A schema 2.0 `card.action.trigger` event, as Feishu builds it. */
export function cardActionEvent(input: CardActionInput): Record<string, unknown> {
  const tenantKey = 'tenant-fake'
  const action: Record<string, unknown> = { value: input.value, tag: input.tag ?? 'button' }
  if (input.option !== undefined) action['option'] = input.option
  if (input.name !== undefined) action['name'] = input.name
  if (input.formValue !== undefined) action['form_value'] = input.formValue
  return {
    schema: '2.0',
    header: {
      event_id: input.eventId ?? randomUUID().replaceAll('-', ''),
      ...(input.verificationToken ? { token: input.verificationToken } : {}),
      create_time: String((input.timestamp ?? Math.floor(Date.now() / 1000)) * 1000),
      event_type: 'card.action.trigger',
      tenant_key: tenantKey,
      app_id: input.appId,
    },
    event: {
      operator: {
        tenant_key: tenantKey,
        open_id: input.operator.openId,
        ...(input.operator.unionId ? { union_id: input.operator.unionId } : {}),
        ...(input.operator.userId ? { user_id: input.operator.userId } : {}),
      },
      token: `c-${randomBytes(12).toString('hex')}`,
      action,
      host: 'im_message',
      context: { open_message_id: input.messageId, open_chat_id: input.chatId },
    },
  }
}

export function buildCardActionCallback(input: CardActionInput): FeishuCallbackRequest & { event: Record<string, unknown> } {
  const event = cardActionEvent(input)
  const options: { encryptKey?: string; timestamp?: number } = {}
  if (input.encryptKey) options.encryptKey = input.encryptKey
  if (input.timestamp !== undefined) options.timestamp = input.timestamp
  return { ...wrapLikeFeishu(event, options), event }
}

export function buildUrlVerification(input: { verificationToken: string; challenge: string; encryptKey?: string; sign?: boolean }): FeishuCallbackRequest {
  const payload = { challenge: input.challenge, token: input.verificationToken, type: 'url_verification' }
  const options: { encryptKey?: string; sign?: boolean } = {}
  if (input.encryptKey) options.encryptKey = input.encryptKey
  if (input.sign !== undefined) options.sign = input.sign
  return wrapLikeFeishu(payload, options)
}

export interface MessageReceiveInput {
  appId: string
  verificationToken?: string
  eventId?: string
  messageId: string
  chatId: string
  chatType: 'p2p' | 'group'
  senderOpenId: string
  text: string
  /** Group messages reach a bot only when they @mention it: the text starts with the mention placeholder. */
  mentionBot?: boolean
}

/** A schema 2.0 `im.message.receive_v1` event: a user's text message to the bot. */
export function messageReceiveEvent(input: MessageReceiveInput): Record<string, unknown> {
  const tenantKey = 'tenant-fake'
  const mention = input.mentionBot ?? input.chatType === 'group'
  const text = mention ? `@_user_1 ${input.text}` : input.text
  const now = String(Date.now())
  return {
    schema: '2.0',
    header: {
      event_id: input.eventId ?? randomUUID().replaceAll('-', ''),
      ...(input.verificationToken ? { token: input.verificationToken } : {}),
      create_time: now,
      event_type: 'im.message.receive_v1',
      tenant_key: tenantKey,
      app_id: input.appId,
    },
    event: {
      sender: { sender_id: { open_id: input.senderOpenId }, sender_type: 'user', tenant_key: tenantKey },
      message: {
        message_id: input.messageId,
        create_time: now,
        update_time: now,
        chat_id: input.chatId,
        chat_type: input.chatType,
        message_type: 'text',
        content: JSON.stringify({ text }),
        ...(mention ? { mentions: [{ key: '@_user_1', id: { open_id: 'ou_bot_fake' }, name: 'Buyerbridge', tenant_key: tenantKey }] } : {}),
      },
    },
  }
}
