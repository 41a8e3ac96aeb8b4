// Formatting for screens. Times are the hall's (its hall.timezone) whatever the PC's own zone: the
// hub names the zone in /api/hall and in each snapshot, and the page keeps it here. Until it has
// said, the hall file's default zone.
//
//   setHallTimeZone('Asia/Urumqi')    — from the hub (fetchHall, the hall snapshot); hallTimeZone() reads it
//   clock(ms) → '09:05'               clockSeconds(ms) → '09:05:07'
//   dateText(ms) → '2026年12月1日 星期二'   shortDateText(ms) → '12月1日周二'
//   hallDay(ms) → '2026-12-01'        (the calendar date in the hall's zone)
//   elapsed(ms) → '04:07' or '1:04:07' (a duration, for timers)
//   digits(s) → s with only 0–9 kept
// Masks for personal data are the hub's own: main/rules (maskName, maskPhone, maskIdNumber).
import { DEFAULT_TIME_ZONE, localTime } from '../../../main/rules/index.js';

let zone = DEFAULT_TIME_ZONE;

export function setHallTimeZone(timeZone: string): void {
  zone = timeZone;
}
export const hallTimeZone = (): string => zone;

type Style = 'hm' | 'hms' | 'long' | 'short';
const styles: Record<Style, Intl.DateTimeFormatOptions> = {
  hm: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  hms: { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
  long: { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' },
  short: { month: 'long', day: 'numeric', weekday: 'short' },
};
// A clock re-renders every second: build each formatter once per zone, not per call.
const formatters = new Map<string, Intl.DateTimeFormat>();
function format(style: Style, ms: number): string {
  const key = `${zone} ${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', { timeZone: zone, ...styles[style] });
    formatters.set(key, f);
  }
  return f.format(ms);
}

export const clock = (ms: number): string => format('hm', ms);
export const clockSeconds = (ms: number): string => format('hms', ms);
export const dateText = (ms: number): string => format('long', ms);
export const shortDateText = (ms: number): string => format('short', ms);
export const hallDay = (ms: number): string => localTime(ms, zone).date;

export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export const digits = (s: string): string => s.replace(/\D/g, '');
