// The counter in real Chromium: a staff member signs in, calls, starts and finishes a visitor; the
// timer shows; a refusal's message is shown as the hub wrote it.
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { PASSWORD, rid, startTestHub, type TestHub } from '../helpers/hub.js';
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

test('a staff member signs in, calls, starts and finishes; a refusal is shown as is', async () => {
  const kiosk = await hub.kiosk();
  const issued = await ask(kiosk, 8000, 'ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
  assert.ok(issued.ok && issued.ticket);
  const page = await openPage(browser);
  await page.goto(`${hub.url}/counter/`);
  await page.locator('input[name="staffId"]').fill('0101');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('select[name="window"]').selectOption('1');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('当前没有号票').waitFor();
  // Nothing called: 办结 does not apply, so it cannot be pressed.
  assert.equal(await page.getByRole('button', { name: /办结/ }).isDisabled(), true);
  await page.keyboard.press('F1');
  assert.equal(await page.getByTestId('current-number').textContent(), issued.ticket.number);
  await page.getByRole('button', { name: /开始办理/ }).click();
  await page.getByText(/已办理 00:0\d/).waitFor();
  await screenshot(page, 'counter-serving');
  await page.getByRole('button', { name: /办结/ }).click();
  await page.getByText('当前没有号票').waitFor();
  // 叫号 with nobody waiting: the hub refuses, and its words are shown.
  await page.keyboard.press('F1');
  assert.equal(await page.getByRole('alert').textContent(), '当前没有等候的号票');
  const row = sql(hub).prepare('SELECT status FROM tickets WHERE id = ?').get(issued.ticket.id) as { status: string };
  assert.equal(row.status, 'done');
});
