// Formatting for screens. Times are the hall's (Asia/Shanghai) whatever the PC's own zone.
//
//   maskName('张三丰') → '张**'       maskPhone('13812345678') → '138****5678'
//   maskIdNumber(id) → '110***********1234'
//   clock(ms) → '09:05'               clockSeconds(ms) → '09:05:07'
//   dateText(ms) → '2026年12月1日 星期二'
//   hallDay(ms) → '2026-12-01'        (the calendar date in the hall's zone)
//   elapsed(ms) → '04:07' or '1:04:07' (a duration, for timers)
//   digits(s) → s with only 0–9 kept

export const HALL_TIME_ZONE = 'Asia/Shanghai';

export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? chars.join('') : chars[0] + '*'.repeat(chars.length - 1);
}

export function maskPhone(phone: string): string {
  const d = digits(phone);
  return d.length < 7 ? '*'.repeat(d.length) : `${d.slice(0, 3)}${'*'.repeat(d.length - 7)}${d.slice(-4)}`;
}

export function maskIdNumber(id: string): string {
  const s = id.trim();
  return s.length < 8 ? '*'.repeat(s.length) : `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

const hm = new Intl.DateTimeFormat('zh-CN', { timeZone: HALL_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const hms = new Intl.DateTimeFormat('zh-CN', { timeZone: HALL_TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: HALL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const long = new Intl.DateTimeFormat('zh-CN', { timeZone: HALL_TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });

export const clock = (ms: number): string => hm.format(ms);
export const clockSeconds = (ms: number): string => hms.format(ms);
export const hallDay = (ms: number): string => ymd.format(ms);
export const dateText = (ms: number): string => long.format(ms);

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
