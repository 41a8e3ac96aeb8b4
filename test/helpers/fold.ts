// What a screen does with the hall feed: start from a snapshot, apply each frame's events in seq
// order. Tests fold what a socket received and compare it with a fresh snapshot.
import type { FollowedEvent, HallFrame, SnapshotView, TicketView, WindowView } from '../../main/protocol/index.js';

export interface Folded {
  seq: number;
  day: string;
  readonly tickets: Map<string, TicketView>;
  readonly windows: Map<number, WindowView>;
}

export function fromSnapshot(s: SnapshotView): Folded {
  return { seq: s.seq, day: s.day, tickets: new Map(s.tickets.map((t) => [t.id, t])), windows: new Map(s.windows.map((w) => [w.number, w])) };
}

/** Apply one frame; a frame after one never received is an error (a screen would resync), and so
 * is an event in it out of order. Events at or below the seq held are a catch-up's overlap: skipped. */
export function applyFrame(f: Folded, frame: HallFrame): void {
  if (frame.after > f.seq) throw new Error(`hall feed has a hole: at seq ${f.seq}, got a frame after ${frame.after}`);
  let last = 0;
  for (const e of frame.events) {
    if (e.seq <= last || e.seq > frame.seq) throw new Error(`hall frame out of order: ${e.seq} after ${last} in (${frame.after}, ${frame.seq}]`);
    last = e.seq;
    if (e.seq > f.seq) apply(f, e);
  }
  f.seq = Math.max(f.seq, frame.seq);
}

/** Apply one event's changes. */
export function apply(f: Folded, e: FollowedEvent): void {
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
    else if (event === 'hall:events' && f) applyFrame(f, payload as HallFrame);
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

/** What a hall display follows of its tickets: their calls (interest.ts sends it calls, not what
 * became of the visitor after), so a fold and a fresh snapshot agree on these fields. */
export function callsView(f: Folded): { seq: number; day: string; calls: Pick<TicketView, 'id' | 'number' | 'windowNo' | 'calledAt' | 'recalls'>[] } {
  const v = hallView(f);
  return { seq: v.seq, day: v.day, calls: v.tickets.map(({ id, number, windowNo, calledAt, recalls }) => ({ id, number, windowNo, calledAt, recalls })) };
}
