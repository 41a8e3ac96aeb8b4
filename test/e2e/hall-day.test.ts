// A day in the demo hall, every screen in real Chromium, the hardware simulated behind the real
// agent: a visitor takes a number at the kiosk → the printer prints it with the phone page's QR →
// a staff member calls it from the counter → the hall display shows it and announces the exact
// words → the window display and the visitor's phone show the call → finish → the rating pad's
// tap is stored against that staff member. Then the hub restarts mid-day and every screen recovers
// by itself; and a kiosk that tries to leave the hall's pages is stopped by the shell's policy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { LANDSCAPE, PORTRAIT, openPage, screenshot } from '../helpers/browser.js';
import { eventually, useDemo } from '../helpers/demo.js';
import { DEMO_PASSWORD } from '../../main/demo/index.js';
import { isAllowedNavigation, windowOpenDecision } from '../../main/electron/policy.js';
import { sql } from '../helpers/sql.js';

const PHONE = { width: 390, height: 844 } as const;
const rig = useDemo();


const href = (label: string) => {
  const found = rig.demo.links.find((l) => l.label === label);
  assert.ok(found, `the launcher links ${label}`);
  return `${rig.demo.hub.url}${found.href}`;
};
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').trim();
/** How the hall's voice reads a ticket: letters as they are, digits one by one. */
const spoken = (number: string) => number.replace(/\d/g, (d) => '零一二三四五六七八九'[Number(d)]!);

async function takeNumber(kiosk: Page): Promise<string> {
  await kiosk.getByRole('button', { name: /市场监管/ }).first().click();
  await kiosk.getByRole('button', { name: /企业设立登记/ }).click();
  await kiosk.getByRole('button', { name: '取号', exact: true }).click();
  const number = await text(kiosk, 'ticket-number');
  assert.match(number, /^A\d{3}$/);
  return number;
}

test('a visitor from the kiosk to the rating, on every screen', async () => {
  const display = await openPage(rig.browser, LANDSCAPE);
  await display.goto(href('大厅综合屏'));
  const windowScreen = await openPage(rig.browser, LANDSCAPE);
  await windowScreen.goto(href('1号窗口显示屏'));
  const pad = await openPage(rig.browser, { width: 1280, height: 800 });
  await pad.goto(href('1号窗口评价平板'));
  const kiosk = await openPage(rig.browser, PORTRAIT);
  await kiosk.goto(href('取号机（1号，带打印机）'));

  const number = await takeNumber(kiosk);
  const printed = await eventually('the ticket printed', () => rig.demo.sims.receipts.find((r) => r.receipt.lines.some((l) => l.text.includes(number))));
  const qr = printed.receipt.qrCodes[0];
  assert.ok(qr?.startsWith(rig.demo.hub.url), `the QR opens the hub's phone page: ${qr}`);

  const phone = await openPage(rig.browser, PHONE);
  await phone.goto(qr!);
  await phone.getByText(number).first().waitFor();

  const counter = await openPage(rig.browser, LANDSCAPE);
  await counter.goto(href('窗口呼叫（员工登录）'));
  await counter.locator('input[name="staffId"]').fill('0102');
  await counter.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await counter.locator('select[name="window"]').selectOption('1');
  await counter.getByRole('button', { name: '登录' }).click();
  await counter.getByText('当前没有号票').waitFor();
  await counter.keyboard.press('F1');

  // The hall display: the number and the window, and the words announced.
  await eventually('the display shows the call', async () => (await text(display, 'current-number')) === number);
  assert.match(await text(display, 'current-window'), /1号窗口/);
  const words = `请${spoken(number)}号到一号窗口办理`;
  await eventually(`the display announced "${words}"`, async () => ((await display.getByTestId('announced').textContent()) ?? '').includes(words));
  await screenshot(display, 'hall-day-display');
  // The window's own display and the visitor's phone.
  await eventually('the window display shows the call', async () => ((await windowScreen.locator('body').textContent()) ?? '').includes(number));
  await screenshot(windowScreen, 'hall-day-window');
  await eventually('the phone says which window', async () => /1\s*号窗口/.test((await phone.locator('body').textContent()) ?? ''));
  await screenshot(phone, 'hall-day-phone-called');

  await counter.getByRole('button', { name: /开始办理/ }).click();
  await counter.getByText(/已办理/).waitFor();
  await counter.getByRole('button', { name: /办结/ }).click();
  // The pad asks for a rating; the visitor taps 非常满意.
  await pad.getByRole('button', { name: /非常满意/ }).waitFor({ timeout: 20_000 });
  await screenshot(pad, 'hall-day-pad');
  await pad.getByRole('button', { name: /非常满意/ }).click();
  const ticket = [...rig.demo.hub.core.state.tickets.values()].find((t) => t.number === number)!;
  const rated = await eventually('the rating is stored', () => rig.demo.hub.core.state.tickets.get(ticket.id)?.rating && rig.demo.hub.core.state.tickets.get(ticket.id));
  assert.equal(rated.rating?.level, 5);
  assert.equal(rated.staffId, '0102');
  const row = sql(rig.demo.hub).prepare('SELECT COUNT(*) AS n FROM ratings WHERE ticket_id = ?').get(ticket.id) as { n: number };
  assert.equal(row.n, 1, 'one rating row for the visit');
  await eventually('the phone says it is finished', async () => /办结/.test((await phone.locator('body').textContent()) ?? ''));
  for (const p of [display, windowScreen, pad, kiosk, phone, counter]) await p.context().close();
});

test('the hub restarts mid-day: every screen recovers by itself', async () => {
  const display = await openPage(rig.browser, LANDSCAPE);
  await display.goto(href('大厅综合屏'));
  const windowScreen = await openPage(rig.browser, LANDSCAPE);
  await windowScreen.goto(href('2号窗口显示屏'));
  const kiosk = await openPage(rig.browser, PORTRAIT);
  await kiosk.goto(href('取号机（1号，带打印机）'));
  const counter = await openPage(rig.browser, LANDSCAPE);
  await counter.goto(href('窗口呼叫（员工登录）'));
  await counter.locator('input[name="staffId"]').fill('0103');
  await counter.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await counter.locator('select[name="window"]').selectOption('2');
  await counter.getByRole('button', { name: '登录' }).click();
  await counter.getByText('当前没有号票').waitFor();
  await kiosk.getByRole('button', { name: /市场监管/ }).first().waitFor();

  await rig.demo.restartHub(2000);

  // Nobody touches a screen: the kiosk issues again, the counter calls, the displays show it.
  // The kiosk shows "hub away" and comes back to the departments by itself; nobody reloads it.
  await kiosk.getByRole('button', { name: /市场监管/ }).first().waitFor({ timeout: 40_000 });
  const number = await takeNumber(kiosk);
  await eventually('the counter calls after the restart', async () => {
    await counter.keyboard.press('F1');
    await sleep(500);
    return (await text(counter, 'current-number')) === number;
  }, 40_000);
  await eventually('the hall display shows the new call', async () => (await text(display, 'current-number')) === number, 40_000);
  await eventually('the window display shows the new call', async () => ((await windowScreen.locator('body').textContent()) ?? '').includes(number), 40_000);
  await eventually('window 2 LED shows the new call', () => rig.demo.sims.leds.state(2)?.lines.join('').includes(number), 40_000);
  await screenshot(display, 'hall-day-display-after-restart');
  for (const p of [display, windowScreen, kiosk, counter]) await p.context().close();
});

test("a kiosk page cannot leave the hall's pages: the shell's navigation policy refuses", async () => {
  // The HallQ app (main/electron) guards every window with isAllowedNavigation and denies new
  // windows; here the same policy guards a real Chromium page the way the shell wires it.
  const kiosk = await openPage(rig.browser, PORTRAIT);
  const origin = new URL(rig.demo.hub.url).origin;
  const refused: string[] = [];
  await kiosk.route('**/*', (route) => {
    const request = route.request();
    if (request.isNavigationRequest() && request.frame() === kiosk.mainFrame() && !isAllowedNavigation(request.url(), origin)) {
      refused.push(request.url());
      // As will-navigate's preventDefault does in the app: the page stays (a 204 cancels a navigation).
      return route.fulfill({ status: 204 });
    }
    return route.continue();
  });
  kiosk.context().on('page', (opened) => {
    if (windowOpenDecision().action === 'deny') void opened.close();
  });
  await kiosk.goto(href('取号机（1号，带打印机）'));
  await kiosk.getByRole('button', { name: /市场监管/ }).first().waitFor();
  await kiosk.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/phishing';
  }).catch(() => undefined);
  await sleep(500);
  assert.deepEqual(refused, ['https://example.org/phishing']);
  assert.ok(kiosk.url().startsWith(origin), `still on the hub: ${kiosk.url()}`);
  await kiosk.getByRole('button', { name: /市场监管/ }).first().click();
  await kiosk.getByRole('button', { name: /企业设立登记/ }).waitFor();
  await kiosk.context().close();
});
