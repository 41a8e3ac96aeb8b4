// Local time in the hall's time zone: the hall day, the work calendar and issuing hours.
import type { Hall, TimeRange } from './hall.js';
import type { Instant } from './model.js';
import { addDays, clockText, localTime } from '../rules/index.js';

// A compiled Hall is a WorkCalendar (its holidays and workdays sets): isWorkingDay(hall, date).
export { addDays, addWorkingDays, isWorkingDay, localTime, workingDaysBetween, type LocalTime } from '../rules/index.js';

export function toMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The hall day `at` belongs to: before the reset time it is still the previous day. */
export function hallDay(hall: Hall, at: Instant): string {
  const t = localTime(at, hall.config.hall.timezone);
  return t.minutes < toMinutes(hall.config.hall.dayResetTime) ? addDays(t.date, -1) : t.date;
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
