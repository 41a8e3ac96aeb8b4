// The pad (virtual evaluation keypad) in real Chromium, as a device on the hub's /agent namespace:
// a call shows the staff member's welcome; finishing shows the five 好差评 buttons; a tap stores the
// rating against that ticket and staff member; a second rating of the same visit is refused in the
// hub's words.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { rid, startTestHub, type TestHub } from '../helpers/hub.js';
import { sql } from '../helpers/sql.js';

let hub: TestHub;
let browser: Browser;
before(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hub?.close();
});

async function ok(socket: Socket, event: string, payload: object = {}) {
  const r = (await socket.timeout(8000).emitWithAck(event, { requestId: rid(), ...payload })) as { ok: boolean; message?: string; ticket?: { id: string; number: string } };
  assert.ok(r.ok, `${event}: ${r.message}`);
  return r;
}

test('after finish the pad asks for a rating; a tap stores it against the ticket and staff member; a second is refused', async () => {
  // Each pad is its own agent: announcing replaces an agent's device list.
  const padToken = hub.hub.core.access.pairDevice({ id: 'PAD3', role: 'agent', name: '3号窗口评价器', hasPrinter: false, binding: { windows: [3], kiosks: [] } });
  const page = await openPage(browser, { width: 1280, height: 800 });
  await page.goto(`${hub.url}/pad/?windowNo=3&token=${padToken}`);
  const pad = page.getByTestId('pad');
  await pad.getByText('欢迎光临').waitFor();
  // The pad has announced itself as window 3's keypad.
  await waitUntil(() => hub.hub.core.devices.list().some((d) => d.deviceId === 'pad-3' && d.kind === 'keypad' && d.windowNo === 3 && d.online));

  const kiosk = await hub.kiosk();
  const issued = await ok(kiosk, 'ticket:issue', { serviceCode: 'DS-01', kind: 'normal' });
  const c3 = await hub.counter('0103', 3);
  await ok(c3, 'window:callNext');
  await pad.getByTestId('staff').getByText('工作人员：赵强（工号 0103）').waitFor();
  await ok(c3, 'window:finish');
  for (const label of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) {
    await page.getByRole('button', { name: new RegExp(`^${label}`) }).waitFor();
  }
  await screenshot(page, 'pad-rate');
  await page.getByRole('button', { name: /^满意/ }).click();
  await pad.getByText('感谢您的评价！').waitFor();
  const stored = hub.hub.core.state.tickets.get(issued.ticket!.id);
  assert.equal(stored?.rating?.level, 4);
  assert.equal(stored?.staffId, '0103');
  assert.equal(stored?.windowNo, 3);
  const row = sql(hub).prepare('SELECT staff_id, window_no FROM tickets WHERE id = ?').get(issued.ticket!.id) as { staff_id: string; window_no: number };
  assert.deepEqual({ ...row }, { staff_id: '0103', window_no: 3 });
  // Back to the welcome after a few seconds.
  await pad.getByText('欢迎光临').waitFor({ timeout: 15_000 });

  // The hub asks again for the same visit (a repeated prompt): the second tap is refused.
  hub.hub.core.devices.dispatch({ kind: 'keypad', windowNo: 3, prompt: 'rate', ticketId: issued.ticket!.id });
  await page.getByRole('button', { name: /^非常不满意/ }).click();
  assert.equal(await page.getByRole('alert').textContent(), '本次服务已评价，感谢您的参与');
  assert.equal(hub.hub.core.state.tickets.get(issued.ticket!.id)?.rating?.level, 4);
  await screenshot(page, 'pad-refused');
});

async function waitUntil(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
