// Arrivals by weekday × hour on the hall's clock (for staffing): a visit arrives when its first
// leg is issued; transfers and re-queues are not new arrivals.
import { localTime } from '../queue/index.js';

/** Rows Monday first, as a Chinese calendar reads (周一 … 周日); 24 hour columns each. */
export const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

const QUARTER_MS = 15 * 60_000;

export class ArrivalHeatmap {
  readonly counts: number[][] = WEEKDAY_NAMES.map(() => Array.from({ length: 24 }, () => 0));

  // Every zone's offset is a multiple of 15 minutes: the cell of a quarter hour is worked out once
  // (reading the clock through Intl is the slow part of a year's report).
  private readonly cellOfQuarter = new Map<number, readonly [number, number]>();

  constructor(private readonly timeZone: string) {}

  /** An arrival in quarter hour `quarter` (since the epoch: issued_at ÷ 15 min, as db/reports.ts figureGroups lists them). */
  add(quarter: number): void {
    let cell = this.cellOfQuarter.get(quarter);
    if (!cell) {
      const t = localTime(quarter * QUARTER_MS, this.timeZone);
      this.cellOfQuarter.set(quarter, (cell = [(t.weekday + 6) % 7, Math.floor(t.minutes / 60)]));
    }
    this.counts[cell[0]]![cell[1]]!++;
  }
}
