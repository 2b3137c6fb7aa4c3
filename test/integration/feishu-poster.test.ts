import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FeishuPoster, type FeishuCard, type FeishuPosterOptions } from '../../adapters/feishu/index.ts'
import { isAppError } from '../../src/domain/errors.ts'
import { FakeFeishu } from '../support/fake-feishu.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

const APP = { appId: 'cli_test_app', appSecret: 'secret-never-logged-42' }
const CHAT = 'oc_support_team'

function card(title: string): FeishuCard {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: title } },
    header: { title: { tag: 'plain_text', content: title }, template: 'blue' },
    body: { elements: [{ tag: 'markdown', content: `**${title}**` }] },
  }
}

describe('FeishuPoster against the local fake Feishu open API', () => {
  let fake: FakeFeishu
  let logger: RecordingLogger
  const delays: number[] = []
  const instantSleep = async (ms: number) => {
    delays.push(ms)
  }

  beforeEach(async () => {
    fake = await FakeFeishu.start(APP)
    logger = new RecordingLogger()
    delays.length = 0
  })
  afterEach(async () => {
    await fake.close()
    expect(logger.text()).not.toContain(APP.appSecret)
    expect(logger.text()).not.toMatch(/t-[0-9a-f]{32}/)
  })

  const poster = (overrides: Partial<FeishuPosterOptions> = {}, sleep?: (ms: number) => Promise<void>) =>
    new FeishuPoster({ ...APP, domain: fake.baseUrl, ...overrides }, logger, sleep ? { sleep, random: () => 0.5 } : {})

  it('sends a card with the exact im.message.create request and a cached tenant token', async () => {
    const client = poster()
    const first = await client.sendCard(CHAT, card('one'), { uuid: 'uuid-1' })
    await client.sendCard(CHAT, card('two'))
    await client.sendCard(CHAT, card('three'))

    expect(first.messageId).toMatch(/^om_/)
    expect(fake.tokenRequests).toBe(1)
    const token = fake.callsTo('POST', '/open-apis/auth/v3/tenant_access_token/internal')
    expect(token[0]?.body).toEqual({ app_id: APP.appId, app_secret: APP.appSecret })
    const creates = fake.callsTo('POST', '/open-apis/im/v1/messages')
    expect(creates).toHaveLength(3)
    expect(creates[0]?.query).toEqual({ receive_id_type: 'chat_id' })
    expect(creates[0]?.body).toEqual({ receive_id: CHAT, msg_type: 'interactive', content: JSON.stringify(card('one')), uuid: 'uuid-1' })
    expect(creates[0]?.authorization).toMatch(/^Bearer t-[0-9a-f]{32}$/)
    expect(new Set(creates.map((call) => call.authorization)).size).toBe(1)
    expect(fake.messages.get(first.messageId)?.card).toEqual(card('one'))
  })

  it('retries HTTP 429 / 99991400 after the x-ogw-ratelimit-reset pause', async () => {
    fake.failNext(2)
    const sent = await poster({}, instantSleep).sendCard(CHAT, card('after limit'), { uuid: 'same-uuid' })

    const creates = fake.callsTo('POST', '/open-apis/im/v1/messages')
    expect(creates.map((call) => [call.status, call.code])).toEqual([
      [429, 99991400],
      [429, 99991400],
      [200, 0],
    ])
    expect(creates.map((call) => (call.body as { uuid: string }).uuid)).toEqual(['same-uuid', 'same-uuid', 'same-uuid'])
    expect(delays.filter((ms) => ms === 1000)).toHaveLength(2)
    expect(fake.messages.get(sent.messageId)?.chatId).toBe(CHAT)
  })

  it('retries the older HTTP 400 frequency-limit answers (99991400, 230020) with backoff', async () => {
    fake.failNext(1, { status: 400, body: { code: 99991400, msg: 'request trigger frequency limit' } })
    fake.failNext(1, { status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit.' } })
    await poster({ retry: { baseDelayMs: 200 } }, instantSleep).sendCard(CHAT, card('x'))
    expect(fake.callsTo('POST', '/open-apis/im/v1/messages').map((call) => call.code)).toEqual([99991400, 230020, 0])
    expect(delays.filter((ms) => ms >= 150)).toEqual([150, 300])
  })

  it('gives up with FEISHU_RATE_LIMITED after the last attempt', async () => {
    fake.failNext(3)
    const error = await poster({ retry: { maxAttempts: 3 } }, instantSleep)
      .sendCard(CHAT, card('x'))
      .catch((e: unknown) => e)
    expect(isAppError(error, 'FEISHU_RATE_LIMITED')).toBe(true)
    expect(isAppError(error) && error.details).toMatchObject({ code: 99991400, status: 429, retryAfterMs: 1000 })
  })

  it('paces 15 cards to one chat so the 5 QPS limit is never hit', async () => {
    const client = poster()
    const sent = await Promise.all(Array.from({ length: 15 }, (_, i) => client.sendCard(CHAT, card(`card ${i}`))))
    expect(new Set(sent.map((s) => s.messageId)).size).toBe(15)
    expect(fake.rateLimited).toBe(0)
    const creates = fake.callsTo('POST', '/open-apis/im/v1/messages')
    expect(creates.every((call) => call.status === 200)).toBe(true)
    for (let i = 5; i < creates.length; i++) {
      expect(creates[i]!.at - creates[i - 5]!.at).toBeGreaterThanOrEqual(1000)
    }
  })

  it('coalesces patches of one message: only the latest card is sent', async () => {
    const client = poster()
    const { messageId } = await client.sendCard(CHAT, card('v0'))
    await Promise.all([1, 2, 3, 4, 5].map((v) => client.patchCard(messageId, card(`v${v}`))))

    const patches = fake.callsTo('PATCH', `/open-apis/im/v1/messages/${messageId}`)
    expect(patches).toHaveLength(1)
    expect(patches[0]?.body).toEqual({ content: JSON.stringify(card('v5')) })
    expect(fake.messages.get(messageId)?.card).toEqual(card('v5'))
  })

  it('paces sequential patches of one message under 5 QPS', async () => {
    const client = poster()
    const { messageId } = await client.sendCard(CHAT, card('v0'))
    for (let v = 1; v <= 7; v++) await client.patchCard(messageId, card(`v${v}`))
    expect(fake.rateLimited).toBe(0)
    expect(fake.messages.get(messageId)?.patchCount).toBe(7)
  })

  it('reports Feishu refusing to patch a card not sent with update_multi as FEISHU_API_ERROR, not retried', async () => {
    const client = poster({}, instantSleep)
    const shared = { ...card('v0'), config: { summary: { content: 'v0' } } } as unknown as FeishuCard
    const { messageId } = await client.sendCard(CHAT, shared)
    const error = await client.patchCard(messageId, card('v1')).catch((e: unknown) => e)
    expect(isAppError(error, 'FEISHU_API_ERROR')).toBe(true)
    expect(isAppError(error) && error.details).toMatchObject({ code: 230001, status: 400 })
    expect(fake.callsTo('PATCH', '/open-apis/im/v1/messages/')).toHaveLength(1)
  })

  it('replies in the card thread with a text note', async () => {
    const client = poster()
    const { messageId } = await client.sendCard(CHAT, card('v0'))
    const reply = await client.replyInThread(messageId, '新买家消息：Where is my parcel?', { uuid: 'note-1' })

    const calls = fake.callsTo('POST', `/open-apis/im/v1/messages/${messageId}/reply`)
    expect(calls[0]?.body).toEqual({
      msg_type: 'text',
      content: JSON.stringify({ text: '新买家消息：Where is my parcel?' }),
      reply_in_thread: true,
      uuid: 'note-1',
    })
    expect(fake.messages.get(reply.messageId)).toMatchObject({ parentId: messageId, chatId: CHAT, replyInThread: true })
  })

  it('fetches a new tenant token once when Feishu refuses the cached one', async () => {
    const client = poster()
    await client.sendCard(CHAT, card('one'))
    fake.revokeTokens()
    await client.sendCard(CHAT, card('two'))
    expect(fake.tokenRequests).toBe(2)
    expect(fake.callsTo('POST', '/open-apis/im/v1/messages').map((call) => call.code)).toEqual([0, 99991663, 0])
  })

  it('types a wrong app secret as FEISHU_API_ERROR with Feishu’s code', async () => {
    const error = await poster({ appSecret: 'wrong' }, instantSleep)
      .sendCard(CHAT, card('x'))
      .catch((e: unknown) => e)
    expect(isAppError(error, 'FEISHU_API_ERROR')).toBe(true)
    expect(isAppError(error) && error.details).toMatchObject({ code: 10014 })
  })

  it('types an unreachable Feishu as FEISHU_NETWORK after retrying', async () => {
    const closed = await FakeFeishu.start(APP)
    const url = closed.baseUrl
    await closed.close()
    const client = new FeishuPoster({ ...APP, domain: url, retry: { maxAttempts: 2 } }, logger, { sleep: instantSleep })
    const error = await client.sendCard(CHAT, card('x')).catch((e: unknown) => e)
    expect(isAppError(error, 'FEISHU_NETWORK')).toBe(true)
  })
})
