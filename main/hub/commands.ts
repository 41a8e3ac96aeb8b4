// One command's path through the hub: answered before? → open the hall day if it is due → decide
// → commit (one IMMEDIATE transaction: events, projections, audit row, idempotency row) → evolve
// the in-memory hall → hand the committed events back for publishing. Only after the commit does
// anything move on (invariants 2–4); a refusal changes nothing but its audit and command rows.
import { decide, evolve, hallDay, needsNewDay, refuse, type Actor, type Command, type HallState, type IdSource, type Refusal, type Reply } from '../queue/index.js';
import type { HallDb } from '../../db/hall-db.js';
import { eventRow, type EventRow, type StoredEvent } from '../../db/event-log.js';
import { auditedCommand } from './audit-redaction.js';

/**
 * `replayed`: a repeated requestId answered from the commands table; its events were published before.
 * `opened`: the events of a new hall day committed just before this command (publish them first).
 */
export type CommandOutcome = ({ ok: true; reply: Reply; events: StoredEvent[]; replayed: boolean } | Refusal) & {
  readonly opened?: readonly StoredEvent[];
};

export interface RunOptions {
  /** false: a refusal is returned without an audit or command row (anonymous clients: the hub audits
   * it within its per-source budget, so they cannot grow the file). Default true. */
  readonly recordRefusal?: boolean;
}

const actorKey = (a: Actor) => `${a.role}:${a.id}`;
type Answer = { ok: true; reply: Reply } | Refusal;

export class CommandRunner {
  private seq: number;

  /** `state`: the hall as the file holds it (HallDb.loadState); only this runner moves it on. */
  constructor(
    private readonly db: HallDb,
    readonly state: HallState,
    private readonly ids: IdSource,
  ) {
    this.seq = db.events.lastSeq();
  }

  /** The seq of the last committed event: the hall `state` is as of this seq. */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Run one command. A repeated requestId gets the first answer again — the same reply and the
   * same events with their seqs, flagged `replayed` — and changes nothing (invariant 3).
   */
  execute(cmd: Command, actor: Actor, now: number, options: RunOptions = {}): CommandOutcome {
    const prior = this.answered(cmd.requestId, cmd.type, (key) => key === actorKey(actor));
    if (prior) return prior;
    let opened: StoredEvent[] = [];
    if (cmd.type !== 'openDay' && needsNewDay(this.state, now)) {
      // Its own transaction: the new day stands even if the visitor's command is refused.
      const day = hallDay(this.state.hall, now);
      const result = this.commit({ type: 'openDay', requestId: `openDay:${day}:${this.seq + 1}` }, { role: 'system', id: 'clock' }, now, true);
      if (result.ok) opened = result.events;
    }
    const result = this.commit(cmd, actor, now, options.recordRefusal ?? true);
    return opened.length > 0 ? { ...result, opened } : result;
  }

  /**
   * The first answer to a requestId already run — the same reply and events, flagged `replayed` —
   * or undefined when it is new. Refused when the id was used for another command or by an actor
   * `accepts` does not recognise (its key is "role:id").
   */
  answered(requestId: string, type: Command['type'], accepts: (actorKey: string) => boolean): CommandOutcome | undefined {
    const prior = this.db.idempotency.find(requestId);
    if (!prior) return undefined;
    if (prior.type !== type || !accepts(prior.actor)) return refuse('request-id-reused');
    const response = prior.response as Answer;
    if (!response.ok) return response;
    const events = prior.events ? this.db.events.between(prior.events.first, prior.events.last) : [];
    return { ok: true, reply: response.reply, events, replayed: true };
  }

  /** Audit a refusal that never reached the engine (bad token, malformed payload, wrong role). */
  auditRefusal(actor: Actor, what: string, code: string, detail: string, now: number): void {
    const command = JSON.stringify({ what: what.slice(0, 80), detail: detail.slice(0, 300) });
    this.db.atomically(() => this.db.audit.append({ at: now, actor, requestId: null, command, outcome: code, events: [] }));
  }

  private commit(cmd: Command, actor: Actor, now: number, recordRefusal: boolean): CommandOutcome {
    const decision = decide(this.state, cmd, { now, ids: this.ids, actor });
    if (!decision.ok && !recordRefusal) return decision;
    const events: StoredEvent[] = decision.ok ? decision.events.map((e, i) => ({ ...e, seq: this.seq + i + 1 })) : [];
    const rows: EventRow[] = events.map(eventRow);
    this.db.atomically(() => {
      if (decision.ok) {
        this.db.events.append(rows, cmd.requestId);
        this.db.projections.apply(decision.events, (id) => this.state.tickets.get(id));
      }
      const outcome = decision.ok ? 'ok' : decision.code;
      const auditId = this.db.audit.append({ at: now, actor, requestId: cmd.requestId, command: auditedCommand(cmd), outcome, events: rows });
      const response: Answer = decision.ok ? { ok: true, reply: decision.reply } : decision;
      this.db.idempotency.remember(cmd.requestId, cmd.type, actorKey(actor), response, now, auditId);
    });
    // Committed: only now do the seq and the hall move on.
    if (!decision.ok) return decision;
    this.seq += events.length;
    for (const e of events) evolve(this.state, e);
    return { ok: true, reply: decision.reply, events, replayed: false };
  }
}
