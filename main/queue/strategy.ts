// Which waiting ticket a window calls next, and why.
//
// Order: green channel → appointments that are due → tickets waiting past the hall's starvation
// bound → transfers (head) → [tickets past their target wait, if the window asks] → priority
// (always, or one in every N with a ratio) → the window's service tiers (strict or weighted) →
// appointments not yet due (only when nothing else waits).
import { byRank, inLine, mayCall } from '../rules/index.js';
import type { WindowConfig } from './hall.js';
import type { CallReason, HallState, Instant, Lane, Ticket, WindowState } from './model.js';

type CompiledWindow = WindowConfig & { readonly tierOf: ReadonlyMap<string, number> };

export interface Pick {
  readonly ticket: Ticket;
  readonly reason: CallReason;
}

const minutes = (ms: number) => Math.round(ms / 600) / 100;

/** May this window call this ticket at all? (The counter screen lists by the same rule.) */
export function isEligible(win: CompiledWindow, t: Ticket): boolean {
  return mayCall(win.number, win.tierOf, t);
}

/** Waiting tickets this window may call: its services' lines (less those aimed at other windows)
 * and those aimed at it — read from the ticket book's lines, not the whole day. */
export function waitingFor(state: HallState, win: CompiledWindow): Ticket[] {
  const out: Ticket[] = [];
  for (const code of win.tierOf.keys()) {
    for (const t of state.tickets.waiting(code)) if (t.targetWindow === undefined && t.day === state.day) out.push(t);
  }
  for (const t of state.tickets.waitingAt(win.number)) if (t.day === state.day) out.push(t);
  return out;
}

const first = (ts: readonly Ticket[], order: (a: Ticket, b: Ticket) => number = byRank) =>
  ts.reduce<Ticket | undefined>((best, t) => (best === undefined || order(t, best) < 0 ? t : best), undefined);

export function defaultWeight(tier: number): number {
  return 1 / (tier + 1);
}

export function pickNext(state: HallState, win: CompiledWindow, ws: WindowState, now: Instant): Pick | undefined {
  const candidates = waitingFor(state, win);
  if (candidates.length === 0) return undefined;
  const others = candidates.length - 1;
  const waited = (t: Ticket) => minutes(now - t.queuedAt);
  const pick = (t: Ticket | undefined, rule: CallReason['rule'], extra: Partial<CallReason> = {}): Pick | undefined =>
    t && { ticket: t, reason: { rule, waitedMinutes: waited(t), candidates: others, ...extra } };
  const lane = (l: Lane) => candidates.filter((t) => t.lane === l);
  const hall = state.hall.config.hall;

  const green = pick(first(lane('green')), 'green');
  if (green) return green;

  const due = lane('appointment').filter((t) => (t.dueAt ?? 0) <= now);
  const appointment = pick(
    first(due, (a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || byRank(a, b)),
    'appointment-due',
  );
  if (appointment) return appointment;

  const boundMs = hall.starvationMinutes * 60_000;
  const starved = candidates.filter((t) => t.lane !== 'appointment' && now - t.queuedAt >= boundMs);
  const oldest = pick(
    first(starved, (a, b) => a.queuedAt - b.queuedAt || byRank(a, b)),
    'starved',
    { detail: `等候超过${hall.starvationMinutes}分钟` },
  );
  if (oldest) return oldest;

  const transfer = pick(first(lane('transfer')), 'transfer');
  if (transfer) return transfer;

  const ordinary = candidates.filter((t) => t.lane === 'priority' || t.lane === 'normal');
  if (win.strategy.breachFirst) {
    const breached = ordinary.filter(
      (t) => now - t.queuedAt >= (state.hall.services.get(t.serviceCode)?.targetWaitMinutes ?? Infinity) * 60_000,
    );
    const late = pick(first(breached, (a, b) => a.queuedAt - b.queuedAt || byRank(a, b)), 'target-breached');
    if (late) return late;
  }

  const priority = first(lane('priority'));
  const normal = pickByTier(lane('normal'), win, now);
  const ratio = win.strategy.normalPerPriority;
  if (priority && (ratio === undefined || !normal || ws.normalSincePriority >= ratio)) {
    return pick(priority, ratio === undefined ? 'priority' : 'priority-ratio', ratio === undefined ? {} : {
      detail: `已连续叫普通号${ws.normalSincePriority}个（每${ratio}个普通号叫1个优先号）`,
    });
  }
  if (normal) return pick(normal.ticket, normal.rule, normal.extra);

  return pick(
    first(lane('appointment'), (a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || byRank(a, b)),
    'appointment-early',
  );
}

function pickByTier(
  tickets: readonly Ticket[],
  win: CompiledWindow,
  now: Instant,
): { ticket: Ticket; rule: 'tier' | 'weighted'; extra: Partial<CallReason> } | undefined {
  const tierOf = (t: Ticket) => win.tierOf.get(t.serviceCode) ?? 0;
  if (win.strategy.order === 'strict') {
    const t = first(tickets, (a, b) => tierOf(a) - tierOf(b) || byRank(a, b));
    return t && { ticket: t, rule: 'tier', extra: { tier: tierOf(t) } };
  }
  const weight = (t: Ticket) => win.strategy.weights?.[tierOf(t)] ?? defaultWeight(tierOf(t));
  const score = (t: Ticket) => Math.max(0, now - t.rank) * weight(t);
  const t = first(tickets, (a, b) => score(b) - score(a) || byRank(a, b));
  return (
    t && {
      ticket: t,
      rule: 'weighted',
      extra: { tier: tierOf(t), weight: weight(t), score: Math.round(score(t) / 600) / 100 },
    }
  );
}

/** Waiting tickets of the same service that stand before `ticket` (an estimate's "people ahead"). */
export function peopleAhead(state: HallState, ticket: Ticket): number {
  let ahead = 0;
  for (const t of state.tickets.waiting(ticket.serviceCode)) {
    if (t.id !== ticket.id && t.day === state.day && inLine(t, ticket) < 0) ahead++;
  }
  return ahead;
}

/**
 * `peopleAhead` for many tickets at once (every visitor's phone after each change): each service's
 * waiting line is sorted once, on first use, so each answer is a binary search instead of a scan of
 * the whole day. Answers exactly as `peopleAhead` does, for the state as it is now.
 */
export function peopleAheadIndex(state: HallState): (ticket: Ticket) => number {
  let lines: Map<string, Ticket[]> | undefined;
  const build = () => {
    const out = new Map<string, Ticket[]>();
    for (const code of state.hall.services.keys()) {
      const line = [...state.tickets.waiting(code)].filter((t) => t.day === state.day);
      if (line.length) out.set(code, line.sort(inLine));
    }
    return out;
  };
  return (ticket) => {
    const line = (lines ??= build()).get(ticket.serviceCode) ?? [];
    // The number of waiting tickets strictly before this one in line (itself never counts).
    let lo = 0;
    let hi = line.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inLine(line[mid]!, ticket) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}


/** Every service's waiting count and its longest-waiting visitor, for the kiosks and hall displays
 * (services nobody waits for included, in the hall file's order). */
export function waitingCounts(state: HallState): { serviceCode: string; waiting: number; oldestQueuedAt?: number }[] {
  return [...state.hall.services.keys()].map((serviceCode) => {
    let waiting = 0;
    let oldestQueuedAt: number | undefined;
    for (const t of state.tickets.waiting(serviceCode)) {
      if (t.day !== state.day) continue;
      waiting++;
      if (oldestQueuedAt === undefined || t.queuedAt < oldestQueuedAt) oldestQueuedAt = t.queuedAt;
    }
    return { serviceCode, waiting, ...(oldestQueuedAt !== undefined && { oldestQueuedAt }) };
  });
}
