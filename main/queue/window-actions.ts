// What window staff do: sign in and out, pause, call, recall, start, finish, skip, transfer,
// suspend and resume. A staff member serves one ticket at a time.
import { normalizeNumber } from '../rules/index.js';
import { accept, event, type Decision, type Handler } from './decision.js';
import type { WindowConfig } from './hall.js';
import type { Context, HallState, Lane, ServiceStats, Ticket, WindowState } from './model.js';
import { refuse, type Refusal } from './refusals.js';
import { pickNext, waitingFor } from './strategy.js';
import { elsewhere, whereabouts } from './whereabouts.js';

type CompiledWindow = WindowConfig & { readonly tierOf: ReadonlyMap<string, number> };
interface AtWindow {
  readonly win: CompiledWindow;
  readonly ws: WindowState;
  readonly current?: Ticket;
}

function atWindow(state: HallState, windowNo: number): AtWindow | Refusal {
  const win = state.hall.windows.get(windowNo);
  const ws = state.windows.get(windowNo);
  if (!win || !ws) return refuse('unknown-window', { windowNo });
  const current = ws.currentTicketId === undefined ? undefined : state.tickets.get(ws.currentTicketId);
  return current ? { win, ws, current } : { win, ws };
}

/** A window with a staff member at it, not paused and free for the next visitor. */
function readyWindow(state: HallState, windowNo: number): AtWindow | Refusal {
  const c = atWindow(state, windowNo);
  if ('ok' in c) return c;
  if (c.ws.staffId === undefined) return refuse('window-signed-out', { windowNo });
  if (c.ws.paused) return refuse('window-paused', { windowNo });
  if (c.current) return refuse('window-busy', { number: c.current.number });
  return c;
}

/** A window with a current ticket in one of the given states; `action` names the command in a refusal. */
function withCurrent(
  state: HallState,
  windowNo: number,
  allowed: readonly Ticket['status'][],
  action: string,
): (AtWindow & { current: Ticket }) | Refusal {
  const c = atWindow(state, windowNo);
  if ('ok' in c) return c;
  if (c.ws.staffId === undefined) return refuse('window-signed-out', { windowNo });
  if (!c.current) return refuse('no-current-ticket');
  if (!allowed.includes(c.current.status)) {
    return refuse('ticket-state', { number: c.current.number, state: whereabouts(c.current), action });
  }
  return { ...c, current: c.current };
}

const free = (ws: WindowState): WindowState => {
  const { currentTicketId: _drop, ...rest } = ws;
  return rest;
};

export const signIn: Handler<'signIn'> = (state, cmd, ctx) => {
  const c = atWindow(state, cmd.windowNo);
  if ('ok' in c) return c;
  if (!state.hall.staff.has(cmd.staffId)) return refuse('unknown-staff', { staffId: cmd.staffId });
  if (c.ws.staffId === cmd.staffId) return accept({ window: c.ws });
  if (c.ws.staffId !== undefined) return refuse('window-occupied', { windowNo: cmd.windowNo, staffId: c.ws.staffId });
  const elsewhere = [...state.windows.values()].find((w) => w.staffId === cmd.staffId);
  if (elsewhere) return refuse('staff-elsewhere', { staffId: cmd.staffId, windowNo: elsewhere.number });
  const window: WindowState = { ...c.ws, staffId: cmd.staffId, signedInAt: ctx.now };
  return accept({ window }, event('window.signed-in', ctx, { windows: [window] }, cmd.windowNo));
};

export const signOut: Handler<'signOut'> = (state, cmd, ctx) => {
  const c = atWindow(state, cmd.windowNo);
  if ('ok' in c) return c;
  if (c.ws.staffId === undefined) return refuse('window-signed-out', { windowNo: cmd.windowNo });
  if (c.current) return refuse('window-busy', { number: c.current.number });
  const window: WindowState = { number: c.ws.number, normalSincePriority: 0 };
  return accept({ window }, event('window.signed-out', ctx, { windows: [window] }, cmd.windowNo));
};

export const pause: Handler<'pause'> = (state, cmd, ctx) => {
  const c = atWindow(state, cmd.windowNo);
  if ('ok' in c) return c;
  if (c.ws.staffId === undefined) return refuse('window-signed-out', { windowNo: cmd.windowNo });
  const window: WindowState = { ...c.ws, paused: { reason: cmd.reason.trim() || '暂停服务', at: ctx.now } };
  return accept({ window }, event('window.paused', ctx, { windows: [window] }, cmd.windowNo));
};

export const resumeWindow: Handler<'resumeWindow'> = (state, cmd, ctx) => {
  const c = atWindow(state, cmd.windowNo);
  if ('ok' in c) return c;
  if (!c.ws.paused) return refuse('window-not-paused', { windowNo: cmd.windowNo });
  const { paused: _drop, ...window } = c.ws;
  return accept({ window }, event('window.resumed', ctx, { windows: [window] }, cmd.windowNo));
};

function call(c: AtWindow, ticket: Ticket, reason: Ticket['callReason'] & object, ctx: Context): Decision {
  const called: Ticket = {
    ...ticket,
    status: 'called',
    windowNo: c.win.number,
    ...(c.ws.staffId !== undefined && { staffId: c.ws.staffId }),
    calledAt: ctx.now,
    recalls: 0,
    callReason: reason,
  };
  const normalSincePriority =
    ticket.lane === 'priority' ? 0 : ticket.lane === 'normal' ? c.ws.normalSincePriority + 1 : c.ws.normalSincePriority;
  const window: WindowState = { ...c.ws, currentTicketId: ticket.id, normalSincePriority };
  return accept(
    { ticket: called, window },
    event('ticket.called', ctx, { tickets: [called], windows: [window] }, c.win.number),
  );
}

export const callNext: Handler<'callNext'> = (state, cmd, ctx) => {
  const c = readyWindow(state, cmd.windowNo);
  if ('ok' in c) return c;
  const next = pickNext(state, c.win, c.ws, ctx.now);
  if (!next) return refuse('queue-empty');
  return call(c, next.ticket, next.reason, ctx);
};

export const callNumber: Handler<'callNumber'> = (state, cmd, ctx) => {
  const c = readyWindow(state, cmd.windowNo);
  if ('ok' in c) return c;
  const number = normalizeNumber(cmd.number);
  const legs = [...state.tickets.values()].filter((t) => t.day === state.day && t.number === number);
  const ticket = legs.find((t) => t.status === 'waiting');
  if (!ticket) {
    const latest = legs.reduce<Ticket | undefined>((a, t) => (a === undefined || t.leg > a.leg ? t : a), undefined);
    return latest ? refuse('ticket-not-waiting', { number, state: whereabouts(latest) }) : refuse('unknown-ticket');
  }
  const notHere = elsewhere(state, ticket, cmd.windowNo);
  if (notHere) return notHere;
  const candidates = waitingFor(state, c.win).length;
  return call(c, ticket, { rule: 'specific', waitedMinutes: Math.round((ctx.now - ticket.queuedAt) / 600) / 100, candidates: candidates - 1 }, ctx);
};

export const recall: Handler<'recall'> = (state, cmd, ctx) => {
  const c = withCurrent(state, cmd.windowNo, ['called'], '重呼');
  if ('ok' in c) return c;
  if (c.current.recalls < state.hall.config.hall.recallLimit) {
    const ticket: Ticket = { ...c.current, recalls: c.current.recalls + 1 };
    return accept({ ticket }, event('ticket.recalled', ctx, { tickets: [ticket] }, cmd.windowNo));
  }
  return noShow(c, ctx, true);
};

function noShow(c: AtWindow & { current: Ticket }, ctx: Context, becameNoShow: boolean): Decision {
  const ticket: Ticket = { ...c.current, status: 'no-show', endedAt: ctx.now, noShows: c.current.noShows + 1 };
  const window = free(c.ws);
  return accept(
    { ticket, window, ...(becameNoShow && { becameNoShow }) },
    event('ticket.no-show', ctx, { tickets: [ticket], windows: [window] }, c.win.number),
  );
}

export const skip: Handler<'skip'> = (state, cmd, ctx) => {
  const c = withCurrent(state, cmd.windowNo, ['called'], '过号');
  return 'ok' in c ? c : noShow(c, ctx, false);
};

export const start: Handler<'start'> = (state, cmd, ctx) => {
  const c = withCurrent(state, cmd.windowNo, ['called'], '再次开始办理');
  if ('ok' in c) return c;
  const ticket: Ticket = { ...c.current, status: 'serving', startedAt: ctx.now };
  return accept({ ticket }, event('ticket.started', ctx, { tickets: [ticket] }, cmd.windowNo));
};

export const finish: Handler<'finish'> = (state, cmd, ctx) => {
  const c = withCurrent(state, cmd.windowNo, ['called', 'serving'], '办结');
  if ('ok' in c) return c;
  const began = c.current.startedAt ?? c.current.calledAt ?? ctx.now;
  const ticket: Ticket = { ...c.current, status: 'done', startedAt: began, endedAt: ctx.now };
  const window = free(c.ws);
  const stats = nextStats(state, ticket.serviceCode, ctx.now - began);
  return accept(
    { ticket, window },
    event('ticket.finished', ctx, { tickets: [ticket], windows: [window], stats: [stats] }, cmd.windowNo),
  );
};

/** Exponential moving average of service time (ignores sub-second "services": a mis-press). */
function nextStats(state: HallState, serviceCode: string, ms: number): ServiceStats {
  const prev = state.stats.get(serviceCode);
  const alpha = state.hall.config.hall.serviceTimeSmoothing;
  if (ms < 1000) return prev ?? { serviceCode, avgServiceMs: (state.hall.services.get(serviceCode)?.promisedMinutes ?? 10) * 60_000, samples: 0 };
  if (!prev || prev.samples === 0) return { serviceCode, avgServiceMs: ms, samples: 1 };
  return { serviceCode, avgServiceMs: prev.avgServiceMs + alpha * (ms - prev.avgServiceMs), samples: prev.samples + 1 };
}

/** The rank that puts a ticket at a place in its service's lane: head, tail or after N people. */
function rankAt(state: HallState, ticket: Ticket, place: 'head' | 'tail' | { after: number }, now: number): number {
  const ranks = [...state.tickets.waiting(ticket.serviceCode)]
    .filter((t) => t.day === state.day && t.lane === ticket.lane && t.id !== ticket.id)
    .map((t) => t.rank)
    .sort((a, b) => a - b);
  if (place === 'tail') return Math.max(now, (ranks[ranks.length - 1] ?? now) + 1);
  const after = place === 'head' ? 0 : place.after;
  if (after >= ranks.length) return Math.max(now, (ranks[ranks.length - 1] ?? now) + 1);
  const next = ranks[after] as number;
  const prev = after === 0 ? next - 2 : (ranks[after - 1] as number);
  return (prev + next) / 2;
}

function requeued(ticket: Ticket, now: number): Ticket {
  const { windowNo: _w, staffId: _s, calledAt: _c, startedAt: _st, endedAt: _e, callReason: _r, ...rest } = ticket;
  return { ...rest, status: 'waiting', queuedAt: now, recalls: 0 };
}

export const requeue: Handler<'requeue'> = (state, cmd, ctx) => {
  const found = state.tickets.get(cmd.ticketId);
  if (!found) return refuse('unknown-ticket');
  if (found.day !== state.day) return refuse('ticket-old', { number: found.number });
  if (found.status !== 'no-show') return refuse('ticket-not-no-show', { number: found.number });
  const waiting = requeued(found, ctx.now);
  const ticket: Ticket = { ...waiting, rank: rankAt(state, waiting, state.hall.config.hall.noShowRequeue, ctx.now) };
  return accept({ ticket, peopleAhead: 0 }, event('ticket.requeued', ctx, { tickets: [ticket] }, found.windowNo));
};

export const transfer: Handler<'transfer'> = (state, cmd, ctx) => {
  const c = withCurrent(state, cmd.windowNo, ['called', 'serving'], '转办');
  if ('ok' in c) return c;
  const toWindow = 'windowNo' in cmd.to ? cmd.to.windowNo : undefined;
  const serviceCode = cmd.to.serviceCode ?? c.current.serviceCode;
  if (!state.hall.services.has(serviceCode)) return refuse('unknown-service');
  if (toWindow !== undefined) {
    const target = state.hall.windows.get(toWindow);
    if (!target) return refuse('unknown-window', { windowNo: toWindow });
    if (!target.tierOf.has(serviceCode)) return refuse('window-not-serving', { windowNo: toWindow });
    if (toWindow === cmd.windowNo && serviceCode === c.current.serviceCode) return refuse('transfer-same');
  } else if (serviceCode === c.current.serviceCode) return refuse('transfer-same');

  const ended: Ticket = { ...c.current, status: 'transferred', endedAt: ctx.now };
  const lane: Lane = cmd.position === 'head' ? 'transfer' : c.current.lane === 'green' || c.current.lane === 'priority' ? c.current.lane : 'normal';
  const base = requeued(c.current, ctx.now);
  const { targetWindow: _t, note: _n, rating: _r, dueAt: _d, ...carried } = base;
  const next: Ticket = {
    ...carried,
    id: ctx.ids.id(),
    leg: c.current.leg + 1,
    serviceCode,
    kind: 'transfer',
    lane,
    rank: ctx.now,
    noShows: 0,
    fromTicketId: c.current.id,
    ...(toWindow !== undefined && { targetWindow: toWindow }),
    ...(cmd.note !== undefined && { note: cmd.note }),
  };
  const ticket: Ticket = lane === 'transfer' ? next : { ...next, rank: rankAt(state, next, cmd.position, ctx.now) };
  const window = free(c.ws);
  return accept(
    { ticket, window },
    event('ticket.transferred', ctx, { tickets: [ended, ticket], windows: [window] }, cmd.windowNo),
  );
};

export const suspend: Handler<'suspend'> = (state, cmd, ctx) => {
  const c = withCurrent(state, cmd.windowNo, ['called', 'serving'], '挂起');
  if ('ok' in c) return c;
  const ticket: Ticket = { ...c.current, status: 'suspended', note: cmd.reason.trim() || '挂起' };
  const window = free(c.ws);
  return accept({ ticket, window }, event('ticket.suspended', ctx, { tickets: [ticket], windows: [window] }, cmd.windowNo));
};

export const resumeTicket: Handler<'resumeTicket'> = (state, cmd, ctx) => {
  const found = state.tickets.get(cmd.ticketId);
  if (!found) return refuse('unknown-ticket');
  if (found.status !== 'suspended') return refuse('ticket-not-suspended', { number: found.number });
  const notHere = elsewhere(state, found, cmd.windowNo);
  if (notHere) return notHere;
  const ticket: Ticket = { ...requeued(found, ctx.now), lane: 'transfer', rank: ctx.now, targetWindow: cmd.windowNo };
  return accept({ ticket }, event('ticket.resumed', ctx, { tickets: [ticket] }, cmd.windowNo));
};
