// The commands table: the first answer to every requestId, so a command sent again (a retried tap,
// an agent's outbox after an outage) is answered the same and applied once (invariant 3).
import type { WritableDB } from './connection.js';

export interface AnsweredCommand {
  readonly type: string;
  /** "role:id" of the actor that ran it. */
  readonly actor: string;
  /** The answer as it was given (JSON-parsed). */
  readonly response: unknown;
  /** The event seqs it committed, as its audit row recorded them (none for a refusal). */
  readonly events?: { readonly first: number; readonly last: number };
}

export class Idempotency {
  private readonly q;

  constructor(db: WritableDB) {
    this.q = {
      find: db.prepare<[string], { type: string; actor: string; response: string }>('SELECT type, actor, response FROM commands WHERE request_id = ?'),
      seqs: db.prepare<[string], { first_seq: number | null; last_seq: number | null }>(
        'SELECT first_seq, last_seq FROM audit_log WHERE request_id = ? ORDER BY id LIMIT 1',
      ),
      add: db.prepare('INSERT INTO commands (request_id, type, actor, response, at, audit_id) VALUES (?, ?, ?, ?, ?, ?)'),
    };
  }

  find(requestId: string): AnsweredCommand | undefined {
    const row = this.q.find.get(requestId);
    if (!row) return undefined;
    const seqs = this.q.seqs.get(requestId);
    return {
      type: row.type,
      actor: row.actor,
      response: JSON.parse(row.response),
      ...(seqs?.first_seq != null && seqs.last_seq != null && { events: { first: seqs.first_seq, last: seqs.last_seq } }),
    };
  }

  /** Keep the first answer to `requestId` (inside the unit of work that wrote its audit row `auditId`). */
  remember(requestId: string, type: string, actor: string, response: unknown, at: number, auditId: number): void {
    this.q.add.run(requestId, type, actor, JSON.stringify(response), at, auditId);
  }
}
