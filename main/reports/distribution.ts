// Durations summed up: count, mean, p90, max and the share within a limit. p90 is the nearest-rank
// percentile: the smallest value at or above which 10 % of the samples lie (sorted ascending, the
// value at position ⌈0.9·n⌉). Seconds, rounded to whole seconds where shown.
//
// The samples arrive already added up by SQL (db/reports.ts figureGroups): exact count, sum, max and
// within-limit count, and every sample rounded to the whole second. p90 is read from a histogram of
// those seconds, one bin per second: rounding keeps the order of the samples, so the ⌈0.9·n⌉-th
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

/** Samples of one group as SQL added them up. */
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
