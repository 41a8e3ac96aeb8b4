// The refusal audit's budget: the first few refusals of a source in a window are written as they
// happen, the rest counted into one summary row when the window closes; every refusal is accounted
// for; a flood of sources or of rows overflows into one counted source instead of new rows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefusalAudit, REPEATED } from '../../../main/hub/refusal-audit.js';
import { RateLimit } from '../../../main/hub/rate-limit.js';
import type { Actor } from '../../../main/queue/index.js';

function audit(options = { windowMs: 60_000, burst: 2, maxRowsPerWindow: 100, maxSources: 3 }) {
  let now = 1_000_000;
  const rows: { actor: string; code: string; detail: string }[] = [];
  const a = new RefusalAudit((actor, _what, code, detail) => rows.push({ actor: `${actor.role}:${actor.id}`, code, detail }), () => now, options);
  const total = () => rows.reduce((n, r) => n + (r.code === REPEATED ? (JSON.parse(r.detail) as { count: number }).count : 1), 0);
  return { a, rows, total, tick: (ms: number) => (now += ms) };
}
const visitor = (id: string): Actor => ({ role: 'visitor', id });

test('a source writes its first refusals at once and one summary with the count of the rest', () => {
  const { a, rows, total } = audit();
  for (let i = 0; i < 10; i++) a.record(visitor('10.0.0.9'), 'connect kiosk', i % 2 ? 'unauthorized' : 'bad-handshake', 'x');
  assert.equal(rows.length, 2, 'the burst is written as it happens');
  a.flush();
  assert.equal(rows.length, 3);
  const summary = JSON.parse(rows[2]!.detail) as { count: number; codes: Record<string, number> };
  assert.deepEqual(summary.codes, { 'bad-handshake': 4, unauthorized: 4 });
  assert.equal(total(), 10);
});

test('a new window starts a new burst; the old window\'s summary is written first', () => {
  const { a, rows, total, tick } = audit();
  for (let i = 0; i < 5; i++) a.record(visitor('a'), 'w', 'c', 'x');
  tick(60_000);
  a.record(visitor('a'), 'w', 'c', 'x');
  assert.deepEqual(rows.map((r) => r.code), ['c', 'c', REPEATED, 'c']);
  assert.equal(total(), 6);
});

test('another source is written at once during a flood; past maxSources new sources are counted under "*"', () => {
  const { a, rows, total } = audit();
  for (let i = 0; i < 50; i++) a.record(visitor('flood'), 'w', 'c', 'x');
  a.record({ role: 'kiosk', id: 'K1' }, 'ticket:issue', 'invalid-payload', 'x');
  assert.equal(rows.at(-1)?.actor, 'kiosk:K1');
  for (let i = 0; i < 20; i++) a.record(visitor(`spoof-${i}`), 'w', 'c', 'x');
  const written = rows.length;
  assert.ok(written <= 2 + 1 + 2 * 1, `rows: ${written}`);
  a.flush();
  assert.ok(rows.some((r) => r.actor === 'system:*' && r.code === REPEATED));
  assert.equal(total(), 71);
});

test('all sources together write at most maxRowsPerWindow rows at once', () => {
  const { a, rows, total } = audit({ windowMs: 60_000, burst: 5, maxRowsPerWindow: 7, maxSources: 100 });
  for (let i = 0; i < 40; i++) a.record(visitor(`s${i % 10}`), 'w', 'c', 'x');
  assert.equal(rows.length, 7);
  a.flush();
  assert.equal(total(), 40);
});

test('a rate limit per key: max in any window, a later window frees it, keys apart', () => {
  const r = new RateLimit({ max: 3, perMs: 1000 });
  assert.deepEqual([0, 1, 2, 3].map((t) => r.take('a', t)), [true, true, true, false]);
  assert.equal(r.take('b', 3), true);
  assert.equal(r.take('a', 1000), true, 'the first one has left the window');
  const small = new RateLimit({ max: 1, perMs: 1000, maxKeys: 2 });
  small.take('x', 0);
  small.take('y', 0);
  small.take('z', 0);
  assert.equal(small.take('x', 1), true, 'the least recently used key was forgotten');
});
