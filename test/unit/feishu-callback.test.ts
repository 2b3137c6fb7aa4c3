import { AESCipher, generateChallenge } from '@larksuiteoapi/node-sdk'
import { describe, expect, it } from 'vitest'
import {
  createCardActionHandler,
  createFeishuEventDispatcher,
  decryptFeishuBody,
  feishuSignature,
  isValidFeishuSignature,
  type FeishuCommand,
} from '../../adapters/feishu/index.ts'
import { cardActionEvent, encryptLikeFeishu, wrapLikeFeishu } from '../support/fake-feishu.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

const KEY = 'test key'

describe('Feishu callback crypto', () => {
  it('decrypts what the test helper encrypts, and so does the SDK’s own cipher', () => {
    const plaintext = JSON.stringify({ hello: '飞书', n: 1 })
    const encrypted = encryptLikeFeishu(plaintext, KEY)
    expect(decryptFeishuBody(encrypted, KEY)).toBe(plaintext)
    expect(new AESCipher(KEY).decrypt(encrypted)).toBe(plaintext)
    expect(generateChallenge({ encrypt: encryptLikeFeishu(JSON.stringify({ type: 'url_verification', challenge: 'c1' }), KEY) }, { encryptKey: KEY })).toEqual({
      isChallenge: true,
      challenge: { challenge: 'c1' },
    })
  })

  it('refuses data encrypted with another key, or not encrypted at all', () => {
    expect(() => decryptFeishuBody(encryptLikeFeishu('{"a":1}', 'other key'), KEY)).toThrow(
      expect.objectContaining({ code: 'FEISHU_BAD_ENCRYPTION' }),
    )
    expect(() => decryptFeishuBody('bm90IGVuY3J5cHRlZA==', KEY)).toThrow(expect.objectContaining({ code: 'FEISHU_BAD_ENCRYPTION' }))
  })

  it('signs sha256(timestamp + nonce + key + body) in hex and checks it in constant time', () => {
    // Known answer from coreutils: printf '%s' '1700000000noncetest key{"encrypt":"x"}' | sha256sum
    expect(feishuSignature('1700000000', 'nonce', KEY, '{"encrypt":"x"}')).toBe(
      '8d11ccb4f2b3467657db993352d0314a67b815a2901917646203046db107595c',
    )
    const request = wrapLikeFeishu({ a: 1 }, { encryptKey: KEY, timestamp: 1700000000, nonce: 'n1' })
    const headers = {
      timestamp: request.headers['x-lark-request-timestamp']!,
      nonce: request.headers['x-lark-request-nonce']!,
      signature: request.headers['x-lark-signature']!,
    }
    expect(isValidFeishuSignature(headers, KEY, request.body)).toBe(true)
    expect(isValidFeishuSignature(headers, KEY, request.body + ' ')).toBe(false)
    expect(isValidFeishuSignature({ ...headers, nonce: 'n2' }, KEY, request.body)).toBe(false)
    expect(isValidFeishuSignature({ ...headers, signature: 'short' }, KEY, request.body)).toBe(false)
  })
})

describe('the card action handler, called as the WSClient calls it', () => {
  it('maps the event, dispatches once and returns the toast and card through the SDK dispatcher', async () => {
    const logger = new RecordingLogger()
    const commands: FeishuCommand[] = []
    const seen = new Set<string>()
    const handler = createCardActionHandler({
      dispatch: async (command) => {
        commands.push(command)
        return { toast: { type: 'success', content: 'Assigned to you' } }
      },
      seen: (id) => (seen.has(id) ? true : (seen.add(id), false)),
      language: 'en',
      logger,
    })
    const dispatcher = createFeishuEventDispatcher(handler, { verificationToken: 'v', encryptKey: 'k' }, logger)
    const event = cardActionEvent({
      appId: 'cli_x',
      verificationToken: 'v',
      eventId: 'ws-evt-1',
      operator: { openId: 'ou_1', userId: 'u_1' },
      value: { action: 'bb.assign', conversationId: 'conv-9', cardId: 'card-9' },
      messageId: 'om_9',
      chatId: 'oc_9',
    })

    // WSClient.handleEventData: eventDispatcher.invoke(parsedPayload, { needCheck: false })
    const first = await dispatcher.invoke(event, { needCheck: false })
    const second = await dispatcher.invoke(event, { needCheck: false })

    expect(first).toEqual({ toast: { type: 'success', content: 'Assigned to you' } })
    expect(second).toEqual({ toast: { type: 'info', content: 'This action was already handled' } })
    expect(commands).toEqual([
      {
        platform: 'feishu',
        idempotencyKey: 'ws-evt-1',
        action: 'bb.assign',
        conversationId: 'conv-9',
        cardId: 'card-9',
        operator: { openId: 'ou_1', unionId: null, userId: 'u_1' },
        templateId: null,
        replyText: null,
        formValue: {},
        messageId: 'om_9',
        chatId: 'oc_9',
      },
    ])
  })

  it('turns a failing dispatch into an error toast and logs the code, not the payload', async () => {
    const logger = new RecordingLogger()
    const handler = createCardActionHandler({
      dispatch: async () => {
        throw Object.assign(new Error('db down'), { name: 'Error' })
      },
      logger,
    })
    const answer = await handler(
      cardActionEvent({
        appId: 'cli_x',
        verificationToken: 'v',
        operator: { openId: 'ou_1' },
        value: { action: 'bb.send', conversationId: 'c', cardId: 'k' },
        messageId: 'om_1',
        chatId: 'oc_1',
      }),
    )
    expect(answer).toEqual({ toast: { type: 'error', content: '操作失败，请稍后重试' } })
    expect(logger.entries.at(-1)).toMatchObject({ level: 'error', obj: { action: 'bb.send', error: { code: 'UNEXPECTED', message: 'db down' } } })
  })
})
