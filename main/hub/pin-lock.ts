// Guessing a kiosk's admin PIN: after `maxFailures` wrong PINs in a row a kiosk is locked out for
// `lockMs`; a right PIN clears its count. Kept in memory per kiosk (a hub restart forgets it,
// which costs a guesser a restart of the hub — not something a visitor at a kiosk can do).

export interface PinLockOptions {
  readonly maxFailures: number;
  readonly lockMs: number;
}

export class PinLock {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(private readonly options: PinLockOptions = { maxFailures: 5, lockMs: 5 * 60_000 }) {}

  /** Milliseconds this key is still locked out for (0: it may try). */
  lockedFor(key: string, now: number): number {
    const e = this.entries.get(key);
    if (!e || e.lockedUntil <= now) return 0;
    return e.lockedUntil - now;
  }

  /** A wrong PIN; returns how many tries remain before the lock (0: locked now). */
  failed(key: string, now: number): number {
    const old = this.entries.get(key);
    // A lock that ran out starts a fresh count.
    const e = old && (old.lockedUntil === 0 || old.lockedUntil > now) ? old : { failures: 0, lockedUntil: 0 };
    e.failures += 1;
    if (e.failures >= this.options.maxFailures) e.lockedUntil = now + this.options.lockMs;
    this.entries.set(key, e);
    return Math.max(0, this.options.maxFailures - e.failures);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}
