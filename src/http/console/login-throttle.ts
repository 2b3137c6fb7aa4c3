// Slows down password guessing: after 10 failed logins from one address within 15 minutes, that address
// is refused until the window passes. In memory, per process, with a bounded number of tracked addresses.

const WINDOW_MS = 15 * 60_000
const MAX_FAILURES = 10
const MAX_TRACKED = 10_000

export class LoginThrottle {
  readonly #failures = new Map<string, { count: number; since: number }>()

  blocked(ip: string, now: number): boolean {
    const entry = this.#failures.get(ip)
    if (!entry) return false
    if (now - entry.since > WINDOW_MS) {
      this.#failures.delete(ip)
      return false
    }
    return entry.count >= MAX_FAILURES
  }

  failed(ip: string, now: number): void {
    const entry = this.#failures.get(ip)
    if (entry && now - entry.since <= WINDOW_MS) {
      entry.count++
      return
    }
    if (this.#failures.size >= MAX_TRACKED) {
      const oldest = this.#failures.keys().next()
      if (!oldest.done) this.#failures.delete(oldest.value)
    }
    this.#failures.set(ip, { count: 1, since: now })
  }
}
