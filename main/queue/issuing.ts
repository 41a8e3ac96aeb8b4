// Issuing rules (calendar, hours, lunch break, closing, daily cap, kiosk rate), numbering and the
// wait estimate a kiosk prints.
import { formatNumber } from '../rules/index.js';
import { serviceHours, type Hall, type ServiceConfig } from './hall.js';
import type { HallState, Instant, Ticket } from './model.js';
import { refuse, type Refusal } from './refusals.js';
import { peopleAhead, peopleAheadIndex } from './strategy.js';
import { formatHours, hallDay, isWorkingDay, localTime, toMinutes } from './time.js';

/** The reason a service cannot be issued now, or undefined. Appointment check-ins skip this. */
export function checkHours(state: HallState, service: ServiceConfig, now: Instant): Refusal | undefined {
  const { hall } = state;
  if (!isWorkingDay(hall, hallDay(hall, now))) return refuse('closed-today');
  const ranges = [...serviceHours(hall, service)].sort((a, b) => a.from.localeCompare(b.from));
  const hours = formatHours(ranges);
  const minute = localTime(now, hall.config.hall.timezone).minutes;
  const firstRange = ranges[0];
  const lastRange = ranges[ranges.length - 1];
  if (!firstRange || !lastRange) return refuse('after-hours', { hours });
  if (minute < toMinutes(firstRange.from)) return refuse('before-hours', { hours });
  const closeAt = toMinutes(lastRange.to);
  if (minute >= closeAt) return refuse('after-hours', { hours });
  if (minute >= closeAt - hall.config.hall.stopIssuingMinutesBeforeClose) return refuse('closing-soon');
  const open = ranges.some((r) => minute >= toMinutes(r.from) && minute < toMinutes(r.to));
  if (!open) {
    const next = ranges.find((r) => toMinutes(r.from) > minute);
    return refuse('lunch-break', { resumeAt: next?.from ?? lastRange.from });
  }
  return undefined;
}

export function checkCap(state: HallState, service: ServiceConfig): Refusal | undefined {
  const issued = state.tickets.issuedCount(state.day, service.code);
  return issued >= service.dailyCap ? refuse('cap-reached', { service: service.name }) : undefined;
}

export function checkKioskRate(state: HallState, kioskId: string | undefined, now: Instant): Refusal | undefined {
  if (kioskId === undefined) return undefined;
  const { max, perSeconds } = state.hall.config.hall.kioskRateLimit;
  const recent = state.tickets.issuedBy(kioskId, now - perSeconds * 1000);
  return recent >= max ? refuse('kiosk-rate-limited') : undefined;
}

/**
 * Who may authorise a green-channel ticket for a service: an admin, or a chief representative
 * (首席代表) of the service's department — chiefs act only within their department; a chief with no
 * department in the hall file is not narrowed to one.
 */
export function greenAuthority(hall: Hall, staffId: string, serviceCode: string): Refusal | undefined {
  const staff = hall.staff.get(staffId);
  if (!staff || (staff.role !== 'chief' && staff.role !== 'admin')) return refuse('not-authorized', { staffId });
  const service = hall.services.get(serviceCode);
  if (staff.role === 'chief' && staff.department !== undefined && service && service.department !== staff.department) {
    const department = hall.departments.get(staff.department)?.name ?? staff.department;
    return refuse('not-authorized-department', { staffId, department, service: service.name });
  }
  return undefined;
}

/** The next number for a prefix today: "A012". */
export function nextNumber(state: HallState, prefix: string): { seq: number; number: string } {
  const seq = (state.numberSeqs.get(prefix) ?? 0) + 1;
  const digits = Math.max(state.hall.config.hall.numberDigits, String(seq).length);
  return { seq, number: formatNumber(prefix, seq, digits) };
}

/** The windows that serve each service, by the hall file (a compiled hall never changes: computed once per hall). */
const servingWindows = new WeakMap<Hall, Map<string, number[]>>();
function windowsServing(hall: Hall, serviceCode: string): readonly number[] {
  let byService = servingWindows.get(hall);
  if (!byService) {
    byService = new Map();
    for (const w of hall.windows.values()) {
      for (const code of w.tierOf.keys()) byService.set(code, [...(byService.get(code) ?? []), w.number]);
    }
    servingWindows.set(hall, byService);
  }
  return byService.get(serviceCode) ?? [];
}

/** Windows signed in, not paused, that serve the service. */
export function openWindowsFor(state: HallState, serviceCode: string): number {
  // Only the windows that serve it: a ticket issued, printed or opened on a phone asks this.
  let open = 0;
  for (const n of windowsServing(state.hall, serviceCode)) {
    const ws = state.windows.get(n);
    if (ws && ws.staffId !== undefined && !ws.paused) open++;
  }
  return open;
}

export function averageServiceMs(state: HallState, serviceCode: string): number {
  const stats = state.stats.get(serviceCode);
  if (stats) return stats.avgServiceMs;
  const service = state.hall.services.get(serviceCode);
  return (service?.promisedMinutes ?? 10) * 60_000;
}

/**
 * People ahead and the estimated wait: people ahead × the moving average service time, shared by
 * the windows open for the service (at least one, so a closed service still gets an honest figure).
 */
export function estimate(state: HallState, ticket: Ticket): Estimate {
  return waitOf(state, ticket, peopleAhead(state, ticket), openWindowsFor(state, ticket.serviceCode));
}

export interface Estimate {
  readonly peopleAhead: number;
  readonly estimatedWaitMinutes: number;
}

function waitOf(state: HallState, ticket: Ticket, ahead: number, openWindows: number): Estimate {
  const ms = (ahead * averageServiceMs(state, ticket.serviceCode)) / Math.max(1, openWindows);
  return { peopleAhead: ahead, estimatedWaitMinutes: Math.ceil(ms / 60_000) };
}

/**
 * `estimate` for many tickets of one state (every watched ticket after a change): the waiting lines
 * are sorted once and open windows counted once per service, instead of a scan of the whole day
 * per ticket. Gives what `estimate` gives; use it only while the state does not move.
 */
export function estimator(state: HallState): (ticket: Ticket) => Estimate {
  const ahead = peopleAheadIndex(state);
  let open: Map<string, number> | undefined;
  return (ticket) => waitOf(state, ticket, ahead(ticket), (open ??= openWindowsByService(state)).get(ticket.serviceCode) ?? 0);
}

/** Signed-in, unpaused windows per service, in one pass over the windows. */
function openWindowsByService(state: HallState): Map<string, number> {
  const open = new Map<string, number>();
  for (const ws of state.windows.values()) {
    const win = state.hall.windows.get(ws.number);
    if (!win || ws.staffId === undefined || ws.paused) continue;
    for (const code of win.tierOf.keys()) open.set(code, (open.get(code) ?? 0) + 1);
  }
  return open;
}
