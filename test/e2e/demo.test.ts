// The demo hall end to end in real Chromium: hub + the real device agent + simulated printer, LED
// displays and keypads on TCP lines. A visitor takes a number at the kiosk → the simulated printer
// prints that number with the phone page's QR (and the launcher shows the ticket) → staff call it at
// the counter → the window's LED display shows it → finish → the evaluation keypad asks for a
// rating → a press on the launcher's keypad stores it against that ticket and staff member. Paper
// out on the simulated printer stops the kiosk with the reason.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { LANDSCAPE, PORTRAIT, openPage, screenshot } from '../helpers/browser.js';
import { eventually, useDemo } from '../helpers/demo.js';
import { DEMO_PASSWORD } from '../../main/demo/index.js';

const rig = useDemo();


const link = (label: RegExp) => {
  const found = rig.demo.links.find((l) => label.test(l.label));
  assert.ok(found, `the launcher links ${label}`);
  return `${rig.demo.hub.url}${found.href}`;
};

async function signInAtCounter(page: Page, staffId: string, windowNo: number): Promise<void> {
  await page.goto(`${rig.demo.hub.url}/counter/`);
  await page.locator('input[name="staffId"]').fill(staffId);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('select[name="window"]').selectOption(String(windowNo));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('当前没有号票').waitFor();
}

test('the launcher shows the simulated devices and links every screen', async () => {
  const page = await openPage(rig.browser, LANDSCAPE);
  await page.goto(`${rig.demo.hub.url}/`);
  await page.getByRole('heading', { name: '演示大厅：模拟设备' }).waitFor();
  await page.getByTestId('led-12').waitFor();
  await page.getByTestId('keypad-evaluation-1').waitFor();
  await page.getByTestId('keypad-caller-3').waitFor();
  for (const label of ['取号机（1号，带打印机）', '大厅综合屏', '窗口呼叫（员工登录）', '1号窗口显示屏', '1号窗口评价平板', '网上预约']) {
    await page.getByRole('link', { name: label }).waitFor();
  }
  // The agent brought every LED display up to date when it announced them: idle windows show their name.
  await eventually('window 1 LED shows something', () => (rig.demo.sims.leds.state(1)?.lines.join('') ?? '').length > 0);
  await screenshot(page, 'demo-launcher');
  await page.context().close();
});

test('kiosk → printed ticket → counter call → LED → finish → keypad rating stored against the staff member', async () => {
  const kiosk = await openPage(rig.browser, PORTRAIT);
  await kiosk.goto(link(/^取号机/));
  await kiosk.getByRole('button', { name: /市场监管/ }).first().click();
  await kiosk.getByRole('button', { name: /企业设立登记/ }).click();
  await kiosk.getByRole('button', { name: '取号', exact: true }).click();
  const number = ((await kiosk.getByTestId('ticket-number').textContent()) ?? '').trim();
  assert.match(number, /^A\d{3}$/);

  // The simulated printer decoded the agent's ESC/POS: the same number and the phone page's QR.
  const printed = await eventually('the ticket printed', () => rig.demo.sims.receipts.find((r) => r.receipt.lines.some((l) => l.text.includes(number))));
  const ticket = [...rig.demo.hub.core.state.tickets.values()].find((t) => t.number === number);
  assert.ok(ticket, 'the hub has the ticket');
  assert.equal(printed.receipt.qrCodes.length, 1, 'one QR code on the ticket');
  assert.match(printed.receipt.qrCodes[0]!, new RegExp(`/t/${ticket.visitId}\\?k=`), 'the QR opens the phone page of this visit');
  await screenshot(kiosk, 'demo-kiosk-ticket');

  // The launcher shows the printed ticket.
  const launcher = await openPage(rig.browser, LANDSCAPE);
  await launcher.goto(`${rig.demo.hub.url}/`);
  await launcher.getByTestId('receipts').locator('img').first().waitFor();

  const counter = await openPage(rig.browser, LANDSCAPE);
  await signInAtCounter(counter, '0102', 1);
  await counter.keyboard.press('F1');
  await eventually('the counter shows the call', async () => (await counter.getByTestId('current-number').textContent()) === number);
  await eventually(`window 1 LED shows ${number}`, () => rig.demo.sims.leds.state(1)?.lines.join('').includes(number));
  await eventually('the launcher shows the LED line', async () => ((await launcher.getByTestId('led-1').getAttribute('data-lines')) ?? '').includes(number));
  await screenshot(launcher, 'demo-launcher-call');

  await counter.getByRole('button', { name: /开始办理/ }).click();
  await counter.getByText(/已办理/).waitFor();
  await counter.getByRole('button', { name: /办结/ }).click();
  // The hub asks the window's evaluation keypad for a rating; the visitor presses 非常满意 on it.
  await eventually('the keypad asks for a rating', () => rig.demo.sims.keypads.device(1).screen.mode === 'prompt');
  await launcher.getByTestId('keypad-evaluation-1').getByRole('button', { name: '非常满意' }).click();
  const rated = await eventually('the rating is stored', () => {
    const t = rig.demo.hub.core.state.tickets.get(ticket.id);
    return t?.rating ? t : undefined;
  });
  assert.equal(rated.rating?.level, 5);
  assert.equal(rated.staffId, '0102');
  assert.equal(rated.windowNo, 1);
  await screenshot(launcher, 'demo-launcher-rated');
  for (const p of [kiosk, launcher, counter]) await p.context().close();
});

test('paper out on the simulated printer stops the kiosk with the reason; paper back, it issues again', async () => {
  const kiosk = await openPage(rig.browser, PORTRAIT);
  await kiosk.goto(link(/^取号机/));
  await kiosk.getByRole('button', { name: /市场监管/ }).first().waitFor();
  const launcher = await openPage(rig.browser, LANDSCAPE);
  await launcher.goto(`${rig.demo.hub.url}/`);
  await launcher.getByRole('button', { name: '缺纸' }).click();
  await kiosk.locator('[data-screen="stopped"]').waitFor({ timeout: 20_000 });
  assert.match((await kiosk.locator('.k-reason').textContent()) ?? '', /缺纸/);
  await screenshot(kiosk, 'demo-kiosk-paper-out');
  await launcher.getByRole('button', { name: '装纸' }).click();
  await kiosk.getByRole('button', { name: /市场监管/ }).first().waitFor({ timeout: 20_000 });
  for (const p of [kiosk, launcher]) await p.context().close();
});

test('a 居民身份证 laid on the simulated reader of K1 from the launcher: 李** takes a priority number, and 一人一号 refuses a second', async () => {
  const kiosk = await openPage(rig.browser, PORTRAIT);
  await kiosk.goto(link(/^取号机/));
  await kiosk.getByRole('button', { name: /市场监管/ }).first().waitFor();
  const launcher = await openPage(rig.browser, LANDSCAPE);
  await launcher.goto(`${rig.demo.hub.url}/`);
  const take = async () => {
    await launcher.getByRole('button', { name: /李秀英的身份证/ }).click();
    await kiosk.getByTestId('identity').filter({ hasText: /^李\*+，您好/ }).waitFor({ timeout: 20_000 });
    await kiosk.getByRole('button', { name: /市场监管/ }).first().click();
    await kiosk.getByRole('button', { name: /企业设立登记/ }).click();
    await kiosk.getByRole('button', { name: '取号', exact: true }).click();
  };
  await take();
  const number = ((await kiosk.getByTestId('ticket-number').textContent()) ?? '').trim();
  const ticket = [...rig.demo.hub.core.state.tickets.values()].find((t) => t.number === number);
  assert.deepEqual([ticket?.kind, Boolean(ticket?.idHash)], ['priority', true], 'over 60 by the card: a priority ticket tied to the card');
  await eventually('the ticket printed', () => rig.demo.sims.receipts.find((r) => r.receipt.lines.some((l) => l.text.includes(number))));
  // The launcher's panel follows the devices by polling: it says which card lies there at its next look.
  await launcher.getByTestId('idcard-state').filter({ hasText: /李秀英/ }).waitFor();
  await screenshot(kiosk, 'demo-kiosk-idcard-ticket');

  await kiosk.getByRole('button', { name: '完成' }).click();
  await launcher.getByRole('button', { name: '取走证件' }).click();
  await launcher.getByTestId('idcard-state').filter({ hasText: '没有证件' }).waitFor();
  await take();
  await kiosk.getByText(`您今日已取${number}号`).waitFor({ timeout: 20_000 });
  await launcher.getByRole('button', { name: '取走证件' }).click();
  for (const p of [kiosk, launcher]) await p.context().close();
});
