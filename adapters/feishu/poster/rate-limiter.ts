// A sliding-window pacer: at most `limit` starts per key within any `windowMs`. Slots are reserved
// synchronously, so concurrent callers queue in call order without overshooting.

export interface PacerOptions {
  limit: number
  windowMs: number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export class SlidingWindowPacer {
  readonly #limit: number
  readonly #windowMs: number
  readonly #now: () => number
  readonly #sleep: (ms: number) => Promise<void>
  readonly #starts = new Map<string, number[]>()

  constructor(options: PacerOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be a positive integer')
    this.#limit = options.limit
    this.#windowMs = options.windowMs
    this.#now = options.now ?? Date.now
    this.#sleep = options.sleep ?? realSleep
  }

  /** Resolves when the caller may start; the start is counted from then. */
  async acquire(key: string): Promise<void> {
    const now = this.#now()
    const starts = (this.#starts.get(key) ?? []).filter((at) => at > now - this.#windowMs)
    const blocking = starts.length >= this.#limit ? starts[starts.length - this.#limit] : undefined
    const at = blocking === undefined ? now : Math.max(now, blocking + this.#windowMs)
    starts.push(at)
    this.#starts.set(key, starts)
    if (at > now) await this.#sleep(at - now)
    this.#forgetIdle()
  }

  #forgetIdle(): void {
    if (this.#starts.size < 1000) return
    const horizon = this.#now() - this.#windowMs
    for (const [key, starts] of this.#starts) {
      if (starts.every((at) => at <= horizon)) this.#starts.delete(key)
    }
  }
}
