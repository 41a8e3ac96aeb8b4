// The kiosk's keyboard-wedge code scanner: a burst of keys ending in Enter is a scan; typing is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WEDGE_IDLE, classifyScan, wedgeKey, type WedgeState } from '../../../renderer/src/kiosk/scanner.js';

/** Keys with the gaps (ms) before each; the scans they make. */
function feed(keys: [string, number][]): string[] {
  let state: WedgeState = WEDGE_IDLE;
  let at = 1000;
  const out: string[] = [];
  for (const [key, gap] of keys) {
    at += gap;
    const r = wedgeKey(state, key, at);
    state = r.state;
    if (r.scanned !== undefined) out.push(r.scanned);
  }
  return out;
}
const burst = (text: string, gap = 5): [string, number][] => [...[...text].map((c) => [c, gap] as [string, number]), ['Enter', gap]];

test('a scanner burst (5 ms a key) ending in Enter is one scan', () => {
  assert.deepEqual(feed(burst('123456')), ['123456']);
  assert.deepEqual(feed(burst('http://10.0.0.5:8080/t/v1?k=abc', 2)), ['http://10.0.0.5:8080/t/v1?k=abc']);
});

test('typing (150 ms a key) is not a scan, and a slow key splits a burst', () => {
  assert.deepEqual(feed(burst('123456', 150)), []);
  // A pause before the Enter: a person pressed it.
  assert.deepEqual(feed([...burst('123456').slice(0, -1), ['Enter', 200]]), []);
  // Typed "12", then a scanner burst: only the burst is the scan.
  const later = burst('654321');
  later[0] = ['6', 300];
  assert.deepEqual(feed([['1', 0], ['2', 300], ...later]), ['654321']);
});

test('too short a burst, or another key inside it, is not a scan; Shift for capitals is fine', () => {
  assert.deepEqual(feed(burst('12')), []);
  assert.deepEqual(feed([['1', 5], ['2', 5], ['ArrowLeft', 5], ['3', 5], ['4', 5], ['Enter', 5]]), []);
  assert.deepEqual(feed([['Shift', 5], ['A', 5], ['B', 5], ['Shift', 5], ['C', 5], ['D', 5], ['Enter', 5]]), ['ABCD']);
  assert.deepEqual(feed([...burst('123456'), ...burst('222333')]), ['123456', '222333']);
});

test('a scan is a booking code, a HallQ ticket QR, or neither', () => {
  assert.deepEqual(classifyScan('123456'), { kind: 'booking', code: '123456' });
  assert.deepEqual(classifyScan('http://10.0.0.5:8080/t/v%201?k=abc'), { kind: 'ticket', visitId: 'v 1', token: 'abc' });
  assert.deepEqual(classifyScan('http://10.0.0.5:8080/t/v1'), { kind: 'unknown' });
  assert.deepEqual(classifyScan('6901234567892'), { kind: 'unknown' });
  assert.deepEqual(classifyScan('12345'), { kind: 'unknown' });
});
