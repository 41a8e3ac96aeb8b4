// Anonymous clients cannot grow the database through the audit log: a storm of refused handshakes
// and malformed commands writes a few rows per source per minute and one summary with the count,
// while a real refusal from anyone else is still written the moment it happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { connect, auditedRefusals, rid, startTestHub, type TestHub } from '../../helpers/hub.js';
import { sql, sqlForWriting } from '../../helpers/sql.js';

const rows = (h: TestHub, where = '1 = 1') => (sql(h).prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE ${where}`).get() as { n: number }).n;
const fileBytes = (h: TestHub) => statSync(h.dbPath).size + (statSync(`${h.dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0);

test('1000 refused handshakes from one address write a handful of rows, all counted; a kiosk\'s refusal meanwhile is written at once', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const writer = sqlForWriting(h);
  writer.pragma('wal_checkpoint(TRUNCATE)');
  writer.close();
  const bytesBefore = fileBytes(h);
  const rowsBefore = rows(h);
  const storm = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await connect(h.url, i % 2 ? '/kiosk' : '/counter', i % 3 ? { token: 'x'.repeat(40) } : {}).then(
        () => assert.fail('accepted'),
        () => undefined,
      );
    }
  };
  await storm(500);
  // A real refusal by another source in the middle of the storm: in the log right away.
  const bad = await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: '??', kind: 'normal' });
  assert.ok(!bad.ok && bad.code === 'invalid-payload');
  assert.equal(rows(h, "actor_id = 'K1' AND outcome = 'invalid-payload'"), 1, 'written as it happened');
  await storm(500);

  const written = rows(h) - rowsBefore;
  assert.ok(written <= 10, `1000 refused handshakes wrote ${written} rows`);
  const counted = auditedRefusals(h);
  assert.equal((counted['bad-handshake'] ?? 0) + (counted.unauthorized ?? 0), 1000, 'every refusal is accounted for');
  assert.ok(rows(h, "outcome = 'repeated-refusals'") >= 1, 'the summary row carries the count');
  const grown = fileBytes(h) - bytesBefore;
  assert.ok(grown < 256 * 1024, `the file grew ${grown} bytes`);
  assert.ok(h.hub.core.store.verifyAuditChain().ok);
});

test('anonymous booking attempts are rate limited per address, across connections, and their refusals are budgeted too', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const before = rows(h);
  let limited = 0;
  for (let c = 0; c < 4; c++) {
    // A fresh connection each time: reconnecting must not reset the limit.
    const page = await h.publicClient();
    for (let i = 0; i < 15; i++) {
      const r = await page.emitWithAck('appointment:cancel', { requestId: rid(), code: '000000' });
      assert.equal(r.ok, false);
      if (r.code === 'rate-limited') limited++;
    }
    page.close();
  }
  assert.equal(limited, 60 - 30, 'thirty a minute from one address');
  assert.ok(rows(h) - before <= 7, `60 anonymous refusals wrote ${rows(h) - before} rows`);
  assert.equal(sql(h).prepare('SELECT COUNT(*) AS n FROM commands').pluck().get(), 0, 'no command rows for anonymous refusals');
  const counted = auditedRefusals(h);
  assert.deepEqual([counted['appointment-not-found'], counted['rate-limited']], [30, 30]);
});
