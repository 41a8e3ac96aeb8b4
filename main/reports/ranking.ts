// The monthly ranking of windows and departments (综合评价排名), scored by the hall file's weights
// (reports.ranking), and the formula written out in Chinese to print beside it.
//
//   score = 100 × Σ(weight × rate) ÷ Σ(weight of the rates that exist)
//           − complaintPoints × complaints − badReviewPoints × bad reviews
//
// The rates: 满意率, 按时办结率, 候时达标率 (share of waits within the target) and 办件量 as the share
// of the busiest unit's count. A rate a unit has no data for (no ratings yet) drops out with its
// weight, so a window is neither rewarded nor punished for what nobody measured. The score is
// rounded to one decimal; ties rank alike (1, 2, 2, 4).
import type { RankingWeights } from '../queue/index.js';
import type { Dimension } from './figures.js';
import { rowsOf, type Report } from './summary.js';

export interface RankedRow {
  readonly rank: number;
  readonly key: string;
  readonly name: string;
  readonly score: number;
  readonly served: number;
  readonly satisfiedShare: number | null;
  readonly onTimeShare: number | null;
  readonly waitWithinShare: number | null;
  readonly complaints: number;
  readonly badReviews: number;
}

const percent = (w: number, total: number) => `${Math.round((w / total) * 1000) / 10}%`;

/** The formula as the ranking's caption reads it. */
export function formulaText(w: RankingWeights): string {
  const total = w.satisfaction + w.onTime + w.waitWithinTarget + w.volume;
  const terms = [
    [w.satisfaction, '满意率'],
    [w.onTime, '按时办结率'],
    [w.waitWithinTarget, '候时达标率'],
    [w.volume, '办件量÷最高办件量'],
  ] as const;
  const sum = terms
    .filter(([weight]) => weight > 0)
    .map(([weight, name]) => `${name}×${percent(weight, total)}`)
    .join(' + ');
  const minus = [
    w.complaintPoints > 0 ? ` − 每件投诉扣${w.complaintPoints}分` : '',
    w.badReviewPoints > 0 ? ` − 每个差评扣${w.badReviewPoints}分` : '',
  ].join('');
  return `综合得分 = (${sum})×100${minus}；某项无数据时不计该项，其余各项按权重折算。`;
}

/** Rank the windows or departments of a report (its period: a month, or any range). */
export function rank(report: Report, dimension: Extract<Dimension, 'window' | 'department'>, w: RankingWeights): RankedRow[] {
  const rows = rowsOf(report, dimension).filter((r) => r.figures.called > 0 || r.figures.complaints > 0);
  const busiest = Math.max(0, ...rows.map((r) => r.figures.served));
  const scored = rows.map((r) => {
    const f = r.figures;
    const rates: [number, number | null][] = [
      [w.satisfaction, f.ratings.satisfiedShare],
      [w.onTime, f.service.withinShare],
      [w.waitWithinTarget, f.wait.withinShare],
      [w.volume, busiest > 0 ? f.served / busiest : null],
    ];
    let weighted = 0;
    let weights = 0;
    for (const [weight, rate] of rates) {
      if (rate === null || weight === 0) continue;
      weighted += weight * rate;
      weights += weight;
    }
    const base = weights > 0 ? (100 * weighted) / weights : 0;
    const score = Math.round((base - w.complaintPoints * f.complaints - w.badReviewPoints * f.ratings.bad) * 10) / 10;
    return {
      key: r.key,
      name: r.name,
      score,
      served: f.served,
      satisfiedShare: f.ratings.satisfiedShare,
      onTimeShare: f.service.withinShare,
      waitWithinShare: f.wait.withinShare,
      complaints: f.complaints,
      badReviews: f.ratings.bad,
    };
  });
  scored.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key, 'en', { numeric: true }));
  return scored.map((s, i) => ({ rank: scored.findIndex((x) => x.score === s.score) + 1 || i + 1, ...s }));
}
