// The SDK's token cache, one per poster (the SDK's default is a process-wide singleton keyed by app id), so a
// refused token can be dropped and two posters never share state by accident.

// The SDK types its keys as the `Symbol` wrapper type.
type CacheKey = string | Symbol

export class MemoryTokenCache {
  readonly #values = new Map<string, { value: unknown; expiresAt: number | undefined }>()

  async get(key: CacheKey, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.#values.get(this.#key(key, options?.namespace))
    if (!entry) return undefined
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) return undefined
    return entry.value
  }

  async set(key: CacheKey, value: unknown, expiresAt?: number, options?: { namespace?: string }): Promise<boolean> {
    this.#values.set(this.#key(key, options?.namespace), { value, expiresAt })
    return true
  }

  clear(): void {
    this.#values.clear()
  }

  #key(key: CacheKey, namespace: string | undefined): string {
    return `${namespace ?? ''}/${String(key)}`
  }
}
