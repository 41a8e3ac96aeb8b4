// Which hall events are calls, which calls the hall hears, and the order the big panel shows them.
// Pure (no DOM): the display page wires these to the hub, the screen and the announcer.
//
//   callOf(event)                 — a call (ticket.called / ticket.recalled at a window) or undefined
//   new HubClock()                — the hub's clock as seen from this PC (events carry the hub's time)
//   new CallGate()                — decides per call: 'announce' (shown large and heard) | 'list' (old or already heard)
//   panelCall(live, top)          — the big panel's call: the newest, at once (the voice may lag; the screen never)
import type { FollowedEvent } from '../../../main/protocol/index.js';

export interface Call {
  readonly seq: number;
  readonly ticketId: string;
  readonly number: string;
  readonly windowNo: number;
  /** The hub's time of the call. */
  readonly at: number;
  readonly recall: boolean;
}

export function callOf(e: FollowedEvent): Call | undefined {
  if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return undefined;
  // Narrowed by type: a call always happens at a window; its ticket is in what a display follows.
  const t = e.changes.tickets?.find((x) => x.status === 'called');
  if (!t) return undefined;
  return { seq: e.seq, ticketId: t.id, number: t.number, windowNo: e.windowNo, at: e.at, recall: e.type === 'ticket.recalled' };
}

/** Events carry the hub's time; the display PC's clock may differ. Each event received live (not
 * in a catch-up after a reconnect) tells us the offset; the newest one wins. */
export class HubClock {
  private offset = 0;

  observe(hubAt: number, localNow: number): void {
    this.offset = localNow - hubAt;
  }

  /** How long ago, by this PC's clock, the hub did something at `hubAt`. */
  age(hubAt: number, localNow: number): number {
    return localNow - this.offset - hubAt;
  }
}

/** Calls older than this (missed while the hub was away) only join the list of recent calls. */
export const RECENT_MS = 30_000;

export type CallDecision = 'announce' | 'list';

/** Each call is announced at most once, however often it is replayed; a recall is a new call
 * (its own seq) and is announced again, as the staff member asked. */
export class CallGate {
  private readonly seen = new Set<number>();

  decide(call: Call, ageMs: number): CallDecision {
    if (this.seen.has(call.seq)) return 'list';
    this.seen.add(call.seq);
    if (this.seen.size > 5000) this.seen.delete(this.seen.values().next().value!);
    return ageMs <= RECENT_MS ? 'announce' : 'list';
  }
}

/** A call as the recent list holds it (from the hall state). */
export interface ListedCall {
  readonly id: string;
  readonly number: string;
  readonly windowNo: number;
  readonly calledAt: number;
}

/** What the big panel shows: the newest call, always — the live one just made, or the top of the
 * list when that is newer (a call only listed, or a snapshot after a reload). The list therefore
 * never holds a call newer than the panel. `live` is whether it is the live call (it flashes). */
export function panelCall(live: Call | undefined, top: ListedCall | undefined): { number: string; windowNo: number; live: boolean } | undefined {
  if (live && (!top || live.at >= top.calledAt)) return { number: live.number, windowNo: live.windowNo, live: true };
  return top && { number: top.number, windowNo: top.windowNo, live: false };
}
