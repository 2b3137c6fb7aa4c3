import { describe, expect, it } from 'vitest'
import { ChannelPacer, type PacerTimer } from '../../adapters/slack/channel-pacer.ts'

/** Virtual time: sleeping advances the clock at once, so pacing is checked exactly and instantly. */
function virtualTimer(): PacerTimer & { time: number } {
  const timer = {
    time: 0,
    now: () => timer.time,
    sleep: async (ms: number) => {
      timer.time += Math.max(0, ms)
    },
  }
  return timer
}

describe('ChannelPacer', () => {
  it('lets a burst through, then one call per interval, in arrival order', async () => {
    const timer = virtualTimer()
    const pacer = new ChannelPacer({ ratePerSecond: 1, burst: 3, marginMs: 0 }, timer)
    const starts: Array<[number, number]> = []
    await Promise.all(Array.from({ length: 6 }, (_, i) => pacer.run('C1', async () => starts.push([i, timer.now()]))))
    expect(starts).toEqual([[0, 0], [1, 0], [2, 0], [3, 1000], [4, 2000], [5, 3000]])
  })

  it('paces channels independently', async () => {
    const timer = virtualTimer()
    const pacer = new ChannelPacer({ ratePerSecond: 1, burst: 1, marginMs: 0 }, timer)
    const a = pacer.run('A', async () => timer.now())
    const b = pacer.run('B', async () => timer.now())
    expect(await Promise.all([a, b])).toEqual([0, 0])
  })

  it('holds a channel after Slack asked to wait, and keeps going after a failed call', async () => {
    const timer = virtualTimer()
    const pacer = new ChannelPacer({ ratePerSecond: 1, burst: 3, marginMs: 0 }, timer)
    await expect(
      pacer.run('C1', async (hold) => {
        hold(5_000)
        throw new Error('429')
      }),
    ).rejects.toThrow('429')
    expect(await pacer.run('C1', async () => timer.now())).toBe(5_000)
  })

  it('refuses a plan that cannot pace', () => {
    expect(() => new ChannelPacer({ ratePerSecond: 0, burst: 1, marginMs: 0 })).toThrow(RangeError)
  })
})
