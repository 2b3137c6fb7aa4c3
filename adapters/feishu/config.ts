import { Domain } from '@larksuiteoapi/node-sdk'
import { AppError } from '../../src/domain/errors.ts'

/** `feishu` (open.feishu.cn), `lark` (open.larksuite.com) or a base URL (gateways, the local fake). */
export type FeishuDomain = 'feishu' | 'lark' | (string & {})

export interface FeishuAppConfig {
  appId: string
  appSecret: string
  domain: FeishuDomain
}

/** The part of pino the adapter uses; a pino logger or child logger fits. */
export interface FeishuLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** What the SDK's `domain` option expects for our configured domain. */
export function sdkDomain(domain: FeishuDomain): Domain | string {
  if (domain === 'feishu') return Domain.Feishu
  if (domain === 'lark') return Domain.Lark
  let url: URL
  try {
    url = new URL(domain)
  } catch {
    throw new AppError('FEISHU_CONFIG', 'FEISHU_DOMAIN must be feishu, lark or an http(s) base URL', { domain })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('FEISHU_CONFIG', 'FEISHU_DOMAIN must be feishu, lark or an http(s) base URL', { domain })
  }
  return url.origin + url.pathname.replace(/\/+$/, '')
}

type SdkLogFn = (...parts: unknown[]) => void

/**
 * The SDK logs whole axios errors (request config included: the app secret on token calls, bearer headers,
 * card contents). Only short strings and HTTP status / Feishu code pairs pass through this bridge.
 */
export function sdkLoggerBridge(logger: FeishuLogger): Record<'error' | 'warn' | 'info' | 'debug' | 'trace', SdkLogFn> {
  const summarise = (parts: unknown[]): { detail: string[] } => ({
    detail: parts.flatMap((part) => summariseSdkLogPart(part, 0)).slice(0, 6),
  })
  return {
    error: (...parts) => logger.warn(summarise(parts), 'feishu sdk error'),
    warn: (...parts) => logger.warn(summarise(parts), 'feishu sdk warning'),
    info: (...parts) => logger.debug(summarise(parts), 'feishu sdk'),
    debug: () => {},
    trace: () => {},
  }
}

function summariseSdkLogPart(part: unknown, depth: number): string[] {
  if (typeof part === 'string') return [part.length > 200 ? `${part.slice(0, 200)}…` : part]
  if (typeof part === 'number' || typeof part === 'boolean') return [String(part)]
  if (Array.isArray(part) && depth === 0) return part.flatMap((item) => summariseSdkLogPart(item, 1))
  if (part instanceof Error) return [`${part.name}: ${part.message.slice(0, 200)}`]
  if (part && typeof part === 'object') {
    const record = part as Record<string, unknown>
    const response = record['response'] as Record<string, unknown> | undefined
    const status = response?.['status']
    const data = (response?.['data'] ?? record) as Record<string, unknown>
    const bits = [
      typeof status === 'number' ? `status=${status}` : null,
      typeof data['code'] === 'number' ? `code=${data['code']}` : null,
      typeof data['msg'] === 'string' ? `msg=${String(data['msg']).slice(0, 200)}` : null,
    ].filter((bit): bit is string => bit !== null)
    return bits.length > 0 ? [bits.join(' ')] : []
  }
  return []
}
