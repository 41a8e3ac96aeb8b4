// The lockout behind the kiosk admin PIN and staff login: five wrong in a row lock a kiosk for five minutes; a right PIN
// clears the count; a lock that ran out starts a fresh count; kiosks are counted apart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lockout } from '../../../main/hub/lockout.js';

const MIN = 60_000;

test('five wrong PINs lock the kiosk for five minutes, then it may try five more', () => {
  const lock = new Lockout();
  const t0 = 1_000_000;
  assert.deepEqual([1, 2, 3, 4, 5].map(() => lock.failed('K1', t0)), [4, 3, 2, 1, 0]);
  assert.equal(lock.lockedFor('K1', t0), 5 * MIN);
  assert.equal(lock.lockedFor('K1', t0 + 5 * MIN - 1), 1);
  assert.equal(lock.lockedFor('K2', t0), 0, 'another kiosk is not locked');
  assert.equal(lock.lockedFor('K1', t0 + 5 * MIN), 0);
  assert.equal(lock.failed('K1', t0 + 5 * MIN), 4, 'a fresh count after the lock ran out');
});

test('a right PIN clears the count', () => {
  const lock = new Lockout({ maxFailures: 3, lockMs: MIN });
  lock.failed('K1', 0);
  lock.failed('K1', 0);
  lock.succeeded('K1');
  assert.equal(lock.failed('K1', 0), 2);
  assert.equal(lock.lockedFor('K1', 0), 0);
});
