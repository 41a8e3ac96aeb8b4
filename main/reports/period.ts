// A report's range of hall days, the previous period of the same length, and the instants that
// bound it. A ticket belongs to its hall `day` (after the reset time: 02:00 on the 3rd is still
// the 2nd when the hall resets at 04:00), so a range of hall days never splits a night's work.
import { instantOf, isWorkingDay, type Hall } from '../queue/index.js';
import { addDays, toMinutes } from '../queue/time.js';

export interface Period {
  /** First hall day, YYYY-MM-DD. */
  readonly from: string;
  /** Last hall day, inclusive. */
  readonly to: string;
}

/** Hall days from `from` to `to`, inclusive (both valid dates, from ≤ to). */
export function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function lengthInDays(p: Period): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The same number of days just before `p` (a month of 30 days compares with the 30 days before it). */
export function previousPeriod(p: Period): Period {
  const n = lengthInDays(p);
  return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

/** Working days in the period by the hall calendar (holidays out, swapped working days in). */
export function workingDays(hall: Hall, p: Period): number {
  return daysOf(p).filter((d) => isWorkingDay(hall, d)).length;
}

/** [start, end): the instant the first hall day begins (its reset time) and the one after the last ends. */
export function instantsOf(hall: Hall, p: Period): { readonly start: number; readonly end: number } {
  const reset = toMinutes(hall.config.hall.dayResetTime);
  return { start: instantOf(hall, p.from, reset), end: instantOf(hall, addDays(p.to, 1), reset) };
}
