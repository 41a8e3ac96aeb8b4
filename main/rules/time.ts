// Instants as they read on the hall's clock, whatever the PC's own time zone is: the hub's hall day
// and hours, the screens' clocks and the printed ticket's time all go through here.

/** The hall file's default (hall.timezone). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface LocalTime {
  /** YYYY-MM-DD */
  readonly date: string;
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** 0 = Sunday … 6 = Saturday */
  readonly weekday: number;
}

// Building an Intl.DateTimeFormat is slow; the hub asks for local time on every command.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localTime(at: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: new Date(`${date}T00:00:00Z`).getUTCDay(),
  };
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** 09:05 */
export function clockText(at: number, timeZone: string): string {
  return hhmm(localTime(at, timeZone).minutes);
}

/** 2026-11-28 09:31 */
export function dateTimeText(at: number, timeZone: string): string {
  const t = localTime(at, timeZone);
  return `${t.date} ${hhmm(t.minutes)}`;
}
