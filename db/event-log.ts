// The event log: every committed change, numbered by the gapless hall seq. Clients replay from it
// after a reconnect; the audit chain hashes its rows exactly as stored.
import type { HallEvent } from '../main/queue/index.js';
import type { WritableDB } from './connection.js';

/** A hall event as committed: the engine's event and its place in the hall's sequence. */
export type StoredEvent = HallEvent & { readonly seq: number };

/** One event_log row as stored (the audit chain hashes these columns). */
export interface EventRow {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  readonly window_no: number | null;
  readonly changes: string;
}

export function eventRow(e: StoredEvent): EventRow {
  return { seq: e.seq, at: e.at, type: e.type, window_no: e.windowNo ?? null, changes: JSON.stringify(e.changes) };
}

function eventFromRow(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    at: r.at,
    type: r.type as HallEvent['type'],
    ...(r.window_no !== null && { windowNo: r.window_no }),
    changes: JSON.parse(r.changes) as HallEvent['changes'],
  };
}

export class EventLog {
  private readonly q;

  constructor(db: WritableDB) {
    this.q = {
      add: db.prepare('INSERT INTO event_log (seq, at, type, window_no, changes, request_id) VALUES (?, ?, ?, ?, ?, ?)'),
      since: db.prepare<[number, number], EventRow>('SELECT seq, at, type, window_no, changes FROM event_log WHERE seq > ? ORDER BY seq LIMIT ?'),
      between: db.prepare<[number, number], EventRow>(
        'SELECT seq, at, type, window_no, changes FROM event_log WHERE seq BETWEEN ? AND ? ORDER BY seq',
      ),
      last: db.prepare<[], number | null>('SELECT MAX(seq) FROM event_log').pluck(),
    };
  }

  /** Append rows a command produced (inside its unit of work). */
  append(rows: readonly EventRow[], requestId: string): void {
    for (const r of rows) this.q.add.run(r.seq, r.at, r.type, r.window_no, r.changes, requestId);
  }

  since(seq: number, limit: number): StoredEvent[] {
    return this.q.since.all(seq, limit).map(eventFromRow);
  }

  between(first: number, last: number): StoredEvent[] {
    return this.rowsBetween(first, last).map(eventFromRow);
  }

  /** The rows as stored, for the audit chain's check. */
  rowsBetween(first: number, last: number): EventRow[] {
    return this.q.between.all(first, last);
  }

  /** The seq of the last committed event (0 for an empty log). */
  lastSeq(): number {
    return this.q.last.get() ?? 0;
  }
}
