// DingTalk enterprise internal app settings, handed in by the composition root (adapters never read the
// environment). `apiBaseUrl` is DINGTALK_API_URL: the OpenAPI base for tokens, cards and the Stream gateway's
// connection-open call (gateways, the local fake).

import { AppError } from '../../src/domain/errors.ts'

export const DINGTALK_DEFAULT_API_URL = 'https://api.dingtalk.com'

export interface DingtalkAppConfig {
  /** DINGTALK_APP_KEY: also the Stream mode client id. */
  appKey: string
  /** DINGTALK_APP_SECRET */
  appSecret: string
  /** DINGTALK_API_URL; default https://api.dingtalk.com */
  apiBaseUrl?: string
}

/** The part of pino the adapter uses; a pino logger or child logger fits. */
export interface DingtalkLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

/** The configured base URL without a trailing slash; plain http is allowed (local fakes, gateways). */
export function dingtalkBaseUrl(configured: string | undefined): string {
  const raw = configured?.trim() || DINGTALK_DEFAULT_API_URL
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new AppError('DINGTALK_CONFIG', 'DINGTALK_API_URL must be an http(s) base URL', { apiBaseUrl: raw })
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('DINGTALK_CONFIG', 'DINGTALK_API_URL must be an http(s) base URL', { apiBaseUrl: raw })
  }
  return url.origin + url.pathname.replace(/\/+$/, '')
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof AppError) return { code: error.code, message: error.message.slice(0, 300) }
  return { code: 'UNEXPECTED', message: (error instanceof Error ? error.message : String(error)).slice(0, 300) }
}
