// Which visitors' phones a change can move: only those of the services it touched (their own ticket,
// their service's line, the windows open for it, its service time). The hub rebuilds no other status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servicesTouched } from '../../../main/hub/roles/ticket.js';
import { QueueHarness } from '../../helpers/queue-harness.js';

const touched = (hall: QueueHarness, cmd: Parameters<QueueHarness['run']>[0]) => {
  const d = hall.run(cmd);
  assert.ok(d.ok, JSON.stringify(d));
  return [...servicesTouched(hall.state, d.events)].sort();
};

test('an issued ticket touches its service; a sign-in every service of the window; a finish the service it timed', () => {
  const hall = new QueueHarness();
  assert.deepEqual(touched(hall, { type: 'issue', serviceCode: 'DS-01', kind: 'normal' }), ['DS-01']);
  // Window 4 (综合受理) serves ZJ-01 first and GS-01 second: both lines gain an open window.
  assert.deepEqual(touched(hall, { type: 'signIn', windowNo: 4, staffId: '0101' }), ['GS-01', 'ZJ-01']);
  assert.deepEqual(touched(hall, { type: 'signIn', windowNo: 3, staffId: '0103' }), ['DS-01']);
  assert.deepEqual(touched(hall, { type: 'callNext', windowNo: 3 }), ['DS-01']);
  assert.deepEqual(touched(hall, { type: 'start', windowNo: 3 }), ['DS-01']);
  assert.deepEqual(touched(hall, { type: 'finish', windowNo: 3 }), ['DS-01']);
  assert.deepEqual(servicesTouched(hall.state, [{ changes: {} }]), new Set(), 'a change of nothing a status reads touches no service');
});
