// Local time in the hall's time zone: the hall day, the work calendar and issuing hours.
import type { Hall, TimeRange } from './hall.js';
import type { Instant } from './model.js';
import { clockText, localTime } from '../rules/index.js';

export { localTime, type LocalTime } from '../rules/index.js';

export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The hall day `at` belongs to: before the reset time it is still the previous day. */
export function hallDay(hall: Hall, at: Instant): string {
  const t = localTime(at, hall.config.hall.timezone);
  return t.minutes < toMinutes(hall.config.hall.dayResetTime) ? addDays(t.date, -1) : t.date;
}

/** Open on weekdays that are not holidays, and on swapped working days (调休). */
export function isWorkingDay(hall: Hall, date: string): boolean {
  if (hall.workdays.has(date)) return true;
  if (hall.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export function formatHours(ranges: readonly TimeRange[]): string {
  return ranges.map((r) => `${r.from}–${r.to}`).join('，');
}

/**
 * The instant a local date and time happen in the hall's zone. Found by correcting a UTC guess by
 * the zone's offset at that moment (twice, so it holds across an offset change).
 */
export function instantOf(hall: Hall, date: string, minutes: number): Instant {
  const wanted = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), 0, minutes);
  let guess = wanted;
  for (let i = 0; i < 2; i++) {
    const t = localTime(guess, hall.config.hall.timezone);
    const seen = Date.UTC(+t.date.slice(0, 4), +t.date.slice(5, 7) - 1, +t.date.slice(8, 10), 0, t.minutes);
    guess += wanted - seen;
  }
  return guess;
}

export function formatClock(hall: Hall, at: Instant): string {
  return clockText(at, hall.config.hall.timezone);
}
