// The hall feed: every committed event, numbered by the gapless seq, to every client that follows
// the hall; on (re)connect a client gets what it missed from the event log, or a snapshot when it
// is too far behind (or ahead: a hub restored from a backup).
import type { Namespace, Socket } from 'socket.io';
import type { HallEvent, HallState } from '../queue/index.js';
import type { HallFeedEvents } from '../protocol/index.js';
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

export class HallFeed {
  private readonly namespaces: FeedNamespace[] = [];

  constructor(
    private readonly source: FeedSource,
    private readonly replayLimit = 500,
  ) {}

  follow(ns: Namespace<never, never>): void {
    this.namespaces.push(ns as unknown as FeedNamespace);
  }

  publish(events: readonly StoredEvent[]): void {
    for (const e of events) {
      const view = eventView(this.source.state, e);
      for (const ns of this.namespaces) ns.to('hall').emit('hall:event', view);
    }
  }

  /** Bring a (re)connecting socket up to date, then let it follow live events. Synchronous, so no
   * live event can slip in between the catch-up and the join. */
  attach(socket: Socket<never, never>, lastSeq: number | undefined): void {
    const s = socket as unknown as FeedSocket;
    const head = this.source.lastSeq;
    const missed = lastSeq === undefined || lastSeq > head ? undefined : this.source.eventsSince(lastSeq, this.replayLimit + 1);
    if (missed && missed.length <= this.replayLimit && (missed.length === 0 || missed[0]!.seq === lastSeq! + 1)) {
      for (const e of missed) s.emit('hall:event', eventView(this.source.state, e));
    } else {
      s.emit('hall:snapshot', snapshotView(this.source.state, head));
    }
    void s.join('hall');
  }
}
