// The hall as a client sees it: tickets and windows by id, a screen's mirror of the hub's hall, kept
// from the hub's feed.
//
//   const hall = new HallMirror(hub)      // hub: a HubConnection of a role that follows the hall. Create it
//                                         // right after connectHub (not in a component's effect): the
//                                         // snapshot arrives on connect and a late listener misses it
//   hall.state                            // HallState { seq, day, tickets: Map<id, TicketView>, windows: Map<no, WindowView>, ready }
//   hall.subscribe((state) => …)          // after every applied snapshot or event; returns unsubscribe
//   hall.onEvent((event, state) => …)     // each live event once, after it is applied (calls for voice, ratings…)
//   useHall(hall)                         // Preact hook: the current HallState, re-rendering on change
//
// Pure reducer (usable without a socket, and in tests):
//   emptyHall(), fromSnapshot(snapshot), applyEvent(state, event) → { state, outcome: 'applied'|'duplicate'|'gap' }
//   waitingFor(state, serviceCodes) — waiting tickets of those services in queue order
//
// Seqs are gapless. An event at or below the seq we hold is a duplicate (ignored); one beyond seq+1
// means we missed something: the mirror does not apply it, and asks the hub to resync (reconnect with
// lastSeq, so the hub replays the gap or sends a snapshot). States are new objects on every change.
import { useEffect, useState } from 'preact/hooks';
import type { HallEventView, SnapshotView, TicketView, WindowView } from '../../../main/protocol/index.js';
import { inLine } from '../../../main/rules/index.js';
import { setHallTimeZone } from './format.js';
import type { HubConnection, HubRole } from './hub.js';

export interface HallState {
  readonly seq: number;
  readonly day: string;
  readonly tickets: ReadonlyMap<string, TicketView>;
  readonly windows: ReadonlyMap<number, WindowView>;
  /** False until the first snapshot (or replay onto a kept state) arrived. */
  readonly ready: boolean;
}

export const emptyHall = (): HallState => ({ seq: 0, day: '', tickets: new Map(), windows: new Map(), ready: false });

export function fromSnapshot(s: SnapshotView): HallState {
  return {
    seq: s.seq,
    day: s.day,
    tickets: new Map(s.tickets.map((t) => [t.id, t])),
    windows: new Map(s.windows.map((w) => [w.number, w])),
    ready: true,
  };
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'gap';

export function applyEvent(state: HallState, e: HallEventView): { state: HallState; outcome: ApplyOutcome } {
  if (state.ready && e.seq <= state.seq) return { state, outcome: 'duplicate' };
  if (!state.ready || e.seq !== state.seq + 1) return { state, outcome: 'gap' };
  const c = e.changes;
  let tickets = state.tickets;
  let windows = state.windows;
  let day = state.day;
  if (c.day !== undefined && c.day !== day) {
    // A new day: yesterday's tickets leave every screen.
    day = c.day;
    tickets = new Map([...tickets].filter(([, t]) => t.day === day));
  }
  if (c.tickets?.length) {
    const next = new Map(tickets);
    // The new day's event also carries yesterday's tickets as they end (expired): they stay gone.
    for (const t of c.tickets) if (t.day === day) next.set(t.id, t);
    tickets = next;
  }
  if (c.windows?.length) {
    const next = new Map(windows);
    for (const w of c.windows) next.set(w.number, w);
    windows = next;
  }
  return { state: { seq: e.seq, day, tickets, windows, ready: true }, outcome: 'applied' };
}

/** Waiting tickets of these services (all when omitted), in the hub's queue order (main/rules). */
export function waitingFor(state: HallState, serviceCodes?: readonly string[]): TicketView[] {
  const codes = serviceCodes && new Set(serviceCodes);
  return [...state.tickets.values()].filter((t) => t.status === 'waiting' && (!codes || codes.has(t.serviceCode))).sort(inLine);
}

type Followers = 'kiosk' | 'counter' | 'display' | 'supervise';

export class HallMirror {
  private current: HallState = emptyHall();
  private readonly listeners = new Set<(s: HallState) => void>();
  private readonly eventListeners = new Set<(e: HallEventView, s: HallState) => void>();

  constructor(private readonly hub: HubConnection<Followers & HubRole>) {
    const socket = hub.socket as unknown as {
      on(ev: 'hall:snapshot', fn: (s: SnapshotView) => void): void;
      on(ev: 'hall:event', fn: (e: HallEventView) => void): void;
    };
    socket.on('hall:snapshot', (s) => {
      setHallTimeZone(s.timeZone);
      this.set(fromSnapshot(s));
    });
    socket.on('hall:event', (e) => this.receive(e));
  }

  get state(): HallState {
    return this.current;
  }

  subscribe(listener: (s: HallState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onEvent(listener: (e: HallEventView, s: HallState) => void): () => void {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  private receive(e: HallEventView): void {
    const { state, outcome } = applyEvent(this.current, e);
    if (outcome === 'duplicate') return;
    if (outcome === 'gap') {
      // Never apply past a hole: reconnect with what we hold; the hub fills it in.
      this.hub.lastSeq = this.current.ready ? this.current.seq : undefined;
      this.hub.resync();
      return;
    }
    this.set(state);
    for (const l of [...this.eventListeners]) l(e, state);
  }

  private set(state: HallState): void {
    this.current = state;
    this.hub.lastSeq = state.seq;
    for (const l of [...this.listeners]) l(state);
  }
}

export function useHall(mirror: HallMirror): HallState {
  const [state, setState] = useState(mirror.state);
  useEffect(() => {
    setState(mirror.state);
    return mirror.subscribe(setState);
  }, [mirror]);
  return state;
}
