/**
 * A wait that something else can cut short. A `wake()` while nobody waits is remembered, so an event
 * that lands between two waits (new mail during a fetch) is not lost.
 */
export class WakeSignal {
  private pending = false
  private release: (() => void) | null = null

  wake(): void {
    if (this.release) {
      const release = this.release
      this.release = null
      release()
    } else {
      this.pending = true
    }
  }

  /** Forgets a remembered wake, before a wait that stale events must not cut short (backoff). */
  reset(): void {
    this.pending = false
  }

  /** Resolves after `ms`, or earlier on `wake()`; true when woken. */
  wait(ms: number): Promise<boolean> {
    if (this.pending) {
      this.pending = false
      return Promise.resolve(true)
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.release = null
        resolve(false)
      }, Math.max(0, ms))
      this.release = () => {
        clearTimeout(timer)
        resolve(true)
      }
    })
  }
}
