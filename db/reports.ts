// What the hall's reports read, over a read-only handle: nothing here can change the file.
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

export class Reports {
  private readonly q;

  constructor(db: ReadableDB) {
    this.q = {
      ticketsOfDay: db.prepare<[string], TicketReportRow>(
        `SELECT number, leg, service_code, kind, status, issued_at, called_at, started_at, ended_at, window_no, staff_id, recalls
         FROM tickets WHERE day = ? ORDER BY issued_at, leg`,
      ),
    };
  }

  /** Every leg of every ticket of `day` (YYYY-MM-DD), in the order they were issued. */
  ticketsOfDay(day: string): TicketReportRow[] {
    return this.q.ticketsOfDay.all(day);
  }
}
