import { describe, expect, it } from 'vitest'
import { TokenBuckets } from '../../adapters/simulator/spapi/rate-limiter.ts'
import { seededRandom } from '../../adapters/simulator/spapi/seed.ts'

const PLANS = {
  messaging: { rate: 1, burst: 5 },
  orders: { rate: 0.5, burst: 30 },
  reports: { rate: 0.0167, burst: 15 },
  fast: { rate: 20, burst: 5 },
}
type Op = keyof typeof PLANS

/** Arrival times (ms) of a client that never starts more than burst + rate × t requests in any window t. */
function compliantSchedule(plan: { rate: number; burst: number }, count: number, rng: () => number): number[] {
  const intervalMs = 1000 / plan.rate
  let theoreticalArrival = 0
  let clock = 0
  const starts: number[] = []
  for (let i = 0; i < count; i++) {
    clock += rng() < 0.5 ? 0 : rng() * intervalMs * 2
    const earliest = theoreticalArrival - (plan.burst - 1) * intervalMs
    const start = Math.max(clock, earliest)
    theoreticalArrival = Math.max(theoreticalArrival, start) + intervalMs
    clock = start
    starts.push(start)
  }
  return starts
}

describe('simulator usage-plan buckets', () => {
  it.each(Object.keys(PLANS) as Op[])('never throttle a compliant client (%s)', (op) => {
    for (let seed = 1; seed <= 20; seed++) {
      const buckets = new TokenBuckets<Op>(PLANS, 0)
      const schedule = compliantSchedule(PLANS[op], 60, seededRandom(seed))
      expect(schedule.filter((at) => !buckets.tryTake(op, at))).toEqual([])
    }
  })

  it.each(Object.keys(PLANS) as Op[])('throttle the first request beyond the burst (%s)', (op) => {
    const buckets = new TokenBuckets<Op>(PLANS, 0)
    const accepted = Array.from({ length: PLANS[op].burst + 1 }, () => buckets.tryTake(op, 1_000))
    expect(accepted.filter(Boolean)).toHaveLength(PLANS[op].burst)
    expect(accepted.at(-1)).toBe(false)
    const oneTokenLater = 1_000 + Math.ceil(1000 / PLANS[op].rate)
    expect(buckets.tryTake(op, oneTokenLater - 2)).toBe(false)
    expect(buckets.tryTake(op, oneTokenLater)).toBe(true)
  })

  it('keeps buckets per operation and leaves operations without a plan unlimited', () => {
    const buckets = new TokenBuckets<Op | 'lwa'>(PLANS, 0)
    for (let i = 0; i < 5; i++) buckets.tryTake('messaging', 0)
    expect(buckets.tryTake('messaging', 0)).toBe(false)
    expect(buckets.tryTake('fast', 0)).toBe(true)
    expect(Array.from({ length: 100 }, () => buckets.tryTake('lwa', 0)).every(Boolean)).toBe(true)
  })

  it('credits the jitter tolerance, but never a whole extra request', () => {
    const buckets = new TokenBuckets<Op>(PLANS, 25)
    for (let i = 0; i < 5; i++) buckets.tryTake('fast', 0)
    expect(buckets.tryTake('fast', 30)).toBe(true) // due at 50 ms, 20 ms early is within the 25 ms credit
    expect(buckets.tryTake('fast', 31)).toBe(false)
  })
})
