// Socket Mode (SLACK_APP_TOKEN): Slack delivers the same interaction and slash-command payloads over a
// WebSocket that Buyerbridge opens, so no public URL is needed. The socket is authenticated by the app-level
// token (`apps.connections.open` hands out a one-time URL), so envelopes skip signature checks and go straight
// to the same parse → de-duplicate → dispatch path as HTTP. Node 22's built-in WebSocket is the client.
//
// Protocol (Slack "Using Socket Mode"): `hello` once connected; envelopes `{ envelope_id, type, payload,
// retry_attempt }` acked by sending `{ envelope_id, payload? }` within 3 s; `disconnect` when Slack wants the
// app to reconnect (it refreshes connections every few hours). An envelope left un-acked is retried by Slack.

import { webApi } from '@slack/bolt'
import { z } from 'zod'
import { AppError } from '../../src/domain/errors.ts'
import { parseInteraction, parseSlashCommand, type ParseOutcome } from './command.ts'
import type { SlackInteractionHandler, SlackLogger } from './interaction-handler.ts'
import { typedSlackError } from './slack-errors.ts'

export interface SlackSocketModeOptions {
  /** The app-level token (`xapp-…`) with `connections:write`. */
  appToken: string
  /** SLACK_API_URL, as for the poster. */
  apiUrl?: string
  handler: SlackInteractionHandler
  logger: SlackLogger
  /** First wait before reconnecting after a lost connection; doubles up to 30 s. */
  reconnectDelayMs?: number
  /** How long `start` waits for Slack's `hello`. */
  helloTimeoutMs?: number
}

const envelopeSchema = z.object({
  type: z.string(),
  envelope_id: z.string().optional(),
  payload: z.unknown().optional(),
  retry_attempt: z.number().int().nonnegative().optional(),
  reason: z.string().optional(),
})

const MAX_RECONNECT_DELAY_MS = 30_000

function outcomeOf(type: string, payload: unknown, retryNum: number): ParseOutcome {
  if (type === 'interactive') return parseInteraction(payload, retryNum)
  if (type === 'slash_commands' && typeof payload === 'object' && payload !== null) {
    const fields = Object.entries(payload).filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    return parseSlashCommand(Object.fromEntries(fields), retryNum)
  }
  return { kind: 'ignored', reason: `socket envelope ${type}` }
}

export class SlackSocketMode {
  readonly #options: SlackSocketModeOptions
  readonly #client: webApi.WebClient
  #socket: WebSocket | null = null
  /** The connection Slack asked us to replace; it may still carry envelopes until the new one is up. */
  #retiring: WebSocket | null = null
  #stopped = true
  #failures = 0
  #reconnectTimer: NodeJS.Timeout | undefined

  constructor(options: SlackSocketModeOptions) {
    this.#options = options
    const apiUrl = options.apiUrl && !options.apiUrl.endsWith('/') ? `${options.apiUrl}/` : options.apiUrl
    this.#client = new webApi.WebClient(options.appToken, {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      retryConfig: { retries: 0 },
      timeout: 10_000,
    })
  }

  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN
  }

  /** Connects and resolves once Slack said hello; afterwards lost connections are re-established by themselves. */
  async start(): Promise<void> {
    this.#stopped = false
    await this.#connect()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearTimeout(this.#reconnectTimer)
    const sockets = [this.#socket, this.#retiring].filter((s): s is WebSocket => s !== null && s.readyState !== WebSocket.CLOSED)
    this.#socket = null
    this.#retiring = null
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            socket.addEventListener('close', () => resolve(), { once: true })
            socket.close(1000)
          }),
      ),
    )
  }

  async #openUrl(): Promise<string> {
    let result: Record<string, unknown>
    try {
      result = (await this.#client.apiCall('apps.connections.open', {})) as unknown as Record<string, unknown>
    } catch (error) {
      throw typedSlackError('apps.connections.open', error)
    }
    if (typeof result.url !== 'string') {
      throw new AppError('SLACK_API_ERROR', 'Slack answered apps.connections.open without a URL', { error: 'unexpected_response' })
    }
    return result.url
  }

  async #connect(): Promise<void> {
    const url = await this.#openUrl()
    const socket = new WebSocket(url)
    // Listening from the start: an envelope can arrive in the same read as `hello`, before the wait below ends.
    socket.addEventListener('message', (event) => void this.#onMessage(socket, event.data))
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.close()
        reject(new AppError('SLACK_NETWORK', 'Slack Socket Mode did not say hello in time'))
      }, this.#options.helloTimeoutMs ?? 10_000)
      socket.addEventListener('message', (event) => {
        const message = this.#read(event.data)
        if (message?.type === 'hello') {
          clearTimeout(timer)
          resolve()
        }
      })
      socket.addEventListener('close', () => {
        clearTimeout(timer)
        reject(new AppError('SLACK_NETWORK', 'Slack Socket Mode connection closed before hello'))
      })
    })
    const previous = [this.#socket, this.#retiring]
    this.#socket = socket
    this.#retiring = null
    this.#failures = 0
    socket.addEventListener('close', () => this.#onClose(socket))
    // Slack's refresh: the new connection is up before the old one goes.
    for (const old of previous) if (old && old.readyState === WebSocket.OPEN) old.close(1000)
    this.#options.logger.info({}, 'Slack Socket Mode connected')
  }

  #read(data: unknown): z.infer<typeof envelopeSchema> | null {
    try {
      const parsed = envelopeSchema.safeParse(JSON.parse(String(data)))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }

  async #onMessage(socket: WebSocket, data: unknown): Promise<void> {
    const message = this.#read(data)
    if (!message) {
      this.#options.logger.warn({}, 'Slack Socket Mode message not understood')
      return
    }
    if (message.type === 'hello') return
    if (message.type === 'disconnect') {
      this.#options.logger.info({ reason: message.reason }, 'Slack asked to reconnect')
      if (socket === this.#socket) {
        this.#retiring = socket
        this.#socket = null
        this.#scheduleReconnect(0)
      }
      return
    }
    if (!message.envelope_id) return
    const outcome = outcomeOf(message.type, message.payload, message.retry_attempt ?? 0)
    const answer = await this.#options.handler.acknowledge(outcome)
    // A failed dispatch is left un-acked so that Slack delivers the envelope again.
    if (answer.status >= 500) return
    const ack = answer.body ? { envelope_id: message.envelope_id, payload: answer.body } : { envelope_id: message.envelope_id }
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(ack))
  }

  #onClose(socket: WebSocket): void {
    if (socket !== this.#socket || this.#stopped) return
    this.#socket = null
    this.#options.logger.warn({}, 'Slack Socket Mode connection lost')
    this.#scheduleReconnect(this.#delay())
  }

  #delay(): number {
    const base = this.#options.reconnectDelayMs ?? 1_000
    return Math.min(MAX_RECONNECT_DELAY_MS, base * 2 ** Math.min(this.#failures, 10))
  }

  #scheduleReconnect(delayMs: number): void {
    if (this.#stopped) return
    clearTimeout(this.#reconnectTimer)
    this.#reconnectTimer = setTimeout(() => {
      this.#connect().catch((error: unknown) => {
        this.#failures += 1
        const code = error instanceof AppError ? error.code : 'UNKNOWN'
        this.#options.logger.warn({ code, failures: this.#failures }, 'Slack Socket Mode reconnect failed')
        this.#scheduleReconnect(this.#delay())
      })
    }, delayMs)
  }
}
