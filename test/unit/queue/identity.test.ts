import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueHarness, at, testHall, testHallConfig } from '../../helpers/queue-harness.js';
import { ageOn, type CardIdentity } from '../../../main/queue/identity.js';
import { compileHall } from '../../../main/queue/index.js';

const hashOf = (n: number): string => n.toString(16).padStart(64, '0');
const adult: CardIdentity = { idHash: hashOf(1), birthDate: '1990-03-15', validTo: '2040-06-01' };
const senior: CardIdentity = { idHash: hashOf(2), birthDate: '1961-12-01', validTo: null };
const limited = () => testHall((c) => void (c.identity = { dailyLimitPerPerson: 1 }));

test('ages in full years: the birthday itself counts, a 29 February birthday turns on 1 March', () => {
  assert.equal(ageOn('1961-12-01', '2026-12-01'), 65);
  assert.equal(ageOn('1961-12-02', '2026-12-01'), 64);
  assert.equal(ageOn('2004-02-29', '2026-02-28'), 21);
  assert.equal(ageOn('2004-02-29', '2026-03-01'), 22);
});

test('a 65-year-old swiping for a normal ticket gets a priority one; a 36-year-old a normal one', () => {
  const hall = new QueueHarness();
  const old = hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: senior });
  assert.equal(old.ticket?.kind, 'priority');
  assert.equal(old.ticket?.lane, 'priority');
  const young = hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult });
  assert.equal(young.ticket?.kind, 'normal');
});

test('the priority age is the hall file’s: 70 makes a 65-year-old normal; null turns it off', () => {
  for (const priorityAge of [70, null]) {
    const hall = new QueueHarness(testHall((c) => void (c.identity = { priorityAge })));
    assert.equal(hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: senior }).ticket?.kind, 'normal');
  }
});

test('一人一号 on: a second swipe for the same service the same day is refused with the number already held', () => {
  const hall = new QueueHarness(limited());
  hall.issue('GS-01');
  const first = hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult });
  assert.equal(first.ticket?.number, 'A002');
  const before = hall.state.tickets.size;
  const again = hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult });
  assert.deepEqual(again.ok ? null : [again.code, again.message], ['one-per-person', '您今日已取A002号']);
  assert.equal(hall.state.tickets.size, before);
  // Another service, another person: both fine.
  assert.equal(hall.ok({ type: 'issue', serviceCode: 'DS-01', kind: 'normal', identity: adult }).ticket?.number, 'B001');
  assert.equal(hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: senior }).ticket?.number, 'A003');
});

test('一人一号: a cancelled ticket frees the place; the next hall day starts afresh', () => {
  const hall = new QueueHarness(limited());
  const first = hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult });
  hall.ok({ type: 'cancel', ticketId: first.ticket!.id });
  hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult });
  assert.equal(hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult }).ok, false);
  hall.now = at('09:00', '2026-12-02');
  assert.equal(hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult }).ticket?.number, 'A001');
});

test('一人一号 is off by default: the same card takes two tickets', () => {
  const hall = new QueueHarness();
  hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult });
  assert.equal(hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult }).ok, true);
});

test('an expired card is refused; 长期 and a card valid until today are fine', () => {
  const hall = new QueueHarness();
  const expired = hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: { ...adult, validTo: '2026-11-30' } });
  assert.deepEqual(expired.ok ? null : [expired.code, expired.message], ['id-card-expired', '您的身份证已过有效期，请到咨询台办理']);
  assert.equal(hall.run({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: { ...adult, validTo: '2026-12-01' } }).ok, true);
});

test('the ticket keeps only the hash; the hall file’s identity block has safe defaults and checked bounds', () => {
  const hall = new QueueHarness();
  const t = hall.ok({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', identity: adult }).ticket!;
  assert.equal(hall.state.tickets.get(t.id)?.idHash, adult.idHash);
  assert.equal(JSON.stringify(hall.state.tickets.get(t.id)).includes(adult.birthDate), false);
  assert.deepEqual(compileHall(testHallConfig()).config.identity, { dailyLimitPerPerson: 0, priorityAge: 60 });
  assert.throws(() => compileHall({ ...testHallConfig(), identity: { priorityAge: 30 } }), /identity\.priorityAge/);
});
