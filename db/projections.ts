// The read tables that follow the event log: tickets, window state, appointments, service times,
// complaints and ratings, written in the same transaction as the events that changed them.
import type { HallEvent, Ticket } from '../main/queue/index.js';
import type { WritableDB } from './connection.js';
import { APPOINTMENT_COLUMNS, appointmentRow, STATS_COLUMNS, statsRow, TICKET_COLUMNS, ticketRow, WINDOW_COLUMNS, windowRow } from './rows.js';
import { upsertSql } from './sql.js';

export class Projections {
  private readonly q;

  constructor(db: WritableDB) {
    this.q = {
      ticket: db.prepare(upsertSql('tickets', 'id', TICKET_COLUMNS)),
      window: db.prepare(upsertSql('window_state', 'number', WINDOW_COLUMNS)),
      appointment: db.prepare(upsertSql('appointments', 'id', APPOINTMENT_COLUMNS)),
      stats: db.prepare(upsertSql('service_stats', 'service_code', STATS_COLUMNS)),
      rating: db.prepare('INSERT INTO ratings (ticket_id, level, staff_id, window_no, service_code, at, comment) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      complaint: db.prepare(
        'INSERT INTO complaints (id, at, ticket_id, window_no, staff_id, text, contact_masked, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
    };
  }

  /**
   * Write what one decision's events changed. `before` gives a ticket as the hall held it before the
   * decision; a rating row is added the first time a ticket carries a rating, comparing with the
   * ticket as the earlier events of the same decision left it.
   */
  apply(events: readonly HallEvent[], before: (ticketId: string) => Ticket | undefined): void {
    const seen = new Map<string, Ticket>();
    for (const { changes: c } of events) {
      for (const t of c.tickets ?? []) {
        const prior = seen.get(t.id) ?? before(t.id);
        this.q.ticket.run(ticketRow(t));
        if (t.rating && !prior?.rating) {
          this.q.rating.run(t.id, t.rating.level, t.staffId ?? null, t.windowNo ?? null, t.serviceCode, t.rating.at, t.rating.comment ?? null);
        }
        seen.set(t.id, t);
      }
      for (const w of c.windows ?? []) this.q.window.run(windowRow(w));
      for (const a of c.appointments ?? []) this.q.appointment.run(appointmentRow(a));
      for (const s of c.stats ?? []) this.q.stats.run(statsRow(s));
      for (const x of c.complaints ?? []) {
        this.q.complaint.run(x.id, x.at, x.ticketId ?? null, x.windowNo ?? null, x.staffId ?? null, x.text, x.contactMasked ?? null, x.recordedBy ?? null);
      }
    }
  }
}
