// The hall store: runs every command through the queue engine inside one SQLite transaction
// together with its event rows, projections, audit row and idempotency row; only after the
// commit does the in-memory state move on and the caller get its answer (invariants 2–4).
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
import { migrate, openDatabase, type WritableDB } from './connection.js';
import { appointmentFromRow, appointmentRow, ticketFromRow, ticketRow, type AppointmentRowData, type TicketRowData } from './rows.js';

export type StoredEvent = HallEvent & { readonly seq: number };
/**
 * `replayed`: a repeated requestId answered from the commands table; its events were published before.
 * `opened`: the events of a new hall day committed just before this command (published first).
 */
export type StoreResult = ({ ok: true; reply: Reply; events: StoredEvent[]; replayed: boolean } | Refusal) & {
  readonly opened?: readonly StoredEvent[];
};
export interface ExecuteOptions {
  /** false: a refusal is returned without an audit or command row (anonymous clients: the hub audits
   * it within its per-source budget, so they cannot grow the file). Default true. */
  readonly recordRefusal?: boolean;
}
export type AuditCheck = { ok: true; rows: number } | { ok: false; brokenAt: number; reason: string };

const GENESIS = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Production ids: time-ordered (base36 ms) + 40 random bits; 128-bit tokens; 6-digit codes. */
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
  // A swiped card: the salted hash only, never its birth date.
  if (typeof redacted.identity === 'object' && redacted.identity !== null) {
    redacted.identity = { idHash: (redacted.identity as { idHash?: unknown }).idHash };
  }
  return JSON.stringify(redacted);
}

interface EventRow {
  seq: number;
  at: number;
  type: string;
  window_no: number | null;
  changes: string;
}

interface AuditRow {
  id: number;
  at: number;
  actor_role: string;
  actor_id: string;
  request_id: string | null;
  command: string;
  outcome: string;
  first_seq: number | null;
  last_seq: number | null;
  events_hash: string | null;
  prev_hash: string;
  hash: string;
}

/** sha256 over the event rows exactly as stored, so the check needs nothing but the table. */
function eventsHash(rows: readonly EventRow[]): string {
  return sha256(rows.map((r) => `${r.seq}|${r.at}|${r.type}|${r.window_no ?? ''}|${r.changes}\n`).join(''));
}

/** hash = sha256(prev_hash + JSON of the row's other columns in a fixed order). */
function auditHash(prev: string, r: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  const row: unknown[] = [r.at, r.actor_role, r.actor_id, r.request_id, r.command, r.outcome, r.first_seq, r.last_seq];
  // Rows written before migration 003 have no events_hash; their hash never covered one.
  if (r.events_hash !== null) row.push(r.events_hash);
  return sha256(prev + JSON.stringify(row));
}

function eventFromRow(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    at: r.at,
    type: r.type as HallEvent['type'],
    ...(r.window_no !== null && { windowNo: r.window_no }),
    changes: JSON.parse(r.changes) as HallEvent['changes'],
  };
}

const actorKey = (a: Actor) => `${a.role}:${a.id}`;

export class HallStore {
  readonly db: WritableDB;
  /** The hall as of the last commit. Read it; only the store moves it on (through `evolve`). */
  readonly state: HallState;
  private seq: number;
  private lastHash: string;
  private readonly ids: IdSource;
  private readonly q;

  static open(options: { path: string; hall: Hall; ids?: IdSource; now?: number }): HallStore {
    const db = openDatabase(options.path);
    try {
      migrate(db);
      return new HallStore(db, options.hall, options.ids ?? randomIds(), options.now ?? Date.now());
    } catch (err) {
      db.close();
      throw err;
    }
  }

  private constructor(db: WritableDB, hall: Hall, ids: IdSource, now: number) {
    this.db = db;
    this.ids = ids;
    this.q = {
      command: db.prepare<[string], { type: string; actor: string; response: string }>(
        'SELECT type, actor, response FROM commands WHERE request_id = ?',
      ),
      commandSeqs: db.prepare<[string], { first_seq: number | null; last_seq: number | null }>(
        'SELECT first_seq, last_seq FROM audit_log WHERE request_id = ? ORDER BY id LIMIT 1',
      ),
      addCommand: db.prepare('INSERT INTO commands (request_id, type, actor, response, at, audit_id) VALUES (?, ?, ?, ?, ?, ?)'),
      addEvent: db.prepare('INSERT INTO event_log (seq, at, type, window_no, changes, request_id) VALUES (?, ?, ?, ?, ?, ?)'),
      eventsSince: db.prepare<[number, number], EventRow>(
        'SELECT seq, at, type, window_no, changes FROM event_log WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      eventsBetween: db.prepare<[number, number], EventRow>(
        'SELECT seq, at, type, window_no, changes FROM event_log WHERE seq BETWEEN ? AND ? ORDER BY seq',
      ),
      addAudit: db.prepare(
        `INSERT INTO audit_log (at, actor_role, actor_id, request_id, command, outcome, first_seq, last_seq, events_hash, prev_hash, hash)
         VALUES (@at, @actor_role, @actor_id, @request_id, @command, @outcome, @first_seq, @last_seq, @events_hash, @prev_hash, @hash)`,
      ),
      // Upserts, not INSERT OR REPLACE: a replace deletes the row first, which trips foreign keys
      // (ratings → tickets) and needlessly rewrites every index.
      upsertTicket: db.prepare(
        `INSERT INTO tickets (id, visit_id, leg, day, number, prefix, seq, service_code, kind, status, lane,
           issued_at, queued_at, rank, target_window, due_at, appointment_id, kiosk_id, id_hash, authorized_by, window_no, staff_id,
           called_at, started_at, ended_at, recalls, reprints, no_shows, token, note, from_ticket_id, call_reason,
           rating_level, rated_at, rating_comment)
         VALUES (@id, @visit_id, @leg, @day, @number, @prefix, @seq, @service_code, @kind, @status, @lane,
           @issued_at, @queued_at, @rank, @target_window, @due_at, @appointment_id, @kiosk_id, @id_hash, @authorized_by, @window_no, @staff_id,
           @called_at, @started_at, @ended_at, @recalls, @reprints, @no_shows, @token, @note, @from_ticket_id, @call_reason,
           @rating_level, @rated_at, @rating_comment)
         ON CONFLICT (id) DO UPDATE SET visit_id = excluded.visit_id, leg = excluded.leg, day = excluded.day,
           number = excluded.number, prefix = excluded.prefix, seq = excluded.seq, service_code = excluded.service_code,
           kind = excluded.kind, status = excluded.status, lane = excluded.lane, issued_at = excluded.issued_at,
           queued_at = excluded.queued_at, rank = excluded.rank, target_window = excluded.target_window, due_at = excluded.due_at,
           appointment_id = excluded.appointment_id, kiosk_id = excluded.kiosk_id, id_hash = excluded.id_hash,
           authorized_by = excluded.authorized_by, window_no = excluded.window_no, staff_id = excluded.staff_id, called_at = excluded.called_at,
           started_at = excluded.started_at, ended_at = excluded.ended_at, recalls = excluded.recalls,
           reprints = excluded.reprints, no_shows = excluded.no_shows, token = excluded.token, note = excluded.note,
           from_ticket_id = excluded.from_ticket_id, call_reason = excluded.call_reason, rating_level = excluded.rating_level,
           rated_at = excluded.rated_at, rating_comment = excluded.rating_comment`,
      ),
      addRating: db.prepare(
        'INSERT INTO ratings (ticket_id, level, staff_id, window_no, service_code, at, comment) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      upsertWindow: db.prepare(
        `INSERT INTO window_state (number, staff_id, signed_in_at, paused_reason, paused_at, current_ticket_id, normal_since_priority)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (number) DO UPDATE SET staff_id = excluded.staff_id, signed_in_at = excluded.signed_in_at,
           paused_reason = excluded.paused_reason, paused_at = excluded.paused_at,
           current_ticket_id = excluded.current_ticket_id, normal_since_priority = excluded.normal_since_priority`,
      ),
      upsertAppointment: db.prepare(
        `INSERT INTO appointments (id, code, service_code, day, slot_start, slot_minutes, name_masked, phone_masked, id_hash, status, booked_at, ticket_id)
         VALUES (@id, @code, @service_code, @day, @slot_start, @slot_minutes, @name_masked, @phone_masked, @id_hash, @status, @booked_at, @ticket_id)
         ON CONFLICT (id) DO UPDATE SET code = excluded.code, service_code = excluded.service_code, day = excluded.day,
           slot_start = excluded.slot_start, slot_minutes = excluded.slot_minutes, name_masked = excluded.name_masked,
           phone_masked = excluded.phone_masked, id_hash = excluded.id_hash, status = excluded.status,
           booked_at = excluded.booked_at, ticket_id = excluded.ticket_id`,
      ),
      upsertStats: db.prepare(
        `INSERT INTO service_stats (service_code, avg_service_ms, samples) VALUES (?, ?, ?)
         ON CONFLICT (service_code) DO UPDATE SET avg_service_ms = excluded.avg_service_ms, samples = excluded.samples`,
      ),
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

  /**
   * Run one command. A repeated requestId gets the first answer again — the same reply and the
   * same events with their seqs, flagged `replayed` — and changes nothing (invariant 3).
   */
  execute(cmd: Command, actor: Actor, now = Date.now(), options: ExecuteOptions = {}): StoreResult {
    const prior = this.answered(cmd.requestId, cmd.type, (key) => key === actorKey(actor));
    if (prior) return prior;
    let opened: StoredEvent[] = [];
    if (cmd.type !== 'openDay' && needsNewDay(this.state, now)) {
      // Its own transaction: the new day stands even if the visitor's command is refused.
      const day = hallDay(this.state.hall, now);
      const result = this.commit({ type: 'openDay', requestId: `openDay:${day}:${this.seq + 1}` }, { role: 'system', id: 'clock' }, now, true);
      if (result.ok) opened = result.events;
    }
    const result = this.commit(cmd, actor, now, options.recordRefusal ?? true);
    return opened.length > 0 ? { ...result, opened } : result;
  }

  /**
   * The first answer to a requestId already run — the same reply and events, flagged `replayed` —
   * or undefined when it is new. Refused when the id was used for another command or by an actor
   * `accepts` does not recognise (its key is "role:id").
   */
  answered(requestId: string, type: Command['type'], accepts: (actorKey: string) => boolean): StoreResult | undefined {
    const prior = this.q.command.get(requestId);
    if (!prior) return undefined;
    if (prior.type !== type || !accepts(prior.actor)) return refuse('request-id-reused');
    const response = JSON.parse(prior.response) as { ok: true; reply: Reply } | Refusal;
    if (!response.ok) return response;
    const seqs = this.q.commandSeqs.get(requestId);
    const events =
      seqs?.first_seq != null && seqs.last_seq != null ? this.q.eventsBetween.all(seqs.first_seq, seqs.last_seq).map(eventFromRow) : [];
    return { ok: true, reply: response.reply, events, replayed: true };
  }

  private commit(cmd: Command, actor: Actor, now: number, recordRefusal: boolean): StoreResult {
    const decision = decide(this.state, cmd, { now, ids: this.ids, actor });
    if (!decision.ok && !recordRefusal) return decision;
    const events: StoredEvent[] = [];
    const rows: EventRow[] = [];
    let hash = this.lastHash;
    this.db
      .transaction(() => {
        if (decision.ok) {
          // Ratings: compare with the ticket as the earlier events of this decision left it.
          const seen = new Map<string, Ticket>();
          decision.events.forEach((e, i) => {
            const row: EventRow = { seq: this.seq + i + 1, at: e.at, type: e.type, window_no: e.windowNo ?? null, changes: JSON.stringify(e.changes) };
            this.q.addEvent.run(row.seq, row.at, row.type, row.window_no, row.changes, cmd.requestId);
            this.project(e, seen);
            rows.push(row);
            events.push({ ...e, seq: row.seq });
          });
        }
        const outcome = decision.ok ? 'ok' : decision.code;
        const audit = this.audit(hash, now, actor, cmd.requestId, auditedCommand(cmd), outcome, rows);
        hash = audit.hash;
        const response = decision.ok ? { ok: true, reply: decision.reply } : decision;
        this.q.addCommand.run(cmd.requestId, cmd.type, actorKey(actor), JSON.stringify(response), now, audit.id);
      })
      .immediate();
    // Committed: only now do the chain head, the seq and the hall move on.
    this.lastHash = hash;
    if (!decision.ok) return decision;
    this.seq += events.length;
    for (const e of events) evolve(this.state, e);
    return { ok: true, reply: decision.reply, events, replayed: false };
  }

  /** Audit a refusal that never reached the engine (bad token, malformed payload, wrong role). */
  auditRefusal(actor: Actor, what: string, code: string, detail: string, now = Date.now()): void {
    let hash = this.lastHash;
    this.db
      .transaction(() => {
        hash = this.audit(hash, now, actor, null, JSON.stringify({ what: what.slice(0, 80), detail: detail.slice(0, 300) }), code, []).hash;
      })
      .immediate();
    this.lastHash = hash;
  }

  eventsSince(seq: number, limit: number): StoredEvent[] {
    return this.q.eventsSince.all(seq, limit).map(eventFromRow);
  }

  /**
   * Recompute the audit chain and check it against the event log: every row chains to the one
   * before, its hash covers its content and its events, and the rows' seq ranges cover the
   * event log 1..N without a gap. A changed, removed or inserted row (audit or event) breaks it.
   * Not detectable without an outside anchor: cutting rows off the end of both logs.
   */
  verifyAuditChain(): AuditCheck {
    let prev = GENESIS;
    let rows = 0;
    let expectSeq = 1;
    const events = this.db.prepare<[number, number], EventRow>(
      'SELECT seq, at, type, window_no, changes FROM event_log WHERE seq BETWEEN ? AND ? ORDER BY seq',
    );
    // Paged, so a year of audit rows never sits in memory at once.
    const page = this.db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000');
    const all = function* () {
      for (let after = 0, rows = page.all(after); rows.length > 0; after = rows[rows.length - 1]!.id, rows = page.all(after)) yield* rows;
    };
    for (const r of all()) {
      if (r.prev_hash !== prev) return { ok: false, brokenAt: r.id, reason: 'prev_hash does not match the hash of the row before' };
      if (r.hash !== auditHash(prev, r)) return { ok: false, brokenAt: r.id, reason: 'row content does not match its hash' };
      if (r.first_seq !== null && r.last_seq !== null) {
        if (r.first_seq !== expectSeq) {
          return { ok: false, brokenAt: r.id, reason: `events start at seq ${r.first_seq}, expected ${expectSeq}` };
        }
        const found = events.all(r.first_seq, r.last_seq);
        if (found.length !== r.last_seq - r.first_seq + 1 || found.some((e, i) => e.seq !== r.first_seq! + i)) {
          return { ok: false, brokenAt: r.id, reason: `event_log is missing events in ${r.first_seq}..${r.last_seq}` };
        }
        if (r.events_hash !== null && r.events_hash !== eventsHash(found)) {
          return { ok: false, brokenAt: r.id, reason: `events ${r.first_seq}..${r.last_seq} do not match the hash this row recorded` };
        }
        expectSeq = r.last_seq + 1;
      }
      prev = r.hash;
      rows++;
    }
    const last = (this.db.prepare('SELECT MAX(seq) AS s FROM event_log').get() as { s: number | null }).s ?? 0;
    if (last !== expectSeq - 1) {
      return { ok: false, brokenAt: rows, reason: `event_log holds seqs up to ${last} but the audit log accounts for ${expectSeq - 1}` };
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

  /** Append one audit row chained to `prev`; the caller moves the chain head after the commit. */
  private audit(
    prev: string,
    at: number,
    actor: Actor,
    requestId: string | null,
    command: string,
    outcome: string,
    events: readonly EventRow[],
  ): { id: number; hash: string } {
    const first = events[0];
    const last = events[events.length - 1];
    const row = {
      at,
      actor_role: actor.role,
      actor_id: actor.id,
      request_id: requestId,
      command,
      outcome,
      first_seq: first?.seq ?? null,
      last_seq: last?.seq ?? null,
      events_hash: events.length > 0 ? eventsHash(events) : null,
    };
    const hash = auditHash(prev, row);
    const info = this.q.addAudit.run({ ...row, prev_hash: prev, hash });
    return { id: Number(info.lastInsertRowid), hash };
  }

  private project(e: HallEvent, seen: Map<string, Ticket>): void {
    const c = e.changes;
    for (const t of c.tickets ?? []) {
      const before = seen.get(t.id) ?? this.state.tickets.get(t.id);
      this.q.upsertTicket.run(ticketRow(t));
      if (t.rating && !before?.rating) {
        this.q.addRating.run(t.id, t.rating.level, t.staffId ?? null, t.windowNo ?? null, t.serviceCode, t.rating.at, t.rating.comment ?? null);
      }
      seen.set(t.id, t);
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
    const upsert = (table: string, key: string, cols: readonly string[]) =>
      db.prepare(
        `INSERT INTO ${table} (${key}, ${cols.join(', ')}, active) VALUES (${['?', ...cols.map(() => '?')].join(', ')}, 1)
         ON CONFLICT (${key}) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')}, active = 1`,
      );
    db.transaction(() => {
      for (const table of ['departments', 'services', 'windows', 'staff']) db.exec(`UPDATE ${table} SET active = 0`);
      const dep = upsert('departments', 'code', ['name']);
      for (const d of hall.config.departments) dep.run(d.code, d.name);
      const svc = upsert('services', 'code', ['name', 'department', 'prefix', 'promised_minutes', 'daily_cap']);
      for (const s of hall.config.services) svc.run(s.code, s.name, s.department, s.prefix, s.promisedMinutes, s.dailyCap);
      const win = upsert('windows', 'number', ['name', 'kind', 'department']);
      for (const w of hall.config.windows) win.run(w.number, w.name, w.kind, w.department ?? null);
      const staff = upsert('staff', 'id', ['name', 'role', 'department']);
      for (const s of hall.config.staff) staff.run(s.id, s.name, s.role, s.department ?? null);
      const ws = db.prepare('INSERT OR IGNORE INTO window_state (number) VALUES (?)');
      for (const w of hall.config.windows) ws.run(w.number);
    }).immediate();
  }

  /**
   * The state `evolve` would have built: the current day's tickets and every unfinished one, the
   * windows, bookings still open or not yet past, service times, and counters from max(seq).
   */
  private load(hall: Hall, now: number): HallState {
    const { db } = this;
    const lastOpened = (db.prepare("SELECT changes FROM event_log WHERE type = 'day.opened' ORDER BY seq DESC LIMIT 1").get() as { changes: string } | undefined)?.changes;
    const openedDay = lastOpened ? (JSON.parse(lastOpened) as { day?: string }).day : undefined;
    const ticketDay = (db.prepare('SELECT MAX(day) AS d FROM tickets').get() as { d: string | null }).d ?? undefined;
    // Before the first day.opened every event belongs to the first day, so the first event dates
    // it — even when that day saw only sign-ins and no ticket.
    const firstAt = (db.prepare('SELECT at FROM event_log ORDER BY seq LIMIT 1').get() as { at: number } | undefined)?.at;
    const firstDay = firstAt === undefined ? undefined : hallDay(hall, firstAt);
    const day = [openedDay, ticketDay, firstDay].filter((d): d is string => d !== undefined).sort().at(-1) ?? hallDay(hall, now);
    const state = createState(hall, day);
    const active = [...activeStatuses].map((s) => `'${s}'`).join(', ');
    const tickets = db.prepare(`SELECT * FROM tickets WHERE day >= ? OR status IN (${active}) ORDER BY rowid`).all(day) as TicketRowData[];
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
        ...(w.staff_id !== null && { staffId: w.staff_id }),
        ...(w.signed_in_at !== null && { signedInAt: w.signed_in_at }),
        ...(w.paused_reason !== null && { paused: { reason: w.paused_reason, at: w.paused_at ?? 0 } }),
        ...(w.current_ticket_id !== null && { currentTicketId: w.current_ticket_id }),
        normalSincePriority: w.normal_since_priority,
      };
      state.windows.set(w.number, ws);
    }
    const appointments = db.prepare("SELECT * FROM appointments WHERE status = 'booked' OR day >= ? ORDER BY rowid").all(day) as AppointmentRowData[];
    for (const row of appointments) {
      const a: Appointment = appointmentFromRow(row);
      state.appointments.set(a.id, a);
    }
    for (const s of db.prepare('SELECT * FROM service_stats').all() as { service_code: string; avg_service_ms: number; samples: number }[]) {
      const stats: ServiceStats = { serviceCode: s.service_code, avgServiceMs: s.avg_service_ms, samples: s.samples };
      state.stats.set(s.service_code, stats);
    }
    for (const c of db.prepare('SELECT prefix, MAX(seq) AS seq FROM tickets WHERE day = ? GROUP BY prefix').all(day) as { prefix: string; seq: number }[]) {
      state.numberSeqs.set(c.prefix, c.seq);
    }
    return state;
  }
}
