/**
 * Keys seen lately by this process (platform delivery ids, shown warnings). Bounded: when full it starts over,
 * so it is a cheap first filter; the database's idempotency keys are what make a click count once.
 */
export class RecentKeys {
  readonly #keys = new Set<string>()
  readonly #max: number

  constructor(max: number) {
    this.#max = max
  }

  has(key: string): boolean {
    return this.#keys.has(key)
  }

  add(key: string): void {
    if (this.#keys.size >= this.#max) this.#keys.clear()
    this.#keys.add(key)
  }

  /** True when the key was seen before; records it otherwise. */
  seenBefore(key: string): boolean {
    if (this.#keys.has(key)) return true
    this.add(key)
    return false
  }

  delete(key: string): void {
    this.#keys.delete(key)
  }
}
