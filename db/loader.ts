// Start-up: the model tables follow the hall file, and the in-memory hall is rebuilt from the
// projections exactly as `evolve` would have left it.
import { activeStatuses, createState, hallDay, type Hall, type HallState } from '../main/queue/index.js';
import type { WritableDB } from './connection.js';
import {
  appointmentFromRow,
  statsFromRow,
  ticketFromRow,
  windowFromRow,
  type AppointmentRowData,
  type StatsRowData,
  type TicketRowData,
  type WindowRowData,
} from './rows.js';

/** The model tables follow the hall file; removed items stay, inactive, for history. */
export function syncModel(db: WritableDB, hall: Hall): void {
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
 * windows, bookings still open or not yet past, service times, and the number sequences from max(seq).
 */
export function loadState(db: WritableDB, hall: Hall, now: number): HallState {
  const lastOpened = db.prepare<[], string>("SELECT changes FROM event_log WHERE type = 'day.opened' ORDER BY seq DESC LIMIT 1").pluck().get();
  const openedDay = lastOpened ? (JSON.parse(lastOpened) as { day?: string }).day : undefined;
  const ticketDay = db.prepare<[], string | null>('SELECT MAX(day) FROM tickets').pluck().get() ?? undefined;
  // Before the first day.opened every event belongs to the first day, so the first event dates
  // it — even when that day saw only sign-ins and no ticket.
  const firstAt = db.prepare<[], number>('SELECT at FROM event_log ORDER BY seq LIMIT 1').pluck().get();
  const firstDay = firstAt === undefined ? undefined : hallDay(hall, firstAt);
  const day = [openedDay, ticketDay, firstDay].filter((d): d is string => d !== undefined).sort().at(-1) ?? hallDay(hall, now);
  const state = createState(hall, day);
  const active = [...activeStatuses].map((s) => `'${s}'`).join(', ');
  for (const row of db.prepare<[string], TicketRowData>(`SELECT * FROM tickets WHERE day >= ? OR status IN (${active}) ORDER BY rowid`).all(day)) {
    const t = ticketFromRow(row);
    state.tickets.set(t.id, t);
  }
  for (const row of db.prepare<[], WindowRowData>('SELECT * FROM window_state').all()) {
    if (hall.windows.has(row.number)) state.windows.set(row.number, windowFromRow(row));
  }
  for (const row of db.prepare<[string], AppointmentRowData>("SELECT * FROM appointments WHERE status = 'booked' OR day >= ? ORDER BY rowid").all(day)) {
    const a = appointmentFromRow(row);
    state.appointments.set(a.id, a);
  }
  for (const row of db.prepare<[], StatsRowData>('SELECT * FROM service_stats').all()) state.stats.set(row.service_code, statsFromRow(row));
  for (const c of db.prepare<[string], { prefix: string; seq: number }>('SELECT prefix, MAX(seq) AS seq FROM tickets WHERE day = ? GROUP BY prefix').all(day)) {
    state.numberSeqs.set(c.prefix, c.seq);
  }
  return state;
}
