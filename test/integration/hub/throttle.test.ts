// Guessing passwords costs a guesser the staff number and the address it guesses from: five wrong
// passwords lock a staff number, twenty from one address lock that address, for five minutes, even
// for the right password, with a Chinese message that says when to try again — also for a burst of
// parallel guesses, and also for a chief's password typed at a kiosk for the green channel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditedRefusals, PASSWORD, rid, startTestHub, type TestHub } from '../../helpers/hub.js';

const MIN = 60_000;

async function login(h: TestHub, staffId: string, password: string): Promise<{ status: number; code?: string; message?: string; retryAfter: string | null }> {
  const res = await fetch(`${h.url}/api/login`, { method: 'POST', body: JSON.stringify({ staffId, password }), headers: { 'content-type': 'application/json' } });
  const body = (await res.json()) as { code?: string; message?: string };
  return { status: res.status, ...body, retryAfter: res.headers.get('retry-after') };
}

test('60 wrong passwords at once, then the right one: the burst is stopped at five and the right one waits five minutes', async (t) => {
  let now = Date.now();
  const h = await startTestHub({ clock: () => now });
  t.after(() => h.close());
  const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => login(h, '0101', `wrong-${i}`)));
  const codes = burst.map((r) => r.code);
  assert.equal(codes.filter((c) => c === 'bad-credentials').length, 5, 'only five guesses were checked');
  assert.equal(codes.filter((c) => c === 'login-locked').length, 55);
  const right = await login(h, '0101', PASSWORD);
  assert.equal(right.status, 429);
  assert.equal(right.code, 'login-locked');
  assert.equal(right.message, '密码错误次数过多，请5分钟后再试');
  assert.equal(right.retryAfter, '300');
  // Audited, every one of them (within the refusal audit's budget).
  const audited = auditedRefusals(h);
  assert.equal((audited['bad-credentials'] ?? 0) + (audited['login-locked'] ?? 0), 61);

  now += 5 * MIN + 1;
  assert.equal((await login(h, '0101', PASSWORD)).status, 200, 'the lock runs out');
});

test('a locked staff number does not lock a colleague; twenty wrong passwords from one address lock that address', async (t) => {
  let now = Date.now();
  const h = await startTestHub({ clock: () => now });
  t.after(() => h.close());
  for (let i = 0; i < 5; i++) assert.equal((await login(h, '0101', 'wrong')).code, 'bad-credentials');
  assert.equal((await login(h, '0101', PASSWORD)).code, 'login-locked');
  assert.equal((await login(h, '0102', PASSWORD)).status, 200, 'another staff number signs in from the same PC');

  // Twenty wrong from this address, over staff numbers known and unknown.
  const numbers = ['0102', '0103', '0104', '9999'];
  for (let i = 0; i < 20; i++) assert.equal((await login(h, numbers[i % numbers.length]!, 'wrong')).code, 'bad-credentials', `try ${i + 1}`);
  const locked = await login(h, '0105', PASSWORD);
  assert.equal(locked.code, 'login-locked', 'the address is locked, for every staff number');
  assert.match(locked.message ?? '', /请\d+分钟后再试/);
  now += 5 * MIN + 1;
  assert.equal((await login(h, '0105', PASSWORD)).status, 200);
});

test("a chief's password guessed at a kiosk for the green channel is locked after five tries", async (t) => {
  let now = Date.now();
  const h = await startTestHub({ clock: () => now });
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const green = (password: string) =>
    kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'green', authorization: { staffId: '0901', password } });
  for (let i = 0; i < 5; i++) {
    const r = await green(`guess-${i}`);
    assert.ok(!r.ok && r.code === 'bad-credentials', JSON.stringify(r));
  }
  const right = await green(PASSWORD);
  assert.ok(!right.ok && right.code === 'login-locked' && right.message === '密码错误次数过多，请5分钟后再试', JSON.stringify(right));
  assert.equal(h.hub.core.state.tickets.size, 0, 'nothing was issued');
  now += 5 * MIN + 1;
  const issued = await green(PASSWORD);
  assert.ok(issued.ok, JSON.stringify(issued));
});
