// What a screen does with the hall feed: start from a snapshot, apply each event in seq order.
// Tests fold what a socket received and compare it with a fresh snapshot.
import type { HallEventView, SnapshotView, TicketView, WindowView } from '../../main/protocol/index.js';

export interface Folded {
  seq: number;
  day: string;
  readonly tickets: Map<string, TicketView>;
  readonly windows: Map<number, WindowView>;
}

export function fromSnapshot(s: SnapshotView): Folded {
  return { seq: s.seq, day: s.day, tickets: new Map(s.tickets.map((t) => [t.id, t])), windows: new Map(s.windows.map((w) => [w.number, w])) };
}

/** Apply one event; a gap or a repeat in the seqs is an error (a screen would resync). */
export function apply(f: Folded, e: HallEventView): void {
  if (e.seq !== f.seq + 1) throw new Error(`hall feed out of order: at seq ${f.seq}, got ${e.seq}`);
  f.seq = e.seq;
  for (const t of e.changes.tickets ?? []) f.tickets.set(t.id, t);
  for (const w of e.changes.windows ?? []) f.windows.set(w.number, w);
  if (e.changes.day !== undefined) f.day = e.changes.day;
}

/** Fold a socket's received events (see `received` in hub.ts): the last snapshot, then the events after it. */
export function foldReceived(list: readonly { event: string; payload: unknown }[], start?: Folded): Folded {
  let f = start;
  for (const { event, payload } of list) {
    if (event === 'hall:snapshot') f = fromSnapshot(payload as SnapshotView);
    else if (event === 'hall:event' && f) {
      const e = payload as HallEventView;
      if (e.seq > f.seq) apply(f, e);
    }
  }
  if (!f) throw new Error('nothing to fold: no snapshot received');
  return f;
}

/** Comparable form: the day's tickets and every window, in a fixed order. */
export function hallView(f: Folded): { seq: number; day: string; tickets: TicketView[]; windows: WindowView[] } {
  return {
    seq: f.seq,
    day: f.day,
    tickets: [...f.tickets.values()].filter((t) => t.day === f.day).sort((a, b) => a.id.localeCompare(b.id)),
    windows: [...f.windows.values()].sort((a, b) => a.number - b.number),
  };
}

export function clone(f: Folded): Folded {
  return { seq: f.seq, day: f.day, tickets: new Map(f.tickets), windows: new Map(f.windows) };
}
