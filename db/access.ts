// Who may connect: paired devices (kiosks, displays, agents) by token, staff by password and then
// a session token. Secrets are stored only as hashes.
import { createHash, randomBytes } from 'node:crypto';
import type { WritableDB } from './connection.js';

export type DeviceRole = 'kiosk' | 'display' | 'agent';
export interface PairedDevice {
  readonly id: string;
  readonly role: DeviceRole;
  readonly name: string;
  /** Kiosks: false for a screen-only kiosk, which may issue without a printer. */
  readonly hasPrinter: boolean;
}

/**
 * What an agent may serve: LED displays, keypads and caller keypads only for these windows,
 * printers only for these kiosks. An agent paired without one serves nothing.
 */
export interface AgentBinding {
  readonly windows: readonly number[];
  readonly kiosks: readonly string[];
}
export const NO_BINDING: AgentBinding = { windows: [], kiosks: [] };

/** A device to pair; agents give their binding (absent: nothing), other roles never have one. */
export type NewDevice = PairedDevice & { readonly binding?: AgentBinding };

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

  constructor(private readonly db: WritableDB) {
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
      role: db.prepare<[string], { role: DeviceRole }>('SELECT role FROM devices WHERE id = ?'),
      clearWindows: db.prepare('DELETE FROM agent_windows WHERE agent_id = ?'),
      clearKiosks: db.prepare('DELETE FROM agent_kiosks WHERE agent_id = ?'),
      addWindow: db.prepare('INSERT INTO agent_windows (agent_id, window_no) VALUES (?, ?)'),
      addKiosk: db.prepare('INSERT INTO agent_kiosks (agent_id, kiosk_id) VALUES (?, ?)'),
      windows: db.prepare<[string], number>('SELECT window_no FROM agent_windows WHERE agent_id = ? ORDER BY window_no').pluck(),
      kiosks: db.prepare<[string], string>('SELECT kiosk_id FROM agent_kiosks WHERE agent_id = ? ORDER BY kiosk_id').pluck(),
      purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    };
  }

  /**
   * Pair (or re-pair) a device; returns its new token, shown once. Pairing sets an agent's binding
   * afresh (none given: it serves nothing until bound).
   */
  pairDevice(device: NewDevice, now = Date.now()): string {
    if (device.binding && device.role !== 'agent') throw new Error(`${device.id}: only agents are bound to windows and kiosks`);
    const token = secret();
    this.db.transaction(() => {
      this.q.pair.run(device.id, device.role, device.name, sha256(token), device.hasPrinter ? 1 : 0, now);
      this.writeBinding(device.id, device.binding ?? NO_BINDING);
    })();
    return token;
  }

  /** Change what a paired agent may serve (replaces its whole binding); the hub reads it on every check. */
  bindAgent(agentId: string, binding: AgentBinding): void {
    const role = this.q.role.get(agentId)?.role;
    if (role !== 'agent') throw new Error(role ? `${agentId} is a ${role}, not an agent` : `no paired agent ${agentId}`);
    this.db.transaction(() => this.writeBinding(agentId, binding))();
  }

  /** What an agent may serve now (nothing for an unknown or unbound one). */
  agentBinding(agentId: string): AgentBinding {
    return { windows: this.q.windows.all(agentId), kiosks: this.q.kiosks.all(agentId) };
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

  private writeBinding(id: string, binding: AgentBinding): void {
    for (const w of binding.windows) {
      if (!Number.isInteger(w) || w < 1) throw new Error(`${id}: window ${w} is not a window number`);
    }
    this.q.clearWindows.run(id);
    this.q.clearKiosks.run(id);
    for (const w of new Set(binding.windows)) this.q.addWindow.run(id, w);
    for (const k of new Set(binding.kiosks)) this.q.addKiosk.run(id, k);
  }
}
