// The tickets export (CSV and the XLSX's 号票明细 sheet): one row per leg, with names, Chinese
// status words, the rating, and times to the second on the hall's clock; filters for a range.
import type { LegRow, Reports } from '../../db/reports.js';
import { RATING_WORDS, TICKET_KIND_WORDS, TICKET_STATUS_WORDS } from '../protocol/index.js';
import type { Hall } from '../queue/index.js';
import { dateTimeText } from '../rules/index.js';
import { daysOf, type Period } from './period.js';
import type { TicketsQuery } from './query.js';
import { PAGE_ROWS, type Slices } from './slices.js';

export const TICKET_HEADERS = [
  '日期', '号码', '环节', '事项编码', '事项名称', '部门', '类型', '状态',
  '取号时间', '入队时间', '叫号时间', '开始办理', '结束时间', '等候秒数', '办理秒数',
  '窗口', '工号', '姓名', '重呼次数', '过号次数', '评价等级', '评价', '评价内容',
] as const;

export type Cell = string | number | null;

// Reading the hall's clock through Intl is the slow part of an export (five times a row): the
// minute's text is worked out once per zone and minute, and only the seconds are added per row.
const minuteTexts = new Map<string, string>();
const MINUTE_TEXTS_MAX = 200_000;

/** 2026-12-01 09:10:05 (the hall's time zone). Every zone's offset is whole minutes, so the seconds are the instant's. */
function timeText(ms: number | null, timeZone: string): string | null {
  if (ms === null) return null;
  const minute = Math.floor(ms / 60_000);
  const key = `${timeZone} ${minute}`;
  let text = minuteTexts.get(key);
  if (text === undefined) {
    if (minuteTexts.size >= MINUTE_TEXTS_MAX) minuteTexts.clear();
    minuteTexts.set(key, (text = dateTimeText(minute * 60_000, timeZone)));
  }
  return `${text}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`;
}

const seconds = (from: number | null, to: number | null) => (from === null || to === null ? null : Math.max(0, Math.round((to - from) / 1000)));
const words = <T extends Record<string, string>>(table: T, key: string): string => (Object.hasOwn(table, key) ? table[key as keyof T]! : key);

/** One leg's cells, in TICKET_HEADERS order. */
export function ticketCells(hall: Hall, leg: LegRow): Cell[] {
  const tz = hall.config.hall.timezone;
  const service = hall.services.get(leg.service_code);
  const level = leg.rating_level;
  return [
    leg.day,
    leg.number,
    leg.leg,
    leg.service_code,
    service?.name ?? null,
    service ? (hall.departments.get(service.department)?.name ?? service.department) : null,
    words(TICKET_KIND_WORDS, leg.kind),
    words(TICKET_STATUS_WORDS, leg.status),
    timeText(leg.issued_at, tz),
    timeText(leg.queued_at, tz),
    timeText(leg.called_at, tz),
    timeText(leg.started_at, tz),
    timeText(leg.ended_at, tz),
    seconds(leg.queued_at, leg.called_at),
    seconds(leg.started_at, leg.ended_at),
    leg.window_no,
    leg.staff_id,
    leg.staff_id === null ? null : (hall.staff.get(leg.staff_id)?.name ?? null),
    leg.recalls,
    leg.no_shows,
    level,
    level === null ? null : words(RATING_WORDS, String(level)),
    leg.rating_comment,
  ];
}

/** Which legs the export keeps: the query's filters and, for a chief, their department. */
export function ticketFilter(hall: Hall, q: Omit<TicketsQuery, 'day' | 'from' | 'to'>, scopeDepartment?: string): (leg: LegRow) => boolean {
  const departmentOf = (code: string) => hall.services.get(code)?.department;
  return (leg) =>
    (scopeDepartment === undefined || departmentOf(leg.service_code) === scopeDepartment) &&
    (q.department === undefined || departmentOf(leg.service_code) === q.department) &&
    (q.service === undefined || leg.service_code === q.service) &&
    (q.window === undefined || leg.window_no === q.window) &&
    (q.staff === undefined || leg.staff_id === q.staff) &&
    (q.status === undefined || leg.status === q.status);
}

/** The legs of the period's hall days in the export's order (by day, as issued, a visit's legs together), a page at a time, resting between slices. */
export async function* legPagesInOrder(
  source: Pick<Reports, 'prefixes' | 'orderKeys' | 'legsByRowid'>,
  period: Period,
  slices: Slices,
): AsyncGenerator<LegRow[]> {
  for (const day of daysOf(period)) {
    const keys: [number, number, string, number][] = [];
    for (const prefix of source.prefixes(day)) {
      await slices.maybeRest();
      for (const k of source.orderKeys(day, prefix)) keys.push(k);
    }
    await slices.maybeRest();
    keys.sort((a, b) => a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || a[3] - b[3]);
    const order = keys.map((k) => k[0]);
    for (let i = 0; i < order.length; i += PAGE_ROWS) {
      await slices.maybeRest();
      yield source.legsByRowid(order.slice(i, i + PAGE_ROWS));
    }
  }
}
