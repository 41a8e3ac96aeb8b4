// The day's tickets by id, indexed for the questions every command asks: who waits for a service,
// who waits for one window, a visit's legs, how many numbers a service and a kiosk gave out. A busy
// day has tens of thousands of tickets; the indexes keep each answer proportional to the line, not
// the day. They follow every set and delete, so nothing can change a ticket behind their back.
import type { Ticket } from './model.js';

export class TicketBook extends Map<string, Ticket> {
  // Fields are created before any set (the constructor takes no entries, see below).
  private readonly waitingFor = new Map<string, Map<string, Ticket>>();
  private readonly aimedAt = new Map<number, Map<string, Ticket>>();
  private readonly legs = new Map<string, Ticket[]>();
  private readonly issued = new Map<string, number>();
  private readonly kioskIssues = new Map<string, number[]>();

  constructor() {
    // A Map built from entries calls `set` before this class's fields exist: no entries here.
    super();
  }

  override set(id: string, t: Ticket): this {
    const prev = super.get(id);
    if (prev) this.unindex(prev, false);
    super.set(id, t);
    this.index(t, prev === undefined);
    return this;
  }

  override delete(id: string): boolean {
    const prev = super.get(id);
    if (prev) this.unindex(prev, true);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    for (const m of [this.waitingFor, this.aimedAt, this.legs, this.issued, this.kioskIssues]) m.clear();
  }

  /** Tickets waiting for this service (any day's: callers check the day), aimed at a window or not. */
  waiting(serviceCode: string): Iterable<Ticket> {
    return this.waitingFor.get(serviceCode)?.values() ?? [];
  }

  /** Waiting tickets aimed at this window (a resumed or transferred ticket), whatever their service. */
  waitingAt(windowNo: number): Iterable<Ticket> {
    return this.aimedAt.get(windowNo)?.values() ?? [];
  }

  /** Every leg of a visit, in the order they were added. */
  legsOf(visitId: string): readonly Ticket[] {
    return this.legs.get(visitId) ?? [];
  }

  /** Numbers a service gave out on a day (first legs, appointments not counted): its daily cap's count. */
  issuedCount(day: string, serviceCode: string): number {
    return this.issued.get(`${day}|${serviceCode}`) ?? 0;
  }

  /** Numbers a kiosk gave out after `since` (its rate limit's count). */
  issuedBy(kioskId: string, since: number): number {
    const times = this.kioskIssues.get(kioskId);
    if (!times) return 0;
    // Issue times only grow (a clock step back aside, which at worst counts a few too many): drop what
    // is older than any limit asks, and count from the end.
    let n = 0;
    for (let i = times.length - 1; i >= 0 && times[i]! > since; i--) n++;
    if (times.length > 4 * n + 64) times.splice(0, times.length - n);
    return n;
  }

  private index(t: Ticket, added: boolean): void {
    if (t.status === 'waiting') {
      put(this.waitingFor, t.serviceCode, t);
      if (t.targetWindow !== undefined) put(this.aimedAt, t.targetWindow, t);
    }
    const legs = this.legs.get(t.visitId);
    if (!legs) this.legs.set(t.visitId, [t]);
    else {
      const at = legs.findIndex((x) => x.id === t.id);
      if (at >= 0) legs[at] = t;
      else legs.push(t);
    }
    if (!added || t.leg !== 1) return;
    if (t.kind !== 'appointment') this.issued.set(`${t.day}|${t.serviceCode}`, this.issuedCount(t.day, t.serviceCode) + 1);
    if (t.kioskId !== undefined) {
      const times = this.kioskIssues.get(t.kioskId);
      if (times) times.push(t.issuedAt);
      else this.kioskIssues.set(t.kioskId, [t.issuedAt]);
    }
  }

  private unindex(t: Ticket, removed: boolean): void {
    take(this.waitingFor, t.serviceCode, t.id);
    if (t.targetWindow !== undefined) take(this.aimedAt, t.targetWindow, t.id);
    if (!removed) return;
    const legs = this.legs.get(t.visitId)?.filter((x) => x.id !== t.id);
    if (legs?.length) this.legs.set(t.visitId, legs);
    else this.legs.delete(t.visitId);
    if (t.leg === 1 && t.kind !== 'appointment') {
      const key = `${t.day}|${t.serviceCode}`;
      const n = (this.issued.get(key) ?? 0) - 1;
      if (n > 0) this.issued.set(key, n);
      else this.issued.delete(key);
    }
  }
}

function put<K>(index: Map<K, Map<string, Ticket>>, key: K, t: Ticket): void {
  const m = index.get(key);
  if (m) m.set(t.id, t);
  else index.set(key, new Map([[t.id, t]]));
}

function take<K>(index: Map<K, Map<string, Ticket>>, key: K, id: string): void {
  const m = index.get(key);
  if (!m) return;
  m.delete(id);
  if (m.size === 0) index.delete(key);
}
