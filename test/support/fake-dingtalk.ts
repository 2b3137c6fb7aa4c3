// A local fake of the DingTalk OpenAPI for tests: a real HTTP server on 127.0.0.1 that issues expiring access
// tokens for one app key/secret, creates and delivers card instances with the documented checks (template id,
// outTrackId, openSpaceId format, a deliver model matching the space, string params with keys ≤ 100 B and
// values ≤ 1 KB), updates instances, throttles each API past its QPS with HTTP 403
// `Forbidden.AccessDenied.QpsLimitForAppkeyAndApi`, opens Stream connections (ticket + local ws:// endpoint,
// served by fake-dingtalk-stream.ts), and receives custom-robot webhooks and session-webhook replies to robot
// messages (fake-dingtalk-robots.ts). A reused outTrackId: DingTalk documents that one outTrackId is one card
// and lists `param.cardAlreadyExist`, so the same request again is answered as the first (no second card) and
// different content is refused with that code. Codes the docs do not give are marked as the fake's choice.

import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildAccountHealthCardView, buildCardView } from '../../src/domain/card/index.ts'
import type { CardView, ConversationCardInput } from '../../src/domain/card/index.ts'
import type { UiLanguage } from '../../src/domain/vocabulary.ts'
import { FakeCustomRobots, FakeSessionWebhooks } from './fake-dingtalk-robots.ts'
import { FAKE_BOT_TOPIC, FakeStreamGateway } from './fake-dingtalk-stream.ts'

export interface FakeDingtalkOptions {
  appKey: string
  appSecret: string
  tokenTtlSeconds?: number
  /** Calls per second per API before the 403 throttle; default 20. */
  perApiQps?: number
  cardTemplateIds?: readonly string[]
  robots?: readonly { accessToken: string; secret?: string }[]
  robotPerMinute?: number
  redeliverAfterMs?: number
  /** Clock for token expiry, robot timestamps and the robot's minute window. */
  now?: () => number
}

export interface RecordedCall {
  method: string
  path: string
  query: Record<string, string>
  token: string | null
  body: unknown
  status: number
  code: string | number | null
  at: number
}

export interface FakeCard {
  outTrackId: string
  createBody: Record<string, unknown>
  cardParamMap: Record<string, string>
  spaceType: string
  spaceId: string
  deliveries: number
  updates: number
}

interface Answer {
  status: number
  body: unknown
}

const SPACE = /^dtv1\.card\/\/(IM_GROUP|IM_ROBOT|IM_SINGLE|ONE_BOX)\.(.+)$/i

export class FakeDingtalk {
  readonly calls: RecordedCall[] = []
  readonly cards = new Map<string, FakeCard>()
  readonly stream: FakeStreamGateway
  readonly sessions: FakeSessionWebhooks
  readonly robots: FakeCustomRobots
  tokenRequests = 0
  readonly #options: FakeDingtalkOptions
  readonly #now: () => number
  readonly #tokens = new Map<string, number>()
  readonly #apiCalls = new Map<string, number[]>()
  readonly #forced = new Map<string, Answer[]>()
  #server: Server | null = null
  #port = 0

  constructor(options: FakeDingtalkOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
    this.stream = new FakeStreamGateway({ ...(options.redeliverAfterMs === undefined ? {} : { redeliverAfterMs: options.redeliverAfterMs }) })
    this.sessions = new FakeSessionWebhooks(() => this.baseUrl, this.#now)
    this.robots = new FakeCustomRobots(options.robots ?? [], options.robotPerMinute ?? 20, this.#now)
    this.stream.onAnswer = (frame, answer) => this.#applyCallbackAnswer(frame, answer)
  }

  /** DingTalk shows a card callback's answer at once: its `cardData` is merged into the card (by key when asked). */
  #applyCallbackAnswer(frame: { topic: string; data: string }, answer: unknown): void {
    if (frame.topic !== '/v1.0/card/instances/callback') return
    const outTrackId = (JSON.parse(frame.data) as { outTrackId?: unknown }).outTrackId
    const card = typeof outTrackId === 'string' ? this.cards.get(outTrackId) : undefined
    const response = (answer as { response?: { cardData?: unknown; cardUpdateOptions?: { updateCardDataByKey?: unknown } } } | null)?.response
    const params = response?.cardData ? validParams(response.cardData) : null
    if (!card || !params) return
    card.cardParamMap = response?.cardUpdateOptions?.updateCardDataByKey === true ? { ...card.cardParamMap, ...params } : params
  }

  /** Someone writes `text` to the app's robot: pushed on the robot topic; returns the Stream messageId. */
  pushBotMessage(text: string, options: Parameters<FakeSessionWebhooks['message']>[1] = {}): string {
    return this.stream.pushCallback(FAKE_BOT_TOPIC, this.sessions.message(text, options))
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}`
  }

  /** Messages the custom robots accepted. */
  get robotMessages(): readonly { accessToken: string; body: unknown; at: number }[] {
    return this.robots.messages
  }

  robotUrl(accessToken: string): string {
    return `${this.baseUrl}/robot/send?access_token=${accessToken}`
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => void this.#handle(request, response))
    this.stream.attach(server, '/connect')
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.#server = server
    this.#port = (server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.stream.close()
    const server = this.#server
    this.#server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** The next `times` calls of `path` get `answer` instead of being handled. */
  failNext(path: string, answer: Answer, times = 1): void {
    this.#forced.set(path, [...(this.#forced.get(path) ?? []), ...Array.from({ length: times }, () => answer)])
  }

  clearForced(): void {
    this.#forced.clear()
  }

  expireAllTokens(): void {
    this.#tokens.clear()
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((call) => call.path === path)
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl)
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    let body: unknown = null
    try {
      body = raw === '' ? null : (JSON.parse(raw) as unknown)
    } catch {
      body = raw
    }
    const tokenHeader = request.headers['x-acs-dingtalk-access-token']
    const token = typeof tokenHeader === 'string' ? tokenHeader : null
    const forced = this.#forced.get(url.pathname)?.shift()
    const answer = forced ?? this.#route(request.method ?? 'GET', url, token, body, Buffer.byteLength(raw))
    const code = answer.body !== null && typeof answer.body === 'object' ? ((answer.body as { code?: string; errcode?: number }).code ?? (answer.body as { errcode?: number }).errcode ?? null) : null
    this.calls.push({ method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), token, body, status: answer.status, code, at: Date.now() })
    response.writeHead(answer.status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(answer.body))
  }

  #route(method: string, url: URL, token: string | null, body: unknown, bytes: number): Answer {
    const path = url.pathname
    if (method === 'POST' && path === '/v1.0/oauth2/accessToken') return this.#accessToken(body)
    if (method === 'POST' && path === '/v1.0/gateway/connections/open') return this.#openConnection(body)
    if (method === 'POST' && path === '/robot/send') return this.robots.receive(url, body, bytes)
    if (method === 'POST' && path === '/robot/sendBySession') return this.sessions.receive(url, token, body)
    const isCreate = method === 'POST' && path === '/v1.0/card/instances/createAndDeliver'
    const isUpdate = method === 'PUT' && path === '/v1.0/card/instances'
    if (!isCreate && !isUpdate) return { status: 404, body: { code: 'fake.notFound', message: `${method} ${path}` } }
    if (token === null || !((this.#tokens.get(token) ?? 0) > this.#now())) {
      return { status: 401, body: { code: 'InvalidAuthentication', message: '不合法的access_token' } }
    }
    if (this.#throttled(path)) {
      return { status: 403, body: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', message: '应用调用该接口的请求数超过限流值' } }
    }
    return isCreate ? this.#createAndDeliver(body) : this.#update(body)
  }

  #accessToken(body: unknown): Answer {
    this.tokenRequests++
    const { appKey, appSecret } = (body ?? {}) as { appKey?: unknown; appSecret?: unknown }
    if (appKey !== this.#options.appKey || appSecret !== this.#options.appSecret) {
      // The fake's choice of code.
      return { status: 400, body: { code: 'invalidClientIdOrSecret', message: 'appKey or appSecret is wrong' } }
    }
    const ttl = this.#options.tokenTtlSeconds ?? 7200
    const accessToken = randomBytes(16).toString('hex')
    this.#tokens.set(accessToken, this.#now() + ttl * 1000)
    return { status: 200, body: { accessToken, expireIn: ttl } }
  }

  #openConnection(body: unknown): Answer {
    const { clientId, clientSecret, subscriptions } = (body ?? {}) as { clientId?: unknown; clientSecret?: unknown; subscriptions?: unknown }
    if (clientId !== this.#options.appKey || clientSecret !== this.#options.appSecret) {
      return { status: 401, body: { code: 'fake.unauthorized', message: 'clientId or clientSecret is wrong' } }
    }
    const topics = Array.isArray(subscriptions) ? (subscriptions as { type?: unknown; topic?: unknown }[]) : []
    if (!topics.some((s) => s.type === 'CALLBACK' && s.topic === '/v1.0/card/instances/callback')) {
      return { status: 400, body: { code: 'fake.noSubscription', message: 'no CALLBACK subscription for the card topic' } }
    }
    const subscribed = topics.filter((s) => s.type === 'CALLBACK' && typeof s.topic === 'string').map((s) => s.topic as string)
    return { status: 200, body: { endpoint: `ws://127.0.0.1:${this.#port}/connect`, ticket: this.stream.issueTicket(subscribed) } }
  }

  #throttled(path: string): boolean {
    const now = Date.now()
    const recent = (this.#apiCalls.get(path) ?? []).filter((at) => at > now - 1000)
    recent.push(now)
    this.#apiCalls.set(path, recent)
    return recent.length > (this.#options.perApiQps ?? 20)
  }

  #createAndDeliver(input: unknown): Answer {
    const body = (input ?? {}) as Record<string, unknown>
    const refuse = (code: string): Answer => ({ status: 400, body: { code, message: code } })
    if (typeof body['cardTemplateId'] !== 'string' || body['cardTemplateId'] === '') return refuse('param.cardTemplateIdEmpty')
    const templates = this.#options.cardTemplateIds
    if (templates && !templates.includes(body['cardTemplateId'])) return refuse('param.templateNotExist')
    if (typeof body['outTrackId'] !== 'string' || body['outTrackId'] === '') return refuse('param.outTrackIdEmpty')
    if (typeof body['openSpaceId'] !== 'string' || body['openSpaceId'] === '') return refuse('param.openSpaceIdEmpty')
    const space = SPACE.exec(body['openSpaceId'])
    if (!space) return refuse('param.openSpaceIdInvalid')
    const spaceType = (space[1] as string).toUpperCase()
    const spaceId = space[2] as string
    const deliverModel = spaceType === 'IM_GROUP' ? body['imGroupOpenDeliverModel'] : spaceType === 'IM_ROBOT' ? body['imRobotOpenDeliverModel'] : {}
    if (deliverModel === null || typeof deliverModel !== 'object') return refuse('param.openDeliverModelEmpty')
    if (spaceType === 'IM_GROUP' && typeof (deliverModel as { robotCode?: unknown }).robotCode !== 'string') return refuse('param.openDeliverModelError')
    if (body['callbackType'] !== undefined && body['callbackType'] !== 'STREAM' && body['callbackType'] !== 'HTTP') return refuse('param.invalid')
    const params = validParams(body['cardData'])
    if (!params) return refuse('param.invalid')
    const outTrackId = body['outTrackId']
    const existing = this.cards.get(outTrackId)
    if (existing) {
      if (JSON.stringify(existing.createBody) !== JSON.stringify(body)) return refuse('param.cardAlreadyExist')
    } else {
      this.cards.set(outTrackId, { outTrackId, createBody: body, cardParamMap: params, spaceType, spaceId, deliveries: 1, updates: 0 })
    }
    return {
      status: 200,
      body: { success: true, result: { outTrackId, deliverResults: [{ spaceType, spaceId, success: true, carrierId: `carrier-${outTrackId}` }] } },
    }
  }

  #update(input: unknown): Answer {
    const body = (input ?? {}) as Record<string, unknown>
    if (typeof body['outTrackId'] !== 'string' || body['outTrackId'] === '') return { status: 400, body: { code: 'param.outTrackIdEmpty', message: 'outTrackId' } }
    const card = this.cards.get(body['outTrackId'])
    if (!card) return { status: 400, body: { code: 'param.cardNotExist', message: 'card not exist' } }
    const params = validParams(body['cardData'])
    if (!params) return { status: 400, body: { code: 'param.invalid', message: 'cardData' } }
    const byKey = (body['cardUpdateOptions'] as { updateCardDataByKey?: unknown } | undefined)?.updateCardDataByKey === true
    card.cardParamMap = byKey ? { ...card.cardParamMap, ...params } : params
    card.updates++
    return { status: 200, body: { success: true, result: true } }
  }
}

function validParams(cardData: unknown): Record<string, string> | null {
  const map = (cardData as { cardParamMap?: unknown } | null)?.cardParamMap
  if (map === null || typeof map !== 'object') return null
  const params: Record<string, string> = {}
  for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
    if (typeof value !== 'string' || Buffer.byteLength(key) > 100 || Buffer.byteLength(value) > 1024) return null
    params[key] = value
  }
  return params
}

// Sample card views for the DingTalk tests, built by the domain's own card builders.

export const NOW = new Date('2026-11-22T10:00:00Z')

type Conversation = ConversationCardInput['conversation']

export function conversationInput(overrides: Partial<Conversation> = {}, extra: Partial<ConversationCardInput> = {}): ConversationCardInput {
  const conversation: Conversation = {
    id: 'conv-1', storeName: 'Acme US', marketplace: 'US', orderId: '111-2223334-5556667', buyerName: 'Anna',
    productTitle: 'Steel water bottle 750 ml', language: 'en', intent: 'where-is-my-order', riskFlags: ['review-threat'],
    riskScore: 45, state: 'notified', slaDueAt: new Date('2026-11-23T08:00:00Z'), assignee: null, escalated: null,
    acknowledged: null, pagedAfterHours: false, messageCount: 2,
    latestMessageText: 'Where is my order? I will leave a *bad* review [now](http://evil.example) unless it arrives.',
  }
  return {
    now: NOW,
    conversation: { ...conversation, ...overrides },
    templates: [
      { id: 'tpl-wismo', title: { en: 'Where is my order', 'zh-CN': '物流查询' }, path: 'email', rank: 1, languageFallback: false },
      { id: 'tpl-delay', title: { en: 'Delivery delay', 'zh-CN': '配送延迟' }, path: 'spapi:confirmDeliveryDetails', rank: 2, languageFallback: false },
      { id: 'tpl-other', title: { en: 'Other question', 'zh-CN': '其他问题' }, path: 'email', rank: 5, languageFallback: true },
    ],
    lastReply: null,
    listenOnly: false,
    paused: false,
    awaitingApproval: null,
    ...extra,
  }
}

export function conversationView(language: UiLanguage = 'zh-CN', overrides: Partial<Conversation> = {}, extra: Partial<ConversationCardInput> = {}): CardView {
  return buildCardView(conversationInput(overrides, extra), language, { excerptChars: 20_000 })
}

export function healthView(language: UiLanguage = 'zh-CN'): CardView {
  const alert = { id: 'alert-1', storeName: 'Acme DE', marketplace: 'DE', metric: 'orderDefectRate.mfn', value: 0.013, previousValue: 0.006 }
  return buildAccountHealthCardView({ ...alert, target: { value: 0.01, condition: 'LESS_THAN' }, severity: 'critical', observedAt: NOW, acknowledged: null }, language)
}
