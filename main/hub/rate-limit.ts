// A sliding-window limit per key (a client address): at most `max` actions in any `perMs`. Keyed by
// address, not by connection, so reconnecting does not reset it; at most `maxKeys` keys are kept
// (the least recently used forgotten first), so a flood of addresses cannot fill memory.

export interface RateLimitOptions {
  readonly max: number;
  readonly perMs: number;
  readonly maxKeys?: number;
}

export class RateLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Take one action for `key` now; false when it is over the limit (nothing is taken then). */
  take(key: string, now: number): boolean {
    const times = this.recent.get(key) ?? [];
    while (times.length > 0 && (times[0] as number) <= now - this.options.perMs) times.shift();
    this.recent.delete(key);
    this.recent.set(key, times);
    for (const oldest of this.recent.keys()) {
      if (this.recent.size <= (this.options.maxKeys ?? 10_000)) break;
      this.recent.delete(oldest);
    }
    if (times.length >= this.options.max) return false;
    times.push(now);
    return true;
  }
}
