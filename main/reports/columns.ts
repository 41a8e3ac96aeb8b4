// The figures as a table: one list of Chinese headers and how each cell is read from a report
// row, shared by every dimension's sheet (and by any screen that lists figures).
import type { Dimension } from './figures.js';
import type { ReportRow } from './summary.js';

export type ColumnFormat = 'text' | 'count' | 'seconds' | 'share';

export interface FigureColumn {
  readonly header: string;
  readonly format: ColumnFormat;
  readonly value: (r: ReportRow) => string | number | null;
  /** Only for these dimensions (absent: all). */
  readonly only?: readonly Dimension[];
}

const unit: readonly Dimension[] = ['staff', 'window'];
const service: readonly Dimension[] = ['department', 'service', 'hall'];
/** Change against the previous period, as a share: 0.25 is 25 % more; null when the previous was 0. */
const change = (now: number, before: number) => (before === 0 ? null : (now - before) / before);

export const FIGURE_COLUMNS: readonly FigureColumn[] = [
  { header: '编码', format: 'text', value: (r) => r.key },
  { header: '名称', format: 'text', value: (r) => r.name },
  { header: '取号量', format: 'count', value: (r) => r.figures.issued, only: service },
  { header: '叫号量', format: 'count', value: (r) => r.figures.called },
  { header: '办件量', format: 'count', value: (r) => r.figures.served },
  { header: '过号', format: 'count', value: (r) => r.figures.noShow },
  { header: '过号重排', format: 'count', value: (r) => r.figures.requeued },
  { header: '转办', format: 'count', value: (r) => r.figures.transferred },
  { header: '取消', format: 'count', value: (r) => r.figures.cancelled },
  { header: '作废', format: 'count', value: (r) => r.figures.expired },
  { header: '预约数', format: 'count', value: (r) => r.figures.appointments?.booked ?? null, only: service },
  { header: '预约签到', format: 'count', value: (r) => r.figures.appointments?.checkedIn ?? null, only: service },
  { header: '预约爽约', format: 'count', value: (r) => r.figures.appointments?.missed ?? null, only: service },
  { header: '平均等候(秒)', format: 'seconds', value: (r) => r.figures.wait.avgSeconds },
  { header: '等候P90(秒)', format: 'seconds', value: (r) => r.figures.wait.p90Seconds },
  { header: '最长等候(秒)', format: 'seconds', value: (r) => r.figures.wait.maxSeconds },
  { header: '候时达标率', format: 'share', value: (r) => r.figures.wait.withinShare },
  { header: '平均办理(秒)', format: 'seconds', value: (r) => r.figures.service.avgSeconds },
  { header: '办理P90(秒)', format: 'seconds', value: (r) => r.figures.service.p90Seconds },
  { header: '最长办理(秒)', format: 'seconds', value: (r) => r.figures.service.maxSeconds },
  { header: '按时办结率', format: 'share', value: (r) => r.figures.service.withinShare },
  { header: '评价数', format: 'count', value: (r) => r.figures.ratings.count },
  { header: '非常满意', format: 'count', value: (r) => r.figures.ratings.levels[5] },
  { header: '满意', format: 'count', value: (r) => r.figures.ratings.levels[4] },
  { header: '基本满意', format: 'count', value: (r) => r.figures.ratings.levels[3] },
  { header: '不满意', format: 'count', value: (r) => r.figures.ratings.levels[2] },
  { header: '非常不满意', format: 'count', value: (r) => r.figures.ratings.levels[1] },
  { header: '满意率', format: 'share', value: (r) => r.figures.ratings.satisfiedShare },
  { header: '评价率', format: 'share', value: (r) => r.figures.ratings.ratedShare },
  { header: '差评', format: 'count', value: (r) => r.figures.ratings.bad },
  { header: '投诉', format: 'count', value: (r) => r.figures.complaints },
  { header: '签到时长(秒)', format: 'seconds', value: (r) => r.presence?.signedInSeconds ?? null, only: unit },
  { header: '暂停时长(秒)', format: 'seconds', value: (r) => r.presence?.pausedSeconds ?? null, only: unit },
  {
    header: '暂停原因(秒)',
    format: 'text',
    value: (r) => (r.presence ? Object.entries(r.presence.pauses).map(([why, s]) => `${why} ${s}`).join('；') || null : null),
    only: unit,
  },
  { header: '利用率', format: 'share', value: (r) => r.presence?.utilisation ?? null, only: unit },
  { header: '上期办件量', format: 'count', value: (r) => r.previous.served },
  { header: '办件量环比', format: 'share', value: (r) => change(r.figures.served, r.previous.served) },
  { header: '上期满意率', format: 'share', value: (r) => r.previous.ratings.satisfiedShare },
];

export function columnsFor(dimension: Dimension): FigureColumn[] {
  return FIGURE_COLUMNS.filter((c) => !c.only || c.only.includes(dimension));
}

export const DIMENSION_SHEETS: Readonly<Record<Dimension, string>> = {
  hall: '全厅',
  department: '按部门',
  service: '按事项',
  window: '按窗口',
  staff: '按人员',
};
