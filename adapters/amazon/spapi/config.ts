import { z } from 'zod'
import { AppError } from '../../../src/domain/errors.ts'
import type { SpapiRegion } from '../../../src/domain/marketplaces.ts'
import type { RatePlan, SpapiOperation } from './usage-plans.ts'

export interface SpapiTimeouts {
  /** One HTTP exchange with SP-API, LWA or the report document host. */
  requestMs: number
  /** The whole order-context assembly (four calls); enrichment must never hold a card back for long. */
  orderContextMs: number
  /** From createReport to the parsed snapshot, polls included. */
  reportMs: number
}

export interface SpapiRetryPolicy {
  /** Attempts in total for one operation call, the first included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export interface SpapiStoreConfig {
  storeId: string
  region: SpapiRegion
  /** Base URL replacing `https://sellingpartnerapi-<region>.amazon.com` (`SPAPI_ENDPOINT`); http allowed. */
  endpoint?: string
  /** Full token URL replacing `https://api.amazon.com/auth/o2/token` (`LWA_ENDPOINT`); http allowed. */
  lwaEndpoint?: string
  clientId: string
  clientSecret: string
  refreshToken: string
  marketplaceIds: string[]
  ratePlans?: Partial<Record<SpapiOperation, RatePlan>>
  timeouts?: Partial<SpapiTimeouts>
  retry?: Partial<SpapiRetryPolicy>
}

/** The part of pino the adapter uses; a pino logger or child logger fits. */
export interface SpapiLogger {
  debug(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  error(obj: object, msg?: string): void
}

export const DEFAULT_TIMEOUTS: SpapiTimeouts = { requestMs: 10_000, orderContextMs: 8_000, reportMs: 10 * 60_000 }
export const DEFAULT_RETRY: SpapiRetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 }

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token'

export function spapiBaseUrl(config: Pick<SpapiStoreConfig, 'endpoint' | 'region'>): string {
  const base = config.endpoint ?? `https://sellingpartnerapi-${config.region}.amazon.com`
  return base.replace(/\/+$/, '')
}

const httpUrl = z.url({ protocol: /^https?$/ })
const storeConfigShape = z.object({
  storeId: z.string().min(1),
  region: z.enum(['na', 'eu', 'fe']),
  endpoint: httpUrl.optional(),
  lwaEndpoint: httpUrl.optional(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  refreshToken: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1),
})

/** Refuses a config that could only fail later (a malformed URL would look like a lost request). */
export function assertStoreConfig(config: SpapiStoreConfig): void {
  const parsed = storeConfigShape.safeParse(config)
  if (parsed.success) return
  const issue = parsed.error.issues[0]
  const key = issue?.path.join('.') ?? '?'
  // Only the key is named: values may be secrets.
  throw new AppError('SPAPI_CONFIG', `SP-API config for store ${String(config.storeId)}: ${key} is invalid (${issue?.message ?? 'invalid'})`, { key })
}
