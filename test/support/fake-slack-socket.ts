// A local stand-in for Slack's Socket Mode: `apps.connections.open` checks the app-level token and hands out a
// one-time ws:// URL; the WebSocket (the `ws` package, which answers pings as Slack does) says `hello`,
// carries envelopes to the app and records its acks. Standalone (its own HTTP server) or attached to
// FakeSlack's server, so a service pointed at SLACK_API_URL finds both the Web API and Socket Mode there.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { eventually } from './wait.ts'

export class FakeSocketPeer {
  readonly received: Array<Record<string, unknown>> = []
  closed = false
  readonly socket: WebSocket

  constructor(socket: WebSocket) {
    this.socket = socket
    socket.on('message', (data) => this.received.push(JSON.parse(String(data)) as Record<string, unknown>))
    socket.on('close', () => {
      this.closed = true
    })
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message))
  }

  /** The next message the app sends (an ack), within `ms`. */
  async next(ms = 3_000): Promise<Record<string, unknown>> {
    await eventually(() => this.received.length > 0, ms)
    return this.received.shift() ?? {}
  }
}

export class FakeSlackSocketMode {
  readonly peers: FakeSocketPeer[] = []
  /** Envelopes sent right after the next connection's `hello`. */
  readonly withNextHello: object[] = []
  opens = 0
  readonly #appToken: string
  readonly #server: Server
  readonly #ownsServer: boolean
  readonly #sockets = new WebSocketServer({ noServer: true })

  constructor(appToken: string, server?: Server) {
    this.#appToken = appToken
    this.#ownsServer = !server
    this.#server =
      server ??
      createServer((request, response) => {
        const body = request.url === '/api/apps.connections.open' && request.method === 'POST' ? this.connectionsOpen(request.headers.authorization) : { ok: false, error: 'unknown_method' }
        response.writeHead(200, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      })
    this.#server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!request.url?.startsWith('/link/?ticket=')) return socket.destroy()
      this.#sockets.handleUpgrade(request, socket, head, (ws) => {
        const peer = new FakeSocketPeer(ws)
        this.peers.push(peer)
        peer.send({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0APP' } })
        for (const envelope of this.withNextHello.splice(0)) peer.send(envelope)
      })
    })
  }

  /** The answer to `apps.connections.open`: only the app-level token opens a connection. */
  connectionsOpen(authorization: string | undefined): Record<string, unknown> {
    this.opens += 1
    if (authorization !== `Bearer ${this.#appToken}`) return { ok: false, error: 'invalid_auth' }
    const { port } = this.#server.address() as AddressInfo
    return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=t${this.opens}` }
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/`
  }

  async start(): Promise<this> {
    if (this.#ownsServer) await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    return this
  }

  async stop(): Promise<void> {
    for (const peer of this.peers) peer.socket.terminate()
    if (!this.#ownsServer) return
    this.#server.closeAllConnections()
    await new Promise<void>((resolve) => this.#server.close(() => resolve()))
  }
}
