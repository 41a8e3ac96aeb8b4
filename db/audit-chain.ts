// The audit log as a hash chain: every command and refusal is a row whose hash covers the row
// before it, its own columns and the event rows it wrote, so an edited, removed or inserted row
// (audit or event) shows. The hash format is fixed: files written by any earlier HallQ still verify.
import { createHash } from 'node:crypto';
import type { Actor } from '../main/queue/index.js';
import type { WritableDB } from './connection.js';
import type { EventLog, EventRow } from './event-log.js';

export type AuditCheck = { ok: true; rows: number } | { ok: false; brokenAt: number; reason: string };

/** One audit row to append: who, what (already redacted), the outcome and the events it wrote. */
export interface AuditEntry {
  readonly at: number;
  readonly actor: Actor;
  readonly requestId: string | null;
  readonly command: string;
  readonly outcome: string;
  readonly events: readonly EventRow[];
}

interface AuditRow {
  id: number;
  at: number;
  actor_role: string;
  actor_id: string;
  request_id: string | null;
  command: string;
  outcome: string;
  first_seq: number | null;
  last_seq: number | null;
  events_hash: string | null;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** sha256 over the event rows exactly as stored, so the check needs nothing but the table. */
function eventsHash(rows: readonly EventRow[]): string {
  return sha256(rows.map((r) => `${r.seq}|${r.at}|${r.type}|${r.window_no ?? ''}|${r.changes}\n`).join(''));
}

/** hash = sha256(prev_hash + JSON of the row's other columns in a fixed order). */
function auditHash(prev: string, r: Omit<AuditRow, 'id' | 'prev_hash' | 'hash'>): string {
  const row: unknown[] = [r.at, r.actor_role, r.actor_id, r.request_id, r.command, r.outcome, r.first_seq, r.last_seq];
  // Rows written before migration 003 have no events_hash; their hash never covered one.
  if (r.events_hash !== null) row.push(r.events_hash);
  return sha256(prev + JSON.stringify(row));
}

export class AuditChain {
  private readonly q;

  constructor(
    private readonly db: WritableDB,
    private readonly events: EventLog,
  ) {
    this.q = {
      add: db.prepare(
        `INSERT INTO audit_log (at, actor_role, actor_id, request_id, command, outcome, first_seq, last_seq, events_hash, prev_hash, hash)
         VALUES (@at, @actor_role, @actor_id, @request_id, @command, @outcome, @first_seq, @last_seq, @events_hash, @prev_hash, @hash)`,
      ),
      head: db.prepare<[], string>('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').pluck(),
      // Paged, so a year of audit rows never sits in memory at once.
      page: db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT 1000'),
    };
  }

  /**
   * Append one row chained to the last one; returns its id. Only inside a unit of work: the head is
   * read in the same IMMEDIATE transaction, so a rolled-back row never becomes anyone's prev_hash.
   */
  append(e: AuditEntry): number {
    if (!this.db.inTransaction) throw new Error('AuditChain.append: call it inside a unit of work (HallDb.atomically)');
    const prev = this.q.head.get() ?? GENESIS;
    const first = e.events[0];
    const last = e.events[e.events.length - 1];
    const row = {
      at: e.at,
      actor_role: e.actor.role,
      actor_id: e.actor.id,
      request_id: e.requestId,
      command: e.command,
      outcome: e.outcome,
      first_seq: first?.seq ?? null,
      last_seq: last?.seq ?? null,
      events_hash: e.events.length > 0 ? eventsHash(e.events) : null,
    };
    const info = this.q.add.run({ ...row, prev_hash: prev, hash: auditHash(prev, row) });
    return Number(info.lastInsertRowid);
  }

  /**
   * Recompute the chain and check it against the event log: every row chains to the one before,
   * its hash covers its content and its events, and the rows' seq ranges cover the event log 1..N
   * without a gap. Not detectable without an outside anchor: cutting rows off the end of both logs.
   */
  verify(): AuditCheck {
    let prev = GENESIS;
    let rows = 0;
    let expectSeq = 1;
    const page = this.q.page;
    const all = function* () {
      for (let after = 0, rows = page.all(after); rows.length > 0; after = rows[rows.length - 1]!.id, rows = page.all(after)) yield* rows;
    };
    for (const r of all()) {
      if (r.prev_hash !== prev) return { ok: false, brokenAt: r.id, reason: 'prev_hash does not match the hash of the row before' };
      if (r.hash !== auditHash(prev, r)) return { ok: false, brokenAt: r.id, reason: 'row content does not match its hash' };
      if (r.first_seq !== null && r.last_seq !== null) {
        if (r.first_seq !== expectSeq) {
          return { ok: false, brokenAt: r.id, reason: `events start at seq ${r.first_seq}, expected ${expectSeq}` };
        }
        const found = this.events.rowsBetween(r.first_seq, r.last_seq);
        if (found.length !== r.last_seq - r.first_seq + 1 || found.some((e, i) => e.seq !== r.first_seq! + i)) {
          return { ok: false, brokenAt: r.id, reason: `event_log is missing events in ${r.first_seq}..${r.last_seq}` };
        }
        if (r.events_hash !== null && r.events_hash !== eventsHash(found)) {
          return { ok: false, brokenAt: r.id, reason: `events ${r.first_seq}..${r.last_seq} do not match the hash this row recorded` };
        }
        expectSeq = r.last_seq + 1;
      }
      prev = r.hash;
      rows++;
    }
    const last = this.events.lastSeq();
    if (last !== expectSeq - 1) {
      return { ok: false, brokenAt: rows, reason: `event_log holds seqs up to ${last} but the audit log accounts for ${expectSeq - 1}` };
    }
    return { ok: true, rows };
  }
}
