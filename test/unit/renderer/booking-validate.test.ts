// The booking form's own checks (before anything is sent): Chinese messages per field, and the
// ID number's GB 11643 checksum.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idNumberValid, validateBooking } from '../../../renderer/src/book/validate.js';

test('an ID number needs 18 characters with the right check character (X allowed last, either case)', () => {
  assert.equal(idNumberValid('11010519491231002X'), true);
  assert.equal(idNumberValid('11010519491231002x'), true);
  assert.equal(idNumberValid('110105194912310021'), false, 'wrong check character');
  assert.equal(idNumberValid('1101051949123100'), false, 'too short');
  assert.equal(idNumberValid('1101051949123100X2'), false, 'X not last');
  // Every check character 0–9 and X is reachable: change the 17th digit and recompute.
  const seen = new Set<string>();
  for (let d = 0; d < 10; d++) {
    const body = `1101051949123100${d}`;
    const ch = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'].find((c) => idNumberValid(body + c));
    assert.ok(ch, `some check character fits ${body}`);
    seen.add(ch);
  }
  assert.equal(seen.size, 10);
});

test('the form names each wrong field in Chinese, and accepts a good one', () => {
  assert.deepEqual(validateBooking({ name: ' ', phone: '', idNumber: '' }), { name: '请填写姓名', phone: '请填写手机号码' });
  assert.deepEqual(validateBooking({ name: '张三', phone: '2381234567', idNumber: '123' }), {
    phone: '手机号码应为以1开头的11位数字',
    idNumber: '身份证号码格式不正确，请核对（18位，末位可为X）',
  });
  assert.deepEqual(validateBooking({ name: '欧阳'.repeat(11), phone: '13812345678', idNumber: '' }), { name: '姓名不能超过20个字' });
  assert.deepEqual(validateBooking({ name: '张三', phone: '13812345678', idNumber: '11010519491231002X' }), {});
});
