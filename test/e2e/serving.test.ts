// The hub serves the built screens: pages per role, the ticket page under /t/<visitId>, a CSP, and
// the API beside them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { closeAll, hubAndBrowser, openPage, screenshot } from '../helpers/browser.js';
import { type TestHub } from '../helpers/hub.js';

let hub: TestHub;
let browser: Browser;
before(async () => ({ hub, browser } = await hubAndBrowser()));
after(() => closeAll(browser, hub));

test('every screen has a page with a CSP, and the API still answers', async () => {
  for (const path of ['/', '/kiosk/', '/counter/', '/display/', '/window/', '/pad/', '/book/', '/t/some-visit?k=abc']) {
    const res = await fetch(`${hub.url}${path}`);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/, path);
    assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'self'; connect-src 'self' ws: wss:/, path);
  }
  assert.equal((await fetch(`${hub.url}/assets/nothing.js`)).status, 404);
  assert.equal((await fetch(`${hub.url}/assets/../../package.json`)).status, 404);
  const hall = (await (await fetch(`${hub.url}/api/hall`)).json()) as { name: string };
  assert.equal(hall.name, '测试区政务服务中心');
});

test('the launcher renders in Chinese and links every screen', async () => {
  const page = await openPage(browser);
  await page.goto(`${hub.url}/`);
  await page.getByRole('heading', { name: 'HallQ 政务服务大厅排队叫号系统' }).waitFor();
  assert.equal(await page.locator('nav a').count(), 6);
  await screenshot(page, 'launcher');
});
