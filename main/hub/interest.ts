// What each client of the hall feed follows (its interest), and the part of an event or a snapshot
// that concerns it. A busy hall makes hundreds of events a minute over hundreds of screens: a
// counter needs its window and the lines of its services, a hall display the calls of its zone, a
// kiosk only the waiting counts, a window's LED page its window. Clients with the same interest
// form one audience (feed.ts), sent the same frames.
import type { FollowedEvent, HallEventView, SnapshotView, TicketView, WindowView } from '../protocol/index.js';

export interface Interest {
  /** Clients with equal keys follow the same things (one audience, one room). */
  readonly key: string;
  /** The whole hall: every ticket, window and appointment (supervisors). */
  readonly everything?: boolean;
  /** Complaints too (supervisors only: the others get the event without them). */
  readonly complaints?: boolean;
  /** Every change of the tickets of these services (a counter's waiting lines). */
  readonly services?: ReadonlySet<string>;
  /** These windows, and every change of the tickets at or aimed at them. */
  readonly windows?: ReadonlySet<number>;
  /** The calls (called, recalled) at these windows, or at every window (a hall display). */
  readonly calls?: ReadonlySet<number> | 'all';
  /** Every service's waiting count (hall:counts). */
  readonly counts?: boolean;
}

const sorted = (xs: Iterable<number>) => [...new Set(xs)].sort((a, b) => a - b).join(',');

export const interests = {
  /** 效能监察: the whole hall, with complaints when the role follows them. */
  everything: (complaints: boolean): Interest => ({ key: complaints ? 'all+complaints' : 'all', everything: true, complaints, counts: true }),
  /** A counter: its window, and the lines of the services it serves. */
  counter: (windowNo: number, services: Iterable<string>): Interest => ({
    key: `counter:${windowNo}`,
    windows: new Set([windowNo]),
    services: new Set(services),
  }),
  /** A hall display: the calls of its zone (every window without one) and the waiting counts. */
  calls: (windows: readonly number[] | undefined): Interest =>
    windows ? { key: `calls:${sorted(windows)}`, calls: new Set(windows), counts: true } : { key: 'calls:*', calls: 'all', counts: true },
  /** A window's LED page: its windows and the tickets at them. */
  windows: (windows: readonly number[]): Interest => ({ key: `windows:${sorted(windows)}`, windows: new Set(windows) }),
  /** A kiosk: the waiting counts only. */
  counts: (): Interest => ({ key: 'counts', counts: true }),
} as const;

const isCall = (type: HallEventView['type']) => type === 'ticket.called' || type === 'ticket.recalled';

function atWindows(windows: ReadonlySet<number> | 'all' | undefined, t: TicketView): boolean {
  if (!windows) return false;
  if (windows === 'all') return t.windowNo !== undefined;
  return (t.windowNo !== undefined && windows.has(t.windowNo)) || (t.targetWindow !== undefined && windows.has(t.targetWindow));
}

/** Whether a ticket (as an event of `type` changes it, or as a snapshot holds it when `type` is
 * undefined) concerns the interest. In a snapshot a hall display gets every ticket called in its zone. */
export function ticketConcerns(i: Interest, t: TicketView, type?: HallEventView['type']): boolean {
  if (i.everything) return true;
  if (i.services?.has(t.serviceCode)) return true;
  if (atWindows(i.windows, t)) return true;
  if (!i.calls) return false;
  const called = type === undefined ? t.calledAt !== undefined : isCall(type);
  return called && t.windowNo !== undefined && (i.calls === 'all' || i.calls.has(t.windowNo));
}

export const windowConcerns = (i: Interest, w: WindowView): boolean => !!i.everything || !!i.windows?.has(w.number);

/**
 * The part of an event that concerns the interest, or undefined when none does. A new day always
 * concerns everyone (yesterday leaves every screen); an event whose changes all concern the client
 * is passed on as it is (no copy).
 */
export function eventFor(i: Interest, e: HallEventView): FollowedEvent | undefined {
  if (i.everything && i.complaints) return e;
  const c = e.changes;
  const tickets = c.tickets?.filter((t) => ticketConcerns(i, t, e.type));
  const windows = c.windows?.filter((w) => windowConcerns(i, w));
  const appointments = i.everything ? c.appointments : undefined;
  const relevant = c.day !== undefined || !!tickets?.length || !!windows?.length || !!appointments?.length;
  if (!relevant) return undefined;
  const same = tickets?.length === c.tickets?.length && windows?.length === c.windows?.length && appointments === c.appointments && !c.complaints;
  if (same) return e;
  const changes = {
    ...(tickets?.length && { tickets }),
    ...(windows?.length && { windows }),
    ...(appointments?.length && { appointments }),
    ...(c.day !== undefined && { day: c.day }),
  };
  return { ...e, changes };
}

/**
 * Whether a client should get this part at once, or may have it with the next of its few-a-second
 * frames: a counter's own window (and the tickets at it) at once, the lines it follows — other
 * windows calling, new tickets — may wait a moment. Every other interest gets everything at once.
 */
export function isUrgent(i: Interest, e: FollowedEvent): boolean {
  if (!i.services || e.changes.day !== undefined || (e.changes.windows?.length ?? 0) > 0) return true;
  return (e.changes.tickets ?? []).some((t) => atWindows(i.windows, t));
}

/** The part of the whole picture the interest follows. */
export function snapshotFor(i: Interest, s: SnapshotView): SnapshotView {
  if (i.everything) return s;
  return { ...s, tickets: s.tickets.filter((t) => ticketConcerns(i, t)), windows: s.windows.filter((w) => windowConcerns(i, w)) };
}
