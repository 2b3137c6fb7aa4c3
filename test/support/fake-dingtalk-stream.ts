// The Stream mode side of the local DingTalk fake: a WebSocket server (RFC 6455 written out here: handshake,
// masked client frames, text/close/ping) on the fake's HTTP server that admits a connection only with a
// ticket issued by the connection-open call, pushes CALLBACK frames as DingTalk does, and checks the
// acknowledgements: an answer must be `{ code: 200, headers: { messageId }, message, data: "<json>" }` for a
// message it pushed; a callback left unanswered is pushed again (same messageId) after `redeliverAfterMs`
// (DingTalk: about a minute). It also sends SYSTEM ping / disconnect frames, can drop every socket, and can
// freeze them: open at the TCP level but answering nothing, not even protocol pings (a silently dead link).
// A frame goes only to a connection whose connection-open call subscribed to its topic, as DingTalk routes them.

import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
export const FAKE_CARD_TOPIC = '/v1.0/card/instances/callback'
export const FAKE_BOT_TOPIC = '/v1.0/im/bot/messages/get'

export interface StreamAck {
  messageId: string
  /** The parsed `data` of the answer (for callbacks `{ response }`). */
  data: unknown
  at: number
}

interface Pending {
  frame: Record<string, unknown>
  timer: NodeJS.Timeout | null
}

export class FakeStreamGateway {
  redeliverAfterMs: number
  /** Told of every valid answer with the frame it answers (the OpenAPI side applies card callback answers). */
  onAnswer: ((frame: { topic: string; data: string }, answer: unknown) => void) | null = null
  readonly acks: StreamAck[] = []
  /** Frames from the client that were not a valid answer to something we pushed. */
  readonly badFrames: unknown[] = []
  readonly pongs: unknown[] = []
  /** How many times each messageId was pushed. */
  readonly deliveries = new Map<string, number>()
  connectCount = 0
  refusedUpgrades = 0
  readonly #tickets = new Map<string, ReadonlySet<string>>()
  readonly #sockets = new Set<Duplex>()
  readonly #topics = new Map<Duplex, ReadonlySet<string>>()
  readonly #frozen = new Set<Duplex>()
  /** Protocol-level pings received from clients. */
  protocolPings = 0
  readonly #pending = new Map<string, Pending>()
  readonly #waiters = new Set<() => void>()

  constructor(options: { redeliverAfterMs?: number } = {}) {
    this.redeliverAfterMs = options.redeliverAfterMs ?? 60_000
  }

  /** A one-use ticket for a connection subscribed to `topics` (default: card callbacks). */
  issueTicket(topics: readonly string[] = [FAKE_CARD_TOPIC]): string {
    const ticket = randomUUID()
    this.#tickets.set(ticket, new Set(topics))
    return ticket
  }

  attach(server: Server, path: string): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex) => this.#upgrade(request, socket, path))
  }

  get openConnections(): number {
    return this.#sockets.size
  }

  /** Pushes a card callback; returns its messageId. */
  pushCardCallback(data: Record<string, unknown>, options: { messageId?: string; topic?: string } = {}): string {
    return this.pushCallback(options.topic ?? FAKE_CARD_TOPIC, data, options)
  }

  /** Pushes a CALLBACK frame of any topic (robot messages: FAKE_BOT_TOPIC); returns its messageId. */
  pushCallback(topic: string, data: Record<string, unknown>, options: { messageId?: string } = {}): string {
    const messageId = options.messageId ?? randomUUID()
    const frame = {
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: { appId: 'fake-app', connectionId: 'fake-connection', contentType: 'application/json', messageId, time: String(Date.now()), topic },
      data: JSON.stringify(data),
    }
    this.#pending.set(messageId, { frame, timer: null })
    this.#deliver(messageId)
    return messageId
  }

  sendSystem(topic: 'ping' | 'disconnect' | 'KEEPALIVE', data: Record<string, unknown> = {}): string {
    const messageId = randomUUID()
    this.#broadcast({ specVersion: '1.0', type: 'SYSTEM', headers: { contentType: 'application/json', messageId, time: String(Date.now()), topic }, data: JSON.stringify(data) })
    return messageId
  }

  /** Keeps every current connection open but silent: nothing is read, answered or pushed on it. */
  freezeAll(): void {
    for (const socket of this.#sockets) this.#frozen.add(socket)
  }

  /** Cuts every connection without a close frame (a network drop). */
  dropAll(): void {
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
    this.#frozen.clear()
  }

  isAcked(messageId: string): boolean {
    return this.acks.some((ack) => ack.messageId === messageId)
  }

  async waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`fake DingTalk stream: timed out waiting for ${what}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, 20)
        const waiters = this.#waiters
        function finish() {
          clearTimeout(timer)
          waiters.delete(finish)
          resolve()
        }
        waiters.add(finish)
      })
    }
  }

  async waitForAck(messageId: string, timeoutMs = 5000): Promise<StreamAck> {
    await this.waitFor(() => this.isAcked(messageId), timeoutMs, `the ack of ${messageId}`)
    return this.acks.find((ack) => ack.messageId === messageId) as StreamAck
  }

  close(): void {
    for (const pending of this.#pending.values()) if (pending.timer) clearTimeout(pending.timer)
    this.#pending.clear()
    this.dropAll()
  }

  #notify(): void {
    for (const waiter of [...this.#waiters]) waiter()
  }

  #deliver(messageId: string): void {
    const pending = this.#pending.get(messageId)
    if (!pending) return
    const topic = (pending.frame['headers'] as { topic: string }).topic
    const socket = [...this.#sockets].filter((open) => !this.#frozen.has(open) && (this.#topics.get(open)?.has(topic) ?? false)).at(-1)
    if (socket) {
      this.deliveries.set(messageId, (this.deliveries.get(messageId) ?? 0) + 1)
      writeText(socket, JSON.stringify(pending.frame))
    }
    pending.timer = setTimeout(() => {
      if (this.#pending.has(messageId)) this.#deliver(messageId)
    }, this.redeliverAfterMs)
  }

  #broadcast(frame: Record<string, unknown>): void {
    for (const socket of this.#sockets) if (!this.#frozen.has(socket)) writeText(socket, JSON.stringify(frame))
  }

  #upgrade(request: IncomingMessage, socket: Duplex, path: string): void {
    const url = new URL(request.url ?? '/', 'http://fake')
    const ticket = url.searchParams.get('ticket') ?? ''
    const key = request.headers['sec-websocket-key']
    const topics = this.#tickets.get(ticket)
    if (url.pathname !== path || typeof key !== 'string' || !topics || !this.#tickets.delete(ticket)) {
      this.refusedUpgrades++
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')
      return
    }
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64')
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
    this.connectCount++
    this.#sockets.add(socket)
    this.#topics.set(socket, topics)
    let buffered = Buffer.alloc(0)
    let fragments: Buffer[] = []
    socket.on('data', (chunk: Buffer) => {
      if (this.#frozen.has(socket)) return
      buffered = Buffer.concat([buffered, chunk])
      for (;;) {
        const frame = readFrame(buffered)
        if (frame === 'incomplete') break
        if (frame === 'unmasked') {
          socket.destroy()
          return
        }
        buffered = buffered.subarray(frame.length)
        if (frame.opcode === 0x8) {
          writeFrame(socket, 0x8, frame.payload.subarray(0, 2))
          socket.end()
          this.#sockets.delete(socket)
          this.#notify()
          return
        }
        if (frame.opcode === 0x9) {
          this.protocolPings++
          writeFrame(socket, 0xa, frame.payload)
        }
        if (frame.opcode === 0x1 || frame.opcode === 0x0) {
          fragments.push(frame.payload)
          if (frame.fin) {
            this.#onText(Buffer.concat(fragments).toString('utf8'))
            fragments = []
          }
        }
      }
    })
    socket.on('close', () => {
      this.#sockets.delete(socket)
      this.#topics.delete(socket)
      this.#frozen.delete(socket)
      this.#notify()
    })
    socket.on('error', () => this.#sockets.delete(socket))
    this.#notify()
  }

  #onText(text: string): void {
    let frame: unknown
    try {
      frame = JSON.parse(text)
    } catch {
      this.badFrames.push(text)
      return
    }
    const answer = frame as { code?: unknown; headers?: { messageId?: unknown; topic?: unknown }; message?: unknown; data?: unknown }
    if (answer.headers?.topic === 'ping') {
      this.pongs.push(frame)
      this.#notify()
      return
    }
    const messageId = answer.headers?.messageId
    const pending = typeof messageId === 'string' ? this.#pending.get(messageId) : undefined
    if (answer.code !== 200 || typeof answer.message !== 'string' || typeof answer.data !== 'string' || !pending || typeof messageId !== 'string') {
      this.badFrames.push(frame)
      this.#notify()
      return
    }
    let data: unknown
    try {
      data = JSON.parse(answer.data)
    } catch {
      this.badFrames.push(frame)
      return
    }
    if (pending.timer) clearTimeout(pending.timer)
    this.#pending.delete(messageId)
    this.acks.push({ messageId, data, at: Date.now() })
    const headers = pending.frame['headers'] as { topic: string }
    this.onAnswer?.({ topic: headers.topic, data: pending.frame['data'] as string }, data)
    this.#notify()
  }
}

function readFrame(buffer: Buffer): { fin: boolean; opcode: number; payload: Buffer; length: number } | 'incomplete' | 'unmasked' {
  if (buffer.length < 2) return 'incomplete'
  const first = buffer[0] as number
  const second = buffer[1] as number
  if ((second & 0x80) === 0) return 'unmasked'
  let length = second & 0x7f
  let offset = 2
  if (length === 126) {
    if (buffer.length < 4) return 'incomplete'
    length = buffer.readUInt16BE(2)
    offset = 4
  } else if (length === 127) {
    if (buffer.length < 10) return 'incomplete'
    length = Number(buffer.readBigUInt64BE(2))
    offset = 10
  }
  if (buffer.length < offset + 4 + length) return 'incomplete'
  const mask = buffer.subarray(offset, offset + 4)
  const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length))
  for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] as number) ^ (mask[i % 4] as number)
  return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload, length: offset + 4 + length }
}

function writeFrame(socket: Duplex, opcode: number, payload: Buffer): void {
  if (socket.destroyed) return
  const header =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : payload.length < 65_536
        ? Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(payload.length)])
  socket.write(Buffer.concat([header, payload]))
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8)
  buffer.writeBigUInt64BE(BigInt(length))
  return buffer
}

function writeText(socket: Duplex, text: string): void {
  writeFrame(socket, 0x1, Buffer.from(text, 'utf8'))
}
