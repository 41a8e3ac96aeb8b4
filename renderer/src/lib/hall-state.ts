// The hall as a client sees it: the tickets and windows it follows, by id, kept from the hub's feed.
// The hub sends each screen only what concerns it (main/hub/interest.ts): a counter its window and
// its services' lines, a hall display the calls of its zone, a kiosk none at all — and to kiosks and
// hall displays every service's waiting count.
//
//   const hall = new HallMirror(hub)      // hub: a HubConnection of a role that follows the hall. Create it
//                                         // right after connectHub (not in a component's effect): the
//                                         // snapshot arrives on connect and a late listener misses it
//   hall.state                            // HallState { seq, day, tickets: Map<id, TicketView>, windows: Map<no, WindowView>, counts, ready }
//   hall.subscribe((state) => …)          // after every applied snapshot, frame or counts; returns unsubscribe
//   hall.onEvent((event, state) => …)     // each live event once, after its frame is applied (calls for voice, ratings…)
//   useHall(hall)                         // Preact hook: the current HallState, re-rendering on change
//
// Pure reducer (usable without a socket, and in tests):
//   emptyHall(), fromSnapshot(snapshot), applyFrame(state, frame) → { state, applied, outcome: 'applied'|'duplicate'|'gap' }
//   applyEvent(state, event) — one event's changes, no seq checks (applyFrame's step)
//   waitingFor(state, serviceCodes) — waiting tickets of those services in queue order
//   waitingCount(state, serviceCode) — the hub's waiting count for a service (hall:counts)
//
// A frame covers the seqs (after, seq]: one whose `after` is beyond the seq we hold means we missed a
// frame: the mirror does not apply it, and asks the hub to resync (reconnect with lastSeq, so the hub
// replays the gap or sends a snapshot). Events at or below the seq we hold are duplicates (a
// catch-up overlapping a frame) and are skipped. States are new objects on every change.
import { useEffect, useState } from 'preact/hooks';
import type { FollowedEvent, HallCountsView, HallFrame, ServiceCountView, SnapshotView, TicketView, WindowView } from '../../../main/protocol/index.js';
import { inLine } from '../../../main/rules/index.js';
import { setHallTimeZone } from './format.js';
import type { HubConnection, HubRole } from './hub.js';

export interface HallState {
  readonly seq: number;
  readonly day: string;
  readonly tickets: ReadonlyMap<string, TicketView>;
  readonly windows: ReadonlyMap<number, WindowView>;
  /** The hub's waiting count per service (kiosks and hall displays; empty for the others). */
  readonly counts: ReadonlyMap<string, ServiceCountView>;
  /** False until the first snapshot (or replay onto a kept state) arrived. */
  readonly ready: boolean;
}

export const emptyHall = (): HallState => ({ seq: 0, day: '', tickets: new Map(), windows: new Map(), counts: new Map(), ready: false });

export function fromSnapshot(s: SnapshotView, counts: HallState['counts'] = new Map()): HallState {
  return {
    seq: s.seq,
    day: s.day,
    tickets: new Map(s.tickets.map((t) => [t.id, t])),
    windows: new Map(s.windows.map((w) => [w.number, w])),
    counts,
    ready: true,
  };
}

export type ApplyOutcome = 'applied' | 'duplicate' | 'gap';

/** A frame onto the state: the events it brings that we do not hold yet, in order. */
export function applyFrame(state: HallState, frame: HallFrame): { state: HallState; applied: FollowedEvent[]; outcome: ApplyOutcome } {
  if (!state.ready || frame.after > state.seq) return { state, applied: [], outcome: 'gap' };
  if (frame.seq <= state.seq) return { state, applied: [], outcome: 'duplicate' };
  const applied = frame.events.filter((e) => e.seq > state.seq);
  // One copy of the maps per frame, however many events it brings.
  const draft = { day: state.day, tickets: new Map(state.tickets), windows: new Map(state.windows) };
  for (const e of applied) applyChanges(draft, e);
  return { state: { ...state, ...draft, seq: frame.seq }, applied, outcome: 'applied' };
}

/** One event onto the state (applyFrame's step; its seq unchecked). */
export function applyEvent(state: HallState, e: FollowedEvent): HallState {
  const draft = { day: state.day, tickets: new Map(state.tickets), windows: new Map(state.windows) };
  applyChanges(draft, e);
  return { ...state, ...draft, seq: e.seq };
}

function applyChanges(draft: { day: string; tickets: Map<string, TicketView>; windows: Map<number, WindowView> }, e: FollowedEvent): void {
  const c = e.changes;
  if (c.day !== undefined && c.day !== draft.day) {
    // A new day: yesterday's tickets leave every screen.
    draft.day = c.day;
    for (const [id, t] of draft.tickets) if (t.day !== c.day) draft.tickets.delete(id);
  }
  // The new day's event also carries yesterday's tickets as they end (expired): they stay gone.
  for (const t of c.tickets ?? []) if (t.day === draft.day) draft.tickets.set(t.id, t);
  for (const w of c.windows ?? []) draft.windows.set(w.number, w);
}

/** The hub's count of visitors waiting for a service (0 before the first counts arrive). */
export function waitingCount(state: HallState, serviceCode: string): number {
  return state.counts.get(serviceCode)?.waiting ?? 0;
}

const countsOf = (c: HallCountsView): HallState['counts'] => new Map(c.services.map((s) => [s.serviceCode, s]));

/** Waiting tickets of these services (all when omitted), in the hub's queue order (main/rules). */
export function waitingFor(state: HallState, serviceCodes?: readonly string[]): TicketView[] {
  const codes = serviceCodes && new Set(serviceCodes);
  return [...state.tickets.values()].filter((t) => t.status === 'waiting' && (!codes || codes.has(t.serviceCode))).sort(inLine);
}

type Followers = 'kiosk' | 'counter' | 'display' | 'supervise';

export class HallMirror {
  private current: HallState = emptyHall();
  private readonly listeners = new Set<(s: HallState) => void>();
  private readonly eventListeners = new Set<(e: FollowedEvent, s: HallState) => void>();

  constructor(private readonly hub: HubConnection<Followers & HubRole>) {
    const socket = hub.socket as unknown as {
      on(ev: 'hall:snapshot', fn: (s: SnapshotView) => void): void;
      on(ev: 'hall:events', fn: (f: HallFrame) => void): void;
      on(ev: 'hall:counts', fn: (c: HallCountsView) => void): void;
    };
    socket.on('hall:snapshot', (s) => {
      setHallTimeZone(s.timeZone);
      this.set(fromSnapshot(s, this.current.counts));
    });
    socket.on('hall:events', (f) => this.receive(f));
    socket.on('hall:counts', (c) => this.set({ ...this.current, counts: countsOf(c) }));
  }

  get state(): HallState {
    return this.current;
  }

  subscribe(listener: (s: HallState) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onEvent(listener: (e: FollowedEvent, s: HallState) => void): () => void {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  private receive(frame: HallFrame): void {
    const { state, applied, outcome } = applyFrame(this.current, frame);
    if (outcome === 'duplicate') return;
    if (outcome === 'gap') {
      // Never apply past a hole: reconnect with what we hold; the hub fills it in.
      this.hub.lastSeq = this.current.ready ? this.current.seq : undefined;
      this.hub.resync();
      return;
    }
    this.set(state);
    for (const e of applied) for (const l of [...this.eventListeners]) l(e, state);
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
