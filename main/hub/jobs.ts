// Which device jobs a committed event causes: print a ticket at the kiosk that issued it, show the
// call on the window's LED display, prompt the window's evaluation keypad. Pure: event in, jobs out.
import { estimate, type HallEvent, type HallState, type Ticket } from '../queue/index.js';
import type { DisplayJob, KeypadJob, PrintJob } from '../protocol/index.js';
import { ticketView } from './views.js';

export type PlannedJob = PrintJob | DisplayJob | KeypadJob;

export function statusUrl(publicUrl: string, t: Ticket): string {
  return `${publicUrl.replace(/\/$/, '')}/t/${encodeURIComponent(t.visitId)}?k=${encodeURIComponent(t.token)}`;
}

export function printJob(state: HallState, t: Ticket, publicUrl: string, reprint: boolean): PrintJob | undefined {
  if (t.kioskId === undefined) return undefined;
  const service = state.hall.services.get(t.serviceCode);
  const department = service && state.hall.departments.get(service.department);
  const { peopleAhead, estimatedWaitMinutes } = estimate(state, t);
  return {
    kind: 'print',
    kioskId: t.kioskId,
    ticket: ticketView(t),
    serviceName: service?.name ?? t.serviceCode,
    departmentName: department?.name ?? '',
    hallName: state.hall.config.hall.name,
    timeZone: state.hall.config.hall.timezone,
    peopleAhead,
    estimatedWaitMinutes,
    statusUrl: statusUrl(publicUrl, t),
    reprint,
  };
}

/** What a window's LED display should show now. */
export function displayJob(state: HallState, windowNo: number): DisplayJob | undefined {
  const win = state.hall.windows.get(windowNo);
  const ws = state.windows.get(windowNo);
  if (!win || !ws) return undefined;
  const current = ws.currentTicketId === undefined ? undefined : state.tickets.get(ws.currentTicketId);
  if (ws.staffId === undefined || ws.paused) {
    return { kind: 'display', windowNo, content: { kind: 'paused', windowNo, ...(ws.paused && { reason: ws.paused.reason }) } };
  }
  if (current && current.status === 'called') {
    return { kind: 'display', windowNo, content: { kind: 'calling', windowNo, ticketNumber: current.number } };
  }
  if (current && current.status === 'serving') {
    return { kind: 'display', windowNo, content: { kind: 'calling', windowNo, ticketNumber: current.number } };
  }
  return { kind: 'display', windowNo, content: { kind: 'idle', windowNo, windowName: win.name } };
}

function keypad(state: HallState, windowNo: number, prompt: KeypadJob['prompt'], t?: Ticket): KeypadJob {
  const staffId = t?.staffId ?? state.windows.get(windowNo)?.staffId;
  const staffName = staffId === undefined ? undefined : state.hall.staff.get(staffId)?.name;
  return {
    kind: 'keypad',
    windowNo,
    prompt,
    ...(t && { ticketId: t.id }),
    ...(staffId !== undefined && { staffId }),
    ...(staffName !== undefined && { staffName }),
  };
}

/** A visitor may rate a finished service this long after it ended (a keypad press without a prompt). */
export const RATING_WINDOW_MS = 15 * 60_000;

/** The window's most recent finished, unrated ticket within the rating window. */
export function lastUnrated(state: HallState, windowNo: number, now: number): Ticket | undefined {
  let best: Ticket | undefined;
  for (const t of state.tickets.values()) {
    if (t.windowNo !== windowNo || t.status !== 'done' || t.rating || (t.endedAt ?? 0) < now - RATING_WINDOW_MS) continue;
    if (!best || (t.endedAt ?? 0) > (best.endedAt ?? 0)) best = t;
  }
  return best;
}

/**
 * What a window's evaluation keypad should show now, for a keypad that (re)joins — an agent or a
 * pad reconnecting, the hub restarted: the visitor being served is welcomed; a visitor who just
 * finished and has not rated is asked again; a window nobody staffs gets nothing.
 */
export function keypadJob(state: HallState, windowNo: number, now: number): KeypadJob | undefined {
  const ws = state.windows.get(windowNo);
  if (!ws?.staffId || ws.paused) return undefined;
  const current = ws.currentTicketId === undefined ? undefined : state.tickets.get(ws.currentTicketId);
  if (current && (current.status === 'called' || current.status === 'serving')) return keypad(state, windowNo, 'welcome', current);
  const unrated = lastUnrated(state, windowNo, now);
  return unrated ? keypad(state, windowNo, 'rate', unrated) : keypad(state, windowNo, 'welcome');
}

/** Jobs for one committed event; `state` is the state after the event was applied. */
export function planJobs(state: HallState, e: HallEvent, publicUrl: string): PlannedJob[] {
  const jobs: PlannedJob[] = [];
  const tickets = e.changes.tickets ?? [];
  const first = tickets[0];
  switch (e.type) {
    case 'ticket.issued':
    case 'appointment.checked-in':
    case 'ticket.reprinted': {
      const t = first && state.tickets.get(first.id);
      const job = t && printJob(state, t, publicUrl, e.type === 'ticket.reprinted');
      if (job) jobs.push(job);
      break;
    }
    case 'ticket.called':
    case 'ticket.recalled':
      if (e.windowNo !== undefined) {
        const display = displayJob(state, e.windowNo);
        if (display) jobs.push(display);
        if (e.type === 'ticket.called') jobs.push(keypad(state, e.windowNo, 'welcome', first));
      }
      break;
    case 'ticket.finished':
      if (e.windowNo !== undefined) {
        const display = displayJob(state, e.windowNo);
        if (display) jobs.push(display);
        jobs.push(keypad(state, e.windowNo, 'rate', first));
      }
      break;
    case 'ticket.rated':
      if (e.windowNo !== undefined) jobs.push(keypad(state, e.windowNo, 'thanks', first));
      break;
    case 'ticket.no-show':
    case 'ticket.transferred':
    case 'ticket.suspended':
    case 'ticket.started':
    case 'window.signed-in':
    case 'window.signed-out':
    case 'window.paused':
    case 'window.resumed':
      if (e.windowNo !== undefined) {
        const display = displayJob(state, e.windowNo);
        if (display) jobs.push(display);
      }
      break;
    case 'day.opened':
      for (const w of e.changes.windows ?? []) {
        const display = displayJob(state, w.number);
        if (display) jobs.push(display);
      }
      break;
    case 'ticket.requeued':
    case 'ticket.resumed':
    case 'ticket.cancelled':
    case 'appointment.booked':
    case 'appointment.cancelled':
    case 'complaint.filed':
      break;
    default: {
      const never: never = e.type;
      throw new Error(`unplanned event ${String(never)}`);
    }
  }
  return jobs;
}
