// A staff member's numbers for today, computed from the hall state the counter already follows
// (every ticket of the day carries who called it, when, and its rating).
//
//   todayStats(tickets, staffId, day) → { served, avgServiceMs, avgWaitMs, ratings, satisfiedPct, transfers }
//
// served: tickets they finished (办结). Service time: finish − start. Wait: call − queued (the visitor's
// wait for this leg). Satisfied: 基本满意 and better (levels 3–5), as the national 好差评 scheme counts 好评.
import type { TicketView } from '../../../main/protocol/index.js';

export interface TodayStats {
  readonly served: number;
  readonly avgServiceMs: number | undefined;
  readonly avgWaitMs: number | undefined;
  readonly ratings: number;
  readonly satisfiedPct: number | undefined;
  readonly transfers: number;
}

const mean = (xs: readonly number[]): number | undefined => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : undefined);

export function todayStats(tickets: Iterable<TicketView>, staffId: string, day: string): TodayStats {
  const service: number[] = [];
  const waits: number[] = [];
  let served = 0;
  let ratings = 0;
  let satisfied = 0;
  let transfers = 0;
  for (const t of tickets) {
    if (t.day !== day || t.staffId !== staffId) continue;
    if (t.status === 'done') {
      served++;
      if (t.startedAt !== undefined && t.endedAt !== undefined) service.push(t.endedAt - t.startedAt);
    }
    if (t.status === 'transferred') transfers++;
    if (t.calledAt !== undefined) waits.push(Math.max(0, t.calledAt - t.queuedAt));
    if (t.rating) {
      ratings++;
      if (t.rating.level >= 3) satisfied++;
    }
  }
  return {
    served,
    avgServiceMs: mean(service),
    avgWaitMs: mean(waits),
    ratings,
    satisfiedPct: ratings ? Math.round((satisfied / ratings) * 100) : undefined,
    transfers,
  };
}
