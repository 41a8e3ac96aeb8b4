// The mock transport keeps the Transport contract the drivers rely on, and its misuse errors say how
// to fix the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MockTransport } from '../../../drivers/transport/mock.js';
import { TransportError, type TransportState } from '../../../drivers/transport/types.js';

test('open goes through opening to open; close is idempotent; every change is a state event', async () => {
  const t = new MockTransport({ name: 'mock COM3' });
  const states: TransportState[] = [];
  t.on('state', (s) => states.push(s));
  assert.equal(t.state, 'closed');
  await t.open();
  await t.open();
  await t.close();
  await t.close();
  assert.deepEqual(states, ['opening', 'open', 'closed']);
  assert.equal(t.opens, 1);
});

test('writes are recorded in order and refused as not-open while the line is down', async () => {
  const t = new MockTransport({ open: true });
  const reused = Buffer.from([1, 2]);
  await t.write(reused);
  reused[0] = 9;
  await t.write(Uint8Array.of(3));
  assert.deepEqual(t.writes.map((w) => [...w]), [[1, 2], [3]]);
  assert.deepEqual([...t.lastWrite!], [3]);
  assert.deepEqual([...t.recording], [1, 2, 3]);
  t.drop('cable pulled');
  await assert.rejects(t.write(Uint8Array.of(4)), (e: unknown) => e instanceof TransportError && e.code === 'not-open' && /reconnecting/.test(e.message));
  t.restore();
  await t.write(Uint8Array.of(5));
  assert.equal(t.writes.length, 3);
  t.clearRecording();
  assert.equal(t.lastWrite, undefined);
});

test('the device side answers a write on a later turn, and the conversation is transcribed', async () => {
  const t = new MockTransport({ open: true, device: (bytes) => Uint8Array.of(0x06, bytes[0]!) });
  const got: Buffer[] = [];
  t.on('data', (c) => got.push(c));
  await t.write(Uint8Array.of(0x10));
  assert.equal(got.length, 0, 'not within the write');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(got, [Buffer.from([0x06, 0x10])]);
  assert.deepEqual(t.transcript, ['> 10', '< 0610']);
});

test('an open or a write can be made to fail once, like a missing port or a broken line', async () => {
  const t = new MockTransport();
  t.failNextOpen('no such device', 'not-found');
  await assert.rejects(t.open(), (e: unknown) => e instanceof TransportError && e.code === 'not-found' && e.message === 'mock: no such device');
  assert.equal(t.state, 'closed');
  await t.open();
  t.failNextWrite('EIO');
  await assert.rejects(t.write(Uint8Array.of(1)), /mock: EIO/);
  await t.write(Uint8Array.of(2));
  assert.deepEqual(t.writes.map((w) => [...w]), [[2]]);
});

test('misuse is refused with what to change in the test', () => {
  assert.throws(() => new MockTransport().emitData([1]), /emitData\(\) while closed.*call open\(\) first or create it with \{ open: true \}/);
  assert.throws(() => new MockTransport({ canRead: false, open: true }).emitData([1]), /write-only.*\{ canRead: true \}/);
  assert.throws(() => new MockTransport({ open: true }).emitData([]), /no bytes/);
  assert.throws(() => new MockTransport().drop(), /drop\(\) while closed.*open\(\) it first/);
  assert.throws(() => new MockTransport({ open: true }).restore(), /restore\(\) while open.*call drop\(\) first/);
});
