// Who may connect: paired devices (kiosks, displays, agents) by token, staff by password and then
// a session token. Secrets are stored only as hashes.
import type { Database } from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';

export type DeviceRole = 'kiosk' | 'display' | 'agent';
export interface PairedDevice {
  readonly id: string;
  readonly role: DeviceRole;
  readonly name: string;
  /** Kiosks: false for a screen-only kiosk, which may issue without a printer. */
  readonly hasPrinter: boolean;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

interface DeviceRow {
  id: string;
  role: DeviceRole;
  name: string;
  has_printer: number;
}

export class AccessRepo {
  private readonly q;

  constructor(private readonly db: Database) {
    this.q = {
      pair: db.prepare(
        `INSERT INTO devices (id, role, name, token_hash, has_printer, paired_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET role = excluded.role, name = excluded.name, token_hash = excluded.token_hash,
           has_printer = excluded.has_printer, paired_at = excluded.paired_at, revoked_at = NULL`,
      ),
      byToken: db.prepare<[string], DeviceRow>(
        'SELECT id, role, name, has_printer FROM devices WHERE token_hash = ? AND revoked_at IS NULL',
      ),
      revoke: db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ?'),
      list: db.prepare<[], DeviceRow & { paired_at: number; revoked_at: number | null }>(
        'SELECT id, role, name, has_printer, paired_at, revoked_at FROM devices ORDER BY id',
      ),
      setPassword: db.prepare(
        `INSERT INTO staff_passwords (staff_id, hash, set_at) VALUES (?, ?, ?)
         ON CONFLICT(staff_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at`,
      ),
      password: db.prepare<[string], { hash: string }>('SELECT hash FROM staff_passwords WHERE staff_id = ?'),
      addSession: db.prepare('INSERT INTO sessions (token_hash, staff_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
      session: db.prepare<[string, number], { staff_id: string }>(
        'SELECT staff_id FROM sessions WHERE token_hash = ? AND expires_at > ?',
      ),
      dropSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
  }

  /** Pair (or re-pair) a device; returns its new token, shown once. */
  pairDevice(device: PairedDevice, now = Date.now()): string {
    const token = secret();
    this.q.pair.run(device.id, device.role, device.name, sha256(token), device.hasPrinter ? 1 : 0, now);
    return token;
  }

  deviceByToken(token: string): PairedDevice | undefined {
    const row = this.q.byToken.get(sha256(token));
    return row && { id: row.id, role: row.role, name: row.name, hasPrinter: row.has_printer === 1 };
  }

  revokeDevice(id: string, now = Date.now()): boolean {
    return this.q.revoke.run(now, id).changes > 0;
  }

  devices() {
    return this.q.list.all().map((r) => ({ id: r.id, role: r.role, name: r.name, hasPrinter: r.has_printer === 1, pairedAt: r.paired_at, revoked: r.revoked_at !== null }));
  }

  setPasswordHash(staffId: string, hash: string, now = Date.now()): void {
    this.q.setPassword.run(staffId, hash, now);
  }

  passwordHash(staffId: string): string | undefined {
    return this.q.password.get(staffId)?.hash;
  }

  createSession(staffId: string, ttlMs: number, now = Date.now()): string {
    const token = secret();
    this.q.purgeSessions.run(now);
    this.q.addSession.run(sha256(token), staffId, now, now + ttlMs);
    return token;
  }

  sessionStaff(token: string, now = Date.now()): string | undefined {
    return this.q.session.get(sha256(token), now)?.staff_id;
  }

  endSession(token: string): void {
    this.q.dropSession.run(sha256(token));
  }
}
