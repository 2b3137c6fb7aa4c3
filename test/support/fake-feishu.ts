// A local fake of the Feishu open API for tests: a real HTTP server on 127.0.0.1 that issues expiring tenant
// tokens, accepts card messages (create / patch / reply) with Feishu's documented constraints — bearer
// token, `update_multi` for patches, replies only to messages it knows (cards, and users' messages to the
// bot made with `userMessage`), 30 KB cards, 5 QPS per chat and per message answered with HTTP 429 and
// `{ code: 99991400 }` — and records every call. The callback builders (signed and encrypted as Feishu sends
// them) live in fake-feishu-callbacks.ts and are re-exported here. Where Feishu's exact error code for a
// refusal is not documented, the code is marked as the fake's choice.

import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { messageReceiveEvent, type MessageReceiveInput } from './fake-feishu-callbacks.ts'
import { FakeFeishuWsGateway } from './fake-feishu-ws.ts'

export interface FakeFeishuOptions {
  appId: string
  appSecret: string
  tokenTtlSeconds?: number
  chatQps?: number
  messagePatchQps?: number
  maxCardBytes?: number
}

export interface RecordedCall {
  method: string
  path: string
  query: Record<string, string>
  authorization: string | null
  body: unknown
  status: number
  code: number
  at: number
}

export interface FakeMessage {
  messageId: string
  chatId: string
  msgType: string
  content: string
  /** Parsed card of the latest version, for interactive messages. */
  card: Record<string, unknown> | null
  /** The message this one replies to. */
  parentId: string | null
  replyInThread: boolean
  patchCount: number
}

interface Answer {
  status: number
  body: Record<string, unknown>
  headers?: Record<string, string>
}

const FREQUENCY_LIMIT: Answer = {
  status: 429,
  body: { code: 99991400, msg: 'request trigger frequency limit' },
  headers: { 'x-ogw-ratelimit-limit': '5', 'x-ogw-ratelimit-reset': '1' },
}

export class FakeFeishu {
  readonly calls: RecordedCall[] = []
  readonly messages = new Map<string, FakeMessage>()
  /** The WSClient long connection: pushes events, collects the answers. */
  readonly longConnection: FakeFeishuWsGateway
  tokenRequests = 0
  rateLimited = 0
  baseUrl = ''
  readonly #options: Required<FakeFeishuOptions>
  readonly #tokens = new Map<string, number>()
  readonly #uuids = new Map<string, string>()
  readonly #chatWindows = new Map<string, number[]>()
  readonly #patchWindows = new Map<string, number[]>()
  readonly #injected: Answer[] = []
  #server: Server | null = null
  #messageSeq = 0

  constructor(options: FakeFeishuOptions) {
    this.longConnection = new FakeFeishuWsGateway({ appId: options.appId, appSecret: options.appSecret })
    this.#options = { tokenTtlSeconds: 7200, chatQps: 5, messagePatchQps: 5, maxCardBytes: 30 * 1024, ...options }
  }

  static async start(options: FakeFeishuOptions): Promise<FakeFeishu> {
    const fake = new FakeFeishu(options)
    const server = createServer((req, res) => void fake.#handle(req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    fake.#server = server
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    fake.longConnection.attach(server, fake.baseUrl)
    return fake
  }

  async close(): Promise<void> {
    const server = this.#server
    if (!server) return
    this.longConnection.close()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** The next `count` IM calls (not token calls) get this answer instead of being processed. */
  failNext(count: number, answer: Answer = FREQUENCY_LIMIT): void {
    for (let i = 0; i < count; i++) this.#injected.push(answer)
  }

  /** Every issued tenant token stops working (as after a secret reset). */
  revokeTokens(): void {
    this.#tokens.clear()
  }

  /** A user's text message in a chat, as the bot receives it: stored (so the bot can reply to it) and returned as the event. */
  userMessage(input: Omit<MessageReceiveInput, 'messageId' | 'appId'>): Record<string, unknown> {
    const made = this.#store(input.chatId, { msg_type: 'text', content: JSON.stringify({ text: input.text }) }, null, false) as FakeMessage
    return messageReceiveEvent({ ...input, appId: this.#options.appId, messageId: made.messageId })
  }

  callsTo(method: string, pathPrefix: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && call.path.startsWith(pathPrefix))
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake')
    const raw = await readBody(req)
    let body: unknown = null
    try {
      body = raw ? JSON.parse(raw) : null
    } catch {
      body = raw
    }
    const answer = this.#route(req.method ?? 'GET', url, req.headers.authorization ?? null, body)
    this.calls.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization ?? null,
      body,
      status: answer.status,
      code: typeof answer.body['code'] === 'number' ? answer.body['code'] : -1,
      at: Date.now(),
    })
    if (answer.body['code'] === 99991400) this.rateLimited++
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers })
    res.end(JSON.stringify(answer.body))
  }

  #route(method: string, url: URL, authorization: string | null, body: unknown): Answer {
    const path = url.pathname
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') return this.#issueToken(body)
    if (method === 'POST' && path === '/callback/ws/endpoint') return this.longConnection.endpoint(body)
    if (!path.startsWith('/open-apis/im/v1/messages')) return { status: 404, body: { code: 404, msg: 'not found' } }
    if (!this.#authorised(authorization)) {
      return { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' } }
    }
    const injected = this.#injected.shift()
    if (injected) return injected
    const input = (body ?? {}) as Record<string, unknown>
    if (method === 'POST' && path === '/open-apis/im/v1/messages') return this.#create(url, input)
    const match = /^\/open-apis\/im\/v1\/messages\/([^/]+)(\/reply)?$/.exec(path)
    if (match?.[1] && method === 'PATCH' && !match[2]) return this.#patch(decodeURIComponent(match[1]), input)
    if (match?.[1] && method === 'POST' && match[2]) return this.#reply(decodeURIComponent(match[1]), input)
    return { status: 404, body: { code: 404, msg: 'not found' } }
  }

  #issueToken(body: unknown): Answer {
    this.tokenRequests++
    const input = (body ?? {}) as Record<string, unknown>
    if (input['app_id'] !== this.#options.appId) return { status: 400, body: { code: 10003, msg: 'invalid param app_id' } }
    if (input['app_secret'] !== this.#options.appSecret) return { status: 400, body: { code: 10014, msg: 'app secret invalid' } }
    const token = `t-${randomBytes(16).toString('hex')}`
    this.#tokens.set(token, Date.now() + this.#options.tokenTtlSeconds * 1000)
    return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: this.#options.tokenTtlSeconds } }
  }

  #authorised(authorization: string | null): boolean {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1]
    const expiresAt = token ? this.#tokens.get(token) : undefined
    return expiresAt !== undefined && expiresAt > Date.now()
  }

  #create(url: URL, input: Record<string, unknown>): Answer {
    // Group chats (chat_id, oc_…) and one person's chat with the bot (open_id, ou_…).
    const receiveIdType = url.searchParams.get('receive_id_type')
    if (receiveIdType !== 'chat_id' && receiveIdType !== 'open_id') return invalid('receive_id_type must be chat_id or open_id in this fake')
    if (receiveIdType === 'open_id' && !String(input['receive_id']).startsWith('ou_')) return invalid('receive_id is not an open_id')
    const chatId = input['receive_id']
    if (typeof chatId !== 'string' || !chatId) return invalid('receive_id is required')
    const uuid = typeof input['uuid'] === 'string' ? input['uuid'] : null
    const duplicate = uuid ? this.#uuids.get(uuid) : undefined
    if (duplicate) return ok(this.#describe(this.messages.get(duplicate)!))
    if (!this.#withinRate(this.#chatWindows, chatId, this.#options.chatQps)) return FREQUENCY_LIMIT
    const made = this.#store(chatId, input, null, false)
    if ('status' in made) return made
    if (uuid) this.#uuids.set(uuid, made.messageId)
    return ok(this.#describe(made))
  }

  #patch(messageId: string, input: Record<string, unknown>): Answer {
    const message = this.messages.get(messageId)
    if (!message) return invalid('message not found', 230001)
    if (message.msgType !== 'interactive') return invalid('only card messages can be patched', 230001)
    // Feishu refuses to update a card sent without `update_multi` (shared card); the code is the fake's choice.
    if ((message.card?.['config'] as Record<string, unknown> | undefined)?.['update_multi'] !== true) {
      return invalid('the original card was not sent with config.update_multi = true', 230001)
    }
    const content = input['content']
    if (typeof content !== 'string') return invalid('content must be a string')
    const card = parseCard(content)
    if (!card) return invalid('content is not a card')
    if (Buffer.byteLength(content, 'utf8') > this.#options.maxCardBytes) return invalid('card content over 30 KB', 230025)
    if (!this.#withinRate(this.#patchWindows, messageId, this.#options.messagePatchQps)) return FREQUENCY_LIMIT
    message.content = content
    message.card = card
    message.patchCount++
    return ok({})
  }

  #reply(parentId: string, input: Record<string, unknown>): Answer {
    const parent = this.messages.get(parentId)
    if (!parent) return invalid('message not found', 230001)
    const uuid = typeof input['uuid'] === 'string' ? input['uuid'] : null
    const duplicate = uuid ? this.#uuids.get(uuid) : undefined
    if (duplicate) return ok(this.#describe(this.messages.get(duplicate)!))
    if (!this.#withinRate(this.#chatWindows, parent.chatId, this.#options.chatQps)) return FREQUENCY_LIMIT
    const made = this.#store(parent.chatId, input, parentId, input['reply_in_thread'] === true)
    if ('status' in made) return made
    if (uuid) this.#uuids.set(uuid, made.messageId)
    return ok(this.#describe(made))
  }

  #store(chatId: string, input: Record<string, unknown>, parentId: string | null, replyInThread: boolean): FakeMessage | Answer {
    const msgType = input['msg_type']
    const content = input['content']
    if (typeof msgType !== 'string' || typeof content !== 'string') return invalid('msg_type and content (a JSON string) are required')
    let card: Record<string, unknown> | null = null
    if (msgType === 'interactive') {
      card = parseCard(content)
      if (!card) return invalid('content is not a card')
      if (Buffer.byteLength(content, 'utf8') > this.#options.maxCardBytes) return invalid('card content over 30 KB', 230025)
    } else if (msgType === 'text') {
      const text = parseCard(content)?.['text']
      if (typeof text !== 'string') return invalid('text content must be {"text": "..."}')
    }
    const message: FakeMessage = {
      messageId: `om_${(++this.#messageSeq).toString().padStart(6, '0')}`,
      chatId,
      msgType,
      content,
      card,
      parentId,
      replyInThread,
      patchCount: 0,
    }
    this.messages.set(message.messageId, message)
    return message
  }

  #describe(message: FakeMessage): Record<string, unknown> {
    return {
      message_id: message.messageId,
      chat_id: message.chatId,
      msg_type: message.msgType,
      parent_id: message.parentId ?? undefined,
      body: { content: message.content },
    }
  }

  #withinRate(windows: Map<string, number[]>, key: string, limit: number): boolean {
    const now = Date.now()
    const recent = (windows.get(key) ?? []).filter((at) => at > now - 1000)
    if (recent.length >= limit) {
      windows.set(key, recent)
      return false
    }
    recent.push(now)
    windows.set(key, recent)
    return true
  }
}

function ok(data: Record<string, unknown>): Answer {
  return { status: 200, body: { code: 0, msg: 'success', data } }
}

function invalid(msg: string, code = 230001): Answer {
  return { status: 400, body: { code, msg } }
}

function parseCard(content: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content)
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

export * from './fake-feishu-callbacks.ts'
