// The order of a waiting line: the hub's engine calls in it and every screen lists in it, so both
// sort with these comparators (renderer/src/lib/hall-state.ts once broke rank ties by queuedAt while
// the engine broke them by number; two bookings of one slot showed in the wrong order).
import { numberSeq } from './number.js';

/** Which lane a waiting ticket stands in. */
export type Lane = 'green' | 'appointment' | 'transfer' | 'priority' | 'normal';

/** Lanes are called in this order (the calling strategy says when and why it departs from it). */
export const laneOrder: Readonly<Record<Lane, number>> = { green: 0, appointment: 1, transfer: 2, priority: 3, normal: 4 };

export interface Ranked {
  /** Order within its lane, smaller first: an effective enqueue instant (a booking's slot start). */
  readonly rank: number;
  readonly number: string;
}
export interface InLine extends Ranked {
  readonly lane: Lane;
}

/**
 * Within a lane: the smaller rank first; equal ranks (bookings of one slot, tickets of two prefixes
 * issued in one millisecond) by the number's sequence, so the order never depends on map order.
 */
export const byRank = (a: Ranked, b: Ranked): number => a.rank - b.rank || numberSeq(a.number) - numberSeq(b.number);

/** The whole line: lane first, then `byRank`. */
export const inLine = (a: InLine, b: InLine): number => laneOrder[a.lane] - laneOrder[b.lane] || byRank(a, b);
