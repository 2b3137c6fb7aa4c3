import { describe, expect, it } from 'vitest'
import { RateLimiter, TokenBucket } from '../../adapters/amazon/spapi/rate-limiter.ts'
import { backoffDelayMs, serverDelayHintMs } from '../../adapters/amazon/spapi/backoff.ts'
import type { SpapiTimer } from '../../adapters/amazon/spapi/timer.ts'
import { DEFAULT_RATE_PLANS, type RatePlan } from '../../adapters/amazon/spapi/usage-plans.ts'

/** A clock that only moves when told to; sleeping records the wait and moves the clock. */
function manualTimer(start = 1_000_000): SpapiTimer & { set(ms: number): void; sleeps: number[] } {
  let now = start
  const sleeps: number[] = []
  return {
    now: () => now,
    set: (ms) => { now = ms },
    sleeps,
    sleep: async (ms) => { sleeps.push(ms); now += ms },
  }
}

/** Deterministic pseudo-random numbers (mulberry32) so a failing case can be replayed from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The largest excess over burst + rate × t among all windows [start_i, start_j]. */
function worstWindowExcess(starts: number[], plan: RatePlan): number {
  const sorted = [...starts].sort((a, b) => a - b)
  let worst = -Infinity
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i; j < sorted.length; j += 1) {
      const windowMs = sorted[j]! - sorted[i]!
      const allowed = plan.burst + (plan.rate * windowMs) / 1000
      worst = Math.max(worst, j - i + 1 - allowed)
    }
  }
  return worst
}

describe('TokenBucket', () => {
  const plans: RatePlan[] = [DEFAULT_RATE_PLANS.sendMessage, DEFAULT_RATE_PLANS.getOrder, DEFAULT_RATE_PLANS.createReport, { rate: 7, burst: 1 }]

  it('never lets a window of length t hold more than burst + rate × t starts, for random bursts', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const random = seeded(seed)
      const plan = plans[seed % plans.length]!
      const timer = manualTimer()
      const bucket = new TokenBucket(plan, timer)
      const starts: number[] = []
      let arrival = timer.now()
      for (let n = 0; n < 120; n += 1) {
        // Clusters of simultaneous arrivals separated by random gaps, some longer than a full refill.
        if (random() < 0.3) arrival += Math.floor(random() * (random() < 0.1 ? 60_000 : 3_000))
        timer.set(arrival)
        starts.push(arrival + (bucket.reserve() ?? Number.NaN))
      }
      expect(worstWindowExcess(starts, plan), `seed ${seed}`).toBeLessThanOrEqual(1e-9)
    }
  })

  it('lets a full burst start at once, then spaces starts by 1 / rate', () => {
    const timer = manualTimer()
    const bucket = new TokenBucket({ rate: 1, burst: 5 }, timer)
    const waits = Array.from({ length: 8 }, () => bucket.reserve())
    expect(waits).toEqual([0, 0, 0, 0, 0, 1000, 2000, 3000])
  })

  it('refills while idle but never above the burst', () => {
    const timer = manualTimer()
    const bucket = new TokenBucket({ rate: 2, burst: 3 }, timer)
    for (let i = 0; i < 3; i += 1) bucket.reserve()
    timer.set(timer.now() + 60_000)
    const waits = Array.from({ length: 4 }, () => bucket.reserve())
    expect(waits).toEqual([0, 0, 0, 500])
  })

  it('waits through the injected sleep and adds the safety margin only when waiting', async () => {
    const timer = manualTimer()
    const bucket = new TokenBucket({ rate: 1, burst: 1 }, timer, 20)
    await bucket.acquire()
    await bucket.acquire()
    expect(timer.sleeps).toEqual([1020])
  })

  it('refuses, without reserving, a wait longer than the caller can afford', async () => {
    const timer = manualTimer()
    const bucket = new TokenBucket({ rate: 0.5, burst: 1 }, timer)
    expect(bucket.reserve(0)).toBe(0)
    expect(bucket.reserve(1999)).toBeNull()
    expect(await bucket.acquire(500)).toBe(false)
    expect(bucket.waitMs()).toBe(2000)
    expect(bucket.reserve(2000)).toBe(2000)
  })

  it('empties itself after a 429 from Amazon', () => {
    const timer = manualTimer()
    const bucket = new TokenBucket({ rate: 1, burst: 5 }, timer)
    bucket.reserve()
    bucket.drain()
    expect(bucket.reserve()).toBe(1000)
  })

  it('refuses a plan that cannot make progress', () => {
    expect(() => new TokenBucket({ rate: 0, burst: 5 })).toThrow(RangeError)
    expect(() => new TokenBucket({ rate: 1, burst: 0 })).toThrow(RangeError)
  })
})

describe('RateLimiter', () => {
  it('keeps one bucket per key, so sellers and operations do not share tokens', () => {
    const limiter = new RateLimiter(manualTimer())
    const plan = { rate: 1, burst: 1 }
    expect(limiter.bucket('store-a|sendMessage', plan).reserve()).toBe(0)
    expect(limiter.bucket('store-b|sendMessage', plan).reserve()).toBe(0)
    expect(limiter.bucket('store-a|getOrder', plan).reserve()).toBe(0)
    expect(limiter.bucket('store-a|sendMessage', plan).reserve()).toBe(1000)
  })
})

describe('backoff', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 }

  it('grows exponentially, stays within the cap and jitters in the upper half', () => {
    expect(backoffDelayMs(1, policy, null, () => 0)).toBe(50)
    expect(backoffDelayMs(1, policy, null, () => 1)).toBe(100)
    expect(backoffDelayMs(3, policy, null, () => 1)).toBe(400)
    expect(backoffDelayMs(10, policy, null, () => 1)).toBe(1000)
    expect(backoffDelayMs(10, policy, null, () => 0)).toBe(500)
  })

  it('never retries sooner than the server asked', () => {
    expect(backoffDelayMs(1, policy, 2500, () => 0.5)).toBe(2500)
  })

  it('reads Retry-After in seconds or as a date, else the rate header', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(serverDelayHintMs(new Headers({ 'retry-after': '3' }), now)).toBe(3000)
    expect(serverDelayHintMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:02 GMT' }), now)).toBe(2000)
    expect(serverDelayHintMs(new Headers({ 'x-amzn-RateLimit-Limit': '0.5' }), now)).toBe(2000)
    expect(serverDelayHintMs(new Headers(), now)).toBeNull()
  })

  it('ignores the rate header when asked to (a 5xx says nothing about the bucket)', () => {
    expect(serverDelayHintMs(new Headers({ 'x-amzn-RateLimit-Limit': '0.5' }), 0, false)).toBeNull()
    expect(serverDelayHintMs(new Headers({ 'retry-after': '1', 'x-amzn-RateLimit-Limit': '0.5' }), 0, false)).toBe(1000)
  })
})
