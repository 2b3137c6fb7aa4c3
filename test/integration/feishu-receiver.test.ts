import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createCardActionHandler,
  createFeishuEventDispatcher,
  createFeishuWebhook,
  type CardActionHandlerOptions,
  type FeishuCard,
  type FeishuCommand,
  type FeishuDispatchResult,
} from '../../adapters/feishu/index.ts'
import { buildCardActionCallback, buildUrlVerification, type FeishuCallbackRequest } from '../support/fake-feishu.ts'
import { RecordingLogger } from '../support/recording-logger.ts'
import { feishuEventsRoute } from '../../src/compose/feishu.ts'

const APP_ID = 'cli_test_app'
const TOKEN = 'verification-token-1'
const ENCRYPT_KEY = 'encrypt-key-for-tests'
const AGENT = { openId: 'ou_agent', unionId: 'on_agent' }
const VALUE = { action: 'bb.pick_template', conversationId: 'conv-1', cardId: 'card-1' }

const updatedCard: FeishuCard = {
  schema: '2.0',
  config: { update_multi: true, summary: { content: 'updated' } },
  header: { title: { tag: 'plain_text', content: 'updated' }, template: 'blue' },
  body: { elements: [{ tag: 'markdown', content: 'updated' }] },
}

interface Harness {
  url: string
  commands: FeishuCommand[]
  logger: RecordingLogger
}

let app: FastifyInstance | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

async function start(
  options: { encryptKey?: string; dispatch?: (command: FeishuCommand) => Promise<FeishuDispatchResult> } & Partial<CardActionHandlerOptions> = {},
): Promise<Harness> {
  const commands: FeishuCommand[] = []
  const logger = new RecordingLogger()
  const seenIds = new Set<string>()
  const handler = createCardActionHandler({
    dispatch:
      options.dispatch ??
      (async (command) => {
        commands.push(command)
        return { toast: { type: 'success', content: '已选择模板' }, card: updatedCard }
      }),
    seen: (eventId) => (seenIds.has(eventId) ? true : (seenIds.add(eventId), false)),
    logger,
    ...(options.authorised ? { authorised: options.authorised } : {}),
    ...(options.budgetMs ? { budgetMs: options.budgetMs } : {}),
    ...(options.onLateResult ? { onLateResult: options.onLateResult } : {}),
  })
  const secrets = options.encryptKey ? { encryptKey: options.encryptKey, verificationToken: TOKEN } : { verificationToken: TOKEN }
  const webhook = createFeishuWebhook({ ...secrets, dispatcher: createFeishuEventDispatcher(handler, secrets, logger), logger })
  app = Fastify()
  await feishuEventsRoute(webhook)(app)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return { url: `${address}/feishu/events`, commands, logger }
}

async function post(url: string, request: FeishuCallbackRequest): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body })
  return { status: response.status, body: await response.json() }
}

const click = (overrides: Partial<Parameters<typeof buildCardActionCallback>[0]> = {}) =>
  buildCardActionCallback({
    appId: APP_ID,
    verificationToken: TOKEN,
    encryptKey: ENCRYPT_KEY,
    operator: AGENT,
    value: VALUE,
    tag: 'select_static',
    option: 'tpl-where-is-my-order',
    messageId: 'om_000001',
    chatId: 'oc_support_team',
    ...overrides,
  })

describe('POST /feishu/events with an encrypt key', () => {
  it('dispatches a signed, encrypted click once and answers with the toast and the updated card', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY })
    const request = click({ eventId: 'evt-1' })
    const answer = await post(harness.url, request)

    expect(answer).toEqual({
      status: 200,
      body: { toast: { type: 'success', content: '已选择模板' }, card: { type: 'raw', data: updatedCard } },
    })
    expect(harness.commands).toEqual([
      {
        platform: 'feishu',
        idempotencyKey: 'evt-1',
        action: 'bb.pick_template',
        conversationId: 'conv-1',
        cardId: 'card-1',
        operator: { openId: 'ou_agent', unionId: 'on_agent', userId: null },
        templateId: 'tpl-where-is-my-order',
        replyText: null,
        formValue: {},
        messageId: 'om_000001',
        chatId: 'oc_support_team',
      },
    ])
  })

  it('refuses a forged signature with 401 and dispatches nothing', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY })
    const request = click()
    const forged = { ...request, headers: { ...request.headers, 'x-lark-signature': 'f'.repeat(64) } }
    expect(await post(harness.url, forged)).toEqual({ status: 401, body: { error: 'unauthorised' } })
    const signedWithOtherKey = click({ encryptKey: 'someone-elses-key' })
    expect((await post(harness.url, signedWithOtherKey)).status).toBe(401)
    expect(harness.commands).toEqual([])
  })

  it('refuses a body changed after signing, a stale timestamp and an unsigned event', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY })
    const original = click()
    const other = click()
    expect((await post(harness.url, { headers: original.headers, body: other.body })).status).toBe(401)
    const stale = click({ timestamp: Math.floor(Date.now() / 1000) - 600 })
    expect((await post(harness.url, stale)).status).toBe(401)
    const unsigned = click()
    const headers = { 'content-type': 'application/json' }
    expect((await post(harness.url, { headers, body: unsigned.body })).status).toBe(401)
    expect(harness.commands).toEqual([])
  })

  it('refuses a correctly signed event carrying another verification token', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY })
    expect((await post(harness.url, click({ verificationToken: 'not-ours' }))).status).toBe(401)
    expect(harness.commands).toEqual([])
  })

  it('answers a repeated callback without dispatching it again', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY })
    const first = await post(harness.url, click({ eventId: 'evt-repeat' }))
    const again = await post(harness.url, click({ eventId: 'evt-repeat' }))
    expect(first.status).toBe(200)
    expect(again).toEqual({ status: 200, body: { toast: { type: 'info', content: '该操作已处理' } } })
    expect(harness.commands).toHaveLength(1)
  })

  it('echoes an encrypted URL-verification challenge, signed or not', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY })
    for (const sign of [true, false]) {
      const request = buildUrlVerification({ verificationToken: TOKEN, challenge: `challenge-${sign}`, encryptKey: ENCRYPT_KEY, sign })
      expect(await post(harness.url, request)).toEqual({ status: 200, body: { challenge: `challenge-${sign}` } })
    }
    const wrongToken = buildUrlVerification({ verificationToken: 'nope', challenge: 'c', encryptKey: ENCRYPT_KEY })
    expect((await post(harness.url, wrongToken)).status).toBe(401)
  })

  it('carries the edited reply of a form submit', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY })
    const request = click({
      value: { ...VALUE, action: 'bb.edit' },
      tag: 'button',
      option: undefined,
      name: 'bb_reply_submit',
      formValue: { reply_text: 'Hello Anna,\nyour parcel left our warehouse today.' },
    })
    expect((await post(harness.url, request)).status).toBe(200)
    expect(harness.commands[0]).toMatchObject({
      action: 'bb.edit',
      templateId: null,
      replyText: 'Hello Anna,\nyour parcel left our warehouse today.',
      formValue: { reply_text: 'Hello Anna,\nyour parcel left our warehouse today.' },
    })
  })

  it('refuses an operator outside the configured lists with an error toast', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY, authorised: { openIds: ['ou_manager'], unionIds: ['on_agent'] } })
    expect((await post(harness.url, click({ operator: { openId: 'ou_agent', unionId: 'on_agent' } }))).status).toBe(200)
    const refused = await post(harness.url, click({ operator: { openId: 'ou_stranger', unionId: 'on_stranger' } }))
    expect(refused).toEqual({ status: 200, body: { toast: { type: 'error', content: '你没有权限执行此操作' } } })
    expect(harness.commands.map((command) => command.operator.openId)).toEqual(['ou_agent'])
  })

  it('answers "working on it" when the work outlasts the budget, and hands the late result over', async () => {
    let finished = false
    const late: Array<[string, FeishuDispatchResult]> = []
    const harness = await start({
      encryptKey: ENCRYPT_KEY,
      budgetMs: 50,
      dispatch: async () => {
        await new Promise((resolve) => setTimeout(resolve, 300))
        finished = true
        return { toast: { type: 'success', content: 'done' }, card: updatedCard }
      },
      onLateResult: (command, result) => late.push([command.action, result]),
    })
    const answer = await post(harness.url, click())
    expect(answer).toEqual({ status: 200, body: { toast: { type: 'info', content: '正在处理，卡片稍后更新' } } })
    expect(finished).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(finished).toBe(true)
    expect(late).toEqual([['bb.pick_template', { toast: { type: 'success', content: 'done' }, card: updatedCard }]])
    expect(harness.logger.text()).not.toContain('failed')
  })

  it('answers an unknown action value with an error toast, not a dispatch', async () => {
    const harness = await start({ encryptKey: ENCRYPT_KEY })
    const answer = await post(harness.url, click({ value: { action: 'bb.delete_everything', conversationId: 'c', cardId: 'k' } }))
    expect(answer).toEqual({ status: 200, body: { toast: { type: 'error', content: '无法识别此操作' } } })
    expect(harness.commands).toEqual([])
  })
})

describe('POST /feishu/events without an encrypt key', () => {
  it('echoes the plain URL-verification challenge and checks the verification token of events', async () => {
    const harness = await start()
    const challenge = buildUrlVerification({ verificationToken: TOKEN, challenge: 'plain-challenge' })
    expect(await post(harness.url, challenge)).toEqual({ status: 200, body: { challenge: 'plain-challenge' } })

    const plain = click({ encryptKey: undefined, eventId: 'evt-plain' })
    expect(plain.headers['x-lark-signature']).toBeUndefined()
    expect((await post(harness.url, plain)).status).toBe(200)
    expect((await post(harness.url, click({ encryptKey: undefined, verificationToken: 'bad' }))).status).toBe(401)
    expect(harness.commands.map((command) => command.idempotencyKey)).toEqual(['evt-plain'])
  })

  it('refuses an encrypted body it cannot decrypt', async () => {
    const harness = await start()
    expect((await post(harness.url, click())).status).toBe(401)
  })
})

describe('the plugin’s raw-body parser', () => {
  it('stays inside the plugin: other routes still get parsed JSON', async () => {
    const logger = new RecordingLogger()
    const handler = createCardActionHandler({ dispatch: async () => ({ toast: { type: 'info', content: 'ok' } }), logger })
    const secrets = { verificationToken: TOKEN }
    app = Fastify()
    await feishuEventsRoute(createFeishuWebhook({ ...secrets, dispatcher: createFeishuEventDispatcher(handler, secrets, logger), logger }))(app)
    app.post('/other', async (request) => ({ parsed: request.body }))
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const response = await fetch(`${address}/other`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
    expect(await response.json()).toEqual({ parsed: { a: 1 } })
    const challenge = buildUrlVerification({ verificationToken: TOKEN, challenge: 'still-works' })
    expect(await post(`${address}/feishu/events`, challenge)).toEqual({ status: 200, body: { challenge: 'still-works' } })
  })
})

