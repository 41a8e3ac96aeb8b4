// The ranking over the two days of two-days.ts with the default weights (满意率 40, 按时办结率 30,
// 候时达标率 10, 办件量 20; 5 points per complaint, 2 per bad review). The busiest window served 2.
//   W1: 满意率 1, 按时 1/2, 候时 1, 办件量 2/2 → 40 + 15 + 10 + 20 = 85
//   W2: 满意率 1/2, 按时 1/2, 候时 1, 办件量 2/2 → 20 + 15 + 10 + 20 = 65, − 5 (a complaint) − 2 (a bad review) = 58
//   W3: 满意率 1, 按时 1, 候时 1, 办件量 1/2 → 40 + 30 + 10 + 10 = 90
// Departments (busiest served 3, DS): GS 满意率 1 (one rating, 3), 按时 1/2 (L1 yes, L4 no), 候时 1,
//   办件量 2/3 → 40 + 15 + 10 + 13.33 = 78.3; DS 满意率 2/3, 按时 2/3 (L2 L7), 候时 1, 办件量 1 →
//   26.67 + 20 + 10 + 20 = 76.67, − 5 − 2 = 69.7. Without ratings a window's 满意率 drops out with its weight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileHall } from '../../../main/queue/index.js';
import { formulaText, rank } from '../../../main/reports/ranking.js';
import { buildReport } from '../../../main/reports/summary.js';
import { smallHallConfig } from '../../helpers/small-hall.js';
import { twoDays } from './two-days.js';

const now = Date.parse('2026-12-04T12:00:00+08:00');

test('windows and departments ranked by the hall file’s weights', async (t) => {
  const h = twoDays();
  t.after(() => h.close());
  const report = await buildReport(h.store.reports, h.hall, { from: '2026-12-01', to: '2026-12-31' }, { now });
  const weights = h.hall.config.reports.ranking;
  assert.deepEqual(
    rank(report, 'window', weights).map((r) => [r.rank, r.key, r.score]),
    [
      [1, '3', 90],
      [2, '1', 85],
      [3, '2', 58],
    ],
  );
  assert.deepEqual(
    rank(report, 'department', weights).map((r) => [r.rank, r.name, r.score]),
    [
      [1, '市场监管局', 78.3],
      [2, '税务局', 69.7],
    ],
  );
  // Only on-time counts: W3 and W1 … W1 and W2 tie at 50 and share a rank.
  const onTime = { satisfaction: 0, onTime: 100, waitWithinTarget: 0, volume: 0, complaintPoints: 0, badReviewPoints: 0 };
  assert.deepEqual(rank(report, 'window', onTime).map((r) => [r.rank, r.key, r.score]), [
    [1, '3', 100],
    [2, '1', 50],
    [2, '2', 50],
  ]);
});

test('the formula as the ranking shows it, from the weights in the hall file', () => {
  const hall = compileHall(smallHallConfig());
  assert.equal(
    formulaText(hall.config.reports.ranking),
    '综合得分 = (满意率×40% + 按时办结率×30% + 候时达标率×10% + 办件量÷最高办件量×20%)×100 − 每件投诉扣5分 − 每个差评扣2分；某项无数据时不计该项，其余各项按权重折算。',
  );
  const c = smallHallConfig();
  c.reports = { ranking: { satisfaction: 1, onTime: 1, waitWithinTarget: 0, volume: 0, complaintPoints: 0, badReviewPoints: 10 } };
  assert.equal(formulaText(compileHall(c).config.reports.ranking), '综合得分 = (满意率×50% + 按时办结率×50%)×100 − 每个差评扣10分；某项无数据时不计该项，其余各项按权重折算。');
  const zero = smallHallConfig();
  zero.reports = { ranking: { satisfaction: 0, onTime: 0, waitWithinTarget: 0, volume: 0 } };
  assert.throws(() => compileHall(zero), /reports\.ranking.*at least one weight/s);
});
