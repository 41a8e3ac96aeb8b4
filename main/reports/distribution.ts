// Durations summed up: count, mean, p90, max and the share within a limit. p90 is the nearest-rank
// percentile: the smallest value at or above which 10 % of the samples lie (sorted ascending, the
// value at position ⌈0.9·n⌉). Seconds, rounded to whole seconds where shown.

export interface DurationSummary {
  readonly count: number;
  readonly totalSeconds: number;
  readonly avgSeconds: number | null;
  readonly p90Seconds: number | null;
  readonly maxSeconds: number | null;
  /** Samples within their limit ÷ samples that have a limit; null without any. */
  readonly withinShare: number | null;
}

export class Durations {
  private values: number[] = [];
  private limited = 0;
  private within = 0;

  /** `ms`: the duration; `limitMs`: the target it is measured against, when there is one. */
  add(ms: number, limitMs: number | undefined): void {
    const v = Math.max(0, ms);
    this.values.push(v);
    if (limitMs !== undefined) {
      this.limited++;
      if (v <= limitMs) this.within++;
    }
  }

  summary(): DurationSummary {
    const n = this.values.length;
    if (n === 0) return { count: 0, totalSeconds: 0, avgSeconds: null, p90Seconds: null, maxSeconds: null, withinShare: null };
    const sorted = Float64Array.from(this.values).sort();
    let sum = 0;
    for (const v of sorted) sum += v;
    return {
      count: n,
      totalSeconds: Math.round(sum / 1000),
      avgSeconds: Math.round(sum / n / 1000),
      p90Seconds: Math.round(sorted[Math.ceil(0.9 * n) - 1]! / 1000),
      maxSeconds: Math.round(sorted[n - 1]! / 1000),
      withinShare: this.limited === 0 ? null : this.within / this.limited,
    };
  }
}
