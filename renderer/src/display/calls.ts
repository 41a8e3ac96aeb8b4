// Which hall events are calls, which calls the hall hears, and the order the big panel shows them.
// Pure (no DOM): the display page wires these to the hub, the screen and the announcer.
//
//   callOf(event)                 — a call (ticket.called / ticket.recalled at a window) or undefined
//   new HubClock()                — the hub's clock as seen from this PC (events carry the hub's time)
//   new CallGate()                — decides per call: 'announce' (shown large and heard) | 'list' (old or already heard)
//   new CallSequencer({ minShowMs, show, announce })   — one call large at a time, each at least
//                                   minShowMs and until its announcement is done; then the next
import type { HallEventView } from '../../../main/protocol/index.js';

export interface Call {
  readonly seq: number;
  readonly ticketId: string;
  readonly number: string;
  readonly windowNo: number;
  /** The hub's time of the call. */
  readonly at: number;
  readonly recall: boolean;
}

export function callOf(e: HallEventView): Call | undefined {
  if (e.type !== 'ticket.called' && e.type !== 'ticket.recalled') return undefined;
  const t = e.changes.tickets?.find((x) => x.status === 'called');
  const windowNo = e.windowNo ?? t?.windowNo;
  if (!t || windowNo === undefined) return undefined;
  return { seq: e.seq, ticketId: t.id, number: t.number, windowNo, at: e.at, recall: e.type === 'ticket.recalled' };
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

export interface SequencerOptions {
  readonly minShowMs: number;
  /** The call now shown large. */
  readonly show: (call: Call) => void;
  /** Resolves when the call has been spoken in full. */
  readonly announce: (call: Call) => Promise<void>;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class CallSequencer {
  private readonly queue: { call: Call; speak: boolean }[] = [];
  private running = false;

  constructor(private readonly options: SequencerOptions) {}

  get waiting(): number {
    return this.queue.length;
  }

  push(call: Call, speak: boolean): void {
    this.queue.push({ call, speak });
    if (!this.running) void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        this.options.show(item.call);
        await Promise.all([item.speak ? this.options.announce(item.call).catch(() => undefined) : undefined, sleep(this.options.minShowMs)]);
      }
    } finally {
      this.running = false;
    }
  }
}
