// Refusals that never reached the engine (bad handshakes, malformed payloads, wrong role, throttled
// logins) are audited through a budget, so a client flooding the hub cannot grow the database:
// each source (an actor, or an anonymous client's address) gets its first `burst` refusals of a
// window written as they happen, the rest counted and written as one summary row when the window
// ends. All sources together get at most `maxRowsPerWindow` individual rows a window, and at most
// `maxSources` are tracked; past either, refusals are counted under the overflow source '*'.
// Every refusal is accounted for: the rows' counts add up to the refusals seen.
import type { Actor } from '../queue/index.js';

export interface RefusalAuditOptions {
  readonly windowMs: number;
  readonly burst: number;
  readonly maxRowsPerWindow: number;
  readonly maxSources: number;
}

export const defaultRefusalAudit: RefusalAuditOptions = { windowMs: 60_000, burst: 5, maxRowsPerWindow: 300, maxSources: 2000 };

/** Writes one audit row (HubStore.auditRefusal → main/hub/commands.ts). `detail` is JSON-safe text. */
export type AuditWriter = (actor: Actor, what: string, code: string, detail: string, now: number) => void;

interface Tally {
  readonly actor: Actor;
  written: number;
  suppressed: number;
  readonly codes: Map<string, number>;
  firstSuppressedAt: number;
  lastSuppressedAt: number;
}

const OVERFLOW: Actor = { role: 'system', id: '*' };
export const REPEATED = 'repeated-refusals';

export class RefusalAudit {
  /** The current window's tallies; windows are the hub's, not each source's. */
  private readonly tallies = new Map<string, Tally>();
  private windowStart = -Infinity;
  private rowsThisWindow = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: AuditWriter,
    private readonly clock: () => number,
    private readonly options: RefusalAuditOptions = defaultRefusalAudit,
  ) {}

  /** Audit one refusal by `actor` (anonymous clients: their address as the id). */
  record(actor: Actor, what: string, code: string, detail: string): void {
    const now = this.clock();
    if (now >= this.windowStart + this.options.windowMs || now < this.windowStart) {
      this.flush();
      this.windowStart = now;
    }
    const key = `${actor.role}:${actor.id}`;
    const known = this.tallies.get(key);
    const tally =
      known ?? (this.tallies.size >= this.options.maxSources ? this.tallyOf(`${OVERFLOW.role}:${OVERFLOW.id}`, OVERFLOW) : this.tallyOf(key, actor));
    if (tally.actor !== OVERFLOW && tally.written < this.options.burst && this.rowsThisWindow < this.options.maxRowsPerWindow) {
      tally.written++;
      this.rowsThisWindow++;
      this.write(actor, what, code, detail, now);
      return;
    }
    tally.suppressed++;
    tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
    if (tally.suppressed === 1) tally.firstSuppressedAt = now;
    tally.lastSuppressedAt = now;
    // The summary is written when the window ends, even if the flood stops.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, Math.max(0, this.windowStart + this.options.windowMs - now)).unref();
  }

  /** Close the current window: one summary row per source whose refusals were only counted. */
  flush(): void {
    const now = this.clock();
    for (const t of this.tallies.values()) {
      if (t.suppressed === 0) continue;
      const detail = JSON.stringify({ count: t.suppressed, codes: Object.fromEntries(t.codes), from: t.firstSuppressedAt, to: t.lastSuppressedAt });
      this.write(t.actor, 'repeated refusals', REPEATED, detail, now);
    }
    this.tallies.clear();
    this.rowsThisWindow = 0;
    this.windowStart = -Infinity;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private tallyOf(key: string, actor: Actor): Tally {
    let t = this.tallies.get(key);
    if (!t) {
      t = { actor, written: 0, suppressed: 0, codes: new Map(), firstSuppressedAt: 0, lastSuppressedAt: 0 };
      this.tallies.set(key, t);
    }
    return t;
  }
}
