// The window display (virtual LED over a window) in real Chromium: it shows calls at its own window
// only, the number while served, 欢迎光临 and the window name when idle, 暂停服务 with the reason.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { closeAll, hubAndBrowser, openPage, screenshot } from '../helpers/browser.js';
import { rid, type TestHub, startTestHub } from '../helpers/hub.js';

let hub: TestHub;
let browser: Browser;
before(async () => ({ hub, browser } = await hubAndBrowser()));
after(() => closeAll(browser, hub));

async function ok(socket: Socket, event: string, payload: object = {}) {
  const r = (await socket.timeout(8000).emitWithAck(event, { requestId: rid(), ...payload })) as { ok: boolean; message?: string; ticket?: { number: string } };
  assert.ok(r.ok, `${event}: ${r.message}`);
  return r;
}

test('the window display shows calls at its own window only, then serving, idle, and paused with the reason', async () => {
  const kiosk = await hub.kiosk();
  const a = await ok(kiosk, 'ticket:issue', { serviceCode: 'GS-01', kind: 'normal' });
  const b = await ok(kiosk, 'ticket:issue', { serviceCode: 'DS-01', kind: 'normal' });
  const page = await openPage(browser, { width: 1280, height: 360 });
  await page.goto(`${hub.url}/window/?windowNo=3&token=${hub.tokens.display}`);
  const main = page.getByTestId('led-main');
  // Nobody signed in at window 3 yet.
  await main.getByText('暂停服务').waitFor();
  assert.equal(await page.getByTestId('window-number').textContent(), '3号窗口');

  const c3 = await hub.counter('0103', 3);
  await main.getByText('欢迎光临').waitFor();
  assert.equal(await page.getByTestId('led-sub').textContent(), '税务');

  // A call at window 1 is not this window's business.
  const c1 = await hub.counter('0101', 1);
  await ok(c1, 'window:callNext');
  const called = await ok(c3, 'window:callNext');
  assert.equal(called.ticket?.number, b.ticket?.number);
  await main.getByText(`请 ${b.ticket!.number} 号`).waitFor();
  assert.equal(await main.getAttribute('data-mode'), 'calling');
  assert.doesNotMatch((await main.textContent()) ?? '', new RegExp(a.ticket!.number));
  await screenshot(page, 'window-calling');

  await ok(c3, 'window:start');
  await main.getByText(`${b.ticket!.number} 号 正在办理`).waitFor();
  await ok(c3, 'window:finish');
  await main.getByText('欢迎光临').waitFor();

  await ok(c3, 'window:pause', { reason: '系统升级' });
  await main.getByText('暂停服务').waitFor();
  await page.getByTestId('led-sub').getByText('系统升级').waitFor();
  await screenshot(page, 'window-paused');
  await ok(c3, 'window:resume');
  await main.getByText('欢迎光临').waitFor();
});

test('when the hub has been away for more than a minute the window display says so, keeping the last state', async () => {
  const other = await startTestHub();
  const page = await openPage(browser, { width: 1280, height: 360 });
  try {
    // The page's clock runs normally until the test moves it on.
    await page.clock.install();
    await page.goto(`${other.url}/window/?windowNo=3&token=${other.tokens.display}`);
    await page.getByTestId('led-main').getByText('暂停服务').waitFor();
    await other.hub.close();
    await page.locator('.led[data-connection="offline"]').waitFor();
    await page.clock.fastForward('00:30');
    assert.equal(await page.getByTestId('maintenance').count(), 0);
    await page.clock.fastForward('00:35');
    await page.getByTestId('maintenance').getByText('系统维护中，请稍候').waitFor();
    assert.equal(await page.getByTestId('led-main').textContent(), '暂停服务');
    await screenshot(page, 'window-maintenance');
  } finally {
    await page.close();
    await other.close();
  }
});
