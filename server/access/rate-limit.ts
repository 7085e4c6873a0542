/**
 * Fixed-window counters per key (an address, a connection): at most `limit` events per window.
 * Bounded memory: keys whose window has passed are dropped as new ones arrive.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts one event; false when the key is over its limit for the current window. */
  take(key: string): boolean {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size >= this.maxKeys) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    return window.count <= this.limit;
  }

  /** Whether the key is already over its limit, without counting an event. */
  isBlocked(key: string): boolean {
    const window = this.windows.get(key);
    return window !== undefined && this.now() - window.start < this.windowMs && window.count >= this.limit;
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
    if (this.windows.size >= this.maxKeys) this.windows.clear(); // under a flood, forget rather than grow
  }
}
