// Stream mode: Buyerbridge opens the socket, so card clicks arrive without a public URL.
//
// Why not the dingtalk-stream SDK's DWClient (v2.1.5, read in node_modules): its gateway URL is a hard-coded
// constant (https://api.dingtalk.com/v1.0/gateway/connections/open), so DINGTALK_API_URL and the local fake
// cannot be used without reaching into TypeScript-private fields (`dw_url`, `socket`); it reconnects every
// 1 s forever with no backoff or jitter, swallows connection errors and exposes no state for /readyz; and it
// logs through console (in debug mode the whole config, client secret included). The protocol is small and
// stable, so this is a thin client of the same protocol (frames in frames.ts): POST the connection-open call
// to the configured base URL, open `endpoint?ticket=…` with `ws` (ws-socket.ts), keep it alive with protocol
// pings, echo `ping` frames, follow `disconnect`, and answer every callback with the SDK's
// `socketCallBackResponse` frame.

import { AppError } from '../../../src/domain/errors.ts'
import { type DingtalkAppConfig, type DingtalkLogger, dingtalkBaseUrl, describeError } from '../config.ts'
import type { BotMessageInput } from './bot-message.ts'
import { BOT_MESSAGE_TOPIC, callbackAck, CARD_CALLBACK_TOPIC, type DownstreamFrame, downstreamFrame, eventAck, pong, type UpstreamFrame } from './frames.ts'
import { openStreamConnection } from './gateway.ts'
import { type CardCallbackInput, type DingtalkCallbackResponse, DINGTALK_NOTICES, noticeResponse } from './handler.ts'
import { frameText, openStreamSocket, SOCKET_OPEN, type StreamSocket } from './ws-socket.ts'

export interface DingtalkStreamOptions extends DingtalkAppConfig {
  /** Sent as `ua` in the connection-open call. */
  userAgent?: string
  reconnect?: { baseDelayMs?: number; maxDelayMs?: number; stableAfterMs?: number }
  /** Connection-open call and socket opening; default 10 s each. */
  timeoutMs?: number
  /** Protocol ping every `intervalMs` (default 15 s); a socket silent for `deadAfterMs` (default 45 s) is replaced. */
  keepalive?: { intervalMs?: number; deadAfterMs?: number }
  /** Messages to the app's robot; given → the connection also subscribes to the robot message topic. */
  onBotMessage?: (input: BotMessageInput) => Promise<void>
}

export interface DingtalkStreamDeps {
  random?: () => number
}

export type DingtalkStreamState = 'connected' | 'connecting' | 'down'

export interface DingtalkStreamHealth {
  state: DingtalkStreamState
  lastError: string | null
  connectedAt: Date | null
  /** Since when the stream has not been connected (since start, or since the connection was lost); null when connected. */
  downSince: Date | null
  /** Connections opened after the first one. */
  reconnects: number
}

export class DingtalkStreamConnector {
  readonly #options: DingtalkStreamOptions
  readonly #onCardCallback: (input: CardCallbackInput) => Promise<DingtalkCallbackResponse>
  readonly #logger: DingtalkLogger
  readonly #random: () => number
  #state: DingtalkStreamState = 'down'
  #lastError: string | null = null
  #connectedAt: Date | null = null
  #downSince: Date | null = null
  #opened = 0
  #failures = 0
  #stopped = true
  #socket: StreamSocket | null = null
  #loop: Promise<void> | null = null
  #wake: (() => void) | null = null

  constructor(
    options: DingtalkStreamOptions,
    onCardCallback: (input: CardCallbackInput) => Promise<DingtalkCallbackResponse>,
    logger: DingtalkLogger,
    deps: DingtalkStreamDeps = {},
  ) {
    dingtalkBaseUrl(options.apiBaseUrl)
    this.#options = options
    this.#onCardCallback = onCardCallback
    this.#logger = logger
    this.#random = deps.random ?? Math.random
  }

  health(): DingtalkStreamHealth {
    return {
      state: this.#state,
      lastError: this.#lastError,
      connectedAt: this.#connectedAt,
      downSince: this.#state === 'connected' ? null : this.#downSince,
      reconnects: Math.max(0, this.#opened - 1),
    }
  }

  /** Starts connecting in the background; a dead gateway never blocks the caller. */
  start(): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#downSince = new Date()
    this.#loop = this.#run()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#socket?.close(1000)
    this.#wake?.()
    await this.#loop
    this.#loop = null
    this.#state = 'down'
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      this.#state = 'connecting'
      let openedAt: number | null = null
      try {
        const url = await this.#openConnection()
        if (this.#stopped) break
        await this.#session(url, () => {
          openedAt = Date.now()
        })
      } catch (error) {
        this.#lastError = describeError(error).message
        this.#logger.warn({ error: describeError(error), failures: this.#failures + 1 }, 'dingtalk stream connection failed')
      }
      this.#socket = null
      if (this.#connectedAt !== null) this.#downSince = new Date()
      this.#connectedAt = null
      if (this.#stopped) break
      const stable = openedAt !== null && Date.now() - openedAt >= (this.#options.reconnect?.stableAfterMs ?? 30_000)
      this.#failures = stable ? 1 : this.#failures + 1
      this.#state = 'down'
      await this.#pause(this.#delay())
    }
  }

  #delay(): number {
    const base = this.#options.reconnect?.baseDelayMs ?? 1000
    const max = this.#options.reconnect?.maxDelayMs ?? 60_000
    const ceiling = Math.min(max, base * 2 ** Math.min(this.#failures - 1, 20))
    return Math.round(ceiling / 2 + (ceiling / 2) * this.#random())
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        resolve()
      }
      this.#wake = done
    })
  }

  #openConnection(): Promise<string> {
    return openStreamConnection({
      appKey: this.#options.appKey,
      appSecret: this.#options.appSecret,
      ...(this.#options.apiBaseUrl ? { apiBaseUrl: this.#options.apiBaseUrl } : {}),
      ...(this.#options.userAgent ? { userAgent: this.#options.userAgent } : {}),
      topics: [CARD_CALLBACK_TOPIC, ...(this.#options.onBotMessage ? [BOT_MESSAGE_TOPIC] : [])],
      timeoutMs: this.#options.timeoutMs ?? 10_000,
    })
  }

  /** One connection: resolves when it closes after opening, rejects when it cannot open. */
  #session(url: string, onOpen: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const socket = openStreamSocket(url, this.#options.timeoutMs ?? 10_000)
      this.#socket = socket
      let open = false
      let settled = false
      let lastHeard = Date.now()
      let keepalive: NodeJS.Timeout | undefined
      const heard = () => {
        lastHeard = Date.now()
      }
      socket.on('open', () => {
        open = true
        heard()
        this.#opened++
        this.#state = 'connected'
        this.#lastError = null
        this.#connectedAt = new Date()
        onOpen()
        this.#logger.info({ reconnects: this.#opened - 1 }, 'dingtalk stream connected')
        if (this.#stopped) socket.close(1000)
        const intervalMs = this.#options.keepalive?.intervalMs ?? 15_000
        const deadAfterMs = this.#options.keepalive?.deadAfterMs ?? 45_000
        keepalive = setInterval(() => {
          if (Date.now() - lastHeard > deadAfterMs) {
            this.#lastError = `no answer to pings for ${deadAfterMs} ms`
            this.#logger.warn({ deadAfterMs }, 'dingtalk stream went silent, replacing the connection')
            socket.terminate()
            return
          }
          if (socket.readyState === SOCKET_OPEN) socket.ping()
        }, intervalMs)
      })
      socket.on('pong', heard)
      socket.on('message', (data) => {
        heard()
        void this.#onMessage(socket, frameText(data))
      })
      socket.on('error', (error) => {
        if (open || settled) return
        settled = true
        reject(new AppError('DINGTALK_NETWORK', `stream socket could not be opened: ${error.message.slice(0, 200)}`))
      })
      socket.on('close', (code) => {
        clearInterval(keepalive)
        if (open) {
          if (!this.#stopped && this.#lastError === null) {
            this.#lastError = `connection closed (${code})`
            this.#logger.warn({ code }, 'dingtalk stream connection lost')
          }
          resolve()
        } else if (!settled) {
          settled = true
          reject(new AppError('DINGTALK_NETWORK', `stream socket did not open (${code})`))
        }
      })
    })
  }

  async #onMessage(socket: StreamSocket, raw: string): Promise<void> {
    let frame: DownstreamFrame
    try {
      const parsed = downstreamFrame.safeParse(JSON.parse(raw))
      if (!parsed.success) throw parsed.error
      frame = parsed.data
    } catch {
      this.#logger.warn({}, 'dingtalk stream frame not understood')
      return
    }
    if (frame.type === 'SYSTEM') {
      if (frame.headers.topic === 'ping') this.#send(socket, pong(frame))
      if (frame.headers.topic === 'disconnect') {
        this.#logger.info({}, 'dingtalk asked to reconnect')
        this.#failures = 0
        socket.close(1000)
      }
      return
    }
    const messageId = frame.headers.messageId
    if (!messageId) return
    if (frame.type === 'EVENT') {
      this.#send(socket, eventAck(messageId))
      return
    }
    const onBotMessage = this.#options.onBotMessage
    if (frame.headers.topic === BOT_MESSAGE_TOPIC && onBotMessage) {
      // Acknowledged first: the reply goes out over HTTP, and a re-push would only ask the same question again.
      this.#send(socket, callbackAck(messageId, {}))
      void onBotMessage({ messageId, data: frame.data }).catch((error: unknown) =>
        this.#logger.error({ messageId, error: describeError(error) }, 'dingtalk robot message handler failed'),
      )
      return
    }
    if (frame.headers.topic !== CARD_CALLBACK_TOPIC) {
      this.#send(socket, callbackAck(messageId, {}))
      return
    }
    let response: DingtalkCallbackResponse
    try {
      response = await this.#onCardCallback({ messageId, data: frame.data })
    } catch (error) {
      this.#logger.error({ messageId, error: describeError(error) }, 'dingtalk card callback handler failed')
      response = noticeResponse(DINGTALK_NOTICES.failed['zh-CN'])
    }
    this.#send(socket, callbackAck(messageId, response))
  }

  #send(socket: StreamSocket, frame: UpstreamFrame): void {
    // On a socket closed meanwhile the answer is lost; DingTalk re-pushes and `seen` catches the repeat.
    if (socket.readyState === SOCKET_OPEN) socket.send(JSON.stringify(frame))
  }
}
