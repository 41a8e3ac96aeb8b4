// The ticket number, the masks and the hall's clock, as main/rules states them for hub and screens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NUMBER_PATTERN,
  PREFIX_PATTERN,
  clockText,
  dateTimeText,
  formatNumber,
  localTime,
  maskIdNumber,
  maskName,
  maskPhone,
  normalizeNumber,
  numberSeq,
} from '../../../main/rules/index.js';
import { counterCommands } from '../../../main/protocol/index.js';
import { QueueHarness } from '../../helpers/queue-harness.js';

test('a ticket number is its prefix and the day\'s sequence, padded; the hub issues exactly that', () => {
  assert.equal(formatNumber('A', 12, 3), 'A012');
  assert.equal(formatNumber('AB', 1234, 3), 'AB1234', 'never cut short');
  assert.equal(numberSeq('A012'), 12);
  assert.equal(numberSeq('AB0123'), 123);
  assert.ok(Number.isNaN(numberSeq('A')));
  assert.equal(normalizeNumber(' a012 '), 'A012');
  const hall = new QueueHarness();
  for (const s of ['GS-01', 'DS-01', 'GS-02']) {
    const t = hall.issue(s);
    assert.equal(numberSeq(t.number), t.seq, `${t.number}: the number carries its seq`);
    assert.ok(NUMBER_PATTERN.test(t.number) && PREFIX_PATTERN.test(t.prefix));
  }
});

test('what staff may type as a number is what the hub accepts on the wire', () => {
  const schema = counterCommands['window:callNumber'];
  for (const n of ['A012', 'ab0123', 'A99999', 'A1', 'ABC012', '012', 'A-12']) {
    const wire = schema.safeParse({ requestId: 'r-0123456789', number: n }).success;
    assert.equal(NUMBER_PATTERN.test(n), wire, n);
  }
});

test('masks: 张*, 欧***, 138****5678, 110***********1234', () => {
  assert.equal(maskName(' 张三 '), '张*');
  assert.equal(maskName('欧阳娜娜'), '欧***');
  assert.equal(maskName('王'), '王');
  assert.equal(maskPhone('138-1234-5678'), '138****5678');
  assert.equal(maskPhone('12345'), '*****');
  assert.equal(maskIdNumber('110101199003071234'), '110***********1234');
  assert.equal(maskIdNumber('1234567'), '*******');
});

test("the hall's clock reads in the hall's zone, whatever the PC's zone is", () => {
  const ms = Date.UTC(2026, 10, 27, 16, 5); // 00:05 on the 28th in Beijing, 22:05 on the 27th in Urumqi
  assert.deepEqual(localTime(ms, 'Asia/Shanghai'), { date: '2026-11-28', minutes: 5, weekday: 6 });
  assert.equal(dateTimeText(ms, 'Asia/Shanghai'), '2026-11-28 00:05');
  assert.equal(dateTimeText(ms, 'Asia/Urumqi'), '2026-11-27 22:05');
  assert.equal(clockText(ms, 'Asia/Urumqi'), '22:05');
});
