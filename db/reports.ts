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

/** Where a page of a day's legs stopped: the UNIQUE (day, prefix, seq, leg) key. */
export interface LegKey {
  readonly prefix: string;
  readonly seq: number;
  readonly leg: number;
}

export type FigureLegPageRow = FigureLegRow & LegKey;

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
      // A page of one hall day's legs after a key, in the order of the UNIQUE (day, prefix, seq, leg)
      // index: each page is a seek into the index, never a sort of the day.
      legPage: db.prepare<[string, string, number, number, number], FigureLegPageRow>(
        `SELECT ${FIGURE_COLUMNS}, prefix, seq FROM tickets
         WHERE day = ? AND (prefix, seq, leg) > (?, ?, ?) ORDER BY prefix, seq, leg LIMIT ?`,
      ),
      // The export's order of a day (as issued, a visit's legs together) as rowids: small numbers,
      // cheap to read all at once; the rows themselves are then read a page at a time.
      dayOrder: db.prepare<[string], number>('SELECT rowid FROM tickets WHERE day = ? ORDER BY issued_at, visit_id, leg').pluck(),
      legsByRowid: db.prepare<[string], LegRow>(
        `SELECT ${LEG_COLUMNS.replace(/(\w+)/g, 't.$1')} FROM json_each(?) AS j JOIN tickets AS t ON t.rowid = j.value ORDER BY j.key`,
      ),
      appointments: db.prepare<[string], AppointmentReportRow>('SELECT day, service_code, status FROM appointments WHERE day = ?'),
      complaints: db.prepare<[number, number], ComplaintReportRow>(
        'SELECT at, ticket_id, window_no, staff_id FROM complaints WHERE at >= ? AND at < ?',
      ),
      presence: db.prepare<[number, number, number, number], PresenceEventRow>(
        `SELECT seq, at, type, changes FROM event_log
         WHERE type IN ('day.opened', 'window.signed-in', 'window.signed-out', 'window.paused', 'window.resumed') AND at >= ? AND at < ?
           AND seq > ? ORDER BY seq LIMIT ?`,
      ),
    };
  }

  /** Every leg of every ticket of `day` (YYYY-MM-DD), in the order they were issued. */
  ticketsOfDay(day: string): TicketReportRow[] {
    return this.q.ticketsOfDay.all(day);
  }

  // Reports read in pages, never through an open iterator: the hub yields to its event loop between
  // pages, and an open iterator would hold the connection busy (in a throwaway in-memory hall the
  // writer's own) while commands run.

  /** Up to `limit` legs of hall day `day` after `after` (undefined: from the first), as the figures read them. */
  legPage(day: string, after: LegKey | undefined, limit: number): FigureLegPageRow[] {
    return this.q.legPage.all(day, after?.prefix ?? '', after?.seq ?? -1, after?.leg ?? -1, limit);
  }

  /** The rowids of hall day `day`'s legs in the order the tickets export lists them: as issued, a visit's legs together. */
  dayOrder(day: string): number[] {
    return this.q.dayOrder.all(day);
  }

  /** The legs of these rowids (a page of dayOrder), in that order. */
  legsByRowid(rowids: readonly number[]): LegRow[] {
    return this.q.legsByRowid.all(JSON.stringify(rowids));
  }

  /** The bookings for hall day `day`. */
  appointments(day: string): AppointmentReportRow[] {
    return this.q.appointments.all(day);
  }

  /** Complaints filed at instants in [fromAt, toAt). */
  complaints(fromAt: number, toAt: number): ComplaintReportRow[] {
    return this.q.complaints.all(fromAt, toAt);
  }

  /** Up to `limit` sign-ins, sign-outs, pauses, resumes and day openings at instants in [fromAt, toAt) after event `afterSeq`, in hall order. */
  presencePage(fromAt: number, toAt: number, afterSeq: number, limit: number): PresenceEventRow[] {
    return this.q.presence.all(fromAt, toAt, afterSeq, limit);
  }
}
