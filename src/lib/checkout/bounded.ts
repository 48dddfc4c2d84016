/**
 * Bounded in-process memory for the checkout: a map whose entries expire (TTL) and whose oldest-used entries are
 * dropped beyond a size (LRU), and a per-key request limit. Process-local by design: Medusa's cache module carries what
 * several processes share (docs/design.md "Checkout never breaks because of PRO").
 */
export class BoundedTtlMap<K, V> {
  private readonly entries = new Map<K, { expires: number; value: V }>()

  /** At most `maxEntries` entries; each lives `ttlMs` ms unless {@link set} gives its own. */
  constructor(
    readonly maxEntries: number,
    readonly ttlMs: number
  ) {}

  /** The live value of `key` (marked as most recently used), or undefined. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key)
    if (!entry) {
      return undefined
    }
    this.entries.delete(key)
    if (entry.expires <= Date.now()) {
      return undefined
    }
    this.entries.set(key, entry)
    return entry.value
  }

  /** Stores `value` for `ttlMs` (default: the map's TTL), dropping the least recently used entries beyond the size. */
  set(key: K, value: V, ttlMs = this.ttlMs): void {
    this.entries.delete(key)
    this.entries.set(key, { expires: Date.now() + ttlMs, value })
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) {
        break
      }
      this.entries.delete(oldest)
    }
  }

  /** Removes `key` when it still holds `value` (or any value when none is given). */
  delete(key: K, value?: V): void {
    if (value === undefined || this.entries.get(key)?.value === value) {
      this.entries.delete(key)
    }
  }

  /** The live entries, least recently used first. */
  *live(): IterableIterator<[K, V]> {
    const now = Date.now()
    for (const [key, entry] of this.entries) {
      if (entry.expires > now) {
        yield [key, entry.value]
      }
    }
  }

  get size(): number {
    return this.entries.size
  }

  clear(): void {
    this.entries.clear()
  }
}

/**
 * At most `limit` calls per key in each window of `windowMs` ms (a fixed window per key), remembering at most
 * `maxKeys` keys (the least recently used are forgotten).
 */
export class RateLimiter {
  private readonly windows: BoundedTtlMap<string, { count: number; resetAt: number }>

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    maxKeys = 10_000
  ) {
    this.windows = new BoundedTtlMap(maxKeys, windowMs)
  }

  /** Counts one call for `key`: `ok` when within the limit, else the seconds until the window resets. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = Date.now()
    const window = this.windows.get(key) ?? { count: 0, resetAt: now + this.windowMs }
    if (window.count >= this.limit) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) }
    }
    window.count++
    this.windows.set(key, window, window.resetAt - now)
    return { ok: true }
  }

  clear(): void {
    this.windows.clear()
  }
}
