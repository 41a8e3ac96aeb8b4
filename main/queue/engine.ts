// The queue engine: `decide` answers a command with the events it causes (pure, never mutates);
// `evolve` applies an event to the state once the store has committed it.
import * as windowActions from './window-actions.js';
import { accept, event, type Decision, type Handler } from './decision.js';
import {
  activeStatuses,
  type Appointment,
  type Command,
  type CommandType,
  type Context,
  type HallEvent,
  type HallState,
  type Instant,
  type Ticket,
  type WindowState,
} from './model.js';
import { refuse } from './refusals.js';
import { hallDay } from './time.js';
import * as visitor from './visitor.js';

export type { Decision } from './decision.js';

/** True when `now` belongs to a later hall day than the state: run `openDay` first. A clock that
 * steps back (an NTP correction) never reopens an earlier day. */
export function needsNewDay(state: HallState, now: Instant): boolean {
  return hallDay(state.hall, now) > state.day;
}

/** A new hall day: yesterday's unfinished tickets expire, windows start signed out, missed bookings lapse. */
const openDay: Handler<'openDay'> = (state, _cmd, ctx) => {
  const day = hallDay(state.hall, ctx.now);
  if (day <= state.day) return refuse('day-current');
  const tickets: Ticket[] = [];
  for (const t of state.tickets.values()) {
    if (t.day < day && activeStatuses.has(t.status)) tickets.push({ ...t, status: 'expired', endedAt: ctx.now });
  }
  const windows: WindowState[] = [...state.windows.values()]
    .filter((w) => w.staffId !== undefined || w.paused || w.currentTicketId !== undefined)
    .map((w) => ({ number: w.number, normalSincePriority: 0 }));
  const appointments: Appointment[] = [...state.appointments.values()]
    .filter((a) => a.day < day && a.status === 'booked')
    .map((a) => ({ ...a, status: 'missed' }));
  return accept({}, event('day.opened', ctx, { day, tickets, windows, appointments }));
};

const handlers: { [T in CommandType]: Handler<T> } = {
  openDay,
  issue: visitor.issue,
  checkIn: visitor.checkIn,
  book: visitor.book,
  cancelAppointment: visitor.cancelAppointment,
  reprint: visitor.reprint,
  cancel: visitor.cancel,
  rate: visitor.rate,
  complain: visitor.complain,
  signIn: windowActions.signIn,
  signOut: windowActions.signOut,
  pause: windowActions.pause,
  resumeWindow: windowActions.resumeWindow,
  callNext: windowActions.callNext,
  callNumber: windowActions.callNumber,
  recall: windowActions.recall,
  start: windowActions.start,
  finish: windowActions.finish,
  skip: windowActions.skip,
  requeue: windowActions.requeue,
  transfer: windowActions.transfer,
  suspend: windowActions.suspend,
  resumeTicket: windowActions.resumeTicket,
};

export function decide(state: HallState, cmd: Command, ctx: Context): Decision {
  const handler = handlers[cmd.type] as Handler<typeof cmd.type>;
  return handler(state, cmd, ctx);
}

export function evolve(state: HallState, e: HallEvent): void {
  const c = e.changes;
  for (const t of c.tickets ?? []) {
    state.tickets.set(t.id, t);
    if (t.day === state.day && t.seq > (state.numberSeqs.get(t.prefix) ?? 0)) state.numberSeqs.set(t.prefix, t.seq);
  }
  for (const w of c.windows ?? []) state.windows.set(w.number, w);
  for (const a of c.appointments ?? []) state.appointments.set(a.id, a);
  for (const s of c.stats ?? []) state.stats.set(s.serviceCode, s);
  if (c.day !== undefined && c.day !== state.day) {
    state.day = c.day;
    state.numberSeqs.clear();
    // Finished tickets of earlier days stay in the store, not in memory.
    for (const [id, t] of state.tickets) if (t.day < c.day && !activeStatuses.has(t.status)) state.tickets.delete(id);
    for (const [id, a] of state.appointments) if (a.day < c.day && a.status !== 'booked') state.appointments.delete(id);
  }
}

/** Apply a decision's events (what the store does after its commit; tests use it directly). */
export function applyAll(state: HallState, events: readonly HallEvent[]): void {
  for (const e of events) evolve(state, e);
}
