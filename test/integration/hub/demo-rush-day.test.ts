// `npm start -- --rush` keeps the hall busy across the day reset: at 04:00 the windows start the new
// day signed out, and the simulated staff sign in again and call the new day's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HallEventView } from '../../../main/protocol/index.js';
import { startRush } from '../../../main/demo/rush.js';
import { startTestHub, waitFor } from '../../helpers/hub.js';
import { at } from '../../helpers/queue-harness.js';

test('the rush keeps calling after the day reset: its staff sign in again and call the new day', async (t) => {
  let now = at('16:30', '2026-12-01');
  const h = await startTestHub({ clock: () => now, dayCheckMs: 25 });
  t.after(() => h.close());
  const staffAt = new Map([
    [1, h.hub.core.access.createSession('0101', 24 * 3600_000, now)],
    [2, h.hub.core.access.createSession('0104', 24 * 3600_000, now)],
  ]);
  const display = await h.display();
  // People at a hundredth of their pace: visitors every ~25 ms, a visit well under a second.
  const rush = startRush({ url: h.url, hall: h.hub.core.state.hall, kioskTokens: [h.tokens.kiosk], staffAt, rate: () => {}, timeScale: 0.01 });
  t.after(() => rush.stop());
  await waitFor<HallEventView>(display, 'hall:event', (e) => e.type === 'ticket.called', 20_000);

  now = at('04:00', '2026-12-02');
  const opened = await waitFor<HallEventView>(display, 'hall:event', (e) => e.type === 'day.opened', 10_000);
  assert.equal(opened.changes.day, '2026-12-02');
  // Calls of the new day, at the rushed windows, by their staff.
  const called = await waitFor<HallEventView>(
    display,
    'hall:event',
    (e) => e.type === 'ticket.called' && e.seq > opened.seq && (e.changes.tickets ?? []).some((x) => x.day === '2026-12-02'),
    20_000,
  );
  assert.ok([1, 2].includes(called.windowNo ?? 0), `called at window ${called.windowNo}`);
  assert.ok(h.hub.core.state.windows.get(called.windowNo!)?.staffId !== undefined, 'signed in again');
});
