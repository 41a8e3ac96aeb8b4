// The report routes' query strings, checked with zod: every parameter is hostile until it parses.
// A refusal names the parameter and says what is wrong, in Chinese (code invalid-payload).
import { z } from 'zod';
import { refusal } from '../rules/index.js';
import { ticketStatuses } from '../queue/index.js';
import { dimensions } from './figures.js';
import { lengthInDays, type Period } from './period.js';

/** A year and a day: a leap year's report fits; longer ranges are a query nobody meant. */
export const MAX_RANGE_DAYS = 366;

const isRealDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
};
const date = z
  .string({ message: '缺少日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式为YYYY-MM-DD' })
  .refine(isRealDate, { message: '不是日历上的日期' });
const code = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, { message: '编码只能含字母、数字、“-”或“_”' });

const inOrder = (p: Period) => p.from <= p.to;
const notTooLong = (p: Period) => !inOrder(p) || lengthInDays(p) <= MAX_RANGE_DAYS;
const rangeChecks = <T extends z.ZodType<Period>>(schema: T) =>
  schema
    .refine(inOrder, { message: '开始日期不能晚于结束日期', path: ['from'] })
    .refine(notTooLong, { message: `查询范围最长${MAX_RANGE_DAYS}天`, path: ['to'] });

export const summaryQuery = rangeChecks(
  z.object({ from: date, to: date, by: z.enum(dimensions, { message: '统计维度应为 staff、window、department、service 或 hall' }).default('hall') }).strict(),
);
export const rangeQuery = rangeChecks(z.object({ from: date, to: date }).strict());

export const rankingQuery = z
  .object({
    month: z
      .string({ message: '缺少月份' })
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '月份格式为YYYY-MM' }),
    by: z.enum(['window', 'department'], { message: '排名对象应为 window 或 department' }).default('window'),
  })
  .strict();

/** The tickets export: one hall day (`day`, the old form) or a range, and optional filters. */
export const ticketsQuery = z
  .object({
    day: date.optional(),
    from: date.optional(),
    to: date.optional(),
    service: code.optional(),
    department: code.optional(),
    window: z.coerce.number({ message: '窗口号应为数字' }).int({ message: '窗口号应为整数' }).min(1).max(999).optional(),
    staff: z.string().regex(/^\d{3,8}$/, { message: '工号为3到8位数字' }).optional(),
    status: z.enum(ticketStatuses, { message: `状态应为 ${ticketStatuses.join('、')} 之一` }).optional(),
  })
  .strict()
  .refine((q) => q.day === undefined || (q.from === undefined && q.to === undefined), { message: '日期(day)与日期范围(from/to)只能选一种', path: ['day'] })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: '日期范围需同时给出 from 与 to', path: ['from'] })
  .refine((q) => q.from === undefined || q.to === undefined || inOrder({ from: q.from, to: q.to }), { message: '开始日期不能晚于结束日期', path: ['from'] })
  .refine((q) => q.from === undefined || q.to === undefined || notTooLong({ from: q.from, to: q.to }), { message: `查询范围最长${MAX_RANGE_DAYS}天`, path: ['to'] });
export type TicketsQuery = z.infer<typeof ticketsQuery>;

export type Parsed<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly code: string; readonly message: string };

const PARAM_NAMES: Readonly<Record<string, string>> = {
  from: '开始日期from',
  to: '结束日期to',
  day: '日期day',
  by: '统计维度by',
  month: '月份month',
  service: '事项service',
  department: '部门department',
  window: '窗口window',
  staff: '工号staff',
  status: '状态status',
};

/** Parse a URL's query with `schema`; a refusal names the first parameter that is wrong. */
export function parseQuery<T>(schema: z.ZodType<T>, url: URL): Parsed<T> {
  const params: Record<string, string> = {};
  for (const [k, v] of url.searchParams) {
    if (Object.hasOwn(params, k)) return refused(`参数${k.slice(0, 20)}重复`);
    params[k] = v;
  }
  const r = schema.safeParse(params);
  if (r.success) return { ok: true, data: r.data };
  const issue = r.error.issues[0];
  if (!issue) return refused('参数不正确');
  if (issue.code === 'unrecognized_keys') return refused(`不认识的参数 ${issue.keys.map((k) => k.slice(0, 20)).join('、')}`);
  const key = String(issue.path[0] ?? '');
  const name = PARAM_NAMES[key] ?? key;
  const message = /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '取值不正确';
  return refused(name ? `${name}：${message}` : message);
}

function refused(detail: string): Parsed<never> {
  const r = refusal('invalid-payload', { detail });
  return { ok: false, code: r.code, message: r.message };
}

/** The hall days of a month, 2026-02 → 2026-02-01 … 2026-02-28. */
export function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
