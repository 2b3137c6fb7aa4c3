import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DingtalkCardPoster, renderDingtalkCardData } from '../../adapters/dingtalk/index.ts'
import { isAppError } from '../../src/domain/errors.ts'
import { conversationView, FakeDingtalk } from '../support/fake-dingtalk.ts'
import { RecordingLogger } from '../support/recording-logger.ts'

const APP = { appKey: 'ding-app-key', appSecret: 'ding-app-secret-value' }

describe('DingtalkCardPoster against the local fake', () => {
  let fake: FakeDingtalk
  let logger: RecordingLogger
  const sleeps: number[] = []
  const poster = (extra: Partial<ConstructorParameters<typeof DingtalkCardPoster>[0]> = {}) =>
    new DingtalkCardPoster({ ...APP, apiBaseUrl: fake.baseUrl, robotCode: 'ding-robot', cardTemplateId: 'tpl-buyerbridge.schema', ...extra }, logger, {
      sleep: async (ms) => {
        sleeps.push(ms)
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)))
      },
      random: () => 0.5,
    })

  beforeEach(async () => {
    fake = new FakeDingtalk({ ...APP, cardTemplateIds: ['tpl-buyerbridge.schema'] })
    await fake.start()
    logger = new RecordingLogger()
    sleeps.length = 0
  })
  afterEach(async () => {
    await fake.stop()
  })

  it('creates and delivers a group card with the exact documented body', async () => {
    const params = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'card-1' })
    const result = await poster().createAndDeliver({ kind: 'group', openConversationId: 'cidGroup+1==' }, 'card-1', params, { lastMessage: '查询订单 · Acme US' })
    expect(result).toEqual({
      outTrackId: 'card-1',
      alreadyExisted: false,
      deliveries: [{ spaceType: 'IM_GROUP', spaceId: 'cidGroup+1==', success: true, errorMsg: null }],
    })
    const call = fake.callsTo('/v1.0/card/instances/createAndDeliver')[0]
    expect(call?.method).toBe('POST')
    expect(call?.token).toMatch(/^[0-9a-f]{32}$/)
    expect(call?.body).toEqual({
      cardTemplateId: 'tpl-buyerbridge.schema',
      outTrackId: 'card-1',
      callbackType: 'STREAM',
      cardData: { cardParamMap: params },
      openSpaceId: 'dtv1.card//IM_GROUP.cidGroup+1==',
      imGroupOpenSpaceModel: { supportForward: false, lastMessageI18n: { ZH_CN: '查询订单 · Acme US', EN_US: '查询订单 · Acme US' } },
      imGroupOpenDeliverModel: { robotCode: 'ding-robot' },
    })
    expect(fake.cards.get('card-1')?.cardParamMap).toEqual(params)
  })

  it('pages one person in a one-to-one robot chat', async () => {
    const params = renderDingtalkCardData(conversationView('en'), { cardId: 'page-1' })
    await poster().createAndDeliver({ kind: 'robot-chat', userId: 'oncall-zhang' }, 'page-1', params)
    expect(fake.callsTo('/v1.0/card/instances/createAndDeliver')[0]?.body).toEqual({
      cardTemplateId: 'tpl-buyerbridge.schema',
      outTrackId: 'page-1',
      callbackType: 'STREAM',
      cardData: { cardParamMap: params },
      openSpaceId: 'dtv1.card//IM_ROBOT.oncall-zhang',
      imRobotOpenSpaceModel: { supportForward: false },
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: 'ding-robot' },
    })
    expect(fake.cards.get('page-1')?.spaceType).toBe('IM_ROBOT')
  })

  it('updates a card with PUT /v1.0/card/instances', async () => {
    const p = poster()
    const first = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'card-1' })
    await p.createAndDeliver({ kind: 'group', openConversationId: 'cid1' }, 'card-1', first)
    const second = renderDingtalkCardData(conversationView('zh-CN', { state: 'replied' }), { cardId: 'card-1', revision: '2' })
    await p.updateCard('card-1', second)
    const call = fake.callsTo('/v1.0/card/instances')[0]
    expect(call?.method).toBe('PUT')
    expect(call?.body).toEqual({ outTrackId: 'card-1', cardData: { cardParamMap: second }, cardUpdateOptions: { updateCardDataByKey: true } })
    expect(fake.cards.get('card-1')?.cardParamMap).toEqual(second)
    expect(fake.cards.get('card-1')?.updates).toBe(1)
  })

  it('merges a burst of updates to one card: in order, latest wins', async () => {
    const p = poster()
    const first = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'card-1' })
    await p.createAndDeliver({ kind: 'group', openConversationId: 'cid1' }, 'card-1', first)
    const versions = Array.from({ length: 5 }, (_, i) => renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'card-1', revision: String(i + 2) }))
    await Promise.all(versions.map((params) => p.updateCard('card-1', params)))
    const puts = fake.callsTo('/v1.0/card/instances')
    expect(puts.map((c) => (c.body as { cardData: { cardParamMap: { revision: string } } }).cardData.cardParamMap.revision)).toEqual(['2', '6'])
    expect(fake.cards.get('card-1')?.cardParamMap['revision']).toBe('6')
  })

  it('never posts a second card for one outTrackId', async () => {
    const p = poster()
    const params = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'card-1' })
    await p.createAndDeliver({ kind: 'group', openConversationId: 'cid1' }, 'card-1', params)
    // A retry after a lost answer: same request, accepted, still one card.
    await p.createAndDeliver({ kind: 'group', openConversationId: 'cid1' }, 'card-1', params)
    expect(fake.cards.size).toBe(1)
    // Same id, newer content: DingTalk refuses with param.cardAlreadyExist; the poster updates instead.
    const newer = renderDingtalkCardData(conversationView('zh-CN', { assignee: 'Li Lei' }), { cardId: 'card-1', revision: '2' })
    const result = await p.createAndDeliver({ kind: 'group', openConversationId: 'cid1' }, 'card-1', newer)
    expect(result.alreadyExisted).toBe(true)
    expect(fake.callsTo('/v1.0/card/instances/createAndDeliver').map((c) => c.code)).toEqual([null, null, 'param.cardAlreadyExist'])
    expect(fake.cards.get('card-1')?.cardParamMap).toEqual(newer)
    expect(fake.cards.get('card-1')?.deliveries).toBe(1)
  })

  it('caches the access token, fetches it once for concurrent calls and renews it when refused', async () => {
    const p = poster()
    const params = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'x' })
    await Promise.all(Array.from({ length: 5 }, (_, i) => p.createAndDeliver({ kind: 'group', openConversationId: 'cid1' }, `card-${i}`, params)))
    expect(fake.tokenRequests).toBe(1)
    expect(fake.callsTo('/v1.0/oauth2/accessToken')[0]?.body).toEqual({ appKey: APP.appKey, appSecret: APP.appSecret })
    fake.expireAllTokens()
    await p.updateCard('card-0', params)
    expect(fake.tokenRequests).toBe(2)
    expect(fake.callsTo('/v1.0/card/instances').map((c) => c.status)).toEqual([401, 200])
    expect(logger.text()).not.toContain(APP.appSecret)
  })

  it('renews the token ahead of expiry', async () => {
    let now = 1_000_000
    const p = new DingtalkCardPoster({ ...APP, apiBaseUrl: fake.baseUrl, robotCode: 'r', cardTemplateId: 'tpl-buyerbridge.schema' }, logger, { now: () => now })
    const params = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'x' })
    await p.createAndDeliver({ kind: 'group', openConversationId: 'cid1' }, 'card-a', params)
    now += 60 * 60_000
    await p.updateCard('card-a', params)
    expect(fake.tokenRequests).toBe(1)
    now += 56 * 60_000 // 116 min: within 5 min of the 2 h expiry
    await p.updateCard('card-a', params)
    expect(fake.tokenRequests).toBe(2)
  })

  it('retries DingTalk throttling (403 QpsLimit) after at least a second and keeps under the QPS', async () => {
    const p = poster()
    const params = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'x' })
    fake.failNext('/v1.0/card/instances/createAndDeliver', { status: 403, body: { code: 'Forbidden.AccessDenied.QpsLimitForApi', message: '接口调用超过限流值' } }, 2)
    await p.createAndDeliver({ kind: 'group', openConversationId: 'cid1' }, 'card-t', params)
    expect(fake.callsTo('/v1.0/card/instances/createAndDeliver').map((c) => c.status)).toEqual([403, 403, 200])
    expect(sleeps.filter((ms) => ms >= 1000)).toHaveLength(2)
    expect(logger.entries.filter((e) => e.msg === 'dingtalk call failed, retrying')).toHaveLength(2)
  })

  it('paces a burst under the per-API limit so the fake never throttles', async () => {
    await fake.stop()
    fake = new FakeDingtalk({ ...APP, perApiQps: 4 })
    await fake.start()
    const p = new DingtalkCardPoster({ ...APP, apiBaseUrl: fake.baseUrl, robotCode: 'r', cardTemplateId: 't', perApiPerSecond: 4 }, logger)
    const params = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'x' })
    await Promise.all(Array.from({ length: 10 }, (_, i) => p.createAndDeliver({ kind: 'group', openConversationId: 'cid' }, `burst-${i}`, params)))
    expect(fake.callsTo('/v1.0/card/instances/createAndDeliver').every((c) => c.status === 200)).toBe(true)
    expect(fake.cards.size).toBe(10)
  })

  it('raises typed errors: API refusal, bad credentials, network', async () => {
    const params = renderDingtalkCardData(conversationView('zh-CN'), { cardId: 'x' })
    await expect(poster({ cardTemplateId: 'unknown.schema' }).createAndDeliver({ kind: 'group', openConversationId: 'c' }, 'e1', params)).rejects.toSatisfy(
      (error) => isAppError(error, 'DINGTALK_API_ERROR') && error.details?.['code'] === 'param.templateNotExist' && error.details?.['status'] === 400,
    )
    fake.failNext('/v1.0/card/instances/createAndDeliver', {
      status: 200,
      body: { success: true, result: { outTrackId: 'e2', deliverResults: [{ spaceType: 'IM_GROUP', spaceId: 'c', success: false, errorMsg: 'robot not in group' }] } },
    })
    await expect(poster().createAndDeliver({ kind: 'group', openConversationId: 'c' }, 'e2', params)).rejects.toSatisfy(
      (error) => isAppError(error, 'DINGTALK_API_ERROR') && error.details?.['code'] === 'deliver.failed' && error.details?.['message'] === 'robot not in group',
    )
    await expect(poster().updateCard('never-created', params)).rejects.toSatisfy((error) => isAppError(error, 'DINGTALK_API_ERROR') && error.details?.['code'] === 'param.cardNotExist')
    await expect(poster({ appSecret: 'wrong' }).updateCard('x', params)).rejects.toSatisfy((error) => isAppError(error, 'DINGTALK_API_ERROR') && error.details?.['status'] === 400)
    fake.failNext('/v1.0/card/instances', { status: 403, body: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: 'limit' } }, 10)
    await expect(poster({ retry: { maxAttempts: 2 } }).updateCard('x', params)).rejects.toSatisfy((error) => isAppError(error, 'DINGTALK_RATE_LIMITED'))
    const base = fake.baseUrl
    await fake.stop()
    const offline = new DingtalkCardPoster({ ...APP, apiBaseUrl: base, robotCode: 'r', cardTemplateId: 't', retry: { maxAttempts: 2, baseDelayMs: 1 } }, logger)
    await expect(offline.updateCard('x', params)).rejects.toSatisfy((error) => isAppError(error, 'DINGTALK_NETWORK'))
    fake = new FakeDingtalk(APP)
    await fake.start()
  })
})
