// A sliding-window pacer: at most `limit` starts per key within any `windowMs` (a vendor's rate limit such as
// Feishu's 5 messages a second per chat or DingTalk's 20 robot messages a minute). Slots are reserved in call
// order before anyone waits, so concurrent callers queue without overshooting and nobody is dropped. Time and
// waiting are passed in: the adapters give it the clock and a timer.

export interface PacerOptions {
  limit: number
  windowMs: number
  now: () => number
  sleep: (ms: number) => Promise<void>
}

/** Keys kept before idle ones are forgotten (a key per chat or robot). */
const IDLE_SWEEP_AT = 1_000

export class SlidingWindowPacer {
  readonly #options: PacerOptions
  readonly #starts = new Map<string, number[]>()

  constructor(options: PacerOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError('limit must be a positive integer')
    if (!(options.windowMs > 0)) throw new RangeError('windowMs must be positive')
    this.#options = options
  }

  /** Resolves when the caller may start; the start counts from then. */
  async acquire(key: string): Promise<void> {
    const { limit, windowMs } = this.#options
    const now = this.#options.now()
    const starts = (this.#starts.get(key) ?? []).filter((at) => at > now - windowMs)
    const blocking = starts.length >= limit ? starts[starts.length - limit] : undefined
    const at = blocking === undefined ? now : Math.max(now, blocking + windowMs)
    starts.push(at)
    this.#starts.set(key, starts)
    if (at > now) await this.#options.sleep(at - now)
    this.#forgetIdle()
  }

  /** Callers already holding a slot that starts later than now (queued). */
  queued(key: string): number {
    const now = this.#options.now()
    return (this.#starts.get(key) ?? []).filter((at) => at > now).length
  }

  #forgetIdle(): void {
    if (this.#starts.size < IDLE_SWEEP_AT) return
    const horizon = this.#options.now() - this.#options.windowMs
    for (const [key, starts] of this.#starts) {
      if (starts.every((at) => at <= horizon)) this.#starts.delete(key)
    }
  }
}
