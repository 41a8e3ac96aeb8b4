// Kiosks and hall displays show the hub's waiting counts (hall:counts): each client gets them on
// connect and every one gets them again after tickets move — also when another client connected
// in between (it was sent the new counts at once; the others still need them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallCountsView } from '../../../main/protocol/index.js';
import { rid, startTestHub, waitFor } from '../../helpers/hub.js';

const waitingFor = (c: HallCountsView, code: string) => c.services.find((s) => s.serviceCode === code)?.waiting;

test('every kiosk and display gets the new waiting counts, even when another connected just after the change', async (t) => {
  const h = await startTestHub();
  t.after(() => h.close());
  const kiosk = await h.kiosk();
  const display = await h.display();
  for (const s of [kiosk, display]) assert.equal(waitingFor(await waitFor<HallCountsView>(s, 'hall:counts'), 'GS-01'), 0);
  assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })).ok);
  // Within the counts' quiet interval: this one is sent the new counts on connect.
  const late = await h.display();
  assert.equal(waitingFor(await waitFor<HallCountsView>(late, 'hall:counts'), 'GS-01'), 1);
  for (const s of [kiosk, display]) {
    const c = await waitFor<HallCountsView>(s, 'hall:counts', (x) => waitingFor(x, 'GS-01') === 1, 5000);
    assert.ok(c.services.length > 1, 'every service is in the picture');
  }
});
