// The hall's working-day calendar: which dates it is open, and counting in working days (the
// 15-working-day deadline of a 差评整改 item). One rule for the queue (is today open?), the hub
// (deadlines) and the screens (which days may be booked), so they never disagree about a date.
// Dates are local calendar dates "YYYY-MM-DD", never instants: a deadline is a day, not a moment.

/** The hall file's `calendar`, compiled: 法定节假日 close a weekday, 调休 open a weekend day. */
export interface WorkCalendar {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Open on weekdays that are not holidays, and on swapped working days (调休). */
export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date `n` working days after `date` (`date` itself is not counted, so n = 0 gives `date`):
 * a rating on Friday with n = 1 is due on Monday. Negative n counts back. Weekends and holidays are
 * skipped, 调休 workdays count. Ends because a hall file lists finitely many holidays.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be an integer, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let day = date;
  for (let left = Math.abs(n); left > 0; ) {
    day = addDays(day, step);
    if (isWorkingDay(calendar, day)) left--;
  }
  return day;
}

/**
 * Working days from `from` to `to`: those after `from` up to and including `to`, negative when `to`
 * is earlier. The inverse of addWorkingDays for a working `to`: an item due on `due` and still open
 * on `today` is workingDaysBetween(due, today) working days overdue (0 on the due day itself).
 */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  if (to === from) return 0;
  const [lo, hi, sign] = to > from ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = addDays(lo, 1); day <= hi; day = addDays(day, 1)) if (isWorkingDay(calendar, day)) count++;
  return sign * count;
}
