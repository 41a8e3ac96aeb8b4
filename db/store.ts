// The hall store: runs every command through the queue engine inside one SQLite transaction
// together with its event rows, projections, audit row and idempotency row; only after the
// commit does the in-memory state move on and the caller get its answer.
import type { Database } from 'better-sqlite3';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  activeStatuses,
  createState,
  decide,
  evolve,
  hallDay,
  needsNewDay,
  refuse,
  type Actor,
  type Appointment,
  type Command,
  type Hall,
  type HallEvent,
  type HallState,
  type IdSource,
  type Refusal,
  type Reply,
  type ServiceStats,
  type Ticket,
  type WindowState,
} from '../main/queue/index.js';
import { migrate, openDatabase } from './connection.js';
import { appointmentFromRow, appointmentRow, ticketFromRow, ticketRow, type AppointmentRowData, type TicketRowData } from './rows.js';

export type StoredEvent = HallEvent & { readonly seq: number };
export type StoreResult = { ok: true; reply: Reply; events: StoredEvent[]; replayed: boolean } | Refusal;

const GENESIS = '0'.repeat(64);

export function randomIds(): IdSource {
  return {
    id: () => `${Date.now().toString(36)}${randomBytes(5).toString('hex')}`,
    token: () => randomBytes(16).toString('base64url'),
    code: () => String(randomInt(0, 1_000_000)).padStart(6, '0'),
  };
}

/** What the audit log keeps of a command: personal data masked, secrets dropped. */
export function auditedCommand(cmd: Command): string {
  const { requestId: _r, ...rest } = cmd as Command & Record<string, unknown>;
  const redacted: Record<string, unknown> = { ...rest };
  if (typeof redacted.name === 'string') redacted.name = `${[...redacted.name][0] ?? ''}*`;
  for (const key of ['phone', 'contact']) {
    if (typeof redacted[key] === 'string') redacted[key] = `***${(redacted[key] as string).slice(-4)}`;
  }
  delete redacted.password;
  return JSON.stringify(redacted);
}

function auditHash(prev: string, row: readonly unknown[]): string {
  return createHash('sha256').update(prev).update(JSON.stringify(row)).digest('hex');
}

export class HallStore {
  readonly db: Database;
  readonly state: HallState;
  private seq: number;
  private lastHash: string;
  private readonly ids: IdSource;
  private readonly q;

  static open(options: { path: string; hall: Hall; ids?: IdSource; now?: number }): HallStore {
    const db = openDatabase(options.path);
    try {
      migrate(db, undefined, options.path);
      return new HallStore(db, options.hall, options.ids ?? randomIds(), options.now ?? Date.now());
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private constructor(db: Database, hall: Hall, ids: IdSource, now: number) {
    this.db = db;
    this.ids = ids;
    this.q = {
      command: db.prepare<[string], { type: string; response: string }>('SELECT type, response FROM commands WHERE request_id = ?'),
      addCommand: db.prepare('INSERT INTO commands (request_id, type, actor, response, at) VALUES (?, ?, ?, ?, ?)'),
      addEvent: db.prepare('INSERT INTO event_log (seq, at, type, window_no, changes, request_id) VALUES (?, ?, ?, ?, ?, ?)'),
      eventsSince: db.prepare<[number, number], { seq: number; at: number; type: string; window_no: number | null; changes: string }>(
        'SELECT seq, at, type, window_no, changes FROM event_log WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      addAudit: db.prepare(
        `INSERT INTO audit_log (at, actor_role, actor_id, request_id, command, outcome, first_seq, last_seq, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertTicket: db.prepare(
        `INSERT OR REPLACE INTO tickets (id, visit_id, leg, day, number, prefix, seq, service_code, kind, status, lane,
           issued_at, queued_at, rank, target_window, due_at, appointment_id, kiosk_id, authorized_by, window_no, staff_id,
           called_at, started_at, ended_at, recalls, reprints, no_shows, token, note, from_ticket_id, call_reason,
           rating_level, rated_at, rating_comment)
         VALUES (@id, @visit_id, @leg, @day, @number, @prefix, @seq, @service_code, @kind, @status, @lane,
           @issued_at, @queued_at, @rank, @target_window, @due_at, @appointment_id, @kiosk_id, @authorized_by, @window_no, @staff_id,
           @called_at, @started_at, @ended_at, @recalls, @reprints, @no_shows, @token, @note, @from_ticket_id, @call_reason,
           @rating_level, @rated_at, @rating_comment)`,
      ),
      addRating: db.prepare(
        'INSERT INTO ratings (ticket_id, level, staff_id, window_no, service_code, at, comment) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      upsertWindow: db.prepare(
        `INSERT OR REPLACE INTO window_state (number, staff_id, signed_in_at, paused_reason, paused_at, current_ticket_id, normal_since_priority)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertAppointment: db.prepare(
        `INSERT OR REPLACE INTO appointments (id, code, service_code, day, slot_start, slot_minutes, name_masked, phone_masked, id_hash, status, booked_at, ticket_id)
         VALUES (@id, @code, @service_code, @day, @slot_start, @slot_minutes, @name_masked, @phone_masked, @id_hash, @status, @booked_at, @ticket_id)`,
      ),
      upsertStats: db.prepare('INSERT OR REPLACE INTO service_stats (service_code, avg_service_ms, samples) VALUES (?, ?, ?)'),
      addComplaint: db.prepare(
        'INSERT INTO complaints (id, at, ticket_id, window_no, staff_id, text, contact_masked, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      setting: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      addSetting: db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)'),
    };
    this.syncModel(hall);
    this.seq = (db.prepare('SELECT MAX(seq) AS s FROM event_log').get() as { s: number | null }).s ?? 0;
    this.lastHash = (db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? GENESIS;
    this.state = this.load(hall, now);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Run one command. A repeated requestId gets the first answer again and changes nothing. */
  execute(cmd: Command, actor: Actor, now = Date.now()): StoreResult {
    const prior = this.q.command.get(cmd.requestId);
    if (prior) {
      if (prior.type !== cmd.type) return refuse('request-id-reused');
      const response = JSON.parse(prior.response) as { ok: true; reply: Reply } | Refusal;
      return response.ok ? { ok: true, reply: response.reply, events: [], replayed: true } : response;
    }
    if (cmd.type !== 'openDay' && needsNewDay(this.state, now)) {
      const day = hallDay(this.state.hall, now);
      this.execute({ type: 'openDay', requestId: `day-${day}` }, { role: 'system', id: 'clock' }, now);
    }
    const decision = decide(this.state, cmd, { now, ids: this.ids, actor });
    const events: StoredEvent[] = [];
    let hash = this.lastHash;
    this.db.transaction(() => {
      if (decision.ok) {
        decision.events.forEach((e, i) => {
          const stored = { ...e, seq: this.seq + i + 1 };
          this.q.addEvent.run(stored.seq, e.at, e.type, e.windowNo ?? null, JSON.stringify(e.changes), cmd.requestId);
          this.project(e);
          events.push(stored);
        });
      }
      const outcome = decision.ok ? 'ok' : decision.code;
      hash = this.audit(now, actor, cmd.requestId, auditedCommand(cmd), outcome, events[0]?.seq ?? null, events.at(-1)?.seq ?? null);
      const response = decision.ok ? { ok: true, reply: decision.reply } : decision;
      this.q.addCommand.run(cmd.requestId, cmd.type, `${actor.role}:${actor.id}`, JSON.stringify(response), now);
    })();
    // Committed: only now does the hall move on.
    this.lastHash = hash;
    if (!decision.ok) return decision;
    this.seq += events.length;
    for (const e of events) evolve(this.state, e);
    return { ok: true, reply: decision.reply, events, replayed: false };
  }

  /** Audit a refusal that never reached the engine (bad token, malformed payload, wrong role). */
  auditRefusal(actor: Actor, what: string, code: string, detail: string, now = Date.now()): void {
    this.db.transaction(() => {
      this.lastHash = this.audit(now, actor, null, JSON.stringify({ what: what.slice(0, 80), detail: detail.slice(0, 300) }), code, null, null);
    })();
  }

  eventsSince(seq: number, limit: number): StoredEvent[] {
    return this.q.eventsSince.all(seq, limit).map((r) => ({
      seq: r.seq,
      at: r.at,
      type: r.type as HallEvent['type'],
      ...(r.window_no !== null && { windowNo: r.window_no }),
      changes: JSON.parse(r.changes) as HallEvent['changes'],
    }));
  }

  /** Recompute the audit chain; a changed or removed row breaks it. */
  verifyAuditChain(): { ok: true; rows: number } | { ok: false; brokenAt: number; reason: string } {
    let prev = GENESIS;
    let rows = 0;
    for (const r of this.db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<Record<string, unknown>>) {
      if (r.prev_hash !== prev) return { ok: false, brokenAt: r.id as number, reason: 'prev_hash does not match the row before' };
      const expected = auditHash(prev, [r.at, r.actor_role, r.actor_id, r.request_id, r.command, r.outcome, r.first_seq, r.last_seq]);
      if (r.hash !== expected) return { ok: false, brokenAt: r.id as number, reason: 'row content does not match its hash' };
      prev = expected;
      rows++;
    }
    return { ok: true, rows };
  }

  /** A per-hall secret (e.g. the salt for ID-number hashes), made once and kept. */
  secret(key: string): string {
    const found = this.q.setting.get(`secret:${key}`);
    if (found) return found.value;
    this.q.addSetting.run(`secret:${key}`, randomBytes(32).toString('base64url'));
    return (this.q.setting.get(`secret:${key}`) as { value: string }).value;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private audit(at: number, actor: Actor, requestId: string | null, command: string, outcome: string, first: number | null, last: number | null): string {
    const row = [at, actor.role, actor.id, requestId, command, outcome, first, last] as const;
    const hash = auditHash(this.lastHash, row);
    this.q.addAudit.run(...row, this.lastHash, hash);
    // Within a transaction, chain the next row to this one.
    this.lastHash = hash;
    return hash;
  }

  private project(e: HallEvent): void {
    const c = e.changes;
    for (const t of c.tickets ?? []) {
      const before = this.state.tickets.get(t.id);
      this.q.upsertTicket.run(ticketRow(t));
      if (t.rating && !before?.rating) {
        this.q.addRating.run(t.id, t.rating.level, t.staffId ?? null, t.windowNo ?? null, t.serviceCode, t.rating.at, t.rating.comment ?? null);
      }
    }
    for (const w of c.windows ?? []) {
      this.q.upsertWindow.run(w.number, w.staffId ?? null, w.signedInAt ?? null, w.paused?.reason ?? null, w.paused?.at ?? null, w.currentTicketId ?? null, w.normalSincePriority);
    }
    for (const a of c.appointments ?? []) this.q.upsertAppointment.run(appointmentRow(a));
    for (const s of c.stats ?? []) this.q.upsertStats.run(s.serviceCode, s.avgServiceMs, s.samples);
    for (const x of c.complaints ?? []) {
      this.q.addComplaint.run(x.id, x.at, x.ticketId ?? null, x.windowNo ?? null, x.staffId ?? null, x.text, x.contactMasked ?? null, x.recordedBy ?? null);
    }
  }

  /** The model tables follow the hall file; removed items stay, inactive, for history. */
  private syncModel(hall: Hall): void {
    const { db } = this;
    db.transaction(() => {
      for (const table of ['departments', 'services', 'windows', 'staff']) db.exec(`UPDATE ${table} SET active = 0`);
      const dep = db.prepare('INSERT OR REPLACE INTO departments (code, name, active) VALUES (?, ?, 1)');
      for (const d of hall.config.departments) dep.run(d.code, d.name);
      const svc = db.prepare('INSERT OR REPLACE INTO services (code, name, department, prefix, promised_minutes, daily_cap, active) VALUES (?, ?, ?, ?, ?, ?, 1)');
      for (const s of hall.config.services) svc.run(s.code, s.name, s.department, s.prefix, s.promisedMinutes, s.dailyCap);
      const win = db.prepare('INSERT OR REPLACE INTO windows (number, name, kind, department, active) VALUES (?, ?, ?, ?, 1)');
      for (const w of hall.config.windows) win.run(w.number, w.name, w.kind, w.department ?? null);
      const staff = db.prepare('INSERT OR REPLACE INTO staff (id, name, role, department, active) VALUES (?, ?, ?, ?, 1)');
      for (const s of hall.config.staff) staff.run(s.id, s.name, s.role, s.department ?? null);
      const ws = db.prepare('INSERT OR IGNORE INTO window_state (number) VALUES (?)');
      for (const w of hall.config.windows) ws.run(w.number);
    })();
  }

  /** Today's tickets and every unfinished one, the windows, open bookings, service times, counters. */
  private load(hall: Hall, now: number): HallState {
    const { db } = this;
    const lastOpened = (db.prepare("SELECT changes FROM event_log WHERE type = 'day.opened' ORDER BY seq DESC LIMIT 1").get() as { changes: string } | undefined)?.changes;
    const openedDay = lastOpened ? (JSON.parse(lastOpened) as { day?: string }).day : undefined;
    const ticketDay = (db.prepare('SELECT MAX(day) AS d FROM tickets').get() as { d: string | null }).d ?? undefined;
    const day = [openedDay, ticketDay].filter((d): d is string => d !== undefined).sort().at(-1) ?? hallDay(hall, now);
    const state = createState(hall, day);
    const active = [...activeStatuses].map((s) => `'${s}'`).join(', ');
    const tickets = db.prepare(`SELECT * FROM tickets WHERE day = ? OR status IN (${active})`).all(day) as TicketRowData[];
    for (const row of tickets) {
      const t: Ticket = ticketFromRow(row);
      state.tickets.set(t.id, t);
    }
    const windows = db.prepare('SELECT * FROM window_state').all() as {
      number: number;
      staff_id: string | null;
      signed_in_at: number | null;
      paused_reason: string | null;
      paused_at: number | null;
      current_ticket_id: string | null;
      normal_since_priority: number;
    }[];
    for (const w of windows) {
      if (!hall.windows.has(w.number)) continue;
      const ws: WindowState = {
        number: w.number,
        normalSincePriority: w.normal_since_priority,
        ...(w.staff_id !== null && { staffId: w.staff_id }),
        ...(w.signed_in_at !== null && { signedInAt: w.signed_in_at }),
        ...(w.paused_reason !== null && { paused: { reason: w.paused_reason, at: w.paused_at ?? 0 } }),
        ...(w.current_ticket_id !== null && { currentTicketId: w.current_ticket_id }),
      };
      state.windows.set(w.number, ws);
    }
    const appointments = db.prepare("SELECT * FROM appointments WHERE status = 'booked' OR day >= ?").all(day) as AppointmentRowData[];
    for (const row of appointments) {
      const a: Appointment = appointmentFromRow(row);
      state.appointments.set(a.id, a);
    }
    for (const s of db.prepare('SELECT * FROM service_stats').all() as { service_code: string; avg_service_ms: number; samples: number }[]) {
      const stats: ServiceStats = { serviceCode: s.service_code, avgServiceMs: s.avg_service_ms, samples: s.samples };
      state.stats.set(s.service_code, stats);
    }
    for (const c of db.prepare('SELECT prefix, MAX(seq) AS seq FROM tickets WHERE day = ? GROUP BY prefix').all(day) as { prefix: string; seq: number }[]) {
      state.counters.set(c.prefix, c.seq);
    }
    return state;
  }
}
