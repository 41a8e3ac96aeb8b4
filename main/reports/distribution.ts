// Durations summed up: count, mean, p90, max and the share within a limit. p90 is the nearest-rank
// percentile: the smallest value at or above which 10 % of the samples lie (sorted ascending, the
// value at position ⌈0.9·n⌉). Seconds, rounded to whole seconds where shown.
//
// The samples arrive in groups (a day's legs of one staff member, window and service, from SQL:
// db/reports.ts figureGroups), added up once per group and then into every tally the group counts in.
// p90 is read from a histogram of the samples rounded to the whole second, one bin per second: rounding keeps the order of the samples, so the ⌈0.9·n⌉-th
// rounded value is the rounded ⌈0.9·n⌉-th value — the p90 shown is exact, not an estimate. Only a
// p90 over a day (MAX_BIN) would be cut to a day.

export interface DurationSummary {
  readonly count: number;
  readonly totalSeconds: number;
  readonly avgSeconds: number | null;
  readonly p90Seconds: number | null;
  readonly maxSeconds: number | null;
  /** Samples within their limit ÷ samples that have a limit; null without any. */
  readonly withinShare: number | null;
}

/** Samples of one group, added up (`groupOf`). */
export interface DurationGroup {
  readonly count: number;
  readonly sumMs: number;
  readonly maxMs: number | null;
  /** Samples measured against a limit, and how many of them were within it. */
  readonly limited: number;
  readonly within: number;
  /** Every sample in whole seconds (rounded, never negative). */
  readonly seconds: readonly number[];
}

const MAX_BIN = 86_400;

/** `list`: the group's samples, ms, comma-separated (as SQL's group_concat gives them); `limitMs`: their target, if any. */
export function groupOf(list: string | null, limitMs: number | undefined): DurationGroup {
  if (list === null) return { count: 0, sumMs: 0, maxMs: null, limited: 0, within: 0, seconds: [] };
  const seconds: number[] = [];
  let sumMs = 0;
  let maxMs = 0;
  let within = 0;
  for (const text of list.split(',')) {
    const ms = Math.max(0, Number(text));
    sumMs += ms;
    if (ms > maxMs) maxMs = ms;
    if (limitMs !== undefined && ms <= limitMs) within++;
    seconds.push(Math.round(ms / 1000));
  }
  return { count: seconds.length, sumMs, maxMs, limited: limitMs === undefined ? 0 : seconds.length, within, seconds };
}

export class Durations {
  private count = 0;
  private sumMs = 0;
  private maxMs = 0;
  private limited = 0;
  private within = 0;
  private bins = new Uint32Array(64);

  add(g: DurationGroup): void {
    if (g.count === 0) return;
    this.count += g.count;
    this.sumMs += g.sumMs;
    this.maxMs = Math.max(this.maxMs, g.maxMs ?? 0);
    this.limited += g.limited;
    this.within += g.within;
    for (const s of g.seconds) {
      const bin = Math.min(s, MAX_BIN);
      if (bin >= this.bins.length) this.grow(bin);
      this.bins[bin]!++;
    }
  }

  private grow(bin: number): void {
    let n = this.bins.length;
    while (n <= bin) n *= 2;
    const bigger = new Uint32Array(Math.min(n, MAX_BIN + 1));
    bigger.set(this.bins);
    this.bins = bigger;
  }

  private p90(): number {
    const rank = Math.ceil(0.9 * this.count);
    let seen = 0;
    for (let s = 0; s < this.bins.length; s++) {
      seen += this.bins[s]!;
      if (seen >= rank) return s;
    }
    return this.bins.length - 1;
  }

  summary(): DurationSummary {
    const n = this.count;
    if (n === 0) return { count: 0, totalSeconds: 0, avgSeconds: null, p90Seconds: null, maxSeconds: null, withinShare: null };
    return {
      count: n,
      totalSeconds: Math.round(this.sumMs / 1000),
      avgSeconds: Math.round(this.sumMs / n / 1000),
      p90Seconds: this.p90(),
      maxSeconds: Math.round(this.maxMs / 1000),
      withinShare: this.limited === 0 ? null : this.within / this.limited,
    };
  }
}
