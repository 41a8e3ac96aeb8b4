// The kiosk's additions in real Chromium: appointment check-in by ID number (with the X key) and a
// refused code shown as the hub wrote it; the admin PIN behind a 3-second press on the hall name
// (wrong PIN refused, right PIN opens the settings); the ticket screen's wording with and without
// a printer, and the on-screen QR that a phone reads as the ticket page's address.
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { hashPassword } from '../../main/hub/passwords.js';
import { LANDSCAPE, PORTRAIT, launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { hubHall, rid, startTestHub, type TestHub } from '../helpers/hub.js';
import { readQrSvg } from '../helpers/qr.js';
import { sql } from '../helpers/sql.js';

const LONG = { timeout: 30_000 };
const PIN = '135790';
const ID = '11010519491231002X';
// 2026-12-01 10:05 in the hall, moving on in real time (so a slot is always due).
const BASE = Date.parse('2026-12-01T10:05:00+08:00');

let hub: TestHub;
let browser: Browser;
before(async () => {
  const t0 = Date.now();
  const adminPinHash = await hashPassword(PIN);
  hub = await startTestHub({ hall: hubHall((c) => (c.kiosk = { adminPinHash })), clock: () => BASE + (Date.now() - t0) });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hub?.close();
});

async function kioskPage(token = hub.tokens.kiosk, viewport: { width: number; height: number } = PORTRAIT): Promise<Page> {
  const page = await openPage(browser, viewport);
  await page.goto(`${hub.url}/kiosk/?token=${token}`);
  await page.getByText('请选择办理部门').waitFor(LONG);
  return page;
}

async function type(page: Page, text: string): Promise<void> {
  for (const ch of text) await page.getByRole('button', { name: ch, exact: true }).click();
}

test('a visitor checks in by ID number with the X key; a wrong code is refused as the hub says', async () => {
  const pub = await hub.publicClient();
  const booked = await ask(pub, 8000, 'appointment:book', {
    requestId: rid(),
    serviceCode: 'ZJ-01',
    slotStart: Date.parse('2026-12-01T10:30:00+08:00'),
    name: '赵六',
    phone: '13612345678',
    idNumber: ID,
  });
  assert.ok(booked.ok, JSON.stringify(booked));

  const page = await kioskPage(hub.tokens.kiosk, LANDSCAPE);
  await page.getByRole('button', { name: /预约取号/ }).click();
  await page.getByRole('button', { name: /预约码/ }).click();
  await type(page, '000000');
  await page.getByRole('button', { name: '签到取号' }).click();
  assert.equal(((await page.getByTestId('checkin-refusal').textContent(LONG)) ?? '').trim(), '预约码无效，请核对后重试');
  await screenshot(page, 'kiosk-checkin-refused');

  await page.getByRole('button', { name: '返回' }).click();
  await page.getByRole('button', { name: /身份证号/ }).click();
  const x = page.getByRole('button', { name: 'X', exact: true });
  assert.equal(await x.isDisabled(), true, 'X only as the 18th character');
  await type(page, ID.slice(0, 17));
  assert.equal(await x.isEnabled(), true);
  await x.click();
  assert.equal(await page.getByTestId('keypad-value').textContent(), ID);
  await screenshot(page, 'kiosk-checkin-id');
  await page.getByRole('button', { name: '签到取号' }).click();
  await page.locator('[data-screen="ticket"]').waitFor(LONG);
  assert.match(((await page.getByTestId('ticket-number').textContent()) ?? '').trim(), /^C\d{3}$/);
  await page.context().close();
});

test('a kiosk without a printer says to photograph or remember the number and shows a QR of the phone page', async () => {
  const page = await kioskPage(hub.tokens.kiosk, LANDSCAPE);
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  await page.getByRole('button', { name: '取号', exact: true }).click();
  const number = ((await page.getByTestId('ticket-number').textContent(LONG)) ?? '').trim();
  await page.getByText('请拍照或记住您的号码').waitFor();
  assert.equal(await page.getByText(/请取走/).count(), 0, 'no "take your ticket" without a printer');
  const svg = await page.locator('svg.qr').evaluate((el) => el.outerHTML);
  const url = readQrSvg(svg);
  const row = sql(hub).prepare('SELECT visit_id, token FROM tickets WHERE number = ?').get(number) as { visit_id: string; token: string };
  assert.equal(url, `${hub.url}/t/${encodeURIComponent(row.visit_id)}?k=${encodeURIComponent(row.token)}`);
  await screenshot(page, 'kiosk-no-printer-qr');
  // The phone that scans it sees the same number.
  const phone = await openPage(browser, { width: 390, height: 844 });
  await phone.goto(url);
  assert.equal(((await phone.getByTestId('ticket-number').textContent(LONG)) ?? '').trim(), number);
  await phone.context().close();
  await page.context().close();
});

test('a kiosk with a printer says to take the ticket once it printed', async () => {
  const agent = await hub.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  assert.deepEqual(await ask(agent, 8000, 'agent:devices', { devices: [{ deviceId: 'P-K2', kind: 'printer', kioskId: 'K2' }] }), { ok: true });
  const page = await kioskPage(hub.tokens.kioskWithPrinter);
  await page.getByRole('button', { name: /税务局/ }).click();
  await page.getByRole('button', { name: /发票领用/ }).click();
  await page.getByRole('button', { name: '取号', exact: true }).click();
  await page.locator('[data-print="ok"]').waitFor(LONG);
  await page.getByText('请取走您的号票，并留意大厅叫号').waitFor();
  assert.equal(await page.locator('svg.qr').count(), 0);
  await screenshot(page, 'kiosk-printed');
  await page.context().close();
});

test('a 3-second press on the hall name opens the PIN pad; a wrong PIN is refused, the right one opens the settings', async () => {
  const page = await kioskPage();
  const name = page.getByTestId('hall-name');
  // A short tap does nothing.
  await name.click();
  assert.equal(await page.locator('[data-screen="admin-pin"]').count(), 0);
  const box = (await name.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.locator('[data-screen="admin-pin"]').waitFor(LONG);
  await page.mouse.up();

  await type(page, '111111');
  assert.equal(await page.getByTestId('keypad-value').textContent(), '●●●●●●', 'the PIN is masked');
  await page.getByRole('button', { name: '确定' }).click();
  assert.equal(((await page.getByTestId('pin-refusal').textContent(LONG)) ?? '').trim(), '密码错误，还可尝试4次');
  await screenshot(page, 'kiosk-admin-pin-wrong');

  await type(page, PIN);
  await page.getByRole('button', { name: '确定' }).click();
  await page.locator('[data-screen="admin-settings"]').waitFor(LONG);
  await page.getByRole('button', { name: '退出一体机模式' }).click();
  await page.getByText('仅在一体机应用中可用').waitFor();
  await page.getByRole('button', { name: '横屏' }).click();
  assert.equal(await page.locator('.kiosk').getAttribute('data-layout'), 'landscape');
  await screenshot(page, 'kiosk-admin-settings');
  await page.getByRole('button', { name: '退出设置' }).click();
  assert.equal(await page.locator('[data-screen="admin-settings"]').count(), 0);
  // The choice is kept for the next start.
  await page.reload();
  await page.getByText('请选择办理部门').waitFor(LONG);
  assert.equal(await page.locator('.kiosk').getAttribute('data-layout'), 'landscape');
  await page.context().close();
});

test('inside the HallQ app the settings leave kiosk mode through window.hallq.exitKiosk', async () => {
  const page = await openPage(browser, PORTRAIT);
  // The app's preload object as the Electron shell exposes it (a string: runs in the page as is).
  await page.addInitScript({ content: 'window.exits = 0; window.hallq = { version: "test", exitKiosk: () => (window.exits++, Promise.resolve(true)) };' });
  await page.goto(`${hub.url}/kiosk/?token=${hub.tokens.kiosk}`);
  const name = page.getByTestId('hall-name');
  await name.waitFor(LONG);
  const box = (await name.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.locator('[data-screen="admin-pin"]').waitFor(LONG);
  await page.mouse.up();
  await type(page, PIN);
  await page.getByRole('button', { name: '确定' }).click();
  await page.getByRole('button', { name: '退出一体机模式' }).click(LONG);
  await page.getByText('已退出一体机模式，可关闭本窗口').waitFor(LONG);
  assert.equal(await page.evaluate('window.exits'), 1);
  await page.context().close();
});

