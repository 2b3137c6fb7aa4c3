import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBotMessageHandler, onCallQuestion, parseBotMessage, sessionWebhookReplier, type DingtalkBotMessage } from '../../adapters/dingtalk/index.ts'
import { isAppError } from '../../src/domain/errors.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

const message = (text: string, extra: Partial<DingtalkBotMessage> = {}): DingtalkBotMessage => ({
  msgId: 'msg-1',
  sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=s1',
  sessionWebhookExpiredTime: Date.now() + 60_000,
  msgtype: 'text',
  text: { content: text },
  ...extra,
})

describe('robot messages', () => {
  it('recognises the on-call question in both languages', () => {
    expect(onCallQuestion(' oncall ')).toBe('en')
    expect(onCallQuestion('/OnCall')).toBe('en')
    expect(onCallQuestion('值班')).toBe('zh-CN')
    expect(onCallQuestion('谁值班？')).toBe('zh-CN')
    expect(onCallQuestion('oncall please send the refund')).toBeNull()
  })

  it('parses the frame data of a robot message and refuses anything else', () => {
    expect(parseBotMessage(JSON.stringify(message('值班')))?.text?.content).toBe('值班')
    expect(parseBotMessage('{"msgId":"x"}')).toBeNull()
    expect(parseBotMessage('not json')).toBeNull()
  })

  it('answers each message once: who is on call, or a line of help', async () => {
    const replies: string[] = []
    const seen = new Set<string>()
    const handle = createBotMessageHandler({
      onCallText: () => (language) => (language === 'en' ? 'On call: Zhao Lei' : '值班：Zhao Lei'),
      reply: async (_message, text) => {
        replies.push(text)
      },
      seen: (id) => seen.has(id) || (seen.add(id), false),
      logger: new RecordingLogger(),
    })
    await handle({ messageId: 'f1', data: JSON.stringify(message('值班')) })
    await handle({ messageId: 'f2', data: JSON.stringify(message('值班')) })
    await handle({ messageId: 'f3', data: JSON.stringify(message('oncall', { msgId: 'msg-2' })) })
    await handle({ messageId: 'f4', data: JSON.stringify(message('hello', { msgId: 'msg-3' })) })
    expect(replies).toEqual(['值班：Zhao Lei', 'On call: Zhao Lei', 'Buyerbridge：发送“值班”或 oncall 查看当前值班人员。'])
  })
})

describe('session webhook replies', () => {
  let server: Server
  let origin: string
  const received: { token: string | undefined; body: unknown }[] = []
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        received.push({ token: request.headers['x-acs-dingtalk-access-token'] as string | undefined, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}')
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('posts a text reply with the access token to an allowed origin', async () => {
    const reply = sessionWebhookReplier({ accessToken: async () => 'token-1', allowedOrigins: [origin] })
    await reply(message('值班', { sessionWebhook: `${origin}/robot/sendBySession?session=s1` }), '值班：Zhao Lei')
    expect(received).toEqual([{ token: 'token-1', body: { msgtype: 'text', text: { content: '值班：Zhao Lei' } } }])
  })

  it('follows no session webhook outside the allowed origins, and none that expired', async () => {
    const reply = sessionWebhookReplier({ accessToken: async () => 'token-1', allowedOrigins: [origin] })
    await expect(reply(message('x', { sessionWebhook: 'https://attacker.example/hook' }), 'x')).rejects.toSatisfy((error) => isAppError(error, 'DINGTALK_BAD_CALLBACK'))
    await expect(reply(message('x', { sessionWebhook: `${origin}/s`, sessionWebhookExpiredTime: Date.now() - 1 }), 'x')).rejects.toSatisfy((error) => isAppError(error, 'DINGTALK_BAD_CALLBACK'))
    expect(received).toHaveLength(1)
  })
})
