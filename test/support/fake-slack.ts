// A local fake of the Slack Web API methods Buyerbridge calls, as a real HTTP server on 127.0.0.1, enforcing
// Slack's documented behaviour: bot token checked, chat.postMessage ≈ 1 message/s/channel with a small burst
// (429 + Retry-After), Block Kit limits (invalid_blocks / msg_blocks_too_long), trigger ids valid 3 s and
// used once; a post to a user id (U…/W…) lands in that person's DM and answers with the DM's channel id (D…),
// which chat.update needs (a user id there is channel_not_found); usergroups.users.list answers from the
// groups the test sets (no_such_subteam otherwise). Plus helpers that sign requests exactly as Slack signs them, to POST at the receiver.

import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FakeSlackSocketMode } from './fake-slack-socket.ts'

export interface RecordedCall {
  method: string
  args: Record<string, unknown>
  /** Milliseconds since the fake started. */
  at: number
  /** The HTTP status and Slack `error` the fake answered with (null when ok). */
  status: number
  error: string | null
}

export interface FakeSlackOptions {
  botToken: string
  /** chat.postMessage per channel: sustained rate and bucket size (Slack allows short bursts). */
  postRatePerSecond?: number
  postBurst?: number
  /** Slack's aggregate block text limit is about 13 K characters. */
  maxBlockText?: number
  /** User groups (S… ids) and their members, for usergroups.users.list. */
  userGroups?: Record<string, string[]>
  /** The app-level token (`xapp-…`): enables Socket Mode (`apps.connections.open` and the WebSocket) on this server. */
  appToken?: string
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const txt = (v: unknown): string => (isObject(v) && typeof v.text === 'string' ? v.text : '')

/** Slack's per-element limits (Block Kit reference), written independently of the adapter's validator. */
function blockProblems(blocks: unknown[]): { invalid: boolean; textTotal: number } {
  let invalid = blocks.length > 50
  let total = 0
  const text = (v: unknown, max: number) => {
    const t = txt(v)
    total += t.length
    if (t.length > max) invalid = true
  }
  const str = (v: unknown, max: number) => {
    if (typeof v === 'string' && v.length > max) invalid = true
  }
  const element = (e: unknown) => {
    if (!isObject(e)) return
    str(e.action_id, 255)
    if (e.type === 'button') {
      text(e.text, 75)
      str(e.value, 2000)
    }
    if (e.type === 'static_select') {
      const groups = arr(e.option_groups)
      const options = [...arr(e.options), ...groups.flatMap((g) => arr(isObject(g) ? g.options : []))]
      if (options.length > 100) invalid = true
      for (const g of groups) text(isObject(g) ? g.label : null, 75)
      for (const o of options) {
        text(isObject(o) ? o.text : null, 75)
        str(isObject(o) ? o.value : null, 150)
      }
    }
  }
  for (const b of blocks) {
    if (!isObject(b)) {
      invalid = true
      continue
    }
    str(b.block_id, 255)
    if (b.type === 'header') text(b.text, 150)
    if (b.type === 'section') {
      if (b.text !== undefined) text(b.text, 3000)
      const fields = arr(b.fields)
      if (fields.length > 10) invalid = true
      for (const f of fields) text(f, 2000)
      element(b.accessory)
    }
    if (b.type === 'context') {
      if (arr(b.elements).length > 10) invalid = true
      for (const e of arr(b.elements)) text(e, 3000)
    }
    if (b.type === 'actions') {
      if (arr(b.elements).length > 25) invalid = true
      arr(b.elements).forEach(element)
    }
  }
  return { invalid, textTotal: total }
}

function viewInvalid(view: Json): boolean {
  const metadata = typeof view.private_metadata === 'string' ? view.private_metadata : ''
  return (
    view.type !== 'modal' ||
    txt(view.title).length === 0 ||
    txt(view.title).length > 24 ||
    txt(view.submit).length > 24 ||
    txt(view.close).length > 24 ||
    metadata.length > 3000 ||
    arr(view.blocks).length > 100
  )
}

export class FakeSlack {
  readonly calls: RecordedCall[] = []
  /** Messages by channel and ts, as they stand after updates. */
  readonly messages = new Map<string, Map<string, Json>>()
  readonly views = new Map<string, Json>()
  readonly #options: Required<FakeSlackOptions>
  readonly #server: Server
  readonly #started = performance.now()
  readonly #buckets = new Map<string, { tokens: number; at: number }>()
  readonly #triggers = new Map<string, { issuedAt: number; used: boolean }>()
  /** User groups (S… ids) and their members; tests may change them while the fake runs. */
  readonly userGroups: Map<string, string[]>
  /** Socket Mode, when the fake was given an app token. */
  readonly socketMode: FakeSlackSocketMode | null
  #sequence = 0
  url = ''

  constructor(options: FakeSlackOptions) {
    this.#options = { postRatePerSecond: 1, postBurst: 4, maxBlockText: 13_000, userGroups: {}, appToken: '', ...options }
    this.userGroups = new Map(Object.entries(this.#options.userGroups))
    this.#server = createServer((req, res) => void this.#handle(req, res))
    this.socketMode = options.appToken ? new FakeSlackSocketMode(options.appToken, this.#server) : null
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/`
    return this
  }

  async stop(): Promise<void> {
    await this.socketMode?.stop()
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }

  /** A trigger id as Slack puts in an interaction payload; views.open accepts it once, within 3 s. */
  issueTriggerId(ageMs = 0): string {
    const id = `${Date.now()}.${randomBytes(6).toString('hex')}`
    this.#triggers.set(id, { issuedAt: performance.now() - ageMs, used: false })
    return id
  }

  /** The DM channel Slack opens between the app and a user (fixed per user, as on Slack). */
  dmChannelOf(userId: string): string {
    return `D${userId.slice(1)}`
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method)
  }

  #now(): number {
    return performance.now() - this.#started
  }

  #nextTs(): string {
    this.#sequence += 1
    return `1760000000.${String(this.#sequence).padStart(6, '0')}`
  }

  /** A token bucket per channel: `postBurst` tokens, refilled at `postRatePerSecond`. */
  #takePostToken(channel: string): number | null {
    const now = performance.now()
    const { postBurst: burst, postRatePerSecond: rate } = this.#options
    const bucket = this.#buckets.get(channel) ?? { tokens: burst, at: now }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate)
    bucket.at = now
    this.#buckets.set(channel, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return null
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rate))
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? ''
    const args: Json = {}
    if ((req.headers['content-type'] ?? '').startsWith('application/json')) Object.assign(args, JSON.parse(raw || '{}'))
    else for (const [key, value] of new URLSearchParams(raw)) args[key] = value
    for (const key of ['blocks', 'view']) {
      if (typeof args[key] === 'string') args[key] = JSON.parse(args[key])
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || (typeof args.token === 'string' ? args.token : '')
    const answer = (status: number, body: Json, headers: Record<string, string> = {}) => {
      this.calls.push({ method, args, at: this.#now(), status, error: body.ok === false ? String(body.error) : null })
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(JSON.stringify(body))
    }
    if (method === 'apps.connections.open' && this.socketMode) return answer(200, this.socketMode.connectionsOpen(req.headers.authorization))
    if (!token) return answer(200, { ok: false, error: 'not_authed' })
    if (token !== this.#options.botToken) return answer(200, { ok: false, error: 'invalid_auth' })
    const result = this.#method(method, args)
    if ('retryAfter' in result) {
      return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(result.retryAfter) })
    }
    return answer(200, result.body)
  }

  #checkBlocks(args: Json): string | null {
    if (args.blocks === undefined) return typeof args.text === 'string' && args.text ? null : 'no_text'
    if (!Array.isArray(args.blocks)) return 'invalid_blocks_format'
    const { invalid, textTotal } = blockProblems(args.blocks)
    if (invalid) return 'invalid_blocks'
    return textTotal > this.#options.maxBlockText ? 'msg_blocks_too_long' : null
  }

  #method(method: string, args: Json): { body: Json } | { retryAfter: number } {
    const fail = (error: string) => ({ body: { ok: false, error } })
    const channel = typeof args.channel === 'string' ? args.channel : ''
    switch (method) {
      case 'auth.test':
        return { body: { ok: true, url: 'https://fake.slack.test/', team: 'Fake Team', user: 'buyerbridge', team_id: 'T0FAKE', user_id: 'U0BOT', bot_id: 'B0BOT' } }
      case 'chat.postMessage': {
        if (!channel) return fail('channel_not_found')
        return this.#postMessage(/^[UW]/.test(channel) ? this.dmChannelOf(channel) : channel, args)
      }
      case 'chat.update': {
        const existing = this.messages.get(channel)?.get(String(args.ts))
        if (!existing) return fail(this.messages.has(channel) ? 'message_not_found' : 'channel_not_found')
        const problem = this.#checkBlocks(args)
        if (problem) return fail(problem)
        Object.assign(existing, { text: args.text, blocks: args.blocks })
        return { body: { ok: true, channel, ts: args.ts, text: args.text } }
      }
      case 'usergroups.users.list': {
        const users = this.userGroups.get(String(args.usergroup ?? ''))
        return users ? { body: { ok: true, users } } : fail('no_such_subteam')
      }
      case 'chat.postEphemeral':
        if (!channel) return fail('channel_not_found')
        if (typeof args.user !== 'string' || !args.user) return fail('user_not_in_channel')
        return { body: { ok: true, message_ts: this.#nextTs() } }
      case 'views.open': {
        const trigger = this.#triggers.get(String(args.trigger_id))
        if (!trigger) return fail('invalid_trigger_id')
        if (trigger.used) return fail('exchanged_trigger_id')
        if (performance.now() - trigger.issuedAt > 3000) return fail('expired_trigger_id')
        trigger.used = true
        return this.#storeView(args.view, `V${String(++this.#sequence).padStart(8, '0')}`)
      }
      case 'views.update': {
        const id = String(args.view_id)
        if (!this.views.has(id)) return fail('not_found')
        return this.#storeView(args.view, id)
      }
      default:
        return fail('unknown_method')
    }
  }

  #postMessage(channel: string, args: Json): { body: Json } | { retryAfter: number } {
    const wait = this.#takePostToken(channel)
    if (wait !== null) return { retryAfter: wait }
    const problem = this.#checkBlocks(args)
    if (problem) return { body: { ok: false, error: problem } }
    const inChannel = this.messages.get(channel) ?? new Map<string, Json>()
    if (typeof args.thread_ts === 'string' && !inChannel.has(args.thread_ts)) return { body: { ok: false, error: 'thread_not_found' } }
    this.messages.set(channel, inChannel)
    const ts = this.#nextTs()
    const message = { ts, text: args.text, blocks: args.blocks, thread_ts: args.thread_ts }
    inChannel.set(ts, message)
    return { body: { ok: true, channel, ts, message } }
  }

  #storeView(view: unknown, id: string): { body: Json } {
    if (!isObject(view) || viewInvalid(view)) return { body: { ok: false, error: 'invalid_arguments' } }
    const stored = { ...view, id, hash: randomBytes(4).toString('hex') }
    this.views.set(id, stored)
    return { body: { ok: true, view: stored } }
  }
}

export * from './slack-requests.ts'
