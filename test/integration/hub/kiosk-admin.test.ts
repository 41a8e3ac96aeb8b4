// The kiosk's settings panel is behind an admin PIN the hub checks (the page never holds it):
// wrong PINs are refused and audited, five in a row lock the kiosk out for five minutes, the right
// one opens the panel. kiosk:state says whether the kiosk prints. /api/hall lists the booking days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KioskState } from '../../../main/protocol/index.js';
import { hashPassword, verifyPassword } from '../../../main/hub/passwords.js';
import { loadHallFile } from '../../../main/config/hall-file.js';
import { DEMO_HALL } from '../../../main/demo/hall.js';
import { auditedRefusals, hubHall, rid, startTestHub, waitFor } from '../../helpers/hub.js';
import { sql } from '../../helpers/sql.js';

const PIN = '246810';

async function hubWithPin(clock?: () => number) {
  const adminPinHash = await hashPassword(PIN);
  return startTestHub({ hall: hubHall((c) => (c.kiosk = { adminPinHash })), ...(clock && { clock }) });
}

const audits = (h: Awaited<ReturnType<typeof startTestHub>>) =>
  sql(h).prepare("SELECT actor_id, outcome FROM audit_log WHERE command LIKE '%kiosk:unlock%' ORDER BY id").all() as {
    actor_id: string;
    outcome: string;
  }[];

test('a wrong admin PIN is refused and audited; the right one opens the settings', async (t) => {
  const h = await hubWithPin();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const wrong = await kiosk.emitWithAck('kiosk:unlock', { requestId: rid(), pin: '111111' });
  assert.ok(!wrong.ok);
  assert.equal(wrong.code, 'bad-pin');
  assert.equal(wrong.message, '密码错误，还可尝试4次');
  const right = await kiosk.emitWithAck('kiosk:unlock', { requestId: rid(), pin: PIN });
  assert.deepEqual(right, { ok: true });
  assert.deepEqual(audits(h), [
    { actor_id: 'K1', outcome: 'bad-pin' },
    { actor_id: 'K1', outcome: 'unlocked' },
  ]);
  const malformed = await kiosk.emitWithAck('kiosk:unlock', { requestId: rid(), pin: '12ab' });
  assert.ok(!malformed.ok && malformed.code === 'invalid-payload' && malformed.message.includes('管理密码为4–12位数字'), JSON.stringify(malformed));
});

test('five wrong PINs lock a kiosk out for five minutes, even for the right PIN; other kiosks are not locked', async (t) => {
  let now = Date.now();
  const h = await hubWithPin(() => now);
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  for (let i = 0; i < 4; i++) assert.equal((await kiosk.emitWithAck('kiosk:unlock', { requestId: rid(), pin: '000000' })).ok, false);
  const fifth = await kiosk.emitWithAck('kiosk:unlock', { requestId: rid(), pin: '000000' });
  assert.ok(!fifth.ok && fifth.code === 'pin-locked', JSON.stringify(fifth));
  assert.equal(fifth.message, '密码错误次数过多，请5分钟后再试');
  const locked = await kiosk.emitWithAck('kiosk:unlock', { requestId: rid(), pin: PIN });
  assert.ok(!locked.ok && locked.code === 'pin-locked', 'the right PIN is refused while locked');

  const other = await h.kiosk(h.tokens.kioskWithPrinter);
  assert.deepEqual(await other.emitWithAck('kiosk:unlock', { requestId: rid(), pin: PIN }), { ok: true });

  now += 5 * 60_000 + 1;
  assert.deepEqual(await kiosk.emitWithAck('kiosk:unlock', { requestId: rid(), pin: PIN }), { ok: true });
  assert.equal(auditedRefusals(h)['pin-locked'], 2);
});

test('a hall file without an admin PIN says where to set one', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const r = await kiosk.emitWithAck('kiosk:unlock', { requestId: rid(), pin: PIN });
  assert.ok(!r.ok && r.code === 'no-admin-pin');
  assert.match(r.message, /kiosk\.adminPinHash/);
});

test('a bad adminPinHash in the hall file is refused with its path', async () => {
  assert.throws(() => hubHall((c) => (c.kiosk = { adminPinHash: '246810' })), /kiosk\.adminPinHash: expected a scrypt hash/);
});

test('kiosk:state says whether the kiosk prints', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const plain = await waitFor<KioskState>(await h.kiosk(), 'kiosk:state');
  assert.deepEqual(plain, { canIssue: true, hasPrinter: false });
  const printing = await waitFor<KioskState>(await h.kiosk(h.tokens.kioskWithPrinter), 'kiosk:state');
  assert.equal(printing.hasPrinter, true);
  assert.equal(printing.canIssue, false, 'no printer announced yet');
});

test('/api/hall lists the appointment rules and the days a visitor may book', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const hall = (await (await fetch(`${h.url}/api/hall`)).json()) as { appointments: { earlyMinutes: number; lateMinutes: number; bookingDaysAhead: number; days: string[] } };
  assert.equal(hall.appointments.earlyMinutes, 30);
  assert.equal(hall.appointments.lateMinutes, 15);
  // The test hall is open every day: today and the next 7.
  assert.equal(hall.appointments.days.length, 8);
  assert.ok(hall.appointments.days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)));
});

test('the demo hall\'s kiosk PIN is the one the README gives', async () => {
  const hash = loadHallFile(DEMO_HALL).config.kiosk?.adminPinHash;
  assert.ok(hash);
  assert.equal(await verifyPassword('246810', hash), true);
  assert.equal(await verifyPassword('246811', hash), false);
});

