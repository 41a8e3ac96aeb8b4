// Domain objects → wire views. Leaves out what clients must not see (a ticket's status-page
// token, an appointment's ID hash, internal counters).
import type { Appointment, Complaint, EventType, HallEvent, HallState, Ticket, WindowState } from '../queue/index.js';
import type { AppointmentView, ComplaintView, HallEventType, HallEventView, SnapshotView, TicketView, WindowView } from '../protocol/index.js';

// The wire's event types are the engine's, no more and no fewer: a new engine event must get its view.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameEventTypes: Same<EventType, HallEventType> = true;
void sameEventTypes;

export function ticketView(t: Ticket): TicketView {
  const { token: _token, prefix: _p, seq: _s, kioskId: _k, idHash: _i, authorizedBy: _a, appointmentId: _ap, noShows: _n, fromTicketId: _f, ...view } = t;
  return view;
}

export function windowView(state: HallState, w: WindowState): WindowView {
  const { normalSincePriority: _n, ...view } = w;
  const staffName = w.staffId === undefined ? undefined : state.hall.staff.get(w.staffId)?.name;
  return staffName === undefined ? view : { ...view, staffName };
}

export function appointmentView(a: Appointment): AppointmentView {
  const { idHash: _i, bookedAt: _b, ticketId: _t, ...view } = a;
  return view;
}

export function complaintView(c: Complaint): ComplaintView {
  const { recordedBy: _r, ...view } = c;
  return view;
}

export function eventView(state: HallState, e: HallEvent & { seq: number }): HallEventView {
  const c = e.changes;
  // The engine's event constructors (main/queue) give each type the window and changes its view
  // declares (HallEventShapes in main/protocol/views.ts); the domain model types them all optional.
  const view = {
    seq: e.seq,
    type: e.type,
    at: e.at,
    ...(e.windowNo !== undefined && { windowNo: e.windowNo }),
    changes: {
      ...(c.tickets && { tickets: c.tickets.map(ticketView) }),
      ...(c.windows && { windows: c.windows.map((w) => windowView(state, w)) }),
      ...(c.appointments && { appointments: c.appointments.map(appointmentView) }),
      ...(c.complaints && { complaints: c.complaints.map(complaintView) }),
      ...(c.day !== undefined && { day: c.day }),
    },
  };
  return view as HallEventView;
}

export function snapshotView(state: HallState, seq: number): SnapshotView {
  return {
    seq,
    day: state.day,
    timeZone: state.hall.config.hall.timezone,
    tickets: [...state.tickets.values()].filter((t) => t.day === state.day).map(ticketView),
    windows: [...state.windows.values()].map((w) => windowView(state, w)),
  };
}
