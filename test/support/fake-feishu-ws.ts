// The long-connection side of the local Feishu fake, as the SDK's WSClient meets it: `POST
// /callback/ws/endpoint` with { AppID, AppSecret } hands out a one-use ws:// URL (device_id, service_id in
// its query) and the client settings; the socket carries protobuf `pbbp2.Frame`s in binary WebSocket
// messages (RFC 6455 written out here: handshake, masked client frames). Events are pushed as data frames
// (headers type=event, message_id, sum, seq, trace_id) and the client must answer each with a frame of the
// same message_id whose payload is `{ code, data: base64(JSON) }`; pings are answered with a pong carrying
// the client settings.

import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'
const SERVICE_ID = 7
const FRAME_CONTROL = 0
const FRAME_DATA = 1
const CLIENT_CONFIG = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 0 }

interface Frame {
  SeqID: number
  LogID: number
  service: number
  method: number
  headers: { key: string; value: string }[]
  payload: Buffer
}

export interface WsAnswer {
  code: number
  /** The handler's result, decoded from base64 JSON; null when it returned nothing. */
  data: unknown
}

export class FakeFeishuWsGateway {
  readonly #app: { appId: string; appSecret: string }
  readonly #tickets = new Set<string>()
  readonly #sockets = new Set<Duplex>()
  readonly #waiting = new Map<string, (answer: WsAnswer) => void>()
  #wsBase = ''
  endpointCalls = 0
  connects = 0

  constructor(app: { appId: string; appSecret: string }) {
    this.#app = app
  }

  get openConnections(): number {
    return this.#sockets.size
  }

  attach(server: Server, baseUrl: string): void {
    this.#wsBase = baseUrl.replace(/^http/, 'ws')
    server.on('upgrade', (request: IncomingMessage, socket: Duplex) => this.#upgrade(request, socket))
  }

  /** `POST /callback/ws/endpoint`. Feishu answers a bad secret with a non-zero code (514 here: the SDK's auth_failed). */
  endpoint(body: unknown): { status: number; body: Record<string, unknown> } {
    this.endpointCalls++
    const input = (body ?? {}) as Record<string, unknown>
    if (input['AppID'] !== this.#app.appId || input['AppSecret'] !== this.#app.appSecret) {
      return { status: 200, body: { code: 514, msg: 'auth failed', data: {} } }
    }
    const ticket = randomUUID()
    this.#tickets.add(ticket)
    const URL = `${this.#wsBase}/ws?device_id=fake-device&service_id=${SERVICE_ID}&ticket=${ticket}`
    return { status: 200, body: { code: 0, msg: 'ok', data: { URL, ClientConfig: CLIENT_CONFIG } } }
  }

  /** Pushes an event (the JSON the webhook would carry, unencrypted) to one connected client; resolves with its answer. */
  push(event: object, timeoutMs = 5_000): Promise<WsAnswer> {
    const socket = this.#sockets.values().next().value
    if (!socket) return Promise.reject(new Error('no long connection is open'))
    const messageId = randomUUID()
    const headers = [
      { key: 'type', value: 'event' },
      { key: 'message_id', value: messageId },
      { key: 'sum', value: '1' },
      { key: 'seq', value: '0' },
      { key: 'trace_id', value: randomUUID() },
    ]
    const answer = new Promise<WsAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(messageId)
        reject(new Error(`no answer to ${messageId} within ${timeoutMs} ms`))
      }, timeoutMs)
      this.#waiting.set(messageId, (got) => {
        clearTimeout(timer)
        resolve(got)
      })
    })
    socket.write(wsFrame(0x2, encodeFrame({ SeqID: 0, LogID: 0, service: SERVICE_ID, method: FRAME_DATA, headers, payload: Buffer.from(JSON.stringify(event)) })))
    return answer
  }

  close(): void {
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
  }

  #upgrade(request: IncomingMessage, socket: Duplex): void {
    const url = new URL(request.url ?? '/', 'http://fake')
    const ticket = url.searchParams.get('ticket') ?? ''
    const key = request.headers['sec-websocket-key']
    if (url.pathname !== '/ws' || !this.#tickets.delete(ticket) || typeof key !== 'string') {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64')
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
    this.connects++
    this.#sockets.add(socket)
    let buffered = Buffer.alloc(0)
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk])
      for (let message = readWsFrame(buffered); message; message = readWsFrame(buffered)) {
        buffered = buffered.subarray(message.length)
        this.#onMessage(socket, message.opcode, message.payload)
      }
    })
    const forget = () => this.#sockets.delete(socket)
    // Upgraded HTTP sockets are half-open by default: a client that goes away only ends its side.
    socket.on('end', () => {
      forget()
      socket.end()
    })
    socket.on('close', forget)
    socket.on('error', forget)
  }

  #onMessage(socket: Duplex, opcode: number, payload: Buffer): void {
    if (opcode === 0x8) {
      socket.end(wsFrame(0x8, Buffer.alloc(0)))
      this.#sockets.delete(socket)
      return
    }
    if (opcode === 0x9) return void socket.write(wsFrame(0xa, payload))
    if (opcode !== 0x2) return
    const frame = decodeFrame(payload)
    const header = (key: string) => frame.headers.find((h) => h.key === key)?.value
    if (frame.method === FRAME_CONTROL && header('type') === 'ping') {
      const pong = { ...frame, headers: [{ key: 'type', value: 'pong' }], payload: Buffer.from(JSON.stringify(CLIENT_CONFIG)) }
      return void socket.write(wsFrame(0x2, encodeFrame(pong)))
    }
    const waiter = this.#waiting.get(header('message_id') ?? '')
    if (frame.method !== FRAME_DATA || !waiter) return
    this.#waiting.delete(header('message_id')!)
    const body = JSON.parse(frame.payload.toString('utf8')) as { code: number; data?: string }
    waiter({ code: body.code, data: body.data ? (JSON.parse(Buffer.from(body.data, 'base64').toString('utf8')) as unknown) : null })
  }
}

// --- RFC 6455 framing (server side: unmasked out, masked in) ---

function wsFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length
  const head = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10)
  if (length >= 126 && length < 65_536) {
    head[0] = 0x80 | opcode
    head[1] = 126
    head.writeUInt16BE(length, 2)
  } else if (length >= 65_536) {
    head[0] = 0x80 | opcode
    head[1] = 127
    head.writeBigUInt64BE(BigInt(length), 2)
  }
  return Buffer.concat([head, payload])
}

function readWsFrame(data: Buffer): { opcode: number; payload: Buffer; length: number } | null {
  if (data.length < 2) return null
  const masked = (data[1]! & 0x80) !== 0
  let length = data[1]! & 0x7f
  let offset = 2
  if (length === 126) {
    if (data.length < 4) return null
    length = data.readUInt16BE(2)
    offset = 4
  } else if (length === 127) {
    if (data.length < 10) return null
    length = Number(data.readBigUInt64BE(2))
    offset = 10
  }
  const maskAt = offset
  if (masked) offset += 4
  if (data.length < offset + length) return null
  const payload = Buffer.from(data.subarray(offset, offset + length))
  if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= data[maskAt + (i % 4)]!
  return { opcode: data[0]! & 0x0f, payload, length: offset + length }
}

// --- pbbp2.Frame protobuf: 1 SeqID, 2 LogID (uint64), 3 service, 4 method (int32), 5 headers { 1 key, 2 value },
// 6 payload_encoding, 7 payload_type, 8 payload (bytes), 9 LogIDNew ---

function varint(value: number): Buffer {
  const bytes: number[] = []
  let rest = value
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80)
    rest = Math.floor(rest / 128)
  }
  bytes.push(rest)
  return Buffer.from(bytes)
}

function lengthDelimited(field: number, value: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(value.length), value])
}

function encodeFrame(frame: Frame): Buffer {
  const parts: Buffer[] = [1, 2, 3, 4].map((field, i) => Buffer.concat([varint(field << 3), varint([frame.SeqID, frame.LogID, frame.service, frame.method][i]!)]))
  for (const h of frame.headers) {
    parts.push(lengthDelimited(5, Buffer.concat([lengthDelimited(1, Buffer.from(h.key)), lengthDelimited(2, Buffer.from(h.value))])))
  }
  parts.push(lengthDelimited(8, frame.payload))
  return Buffer.concat(parts)
}

function decodeFields(data: Buffer): { field: number; value: number | Buffer }[] {
  const fields: { field: number; value: number | Buffer }[] = []
  let at = 0
  const readVarint = () => {
    let result = 0
    let scale = 1
    for (;;) {
      const byte = data[at++]!
      result += (byte & 0x7f) * scale
      if ((byte & 0x80) === 0) return result
      scale *= 128
    }
  }
  while (at < data.length) {
    const tag = readVarint()
    if ((tag & 7) === 0) fields.push({ field: tag >>> 3, value: readVarint() })
    else if ((tag & 7) === 2) {
      const length = readVarint()
      fields.push({ field: tag >>> 3, value: data.subarray(at, at + length) })
      at += length
    } else throw new Error(`unexpected protobuf wire type ${tag & 7}`)
  }
  return fields
}

function decodeFrame(data: Buffer): Frame {
  const frame: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [], payload: Buffer.alloc(0) }
  for (const { field, value } of decodeFields(data)) {
    if (field === 1) frame.SeqID = value as number
    else if (field === 2) frame.LogID = value as number
    else if (field === 3) frame.service = value as number
    else if (field === 4) frame.method = value as number
    else if (field === 5) {
      const pair = decodeFields(value as Buffer)
      const text = (n: number) => (pair.find((p) => p.field === n)?.value as Buffer | undefined)?.toString('utf8') ?? ''
      frame.headers.push({ key: text(1), value: text(2) })
    } else if (field === 8) frame.payload = Buffer.from(value as Buffer)
  }
  return frame
}
