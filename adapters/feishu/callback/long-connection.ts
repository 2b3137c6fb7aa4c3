// The WSClient long connection: card callbacks and events arrive over a socket the app opens itself, so no
// public URL is needed. The SDK decodes each frame and calls `eventDispatcher.invoke(data, { needCheck: false })`
// — the same dispatcher, hence the same card action handler, as the webhook. In a cluster Feishu hands each
// event to one of the connected clients.

import { type EventDispatcher, LoggerLevel, WSClient } from '@larksuiteoapi/node-sdk'
import { type FeishuAppConfig, type FeishuLogger, sdkDomain, sdkLoggerBridge } from '../config.ts'

export interface FeishuLongConnection {
  /** Settles after the first connection attempt (the SDK keeps reconnecting after a failure). */
  started: Promise<void>
  /** `connected`, `connecting`, `reconnecting`, `failed` or `idle`, since when not connected, the last error seen. */
  health(): { state: string; downSince: Date | null; lastError: string | null }
  close(): void
}

export function startFeishuLongConnection(config: FeishuAppConfig, dispatcher: EventDispatcher, logger: FeishuLogger): FeishuLongConnection {
  let lastError: string | null = null
  let downSince: Date | null = new Date()
  const up = () => {
    downSince = null
  }
  const client = new WSClient({
    appId: config.appId,
    appSecret: config.appSecret,
    domain: sdkDomain(config.domain),
    logger: sdkLoggerBridge(logger),
    loggerLevel: LoggerLevel.warn,
    autoReconnect: true,
    onReady: () => {
      up()
      logger.info({}, 'feishu long connection ready')
    },
    onReconnected: () => {
      up()
      logger.info({}, 'feishu long connection re-established')
    },
    onError: (error) => {
      downSince ??= new Date()
      lastError = error.message.slice(0, 200)
      logger.warn({ error: lastError }, 'feishu long connection error')
    },
  })
  const started = client.start({ eventDispatcher: dispatcher }).catch((error: unknown) => {
    lastError = error instanceof Error ? error.message.slice(0, 200) : 'unknown'
    logger.warn({ error: lastError }, 'feishu long connection could not start')
  })
  return {
    started,
    health: () => {
      const state = client.getConnectionStatus().state
      // The SDK says when it reconnects, not when it lost the socket: the first look after a loss starts the clock.
      if (state === 'connected') downSince = null
      else downSince ??= new Date()
      return { state, downSince: state === 'connected' ? null : downSince, lastError }
    },
    close: () => client.close({ force: true }),
  }
}
