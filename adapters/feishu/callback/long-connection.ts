// The WSClient long connection: card callbacks and events arrive over a socket the app opens itself, so no
// public URL is needed. The SDK decodes each frame and calls `eventDispatcher.invoke(data, { needCheck: false })`
// — the same dispatcher, hence the same card action handler, as the webhook.

import { type EventDispatcher, LoggerLevel, WSClient } from '@larksuiteoapi/node-sdk'
import { type FeishuAppConfig, type FeishuLogger, sdkDomain, sdkLoggerBridge } from '../config.ts'

export interface FeishuLongConnection {
  close(): void
}

export async function startFeishuLongConnection(
  config: FeishuAppConfig,
  dispatcher: EventDispatcher,
  logger: FeishuLogger,
): Promise<FeishuLongConnection> {
  const client = new WSClient({
    appId: config.appId,
    appSecret: config.appSecret,
    domain: sdkDomain(config.domain),
    logger: sdkLoggerBridge(logger),
    loggerLevel: LoggerLevel.warn,
    autoReconnect: true,
    onReady: () => logger.info({}, 'feishu long connection ready'),
    onError: (error) => logger.warn({ error: error.message.slice(0, 200) }, 'feishu long connection error'),
  })
  await client.start({ eventDispatcher: dispatcher })
  return { close: () => client.close() }
}
