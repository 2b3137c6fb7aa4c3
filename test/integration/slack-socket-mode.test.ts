import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SlackCommand } from '../../adapters/slack/command.ts'
import { SlackInteractionHandler, type SlackAck, type SlackLogger } from '../../adapters/slack/interaction-handler.ts'
import { SlackSocketMode } from '../../adapters/slack/socket-mode.ts'
import { isAppError } from '../../src/domain/errors.ts'
import { blockActionsPayload, viewSubmissionPayload } from '../support/fake-slack.ts'

// A local stand-in for Slack's Socket Mode endpoint: `apps.connections.open` (app token checked) hands out a
// ws:// URL; the WebSocket side is RFC 6455 written out by hand (text frames, masked client frames, close).

const appToken = 'xapp-1-A0APP-0000-test'
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11'

function frame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8')
  const head = payload.length < 126 ? Buffer.from([0x81, payload.length]) : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff])
  if (payload.length > 0xffff) throw new Error('frame too large for this fake')
  return Buffer.concat([head, payload])
}

class FakeSocketPeer {
  readonly received: Array<Record<string, unknown>> = []
  #buffer = Buffer.alloc(0)
  #waiters: Array<() => void> = []
  closed = false
  readonly socket: Duplex

  constructor(socket: Duplex) {
    this.socket = socket
    socket.on('data', (chunk: Buffer) => this.#onData(chunk))
    socket.on('close', () => {
      this.closed = true
    })
  }

  send(message: object): void {
    this.socket.write(frame(JSON.stringify(message)))
  }

  /** The next message the client sends (an ack), within `ms`. */
  async next(ms = 2_000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + ms
    while (this.received.length === 0) {
      if (Date.now() > deadline) throw new Error('no message from the client')
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve)
        setTimeout(resolve, 50)
      })
    }
    return this.received.shift() ?? {}
  }

  #onData(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk])
    for (;;) {
      if (this.#buffer.length < 2) return
      const opcode = (this.#buffer[0] ?? 0) & 0x0f
      let length = (this.#buffer[1] ?? 0) & 0x7f
      let offset = 2
      if (length === 126) {
        if (this.#buffer.length < 4) return
        length = this.#buffer.readUInt16BE(2)
        offset = 4
      } else if (length === 127) {
        if (this.#buffer.length < 10) return
        length = Number(this.#buffer.readBigUInt64BE(2))
        offset = 10
      }
      if (this.#buffer.length < offset + 4 + length) return
      const mask = this.#buffer.subarray(offset, offset + 4)
      const data = Buffer.from(this.#buffer.subarray(offset + 4, offset + 4 + length)).map((byte, i) => byte ^ (mask[i % 4] ?? 0))
      this.#buffer = this.#buffer.subarray(offset + 4 + length)
      if (opcode === 0x1) this.received.push(JSON.parse(Buffer.from(data).toString('utf8')) as Record<string, unknown>)
      if (opcode === 0x8) {
        this.socket.end(Buffer.from([0x88, 0]))
        return
      }
      for (const wake of this.#waiters.splice(0)) wake()
    }
  }
}

const peers: FakeSocketPeer[] = []
let opens = 0
let server: Server
let apiUrl = ''

/** Envelopes to send in the same write as the next connection's `hello` (Slack may do the same). */
const withNextHello: object[] = []

function upgrade(request: IncomingMessage, socket: Duplex): void {
  const accept = createHash('sha1').update(`${request.headers['sec-websocket-key'] ?? ''}${WS_GUID}`).digest('base64')
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
  const peer = new FakeSocketPeer(socket)
  peers.push(peer)
  const hello = frame(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }))
  socket.write(Buffer.concat([hello, ...withNextHello.splice(0).map((envelope) => frame(JSON.stringify(envelope)))]))
}

const dispatched: SlackCommand[] = []
let answer: (command: SlackCommand) => SlackAck | void = () => undefined
const seenKeys = new Set<string>()
const silent: SlackLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
const handler = new SlackInteractionHandler({
  signingSecret: 'not-used-in-socket-mode',
  logger: silent,
  seen: async (key) => seenKeys.has(key) || (seenKeys.add(key), false),
  dispatch: (command) => {
    dispatched.push(command)
    return answer(command)
  },
})

beforeAll(async () => {
  server = createServer((request, response) => {
    opens += 1
    const authorised = request.headers.authorization === `Bearer ${appToken}` && request.url === '/api/apps.connections.open'
    const { port } = server.address() as AddressInfo
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(authorised ? { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=t${opens}` } : { ok: false, error: 'invalid_auth' }))
  })
  server.on('upgrade', upgrade)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`
})

afterAll(async () => {
  server.closeAllConnections()
  for (const peer of peers) peer.socket.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const click = (triggerId: string) =>
  blockActionsPayload({ actionId: 'bb.no_response', value: '{"c":"conv-1","k":"card-9"}', triggerId, userId: 'U5', channelId: 'C5', messageTs: '5.5' })

describe('Socket Mode transport', () => {
  it('refuses a wrong app token with a typed error', async () => {
    const error = await new SlackSocketMode({ appToken: 'xapp-wrong', apiUrl, handler, logger: silent }).start().catch((e: unknown) => e)
    expect(isAppError(error, 'SLACK_API_ERROR') && error.details?.error).toBe('invalid_auth')
  })

  it('acks envelopes, dispatches once, answers modals and commands, follows a refresh and survives a lost connection', async () => {
    const socketMode = new SlackSocketMode({ appToken, apiUrl, handler, logger: silent, reconnectDelayMs: 50 })
    await socketMode.start()
    expect(socketMode.connected).toBe(true)
    const first = peers.at(-1)
    if (!first) throw new Error('no connection')

    first.send({ envelope_id: 'env-1', type: 'interactive', payload: click('trig-s1'), accepts_response_payload: false, retry_attempt: 0 })
    expect(await first.next()).toEqual({ envelope_id: 'env-1' })
    expect(dispatched.map((c) => [c.kind, c.actionId, c.userId, c.retryNum])).toEqual([['block_action', 'bb.no_response', 'U5', 0]])

    first.send({ envelope_id: 'env-1', type: 'interactive', payload: click('trig-s1'), retry_attempt: 1, retry_reason: 'timeout' })
    expect(await first.next()).toEqual({ envelope_id: 'env-1' })
    expect(dispatched).toHaveLength(1)

    answer = () => ({ response_action: 'errors', errors: { 'bb.reply_text': '• Links are not allowed.' } })
    const submission = viewSubmissionPayload({
      callbackId: 'bb.reply_editor',
      privateMetadata: '{"c":"conv-1","k":"card-9","ch":"C5","ts":"5.5","t":null}',
      blockId: 'bb.reply_text',
      actionId: 'bb.reply_text',
      value: 'see https://example.com',
      triggerId: 'trig-s2',
    })
    first.send({ envelope_id: 'env-2', type: 'interactive', payload: submission, accepts_response_payload: true })
    expect(await first.next()).toEqual({ envelope_id: 'env-2', payload: { response_action: 'errors', errors: { 'bb.reply_text': '• Links are not allowed.' } } })

    answer = () => ({ response_type: 'ephemeral', text: 'ok' })
    first.send({
      envelope_id: 'env-3',
      type: 'slash_commands',
      payload: { command: '/buyerbridge', text: 'help', user_id: 'U5', channel_id: 'C5', trigger_id: 'trig-s3', is_enterprise_install: 'false' },
      accepts_response_payload: true,
    })
    expect(await first.next()).toEqual({ envelope_id: 'env-3', payload: { response_type: 'ephemeral', text: 'ok' } })
    expect(dispatched.at(-1)).toMatchObject({ kind: 'slash_command', text: 'help' })

    answer = () => undefined
    const connectionsBefore = peers.length
    first.send({ type: 'disconnect', reason: 'refresh_requested' })
    const deadline = Date.now() + 3_000
    while ((peers.length === connectionsBefore || !first.closed) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(peers).toHaveLength(connectionsBefore + 1)
    const second = peers.at(-1)
    expect(second).not.toBe(first)
    expect(first.closed).toBe(true)
    expect(socketMode.connected).toBe(true)
    second?.send({ envelope_id: 'env-4', type: 'interactive', payload: click('trig-s4') })
    expect(await second?.next()).toEqual({ envelope_id: 'env-4' })
    expect(dispatched.at(-1)).toMatchObject({ triggerId: 'trig-s4' })

    const beforeLoss = peers.length
    withNextHello.push({ envelope_id: 'env-5', type: 'interactive', payload: click('trig-s5') })
    second?.socket.destroy()
    const lossDeadline = Date.now() + 3_000
    while (peers.length === beforeLoss && Date.now() < lossDeadline) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(peers).toHaveLength(beforeLoss + 1)
    expect(await peers.at(-1)?.next()).toEqual({ envelope_id: 'env-5' })
    expect(dispatched.at(-1)).toMatchObject({ triggerId: 'trig-s5' })

    await socketMode.stop()
    expect(socketMode.connected).toBe(false)
  })
})
