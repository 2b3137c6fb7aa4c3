import { describe, expect, it } from 'vitest'
import { SlidingWindowPacer } from '../../../src/domain/sliding-window-pacer.ts'

function virtualTime() {
  let now = 0
  const wakeups: { at: number; resolve: () => void }[] = []
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => wakeups.push({ at: now + ms, resolve })),
    /** Moves time forward and wakes every sleeper due by then, in order. */
    async advanceTo(at: number) {
      now = at
      for (const wake of wakeups.filter((w) => w.at <= at)) wake.resolve()
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}

describe('SlidingWindowPacer', () => {
  it('lets `limit` start at once per key, queues the rest in call order, and never overshoots a window', async () => {
    const time = virtualTime()
    const pacer = new SlidingWindowPacer({ limit: 5, windowMs: 1_000, now: time.now, sleep: time.sleep })
    const started: [number, number][] = []
    const calls = Array.from({ length: 12 }, (_, i) => pacer.acquire('chat-a').then(() => started.push([i, time.now()])))
    await time.advanceTo(0)
    expect(started.map(([i]) => i)).toEqual([0, 1, 2, 3, 4])
    expect(pacer.queued('chat-a')).toBe(7)
    await time.advanceTo(999)
    expect(started).toHaveLength(5)
    await time.advanceTo(1_000)
    await time.advanceTo(2_000)
    await Promise.all(calls)
    expect(started).toEqual([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0], [5, 1_000], [6, 1_000], [7, 1_000], [8, 1_000], [9, 1_000], [10, 2_000], [11, 2_000]])
    // Any window of 1,000 ms holds at most 5 starts.
    const times = started.map(([, at]) => at)
    for (const at of times) expect(times.filter((t) => t >= at && t < at + 1_000).length).toBeLessThanOrEqual(5)
  })

  it('keeps keys apart', async () => {
    const time = virtualTime()
    const pacer = new SlidingWindowPacer({ limit: 1, windowMs: 60_000, now: time.now, sleep: time.sleep })
    await pacer.acquire('robot-a')
    await pacer.acquire('robot-b')
    expect(pacer.queued('robot-a')).toBe(0)
    void pacer.acquire('robot-a')
    expect(pacer.queued('robot-a')).toBe(1)
    expect(pacer.queued('robot-b')).toBe(0)
  })

  it('refuses a limit that is not a positive integer, or an empty window', () => {
    const time = virtualTime()
    expect(() => new SlidingWindowPacer({ limit: 0, windowMs: 1_000, ...time })).toThrow(RangeError)
    expect(() => new SlidingWindowPacer({ limit: 2.5, windowMs: 1_000, ...time })).toThrow(RangeError)
    expect(() => new SlidingWindowPacer({ limit: 1, windowMs: 0, ...time })).toThrow(RangeError)
  })
})
