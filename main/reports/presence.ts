// Staff presence from the event log: how long each staff member was signed in at each window and
// how long the window was paused, by reason. Every sign-in, sign-out, pause, resume and day opening
// carries the windows' new snapshots; an interval runs from the snapshot that opened it to the one
// that closed it, clipped to the period. One still open at the end of the period (or now) closes
// there. A day opening signs every window out, so nothing carries over from an earlier day; a
// sign-in made before the period's first hall day began is counted from the first change seen.
import type { PresenceEventRow } from '../../db/reports.js';
import type { WindowState } from '../queue/index.js';

export interface Presence {
  readonly signedInSeconds: number;
  readonly pausedSeconds: number;
  /** Paused seconds per reason as the staff member gave it. */
  readonly pauses: Readonly<Record<string, number>>;
}

interface Open {
  staffId?: string;
  signedAt?: number;
  pause?: { reason: string; at: number };
}

class Acc {
  signedInMs = 0;
  pausedMs = 0;
  readonly pauses = new Map<string, number>();
  presence(): Presence {
    return {
      signedInSeconds: Math.round(this.signedInMs / 1000),
      pausedSeconds: Math.round(this.pausedMs / 1000),
      pauses: Object.fromEntries([...this.pauses].map(([r, ms]) => [r, Math.round(ms / 1000)])),
    };
  }
}

export interface PresenceBook {
  readonly staff: ReadonlyMap<string, Presence>;
  readonly window: ReadonlyMap<string, Presence>;
}

/** Presence per staff member and per window over [start, end), from events fed in hall order; `now` ends what is still open today. */
export class PresenceTally {
  private readonly staff = new Map<string, Acc>();
  private readonly windows = new Map<string, Acc>();
  private readonly open = new Map<number, Open>();

  constructor(
    private readonly start: number,
    private readonly end: number,
    private readonly now: number,
  ) {}

  private acc(m: Map<string, Acc>, k: string): Acc {
    let a = m.get(k);
    if (!a) m.set(k, (a = new Acc()));
    return a;
  }

  private span(from: number, to: number): number {
    return Math.max(0, Math.min(to, this.end) - Math.max(from, this.start));
  }

  private closeSignIn(no: number, o: Open, at: number): void {
    if (o.staffId === undefined) return;
    const ms = this.span(o.signedAt ?? at, at);
    this.acc(this.staff, o.staffId).signedInMs += ms;
    this.acc(this.windows, String(no)).signedInMs += ms;
  }

  private closePause(no: number, o: Open, at: number): void {
    if (!o.pause) return;
    const ms = this.span(o.pause.at, at);
    for (const a of [this.acc(this.windows, String(no)), ...(o.staffId === undefined ? [] : [this.acc(this.staff, o.staffId)])]) {
      a.pausedMs += ms;
      a.pauses.set(o.pause.reason, (a.pauses.get(o.pause.reason) ?? 0) + ms);
    }
  }

  add(e: PresenceEventRow): void {
    const changes = JSON.parse(e.changes) as { windows?: readonly WindowState[] };
    for (const w of changes.windows ?? []) {
      const o = this.open.get(w.number) ?? {};
      const pauseEnds = o.pause && (!w.paused || w.paused.at !== o.pause.at || w.staffId !== o.staffId);
      if (pauseEnds) this.closePause(w.number, o, e.at);
      if (o.staffId !== undefined && o.staffId !== w.staffId) this.closeSignIn(w.number, o, e.at);
      const next: Open = {};
      if (w.staffId !== undefined) {
        next.staffId = w.staffId;
        next.signedAt = o.staffId === w.staffId ? o.signedAt ?? e.at : w.signedInAt ?? e.at;
      }
      if (w.paused) next.pause = !pauseEnds && o.pause ? o.pause : { reason: w.paused.reason, at: w.paused.at };
      this.open.set(w.number, next);
    }
  }

  /** Close what is still open at the end of the period (or now) and read the totals; call once. */
  book(): PresenceBook {
    const last = Math.min(this.end, this.now);
    for (const [no, o] of this.open) {
      this.closePause(no, o, last);
      this.closeSignIn(no, o, last);
    }
    const done = (m: Map<string, Acc>) => new Map([...m].map(([k, a]) => [k, a.presence()]));
    return { staff: done(this.staff), window: done(this.windows) };
  }
}
