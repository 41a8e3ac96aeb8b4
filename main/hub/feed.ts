// The hall feed: every committed event, numbered by the gapless seq, to the clients it concerns.
//
// Clients that follow the same things (interest.ts) form an audience, one Socket.IO room. A
// published event is offered only to the audiences it can concern (indexed by service and window),
// and each takes the part that concerns it. Once per turn of the event loop every audience with
// something urgent gets one frame — however many commands ran in that turn — saying which seqs it
// covers, so a client can tell a frame it missed from events it does not follow; what may wait (a
// counter's lines, moved by other windows) goes with the next such frame or within `linesEveryMs`. On (re)connect a
// client gets what it missed from the event log as one frame, or a snapshot when it is too far
// behind (or ahead: a hub restored from a backup). Waiting counts go to those who show them, as a
// whole picture, at most every `countsEveryMs`.
import type { HallState } from '../queue/index.js';
import { waitingCounts } from '../queue/index.js';
import type { FeedRole, FollowedEvent, HallCountsView, HallEventView } from '../protocol/index.js';
import type { StoredEvent } from '../../db/event-log.js';
import type { RoleNamespace, RoleSocket } from './roles/namespace.js';
import { eventFor, isUrgent, snapshotFor, type Interest } from './interest.js';
import { eventView, snapshotView } from './views.js';

export type { StoredEvent } from '../../db/event-log.js';

export interface FeedSource {
  readonly state: HallState;
  readonly lastSeq: number;
  eventsSince(seq: number, limit: number): StoredEvent[];
}

export interface FeedOptions {
  /** More missed events than this and a reconnecting client gets a snapshot instead. */
  readonly replayLimit?: number;
  /** Waiting counts are sent at most this often (they are a whole picture: none is ever missed). */
  readonly countsEveryMs?: number;
  /** What may wait (a counter's lines: interest.ts isUrgent) is sent at most this often. */
  readonly linesEveryMs?: number;
  /** An audience that nothing concerned for this long is told the hall's seq (an empty frame), so
   * its clients resume from near the head after a drop instead of replaying the whole quiet spell. */
  readonly idleSyncMs?: number;
}

/** The namespace or socket of any role that follows the hall (main/protocol/roles.ts): its
 * server→client map has the feed's events, which is all the feed sends. */
type FeedNamespace = RoleNamespace<FeedRole>;
type FeedSocket = RoleSocket<FeedRole>;

interface Audience {
  readonly ns: FeedNamespace;
  readonly room: string;
  readonly interest: Interest;
  /** The seq the last frame brought this audience to. */
  lastSent: number;
  pending: FollowedEvent[];
  /** Something pending must go at the end of this turn (not with the next lines' frame). */
  urgent: boolean;
}

/** One object per distinct part of an event (the same tickets and windows kept). */
function shared(parts: Map<string, FollowedEvent>, part: FollowedEvent): FollowedEvent {
  const c = part.changes;
  const key = `${c.tickets?.map((t) => t.id).join(',') ?? ''}|${c.windows?.map((w) => w.number).join(',') ?? ''}|${c.appointments ? 'a' : ''}|${c.day ?? ''}`;
  const known = parts.get(key);
  if (known) return known;
  parts.set(key, part);
  return part;
}

export class HallFeed {
  private readonly audiences = new Map<string, Audience>();
  // Which audiences an event can concern, so an event is not offered to every screen of the hall.
  private readonly broad = new Set<Audience>();
  private readonly byService = new Map<string, Set<Audience>>();
  private readonly byWindow = new Map<number, Set<Audience>>();
  private readonly callsEverywhere = new Set<Audience>();
  private readonly countsRooms = new Set<FeedNamespace>();
  private published: number;
  private flushScheduled = false;
  private countsTimer: NodeJS.Timeout | undefined;
  private lastCounts: { json: string; view: HallCountsView } | undefined;
  private countsStale = false;
  /** What the counts rooms were last sent (JSON). */
  private countsSent: string | undefined;
  private readonly replayLimit: number;
  private readonly countsEveryMs: number;
  private readonly idleSync: NodeJS.Timeout;
  private readonly linesTimer: NodeJS.Timeout;

  constructor(
    private readonly source: FeedSource,
    options: FeedOptions = {},
  ) {
    this.replayLimit = options.replayLimit ?? 500;
    this.countsEveryMs = options.countsEveryMs ?? 500;
    this.published = source.lastSeq;
    this.idleSync = setInterval(() => this.flush('idle'), options.idleSyncMs ?? 2000);
    this.idleSync.unref();
    this.linesTimer = setInterval(() => this.flush('all'), options.linesEveryMs ?? 250);
    this.linesTimer.unref();
  }

  publish(events: readonly StoredEvent[]): void {
    let ticketsMoved = false;
    for (const e of events) {
      const view = eventView(this.source.state, e);
      // Audiences that take the same part share one object, so it is encoded once (frame-encoder.ts).
      const parts = new Map<string, FollowedEvent>();
      for (const a of this.audiencesFor(view)) {
        const own = eventFor(a.interest, view);
        if (!own) continue;
        const part = own === view ? own : shared(parts, own);
        a.pending.push(part);
        a.urgent ||= isUrgent(a.interest, part);
      }
      this.published = Math.max(this.published, e.seq);
      ticketsMoved ||= !!e.changes.tickets?.length || e.changes.day !== undefined;
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush('urgent'));
    }
    if (ticketsMoved) this.countsChanged();
  }

  /**
   * One frame to each audience that has something to go: `urgent` (once per turn) those with
   * something that must go now, `all` (every linesEveryMs, and before an attach) every one with
   * something pending, `idle` also an empty frame to those behind the hall's seq.
   */
  flush(which: 'urgent' | 'all' | 'idle'): void {
    if (which === 'urgent') this.flushScheduled = false;
    for (const a of this.audiences.values()) {
      const due = which === 'urgent' ? a.urgent : a.pending.length > 0 || (which === 'idle' && a.lastSent < this.published);
      if (!due) continue;
      const frame = { after: a.lastSent, seq: this.published, events: a.pending };
      a.lastSent = this.published;
      a.pending = [];
      a.urgent = false;
      a.ns.to(a.room).emit('hall:events', frame);
    }
  }

  /** Bring a (re)connecting socket up to date on what `interest` follows, then let it follow live
   * events. Synchronous, so no live event can slip in between the catch-up and the join. */
  attach(socket: FeedSocket, lastSeq: number | undefined, interest: Interest): void {
    this.flush('all');
    const head = this.source.lastSeq;
    const missed = lastSeq === undefined || lastSeq > head ? undefined : this.source.eventsSince(lastSeq, this.replayLimit + 1);
    if (missed && missed.length <= this.replayLimit && (missed.length === 0 || missed[0]!.seq === lastSeq! + 1)) {
      const events = missed.flatMap((e) => eventFor(interest, eventView(this.source.state, e)) ?? []);
      socket.emit('hall:events', { after: lastSeq!, seq: head, events });
    } else {
      socket.emit('hall:snapshot', snapshotFor(interest, snapshotView(this.source.state, head)));
    }
    const audience = this.audience(socket.nsp as FeedNamespace, interest, head);
    void socket.join(audience.room);
    if (interest.counts) {
      this.countsRooms.add(socket.nsp as FeedNamespace);
      void socket.join('counts');
      socket.emit('hall:counts', this.counts().view);
    }
  }

  private audience(ns: FeedNamespace, interest: Interest, head: number): Audience {
    const id = `${ns.name}|${interest.key}`;
    const known = this.audiences.get(id);
    if (known) return known;
    const a: Audience = { ns, room: `feed:${interest.key}`, interest, lastSent: head, pending: [], urgent: false };
    this.audiences.set(id, a);
    this.index(a, true);
    // socket.io drops an empty room; so does the feed, or a hall's day of reconnects would pile up audiences.
    const drop = (room: string) => {
      if (room !== a.room) return;
      ns.adapter.off('delete-room', drop);
      this.audiences.delete(id);
      this.index(a, false);
    };
    ns.adapter.on('delete-room', drop);
    return a;
  }

  private index(a: Audience, add: boolean): void {
    const put = <K>(map: Map<K, Set<Audience>>, key: K) => {
      const set = map.get(key) ?? new Set<Audience>();
      if (add) set.add(a);
      else set.delete(a);
      if (set.size > 0) map.set(key, set);
      else map.delete(key);
    };
    const mark = (set: Set<Audience>) => void (add ? set.add(a) : set.delete(a));
    const i = a.interest;
    if (i.everything) mark(this.broad);
    for (const s of i.services ?? []) put(this.byService, s);
    for (const w of i.windows ?? []) put(this.byWindow, w);
    if (i.calls === 'all') mark(this.callsEverywhere);
    else for (const w of i.calls ?? []) put(this.byWindow, w);
  }

  /** The audiences an event can concern (each then takes its part: eventFor). */
  private audiencesFor(view: HallEventView): Iterable<Audience> {
    // A new day concerns everyone.
    if (view.changes.day !== undefined) return this.audiences.values();
    const out = new Set(this.broad);
    const add = (set: Set<Audience> | undefined) => set?.forEach((a) => out.add(a));
    for (const t of view.changes.tickets ?? []) {
      add(this.byService.get(t.serviceCode));
      if (t.windowNo !== undefined) add(this.byWindow.get(t.windowNo));
      if (t.targetWindow !== undefined) add(this.byWindow.get(t.targetWindow));
      if (t.windowNo !== undefined) add(this.callsEverywhere);
    }
    for (const w of view.changes.windows ?? []) add(this.byWindow.get(w.number));
    return out;
  }

  /** The counts as the hall stands, computed again only after tickets moved. */
  private counts(): { json: string; view: HallCountsView } {
    if (!this.lastCounts || this.countsStale) {
      const state = this.source.state;
      const view: HallCountsView = { day: state.day, services: waitingCounts(state) };
      this.lastCounts = { json: JSON.stringify(view), view };
      this.countsStale = false;
    }
    return this.lastCounts;
  }

  /** Tickets moved: send the counts once the quiet interval is over, if they differ from what the
   * rooms were last sent (a client attaching meanwhile got them already, the others not). */
  private countsChanged(): void {
    this.countsStale = true;
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = undefined;
      const now = this.counts();
      if (now.json === this.countsSent) return;
      this.countsSent = now.json;
      for (const ns of this.countsRooms) ns.to('counts').emit('hall:counts', now.view);
    }, this.countsEveryMs);
    this.countsTimer.unref();
  }

  close(): void {
    clearInterval(this.idleSync);
    clearInterval(this.linesTimer);
    if (this.countsTimer) clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
  }
}
