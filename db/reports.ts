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

/**
 * A hall day's legs added up per (staff member, window, service): the figures' counting rules
 * (main/reports/figures.ts) in SQL, so a day of ten thousand legs reaches JS as a few hundred rows.
 * The durations come as lists, not sums: a wait is measured against its service's target, and p90 needs
 * every sample.
 */
export interface FigureGroupRow {
  readonly staff_id: string | null;
  readonly window_no: number | null;
  readonly service_code: string;
  readonly issued: number;
  readonly called: number;
  readonly served: number;
  readonly no_show: number;
  readonly requeued: number;
  readonly transferred: number;
  readonly cancelled: number;
  readonly expired: number;
  readonly r1: number;
  readonly r2: number;
  readonly r3: number;
  readonly r4: number;
  readonly r5: number;
  /** The waits of the called legs and the service times of the served ones, ms, comma-separated. */
  readonly waits: string | null;
  readonly services: string | null;
  /** When each first leg was issued, in quarter hours since the epoch (issued_at ÷ 15 min), comma-separated. */
  readonly arrivals: string | null;
}

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
      // wait: call − last entry into the queue, of a called leg; service: finish (or transfer) − start
      // of a served leg (started, and done or transferred on); both never negative. A no-show who
      // was re-queued counts as requeued, never also as a no-show.
      // A day's numbering prefixes, from the (day, prefix, …) index alone: a day is added up a prefix at
      // a time, a few hundred legs per statement, so no one statement holds the hub's thread for long.
      prefixes: db.prepare<[string], string>('SELECT DISTINCT prefix FROM tickets WHERE day = ?').pluck(),
      figureGroups: db.prepare<[string, string], FigureGroupRow>(
        `WITH legs AS (
           SELECT staff_id, window_no, service_code, leg, status, no_shows, rating_level,
             CASE WHEN called_at IS NOT NULL THEN MAX(0, called_at - queued_at) END AS wait,
             CASE WHEN started_at IS NOT NULL AND status IN ('done', 'transferred') THEN MAX(0, COALESCE(ended_at, started_at) - started_at) END AS service,
             CASE WHEN leg = 1 THEN issued_at / 900000 END AS arrival
           FROM tickets WHERE day = ? AND prefix = ?)
         SELECT staff_id, window_no, service_code,
           SUM(leg = 1) AS issued, COUNT(wait) AS called, COUNT(service) AS served,
           SUM(status = 'no-show') AS no_show, SUM(status <> 'no-show' AND no_shows > 0) AS requeued,
           SUM(status = 'transferred') AS transferred, SUM(status = 'cancelled') AS cancelled, SUM(status = 'expired') AS expired,
           TOTAL(rating_level = 1) AS r1, TOTAL(rating_level = 2) AS r2, TOTAL(rating_level = 3) AS r3, TOTAL(rating_level = 4) AS r4, TOTAL(rating_level = 5) AS r5,
           group_concat(wait) AS waits, group_concat(service) AS services, group_concat(arrival) AS arrivals
         FROM legs GROUP BY staff_id, window_no, service_code`,
      ),
      // What the export sorts a day by (as issued, a visit's legs together), a numbering prefix at a
      // time so no one statement reads a whole day; the rows themselves are then read a page at a time.
      orderKeys: db.prepare<[string, string], [number, number, string, number]>('SELECT rowid, issued_at, visit_id, leg FROM tickets WHERE day = ? AND prefix = ?').raw(),
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

  /** The numbering prefixes of hall day `day`'s tickets. */
  prefixes(day: string): string[] {
    return this.q.prefixes.all(day);
  }

  /** Hall day `day`'s legs numbered with `prefix`, added up per staff member, window and service. */
  figureGroups(day: string, prefix: string): FigureGroupRow[] {
    return this.q.figureGroups.all(day, prefix);
  }

  /** [rowid, issued_at, visit_id, leg] of hall day `day`'s legs numbered with `prefix`: what the tickets export orders by. */
  orderKeys(day: string, prefix: string): [number, number, string, number][] {
    return this.q.orderKeys.all(day, prefix);
  }

  /** The legs of these rowids, in that order. */
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
