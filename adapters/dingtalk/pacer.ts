// A sliding-window pacer: at most `limit` starts per key within any `windowMs`. Slots are reserved in call
// order before anyone sleeps, so concurrent callers queue without overshooting and nobody is dropped.

import { realSleep } from './config.ts'

export interface PacerOptions {
  limit: number
  windowMs: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export class SlidingWindowPacer {
  readonly #limit: number
  readonly #windowMs: number
  readonly #now: () => number
  readonly #sleep: (ms: number) => Promise<void>
  readonly #starts = new Map<string, number[]>()

  constructor(options: PacerOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be a positive integer')
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be positive')
    this.#limit = options.limit
    this.#windowMs = options.windowMs
    this.#now = options.now ?? Date.now
    this.#sleep = options.sleep ?? realSleep
  }

  /** Resolves when the caller may start; the start counts from then. */
  async acquire(key: string): Promise<void> {
    const now = this.#now()
    const starts = (this.#starts.get(key) ?? []).filter((at) => at > now - this.#windowMs)
    const blocking = starts.length >= this.#limit ? starts[starts.length - this.#limit] : undefined
    const at = blocking === undefined ? now : Math.max(now, blocking + this.#windowMs)
    starts.push(at)
    this.#starts.set(key, starts)
    if (at > now) await this.#sleep(at - now)
  }

  /** Callers already holding a slot that starts later than now (queued). */
  queued(key: string): number {
    const now = this.#now()
    return (this.#starts.get(key) ?? []).filter((at) => at > now).length
  }
}
