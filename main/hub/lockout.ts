// Guessing a secret (a kiosk's admin PIN, a staff password): after `maxFailures` wrong tries in a
// row a key (a kiosk, a staff number, a client address) is locked out for `lockMs`; a right one
// clears its count. Count a try *before* checking it (`failed`, then `succeeded` when it was right),
// so a burst of parallel guesses is counted before any slow hash finishes. Kept in memory (a hub
// restart forgets it, which costs a guesser a restart of the hub — not something a visitor can do);
// at most `maxKeys` keys, the oldest forgotten first, so a flood of addresses cannot fill memory.

export interface LockoutOptions {
  readonly maxFailures: number;
  readonly lockMs: number;
  readonly maxKeys?: number;
}

export class Lockout {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(private readonly options: LockoutOptions = { maxFailures: 5, lockMs: 5 * 60_000 }) {}

  /** Milliseconds this key is still locked out for (0: it may try). */
  lockedFor(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e || e.lockedUntil <= now) return 0;
    return e.lockedUntil - now;
  }

  /** Whole minutes to say in "请N分钟后再试" (at least 1). */
  minutesLeft(key: string, now: number): number {
    return Math.max(1, Math.ceil(this.lockedFor(key, now) / 60_000));
  }

  /** A wrong try; returns how many remain before the lock (0: locked now). */
  failed(key: string, now: number): number {
    const old = this.entries.get(key);
    // A lock that ran out starts a fresh count.
    const e = old && (old.lockedUntil === 0 || old.lockedUntil > now) ? old : { failures: 0, lockedUntil: 0 };
    e.failures += 1;
    if (e.failures >= this.options.maxFailures) e.lockedUntil = now + this.options.lockMs;
    this.entries.delete(key);
    this.entries.set(key, e);
    const max = this.options.maxKeys ?? 10_000;
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(oldest);
    }
    return Math.max(0, this.options.maxFailures - e.failures);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}
