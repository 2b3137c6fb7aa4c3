// Keeps posts to each channel under Slack's ~1 message/s/channel (short bursts allowed): a token bucket per
// channel, and the channel's calls run one at a time in arrival order so cards appear in the order posted.

import { setTimeout as delay } from 'node:timers/promises'

export interface PacerTimer {
  now(): number
  sleep(ms: number): Promise<void>
}

export const realPacerTimer: PacerTimer = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: async (ms) => {
    if (ms > 0) await delay(ms)
  },
}

export interface PacingPlan {
  /** Sustained messages per second per channel. */
  ratePerSecond: number
  /** Messages that may go at once after a quiet spell. */
  burst: number
  /** Added to every wait so that network jitter does not make a call arrive early. */
  marginMs: number
}

export const DEFAULT_PACING: PacingPlan = { ratePerSecond: 1, burst: 3, marginMs: 25 }

class ChannelLane {
  /** When the bucket would be full again (virtual scheduling form of a token bucket). */
  #fullAt: number
  #tail: Promise<unknown> = Promise.resolve()
  readonly #intervalMs: number
  readonly #toleranceMs: number
  readonly #plan: PacingPlan
  readonly #timer: PacerTimer

  constructor(plan: PacingPlan, timer: PacerTimer) {
    this.#plan = plan
    this.#timer = timer
    this.#intervalMs = 1000 / plan.ratePerSecond
    this.#toleranceMs = (Math.max(1, Math.floor(plan.burst)) - 1) * this.#intervalMs
    this.#fullAt = timer.now()
  }

  async #takeToken(): Promise<void> {
    const now = this.#timer.now()
    const earliest = this.#fullAt - this.#toleranceMs
    const waitMs = earliest > now ? Math.ceil(earliest - now) + this.#plan.marginMs : 0
    this.#fullAt = Math.max(this.#fullAt, now + waitMs) + this.#intervalMs
    await this.#timer.sleep(waitMs)
  }

  /** Slack said to wait: nothing more goes to this channel before `ms` from now, then it refills slowly. */
  holdFor(ms: number): void {
    this.#fullAt = Math.max(this.#fullAt, this.#timer.now() + ms + this.#toleranceMs)
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(async () => {
      await this.#takeToken()
      return task()
    })
    this.#tail = result.catch(() => undefined)
    return result
  }
}

export class ChannelPacer {
  readonly #lanes = new Map<string, ChannelLane>()
  readonly #plan: PacingPlan
  readonly #timer: PacerTimer

  constructor(plan: PacingPlan = DEFAULT_PACING, timer: PacerTimer = realPacerTimer) {
    if (!(plan.ratePerSecond > 0) || !(plan.burst >= 1)) {
      throw new RangeError(`pacing needs ratePerSecond > 0 and burst >= 1, got ${JSON.stringify(plan)}`)
    }
    this.#plan = plan
    this.#timer = timer
  }

  #lane(channel: string): ChannelLane {
    let lane = this.#lanes.get(channel)
    if (!lane) {
      lane = new ChannelLane(this.#plan, this.#timer)
      this.#lanes.set(channel, lane)
    }
    return lane
  }

  /** Runs `task` when `channel` has room; `task` may call `hold` after a 429 before retrying itself. */
  run<T>(channel: string, task: (hold: (ms: number) => void) => Promise<T>): Promise<T> {
    const lane = this.#lane(channel)
    return lane.run(() => task((ms) => lane.holdFor(ms)))
  }
}
