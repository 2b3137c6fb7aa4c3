import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  createCardCallbackHandler,
  dingtalkAuthoriser,
  DingtalkStreamConnector,
  type DingtalkCommand,
  type DingtalkDispatchResult,
} from '../../adapters/dingtalk/index.ts'
import { FakeDingtalk } from '../support/fake-dingtalk.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

const APP = { appKey: 'ding-stream-key', appSecret: 'ding-stream-secret' }

function click(params: Record<string, string>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    outTrackId: 'card-1',
    userId: 'agent-li',
    corpId: 'ding-corp',
    spaceType: 'IM_GROUP',
    spaceId: 'cid-group==',
    content: JSON.stringify({ cardPrivateData: { actionIds: ['button_loop'], params: { conversationId: 'conv-1', cardId: 'card-1', ...params } } }),
    ...extra,
  }
}

describe('DingTalk Stream mode against the local gateway', () => {
  let fake: FakeDingtalk
  let logger: RecordingLogger
  let connector: DingtalkStreamConnector
  let dispatched: DingtalkCommand[]
  let dispatchDelayMs: number
  const seenKeys = new Set<string>()

  const connect = (appSecret = APP.appSecret) => {
    const handler = createCardCallbackHandler({
      dispatch: async (command): Promise<DingtalkDispatchResult> => {
        dispatched.push(command)
        if (dispatchDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, dispatchDelayMs))
        return { notice: `done ${command.action}` }
      },
      ownsCard: (id) => id.startsWith('card-'),
      seen: (key) => {
        if (seenKeys.has(key)) return true
        seenKeys.add(key)
        return false
      },
      authorise: dingtalkAuthoriser({ userIds: ['agent-li'] }),
      budgetMs: 2000,
      logger,
    })
    connector = new DingtalkStreamConnector(
      { ...APP, appSecret, apiBaseUrl: fake.baseUrl, reconnect: { baseDelayMs: 50, maxDelayMs: 400 }, keepalive: { intervalMs: 100, deadAfterMs: 1000 } },
      handler,
      logger,
      { random: () => 1 },
    )
    connector.start()
  }

  beforeEach(async () => {
    fake = new FakeDingtalk({ ...APP, redeliverAfterMs: 300 })
    await fake.start()
    logger = new RecordingLogger()
    dispatched = []
    dispatchDelayMs = 0
    seenKeys.clear()
  })
  afterEach(async () => {
    await connector?.stop()
    await fake.stop()
  })

  it('opens the connection at the configured base URL, subscribed to card callbacks', async () => {
    connect()
    await fake.stream.waitFor(() => connector.health().state === 'connected', 5000, 'connected')
    expect(fake.callsTo('/v1.0/gateway/connections/open')[0]?.body).toEqual({
      clientId: APP.appKey,
      clientSecret: APP.appSecret,
      ua: 'buyerbridge',
      subscriptions: [{ type: 'CALLBACK', topic: '/v1.0/card/instances/callback' }],
    })
    expect(fake.stream.connectCount).toBe(1)
    expect(connector.health()).toMatchObject({ state: 'connected', lastError: null, reconnects: 0 })
    expect(logger.text()).not.toContain(APP.appSecret)
  })

  it('dispatches a click once and acknowledges it with the SDK’s callback answer', async () => {
    connect()
    await fake.stream.waitFor(() => fake.stream.openConnections === 1)
    const messageId = fake.stream.pushCardCallback(click({ action: 'bb.assign', revision: '1' }))
    const ack = await fake.stream.waitForAck(messageId)
    expect(ack.data).toEqual({
      response: {
        cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
        userPrivateData: { cardParamMap: { notice: 'done bb.assign' } },
      },
    })
    expect(dispatched.map((c) => [c.action, c.idempotencyKey, c.operator.userId])).toEqual([['bb.assign', messageId, 'agent-li']])
    expect(fake.stream.deliveries.get(messageId)).toBe(1)
    expect(fake.stream.badFrames).toEqual([])
  })

  it('acknowledges a duplicate push without dispatching it again', async () => {
    connect()
    await fake.stream.waitFor(() => fake.stream.openConnections === 1)
    const first = fake.stream.pushCardCallback(click({ action: 'bb.send', revision: '1', replyText: 'Hi' }), { messageId: 'dup-1' })
    await fake.stream.waitForAck(first)
    fake.stream.acks.length = 0
    const second = fake.stream.pushCardCallback(click({ action: 'bb.send', revision: '1', replyText: 'Hi' }), { messageId: 'dup-1' })
    const ack = await fake.stream.waitForAck(second)
    expect(ack.data).toMatchObject({ response: { userPrivateData: { cardParamMap: { notice: '该操作已处理' } } } })
    const replay = fake.stream.pushCardCallback(click({ action: 'bb.send', revision: '1', replyText: 'Hi' }))
    await fake.stream.waitForAck(replay)
    expect(dispatched).toHaveLength(1)
  })

  it('acknowledges and ignores a callback for a card that is not ours', async () => {
    connect()
    await fake.stream.waitFor(() => fake.stream.openConnections === 1)
    const messageId = fake.stream.pushCardCallback(click({ action: 'bb.send' }, { outTrackId: 'someone-elses-card' }))
    expect((await fake.stream.waitForAck(messageId)).data).toEqual({ response: {} })
    expect(dispatched).toHaveLength(0)
  })

  it('refuses an unauthorised user with a private notice, acknowledged', async () => {
    connect()
    await fake.stream.waitFor(() => fake.stream.openConnections === 1)
    const messageId = fake.stream.pushCardCallback(click({ action: 'bb.send' }, { userId: 'intruder' }))
    const ack = await fake.stream.waitForAck(messageId)
    expect(ack.data).toMatchObject({ response: { userPrivateData: { cardParamMap: { notice: '你没有权限执行此操作' } } } })
    expect(dispatched).toHaveLength(0)
  })

  it('acknowledges a malformed callback so it is not re-pushed', async () => {
    connect()
    await fake.stream.waitFor(() => fake.stream.openConnections === 1)
    const messageId = fake.stream.pushCardCallback({ userId: 'agent-li', content: 'not json' })
    const ack = await fake.stream.waitForAck(messageId)
    expect(ack.data).toMatchObject({ response: { userPrivateData: { cardParamMap: { notice: '无法识别此操作' } } } })
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(fake.stream.deliveries.get(messageId)).toBe(1)
  })

  it('reconnects after the gateway drops the socket, and a callback whose ack was lost is processed once', async () => {
    connect()
    await fake.stream.waitFor(() => fake.stream.openConnections === 1)
    dispatchDelayMs = 150
    const messageId = fake.stream.pushCardCallback(click({ action: 'bb.no_response', revision: '2' }))
    await fake.stream.waitFor(() => dispatched.length === 1, 5000, 'dispatch')
    fake.stream.dropAll()
    await fake.stream.waitFor(() => connector.health().state !== 'connected', 5000, 'the drop to be noticed')
    await fake.stream.waitFor(() => connector.health().state === 'connected' && fake.stream.openConnections === 1, 5000, 'reconnect')
    expect(connector.health().reconnects).toBe(1)
    // The answer to the first push was lost with the socket: the gateway pushes it again.
    const ack = await fake.stream.waitForAck(messageId)
    expect(ack.data).toMatchObject({ response: { userPrivateData: { cardParamMap: { notice: '该操作已处理' } } } })
    expect(fake.stream.deliveries.get(messageId)).toBe(2)
    expect(dispatched).toHaveLength(1)
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(2)
  })

  it('pings the gateway and replaces a connection that went silent', async () => {
    connect()
    await fake.stream.waitFor(() => fake.stream.openConnections === 1)
    await fake.stream.waitFor(() => fake.stream.protocolPings >= 2, 5000, 'keepalive pings')
    expect(connector.health().state).toBe('connected')
    fake.stream.freezeAll()
    await fake.stream.waitFor(() => fake.stream.connectCount === 2 && connector.health().state === 'connected', 5000, 'a fresh connection')
    expect(connector.health().reconnects).toBe(1)
    const messageId = fake.stream.pushCardCallback(click({ action: 'bb.escalate' }))
    await fake.stream.waitForAck(messageId)
    expect(dispatched.map((c) => c.action)).toEqual(['bb.escalate'])
    expect(logger.entries.some((e) => e.msg === 'dingtalk stream went silent, replacing the connection')).toBe(true)
  })

  it('follows a SYSTEM disconnect to a new connection and answers ping', async () => {
    connect()
    await fake.stream.waitFor(() => fake.stream.openConnections === 1)
    fake.stream.sendSystem('ping', { opaque: 'p-1' })
    await fake.stream.waitFor(() => fake.stream.pongs.length === 1, 5000, 'pong')
    expect(fake.stream.pongs[0]).toMatchObject({ code: 200, message: 'OK', headers: { topic: 'ping' }, data: JSON.stringify({ opaque: 'p-1' }) })
    fake.stream.sendSystem('disconnect')
    await fake.stream.waitFor(() => fake.stream.connectCount === 2 && connector.health().state === 'connected', 5000, 'the second connection')
    const messageId = fake.stream.pushCardCallback(click({ action: 'bb.ack' }))
    await fake.stream.waitForAck(messageId)
    expect(dispatched.map((c) => c.action)).toEqual(['bb.ack'])
  })

  it('reports down with the last error and keeps retrying with backoff while the gateway refuses', async () => {
    connect('wrong-secret')
    await fake.stream.waitFor(() => fake.callsTo('/v1.0/gateway/connections/open').length >= 4, 5000, 'four attempts')
    const health = connector.health()
    expect(['down', 'connecting']).toContain(health.state)
    expect(health.lastError).toMatch(/HTTP 401/)
    expect(fake.stream.connectCount).toBe(0)
    // Without jitter (random = 1) the waits are 50, 100, 200 ms: doubling from the base.
    const times = fake.callsTo('/v1.0/gateway/connections/open').map((c) => c.at)
    const gaps = times.slice(1).map((at, i) => at - (times[i] as number))
    expect(gaps[0]).toBeGreaterThanOrEqual(45)
    expect(gaps[1]).toBeGreaterThanOrEqual(95)
    expect(gaps[2]).toBeGreaterThanOrEqual(195)
    expect(logger.text()).not.toContain('wrong-secret')
  })

  it('retries when the gateway hands out an endpoint that refuses the socket', async () => {
    const realIssue = fake.stream.issueTicket.bind(fake.stream)
    let refusals = 2
    fake.stream.issueTicket = () => (refusals-- > 0 ? 'forged-ticket' : realIssue())
    connect()
    await fake.stream.waitFor(() => connector.health().state === 'connected', 5000, 'connected after refusals')
    expect(fake.stream.refusedUpgrades).toBe(2)
    expect(fake.callsTo('/v1.0/gateway/connections/open')).toHaveLength(3)
  })

  it('re-pushes a callback nobody acknowledged (the fake checks acks)', async () => {
    // A client that reads frames but never answers them.
    const open = (await (await fetch(`${fake.baseUrl}/v1.0/gateway/connections/open`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: APP.appKey, clientSecret: APP.appSecret, subscriptions: [{ type: 'CALLBACK', topic: '/v1.0/card/instances/callback' }] }),
    })).json()) as { endpoint: string; ticket: string }
    const received: string[] = []
    const socket = new WebSocket(`${open.endpoint}?ticket=${open.ticket}`)
    socket.addEventListener('message', (event) => received.push((JSON.parse(String(event.data)) as { headers: { messageId: string } }).headers.messageId))
    await new Promise((resolve) => socket.addEventListener('open', resolve))
    const messageId = fake.stream.pushCardCallback(click({ action: 'bb.assign' }))
    await fake.stream.waitFor(() => received.length >= 2, 3000, 'a re-push')
    expect(received.slice(0, 2)).toEqual([messageId, messageId])
    socket.send(JSON.stringify({ code: 200, headers: { messageId }, message: 'OK', data: 'not-json' }))
    await fake.stream.waitFor(() => fake.stream.badFrames.length === 1, 3000, 'the bad ack to be rejected')
    socket.send(JSON.stringify({ code: 200, headers: { contentType: 'application/json', messageId }, message: 'OK', data: JSON.stringify({ response: {} }) }))
    await fake.stream.waitForAck(messageId)
    const count = received.length
    await new Promise((resolve) => setTimeout(resolve, 450))
    expect(received.length).toBe(count)
    // A ticket is good for one connection only.
    const reused = new WebSocket(`${open.endpoint}?ticket=${open.ticket}`)
    await new Promise((resolve) => {
      reused.addEventListener('error', resolve)
      reused.addEventListener('close', resolve)
    })
    expect(fake.stream.refusedUpgrades).toBe(1)
    socket.close()
    connector = new DingtalkStreamConnector({ ...APP, apiBaseUrl: fake.baseUrl }, async () => ({}), logger)
  })
})
