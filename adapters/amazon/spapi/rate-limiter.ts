import type { RatePlan } from './usage-plans.ts'
import { realTimer, type SpapiTimer } from './timer.ts'

/**
 * A token bucket (burst tokens, refilled at `rate` per second) kept in its virtual-scheduling form: `#tat` is
 * the time at which the bucket would be full again. Callers reserve in arrival order; one whose token is not
 * there yet sleeps until it is. The bookkeeping uses the actual start (after rounding and margin), so no
 * window of length t can hold more than burst + rate × t starts.
 */
export class TokenBucket {
  readonly plan: RatePlan
  readonly #timer: SpapiTimer
  /** Extra wait added whenever a caller has to wait, so network jitter does not make us early at Amazon. */
  readonly #marginMs: number
  /** Milliseconds one token takes to come back. */
  readonly #intervalMs: number
  /** How far ahead of now the bucket's schedule may run: (burst − 1) intervals. */
  readonly #toleranceMs: number
  #tat: number

  constructor(plan: RatePlan, timer: SpapiTimer = realTimer, marginMs = 0) {
    if (!(plan.rate > 0) || !(plan.burst >= 1)) {
      throw new RangeError(`rate plan needs rate > 0 and burst >= 1, got ${JSON.stringify(plan)}`)
    }
    this.plan = plan
    this.#timer = timer
    this.#marginMs = marginMs
    this.#intervalMs = 1000 / plan.rate
    this.#toleranceMs = (Math.floor(plan.burst) - 1) * this.#intervalMs
    this.#tat = timer.now()
  }

  /**
   * Milliseconds the caller must wait before starting; the token is reserved at once. With `maxWaitMs`, a
   * wait longer than that reserves nothing and returns null.
   */
  reserve(maxWaitMs = Number.POSITIVE_INFINITY): number | null {
    const now = this.#timer.now()
    const earliest = this.#tat - this.#toleranceMs
    const waitMs = earliest > now ? Math.ceil(earliest - now) + this.#marginMs : 0
    if (waitMs > maxWaitMs) return null
    const start = now + waitMs
    this.#tat = Math.max(this.#tat, start) + this.#intervalMs
    return waitMs
  }

  /** Waits for a token; resolves false, having reserved nothing, when that would take longer than `maxWaitMs`. */
  async acquire(maxWaitMs?: number): Promise<boolean> {
    const waitMs = this.reserve(maxWaitMs)
    if (waitMs === null) return false
    if (waitMs > 0) await this.#timer.sleep(waitMs)
    return true
  }

  /** How long a caller arriving now would wait. */
  waitMs(): number {
    const earliest = this.#tat - this.#toleranceMs
    const now = this.#timer.now()
    return earliest > now ? Math.ceil(earliest - now) + this.#marginMs : 0
  }

  /** Amazon said 429: whatever we believed, the bucket is empty now. */
  drain(): void {
    this.#tat = Math.max(this.#tat, this.#timer.now() + this.#toleranceMs + this.#intervalMs)
  }
}

/** One bucket per key (seller × operation), created on first use. */
export class RateLimiter {
  readonly #buckets = new Map<string, TokenBucket>()
  readonly #timer: SpapiTimer
  readonly #marginMs: number

  constructor(timer: SpapiTimer = realTimer, marginMs = 0) {
    this.#timer = timer
    this.#marginMs = marginMs
  }

  bucket(key: string, plan: RatePlan): TokenBucket {
    let bucket = this.#buckets.get(key)
    if (!bucket) {
      bucket = new TokenBucket(plan, this.#timer, this.#marginMs)
      this.#buckets.set(key, bucket)
    }
    return bucket
  }

  acquire(key: string, plan: RatePlan, maxWaitMs?: number): Promise<boolean> {
    return this.bucket(key, plan).acquire(maxWaitMs)
  }
}
