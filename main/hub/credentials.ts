// Checking a staff member's password — at sign-in (POST /api/login) and when a chief authorises a
// green-channel ticket at a kiosk — in one place, throttled per staff number and per client
// address, so neither a script on the LAN nor a kiosk can guess a password.
import type { LoginFailure, StaffConfig } from '../queue/index.js';
import type { AccessRepo } from '../../db/access.js';
import { Lockout } from './lockout.js';
import { verifyPassword } from './passwords.js';
import { refusal } from '../protocol/index.js';

export type CredentialCheck =
  | { readonly ok: true; readonly staff: StaffConfig }
  | { readonly ok: false; readonly code: 'bad-credentials' | 'login-locked'; readonly message: string; readonly retryAfterSeconds?: number };

export interface CredentialOptions {
  /** Wrong passwords for one staff number before it is locked. */
  readonly perStaff: { readonly maxFailures: number; readonly lockMs: number };
  /** Wrong passwords from one address (a hall PC many staff use) before it is locked. */
  readonly perAddress: { readonly maxFailures: number; readonly lockMs: number };
}

export const defaultCredentialOptions: CredentialOptions = {
  perStaff: { maxFailures: 5, lockMs: 5 * 60_000 },
  perAddress: { maxFailures: 20, lockMs: 5 * 60_000 },
};

export class Credentials {
  private readonly staffLock: Lockout;
  private readonly addressLock: Lockout;
  /** Recent wrong passwords, newest last, for the supervision alarms (bounded: a flood cannot fill memory). */
  private readonly failures: LoginFailure[] = [];

  constructor(
    private readonly access: AccessRepo,
    private readonly staffOf: (id: string) => StaffConfig | undefined,
    options: CredentialOptions = defaultCredentialOptions,
  ) {
    this.staffLock = new Lockout(options.perStaff);
    this.addressLock = new Lockout(options.perAddress);
  }

  /** Wrong passwords since `since` (the alarm engine counts them per staff number and address). */
  recentFailures(since: number): LoginFailure[] {
    return this.failures.filter((f) => f.at >= since);
  }

  /** Is this the staff member's password? `source` is the client's address (or the kiosk's id). */
  async check(staffId: string, password: string, source: string, now: number): Promise<CredentialCheck> {
    const staffKey = `staff:${staffId}`;
    const sourceKey = `source:${source}`;
    const wait = Math.max(this.staffLock.lockedFor(staffKey, now), this.addressLock.lockedFor(sourceKey, now));
    if (wait > 0) {
      const minutes = Math.max(1, Math.ceil(wait / 60_000));
      return { ...refusal('login-locked', { minutes }), retryAfterSeconds: Math.ceil(wait / 1000) };
    }
    // Counted before the slow hash, so a burst of parallel guesses is stopped at the limit.
    this.staffLock.failed(staffKey, now);
    this.addressLock.failed(sourceKey, now);
    const staff = this.staffOf(staffId);
    const hash = staff && (this.access.passwordHash(staff.id) ?? staff.passwordHash);
    if (!staff || !hash || !(await verifyPassword(password, hash))) {
      this.failures.push({ at: now, staffId, address: source });
      if (this.failures.length > 1000) this.failures.splice(0, this.failures.length - 1000);
      return refusal('bad-credentials');
    }
    this.staffLock.succeeded(staffKey);
    this.addressLock.succeeded(sourceKey);
    return { ok: true, staff };
  }
}
