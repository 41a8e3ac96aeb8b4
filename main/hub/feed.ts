// The hall feed: every committed event, numbered by the gapless seq, to every client that follows
// the hall; on (re)connect a client gets what it missed from the event log, or a snapshot when it
// is too far behind (or ahead: a hub restored from a backup).
import type { Namespace, Socket } from 'socket.io';
import type { HallEvent, HallState } from '../queue/index.js';
import type { HallEventView, HallFeedEvents } from '../protocol/index.js';
import { eventView, snapshotView } from './views.js';

export type StoredEvent = HallEvent & { readonly seq: number };

export interface FeedSource {
  readonly state: HallState;
  readonly lastSeq: number;
  eventsSince(seq: number, limit: number): StoredEvent[];
}

// Namespaces differ in their client maps; the feed only uses the server→client half.
type FeedNamespace = Namespace<never, HallFeedEvents>;
type FeedSocket = Socket<never, HallFeedEvents>;

/** Complaints are for supervisors: other clients get the event (its seq keeps the feed gapless)
 * without them — hall screens and kiosks are public, counters are the people complained about. */
function withoutComplaints<E extends HallEventView>(v: E): E {
  if (!v.changes.complaints) return v;
  const { complaints: _c, ...changes } = v.changes;
  // complaints is optional in every event's changes: dropping it keeps the event's shape.
  return { ...v, changes } as E;
}

export class HallFeed {
  private readonly namespaces: { ns: FeedNamespace; complaints: boolean }[] = [];

  constructor(
    private readonly source: FeedSource,
    private readonly replayLimit = 500,
  ) {}

  follow(ns: Namespace<never, never>, options: { complaints?: boolean } = {}): void {
    this.namespaces.push({ ns: ns as unknown as FeedNamespace, complaints: options.complaints ?? false });
  }

  publish(events: readonly StoredEvent[]): void {
    for (const e of events) {
      const view = eventView(this.source.state, e);
      const open = withoutComplaints(view);
      for (const { ns, complaints } of this.namespaces) ns.to('hall').emit('hall:event', complaints ? view : open);
    }
  }

  /** Bring a (re)connecting socket up to date, then let it follow live events. Synchronous, so no
   * live event can slip in between the catch-up and the join. */
  attach(socket: Socket<never, never>, lastSeq: number | undefined): void {
    const s = socket as unknown as FeedSocket;
    const head = this.source.lastSeq;
    const missed = lastSeq === undefined || lastSeq > head ? undefined : this.source.eventsSince(lastSeq, this.replayLimit + 1);
    if (missed && missed.length <= this.replayLimit && (missed.length === 0 || missed[0]!.seq === lastSeq! + 1)) {
      const complaints = this.namespaces.some((n) => n.complaints && (n.ns as unknown) === (s.nsp as unknown));
      for (const e of missed) {
        const view = eventView(this.source.state, e);
        s.emit('hall:event', complaints ? view : withoutComplaints(view));
      }
    } else {
      s.emit('hall:snapshot', snapshotView(this.source.state, head));
    }
    void s.join('hall');
  }
}
