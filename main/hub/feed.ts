// The hall feed: every committed event, numbered by the gapless seq, to every client that follows
// the hall; on (re)connect a client gets what it missed from the event log, or a snapshot when it
// is too far behind (or ahead: a hub restored from a backup).
import type { HallState } from '../queue/index.js';
import type { FeedRole, Follows, HallEventView } from '../protocol/index.js';
import type { StoredEvent } from '../../db/event-log.js';
import type { RoleNamespace, RoleSocket } from './roles/namespace.js';
import { eventView, snapshotView } from './views.js';

export type { StoredEvent } from '../../db/event-log.js';

export interface FeedSource {
  readonly state: HallState;
  readonly lastSeq: number;
  eventsSince(seq: number, limit: number): StoredEvent[];
}

/** The namespace or socket of any role that follows the hall (main/protocol/roles.ts): its
 * server→client map has the feed's events, which is all the feed sends. */
type FeedNamespace = RoleNamespace<FeedRole>;
type FeedSocket = RoleSocket<FeedRole>;

/** Complaints are for supervisors: other clients get the event (its seq keeps the feed gapless)
 * without them — hall screens and kiosks are public, counters are the people complained about. */
function withoutComplaints<E extends HallEventView>(v: E): E {
  if (!v.changes.complaints) return v;
  const { complaints: _c, ...changes } = v.changes;
  // complaints is optional in every event's changes: dropping it keeps the event's shape.
  return { ...v, changes };
}

export class HallFeed {
  private readonly namespaces: { ns: FeedNamespace; complaints: boolean }[] = [];

  constructor(
    private readonly source: FeedSource,
    private readonly replayLimit = 500,
  ) {}

  /** Publish to this namespace what its role follows (the role table's `follows`). */
  follow(ns: FeedNamespace, follows: Exclude<Follows, 'none'>): void {
    this.namespaces.push({ ns, complaints: follows === 'hall+complaints' });
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
  attach(socket: FeedSocket, lastSeq: number | undefined): void {
    const head = this.source.lastSeq;
    const missed = lastSeq === undefined || lastSeq > head ? undefined : this.source.eventsSince(lastSeq, this.replayLimit + 1);
    if (missed && missed.length <= this.replayLimit && (missed.length === 0 || missed[0]!.seq === lastSeq! + 1)) {
      const complaints = this.namespaces.some((n) => n.complaints && n.ns.name === socket.nsp.name);
      for (const e of missed) {
        const view = eventView(this.source.state, e);
        socket.emit('hall:event', complaints ? view : withoutComplaints(view));
      }
    } else {
      socket.emit('hall:snapshot', snapshotView(this.source.state, head));
    }
    void socket.join('hall');
  }
}
