// Socket Mode (SLACK_APP_TOKEN): Slack delivers the same interaction and slash-command payloads over a
// WebSocket the app opens (no public URL needed). Bolt's SocketModeReceiver does the protocol (apps.connections.open
// with the app-level token, hello, envelope acks, refresh and reconnect); envelopes are authenticated by the
// socket, so they skip signature checks and reach the same listeners as HTTP.

import { SocketModeReceiver } from '@slack/bolt'
import { createSlackBoltApp, type SlackBoltOptions } from './bolt-app.ts'
import type { SlackLogger } from './interaction-handler.ts'

export interface SlackSocketModeOptions extends SlackBoltOptions {
  /** The app-level token (`xapp-…`) with `connections:write`. */
  appToken: string
  /** First wait before retrying a failed start; doubles up to 60 s. */
  retryDelayMs?: number
}

export interface SlackSocketModeHealth {
  state: 'connected' | 'connecting' | 'down'
  /** Since when there has been no socket (start-up counts); null while connected. */
  downSince: Date | null
  lastError: string | null
}

export interface SlackSocketModeConnection {
  /** True once Slack said hello on the current socket. */
  connected(): boolean
  health(): SlackSocketModeHealth
  stop(): Promise<void>
}

const MAX_RETRY_DELAY_MS = 60_000

/** Opens the socket in the background: a Slack outage at start-up is retried with backoff, never fatal. */
export function startSlackSocketMode(options: SlackSocketModeOptions): SlackSocketModeConnection {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    ...(options.apiUrl ? { installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } } } : {}),
  })
  const app = createSlackBoltApp(options, receiver)
  let stopped = false
  let connected = false
  let everConnected = false
  let downSince: Date | null = new Date()
  let lastError: string | null = null
  let retry: NodeJS.Timeout | undefined
  receiver.client.on('connected', () => {
    connected = true
    everConnected = true
    downSince = null
    options.logger.info({}, 'Slack Socket Mode connected')
  })
  receiver.client.on('disconnected', () => {
    if (connected) downSince = new Date()
    connected = false
  })

  const attempt = (delayMs: number) => {
    app.start().then(
      () => undefined,
      (error: unknown) => {
        if (stopped) return
        lastError = logStartFailure(options.logger, error, delayMs)
        retry = setTimeout(() => attempt(Math.min(delayMs * 2, MAX_RETRY_DELAY_MS)), delayMs)
      },
    )
  }
  attempt(options.retryDelayMs ?? 1_000)
  return {
    connected: () => connected,
    health: () => ({ state: connected ? 'connected' : everConnected || lastError ? 'down' : 'connecting', downSince: connected ? null : downSince, lastError }),
    stop: async () => {
      stopped = true
      clearTimeout(retry)
      await app.stop().catch(() => undefined)
      connected = false
    },
  }
}

/** Logs why the socket could not open; returns that reason (Slack's error code, or the message). */
function logStartFailure(logger: SlackLogger, error: unknown, delayMs: number): string {
  const code = typeof error === 'object' && error !== null && 'data' in error ? (error as { data?: { error?: unknown } }).data?.error : undefined
  const reason = typeof code === 'string' ? code : String((error as Error).message ?? error).slice(0, 200)
  logger.error({ error: reason, retryInMs: delayMs }, 'Slack Socket Mode could not connect')
  return reason
}
