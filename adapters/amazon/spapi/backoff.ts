import type { SpapiRetryPolicy } from './config.ts'

/**
 * Delay before retry number `attempt` (1 = first retry): capped exponential, half of it random (jitter), never below
 * what the server asked for (`Retry-After`, or one restore interval from `x-amzn-RateLimit-Limit`).
 */
export function backoffDelayMs(
  attempt: number,
  policy: SpapiRetryPolicy,
  hintMs: number | null,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2))
  return Math.max(jittered, hintMs ?? 0)
}

/** `Retry-After` (seconds or HTTP date) or, failing that, one token's restore time from the rate header. */
export function serverDelayHintMs(headers: Headers, nowMs: number, useRateHeader = true): number | null {
  const retryAfter = headers.get('retry-after')
  if (retryAfter !== null) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000)
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs)
  }
  if (!useRateHeader) return null
  const limit = Number(headers.get('x-amzn-ratelimit-limit'))
  if (Number.isFinite(limit) && limit > 0) return Math.ceil(1000 / limit)
  return null
}
