// A report never freezes the hall: while a supervisor's report over tens of thousands of legs is
// being computed, a kiosk's ticket:issue is still answered promptly, because report work runs in
// slices that yield to the hub's commands. And reports queue: one runs, three wait, more are
// refused with 429 in Chinese. The legs are written through db/ (bench/lib/year-hall.ts) into the
// file the hub then opens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BENCH_SUPERVISOR } from '../../../bench/lib/bench-hall.js';
import { fillYearHall } from '../../../bench/lib/year-hall.js';
import { addDays } from '../../../main/queue/time.js';
import { rid, startTestHub } from '../../helpers/hub.js';

test('a kiosk is answered while a big report is computing; a fifth report at once is turned away in Chinese', async (t) => {
  const today = new Date().toISOString().slice(0, 10);
  const from = addDays(today, -40);
  const to = addDays(today, -3);
  const dir = mkdtempSync(join(tmpdir(), 'hallq-rep-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const year = fillYearHall({ dir, windows: 6, legs: 40_000, from, days: 38 });
  const h = await startTestHub({ hall: year.hall, dbPath: year.dbPath });
  t.after(() => h.close());
  const { token } = await h.login(BENCH_SUPERVISOR);
  const kiosk = await h.kiosk();
  const serviceCode = [...year.hall.services.keys()][0]!;

  const t0 = performance.now();
  let reportDoneAt = 0;
  const report = fetch(`${h.url}/api/reports/summary?from=${from}&to=${to}&by=staff`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => {
    const body = (await r.json()) as { ok: boolean; rows: unknown[] };
    reportDoneAt = performance.now();
    return { status: r.status, body };
  });
  // Let the report get going, then ask as a kiosk would.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const asked = performance.now();
  // Answered at all is what counts here (outside the hall's hours it is a refusal, still an answer).
  const ack = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode, kind: 'normal' });
  const answeredAt = performance.now();
  assert.equal(typeof ack.ok, 'boolean');
  const { status, body } = await report;
  const reportMs = reportDoneAt - t0;
  const ackMs = answeredAt - asked;
  t.diagnostic(`report ${reportMs.toFixed(0)} ms; kiosk answered in ${ackMs.toFixed(0)} ms`);
  assert.equal(status, 200);
  assert.ok(body.ok && body.rows.length > 0);
  assert.ok(answeredAt < reportDoneAt, `the kiosk was answered before the report was done (report ${reportMs.toFixed(0)} ms, kiosk ${ackMs.toFixed(0)} ms)`);
  assert.ok(ackMs < 500, `the kiosk waited ${ackMs.toFixed(0)} ms`);

  // One runs, three wait, the fifth is refused.
  const url = `${h.url}/api/reports/summary?from=${from}&to=${to}`;
  const five = await Promise.all(Array.from({ length: 5 }, () => fetch(url, { headers: { authorization: `Bearer ${token}` } })));
  const statuses = five.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
  const refused = five.find((r) => r.status === 429)!;
  const refusal = (await refused.json()) as { code: string; message: string };
  assert.equal(refusal.code, 'reports-busy');
  assert.match(refusal.message, /报表正在生成/);
  await Promise.all(five.filter((r) => r !== refused).map((r) => r.arrayBuffer()));
});
