// What one window sees of the hall's tickets (pure, so tests can use it without a browser).
//
//   waitingHere(state, windowNo, serviceCodes) — waiting tickets this window may call, in queue order:
//       the window's services, minus tickets aimed at another window, plus tickets aimed at this one
//   suspendedHere(state, windowNo)  — tickets this window suspended (挂起), oldest first
//   noShowsHere(state, windowNo)    — today's no-shows (过号) of this window, newest first
//   findToday(state, number)        — the newest leg of each visit with that number (补打 looks here)
//   waitedMinutes(queuedAt, now)    — whole minutes a waiting ticket has waited (the waiting list shows it)
//   NUMBER_PATTERN                  — a ticket number as the hub accepts it ('A012', 'AB0123')
import type { TicketView } from '../../../main/protocol/index.js';
import { mayCall, normalizeNumber } from '../../../main/rules/index.js';
import { waitingFor, type HallState } from '../lib/hall-state.js';

export { NUMBER_PATTERN } from '../../../main/rules/index.js';

export function waitingHere(state: HallState, windowNo: number, serviceCodes: readonly string[]): TicketView[] {
  const codes = new Set(serviceCodes);
  // The hub refuses a call by the same rule (main/rules mayCall): a target window wins over the service list.
  return waitingFor(state).filter((t) => mayCall(windowNo, codes, t));
}

export function suspendedHere(state: HallState, windowNo: number): TicketView[] {
  return [...state.tickets.values()]
    .filter((t) => t.status === 'suspended' && t.windowNo === windowNo && t.day === state.day)
    .sort((a, b) => (a.calledAt ?? 0) - (b.calledAt ?? 0));
}

export function noShowsHere(state: HallState, windowNo: number): TicketView[] {
  return [...state.tickets.values()]
    .filter((t) => t.status === 'no-show' && t.windowNo === windowNo && t.day === state.day)
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
}

export function findToday(state: HallState, number: string): TicketView[] {
  const wanted = normalizeNumber(number);
  const newest = new Map<string, TicketView>();
  for (const t of state.tickets.values()) {
    if (t.day !== state.day || t.number !== wanted) continue;
    const seen = newest.get(t.visitId);
    if (!seen || t.leg > seen.leg) newest.set(t.visitId, t);
  }
  return [...newest.values()].sort((a, b) => b.issuedAt - a.issuedAt);
}

/** Whole minutes since a ticket joined the queue; never negative when this PC's clock is behind the hub's. */
export function waitedMinutes(queuedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - queuedAt) / 60_000));
}
