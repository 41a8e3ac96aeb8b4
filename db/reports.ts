// What the hall's reports read, over a read-only handle: nothing here can change the file.
// Ranges are of hall days (tickets.day, appointments.day) or of instants (complaints, the event log).
import type { ReadableDB } from './connection.js';

/** One leg of a ticket as the day's export lists it. */
export interface TicketReportRow {
  readonly number: string;
  readonly leg: number;
  readonly service_code: string;
  readonly kind: string;
  readonly status: string;
  readonly issued_at: number;
  readonly called_at: number | null;
  readonly started_at: number | null;
  readonly ended_at: number | null;
  readonly window_no: number | null;
  readonly staff_id: string | null;
  readonly recalls: number;
}

/** One leg as the figures and the tickets export read it. */
export interface LegRow extends TicketReportRow {
  readonly id: string;
  readonly visit_id: string;
  readonly day: string;
  readonly queued_at: number;
  readonly no_shows: number;
  readonly rating_level: number | null;
  readonly rating_comment: string | null;
}

export interface AppointmentReportRow {
  readonly day: string;
  readonly service_code: string;
  readonly status: string;
}

export interface ComplaintReportRow {
  readonly at: number;
  readonly ticket_id: string | null;
  readonly window_no: number | null;
  readonly staff_id: string | null;
}

/** An event that changed who is signed in at a window or whether it is paused (with its window snapshots). */
export interface PresenceEventRow {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly changes: string;
}

/** What the figures read of a leg (the export reads all of LegRow). */
export type FigureLegRow = Pick<
  LegRow,
  'leg' | 'service_code' | 'status' | 'issued_at' | 'queued_at' | 'called_at' | 'started_at' | 'ended_at' | 'window_no' | 'staff_id' | 'no_shows' | 'rating_level'
>;

const FIGURE_COLUMNS = 'leg, service_code, status, issued_at, queued_at, called_at, started_at, ended_at, window_no, staff_id, no_shows, rating_level';
const LEG_COLUMNS = `id, visit_id, leg, day, number, service_code, kind, status, issued_at, queued_at, called_at, started_at, ended_at,
  window_no, staff_id, recalls, no_shows, rating_level, rating_comment`;

export class Reports {
  private readonly q;

  constructor(db: ReadableDB) {
    this.q = {
      ticketsOfDay: db.prepare<[string], TicketReportRow>(
        `SELECT number, leg, service_code, kind, status, issued_at, called_at, started_at, ended_at, window_no, staff_id, recalls
         FROM tickets WHERE day = ? ORDER BY issued_at, leg`,
      ),
      // Unordered: the figures add up in any order (and the UNIQUE (day, prefix, seq, leg) index serves the range).
      legs: db.prepare<[string, string], FigureLegRow>(`SELECT ${FIGURE_COLUMNS} FROM tickets WHERE day BETWEEN ? AND ?`),
      legsInOrder: db.prepare<[string, string], LegRow>(`SELECT ${LEG_COLUMNS} FROM tickets WHERE day BETWEEN ? AND ? ORDER BY day, issued_at, visit_id, leg`),
      appointments: db.prepare<[string, string], AppointmentReportRow>('SELECT day, service_code, status FROM appointments WHERE day BETWEEN ? AND ?'),
      complaints: db.prepare<[number, number], ComplaintReportRow>(
        'SELECT at, ticket_id, window_no, staff_id FROM complaints WHERE at >= ? AND at < ?',
      ),
      presence: db.prepare<[number, number], PresenceEventRow>(
        `SELECT seq, at, type, changes FROM event_log
         WHERE type IN ('day.opened', 'window.signed-in', 'window.signed-out', 'window.paused', 'window.resumed') AND at >= ? AND at < ?
         ORDER BY seq`,
      ),
    };
  }

  /** Every leg of every ticket of `day` (YYYY-MM-DD), in the order they were issued. */
  ticketsOfDay(day: string): TicketReportRow[] {
    return this.q.ticketsOfDay.all(day);
  }

  /** Every leg of the hall days from `from` to `to` (inclusive), as the figures read it, one at a time: a year does not sit in memory as rows. */
  legs(from: string, to: string): IterableIterator<FigureLegRow> {
    return this.q.legs.iterate(from, to);
  }

  /** The same legs in the order the tickets export lists them: by day, then as issued, a visit's legs together. */
  legsInOrder(from: string, to: string): IterableIterator<LegRow> {
    return this.q.legsInOrder.iterate(from, to);
  }

  /** The bookings for the hall days from `from` to `to`. */
  appointments(from: string, to: string): AppointmentReportRow[] {
    return this.q.appointments.all(from, to);
  }

  /** Complaints filed at instants in [fromAt, toAt). */
  complaints(fromAt: number, toAt: number): ComplaintReportRow[] {
    return this.q.complaints.all(fromAt, toAt);
  }

  /** Sign-ins, sign-outs, pauses, resumes and day openings at instants in [fromAt, toAt), in hall order. */
  presenceEvents(fromAt: number, toAt: number): PresenceEventRow[] {
    return this.q.presence.all(fromAt, toAt);
  }
}
