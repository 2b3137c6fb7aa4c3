/** A usage plan: sustained requests per second and the bucket size. */
export interface RatePlan {
  rate: number
  burst: number
}

// A client scheduled exactly on the refill boundary must not lose to floating-point rounding (1000 / 0.0167 …).
const FLOAT_SLACK = 1e-9

interface Bucket {
  plan: RatePlan
  tokens: number
  updatedAtMs: number
}

/**
 * One token bucket per operation, as SP-API's usage plans work: the bucket starts full (`burst`), refills at
 * `rate` tokens per second, and a request that finds less than one token is throttled. `toleranceMs` credits
 * each request with that much extra refill time so that network jitter between a client's limiter and this
 * server does not turn a compliant request into a 429.
 */
export class TokenBuckets<Op extends string> {
  readonly #plans: Partial<Record<Op, RatePlan>>
  readonly #buckets = new Map<Op, Bucket>()
  readonly #toleranceMs: number

  constructor(plans: Partial<Record<Op, RatePlan>>, toleranceMs: number) {
    this.#plans = plans
    this.#toleranceMs = toleranceMs
  }

  plan(operation: Op): RatePlan | undefined {
    return this.#plans[operation]
  }

  /** Takes one token; false when the operation's bucket is empty. Operations without a plan are unlimited. */
  tryTake(operation: Op, nowMs: number): boolean {
    const plan = this.#plans[operation]
    if (!plan) return true
    let bucket = this.#buckets.get(operation)
    if (!bucket) {
      bucket = { plan, tokens: plan.burst, updatedAtMs: nowMs }
      this.#buckets.set(operation, bucket)
    }
    const elapsedMs = Math.max(0, nowMs - bucket.updatedAtMs)
    bucket.tokens = Math.min(plan.burst, bucket.tokens + (elapsedMs / 1000) * plan.rate)
    bucket.updatedAtMs = Math.max(bucket.updatedAtMs, nowMs)
    const grace = (this.#toleranceMs / 1000) * plan.rate
    if (bucket.tokens + grace < 1 - FLOAT_SLACK) return false
    bucket.tokens -= 1
    return true
  }
}
