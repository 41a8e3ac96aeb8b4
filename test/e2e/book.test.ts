// The booking page (网上预约) in real Chromium: a visitor picks the service, a day and a free slot,
// is told in Chinese what is wrong with the form, books and gets a 6-digit code — and the kiosk
// checks in with that code on its on-screen keypad and shows the ticket. A slot that filled while
// the page was open is refused with the hub's own message and then shown full; a booking is
// cancelled with its code after a confirm step. The hub's clock is a fixed morning (any hour works).
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PORTRAIT, launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { rid, startTestHub, type TestHub } from '../helpers/hub.js';
import { sql } from '../helpers/sql.js';

const PHONE = { width: 390, height: 844 } as const;
const LONG = { timeout: 30_000 };
// 2026-12-01 10:05 in the hall, moving on in real time.
const BASE = Date.parse('2026-12-01T10:05:00+08:00');

let hub: TestHub;
let browser: Browser;
before(async () => {
  const t0 = Date.now();
  hub = await startTestHub({ clock: () => BASE + (Date.now() - t0) });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hub?.close();
});

const appointment = (code: string) =>
  sql(hub).prepare('SELECT service_code, status, slot_start FROM appointments WHERE code = ?').get(code) as
    | { service_code: string; status: string; slot_start: number }
    | undefined;

async function openBooking(): Promise<Page> {
  const page = await openPage(browser, PHONE);
  await page.goto(`${hub.url}/book/`);
  await page.getByRole('button', { name: '工业产品生产许可' }).click(LONG);
  await page.locator('[data-date="2026-12-01"]').click();
  await page.locator('.b-slot').first().waitFor(LONG);
  return page;
}

test('a visitor books a slot, gets a code, and checks in with it on the kiosk keypad', async () => {
  const page = await openBooking();
  // 10:05 now: 10:30 is the first slot left today, and it is free.
  const first = page.locator('.b-slot').first();
  assert.equal((await first.locator('b').textContent())?.trim(), '10:30–11:00');
  assert.equal(await first.isEnabled(), true);
  await first.click();

  await page.getByRole('button', { name: '提交预约' }).click();
  await page.getByText('请填写姓名').waitFor();
  await page.getByText('请填写手机号码').waitFor();
  await page.locator('input[name="name"]').fill('张三');
  await page.locator('input[name="phone"]').fill('2381234567');
  await page.locator('input[name="idNumber"]').fill('110105194912310021');
  await page.getByRole('button', { name: '提交预约' }).click();
  await page.getByText('手机号码应为以1开头的11位数字').waitFor();
  await page.getByText(/身份证号码格式不正确/).waitFor();
  await screenshot(page, 'book-validation');
  assert.equal((sql(hub).prepare('SELECT COUNT(*) AS n FROM appointments').get() as { n: number }).n, 0, 'nothing sent while the form is wrong');

  await page.locator('input[name="phone"]').fill('13812345678');
  await page.locator('input[name="idNumber"]').fill('11010519491231002X');
  await page.getByRole('button', { name: '提交预约' }).click();
  await page.locator('[data-screen="booked"]').waitFor(LONG);
  const code = ((await page.getByTestId('booking-code').textContent()) ?? '').trim();
  assert.match(code, /^\d{6}$/);
  assert.match((await page.getByTestId('booking-when').textContent()) ?? '', /2026年12月1日.*10:30–11:00/);
  await page.getByText(/自助取号机.*预约取号.*输入预约码/).waitFor();
  await screenshot(page, 'book-code');
  assert.deepEqual({ ...appointment(code), slot_start: undefined }, { service_code: 'ZJ-01', status: 'booked', slot_start: undefined });
  await page.context().close();

  const kiosk = await openPage(browser, PORTRAIT);
  await kiosk.goto(`${hub.url}/kiosk/?token=${hub.tokens.kiosk}`);
  await kiosk.getByRole('button', { name: /预约取号/ }).click(LONG);
  await kiosk.getByRole('button', { name: /预约码/ }).click();
  for (const digit of code) await kiosk.getByRole('button', { name: digit, exact: true }).click();
  assert.equal(await kiosk.getByTestId('keypad-value').textContent(), code);
  await screenshot(kiosk, 'kiosk-checkin-code');
  await kiosk.getByRole('button', { name: '签到取号' }).click();
  await kiosk.locator('[data-screen="ticket"]').waitFor(LONG);
  const number = ((await kiosk.getByTestId('ticket-number').textContent()) ?? '').trim();
  assert.match(number, /^C\d{3}$/);
  await kiosk.getByText('工业产品生产许可').waitFor();
  await screenshot(kiosk, 'kiosk-checkin-ticket');
  assert.equal(appointment(code)?.status, 'checked-in');
  const ticket = sql(hub).prepare('SELECT kind, service_code FROM tickets WHERE number = ?').get(number);
  assert.deepEqual(ticket, { kind: 'appointment', service_code: 'ZJ-01' });

  // The same code again: the hub's refusal, as it wrote it.
  await kiosk.getByRole('button', { name: '完成' }).click();
  await kiosk.getByRole('button', { name: /预约取号/ }).click();
  await kiosk.getByRole('button', { name: /预约码/ }).click();
  for (const digit of code) await kiosk.getByRole('button', { name: digit, exact: true }).click();
  await kiosk.getByRole('button', { name: '签到取号' }).click();
  const refusal = ((await kiosk.getByTestId('checkin-refusal').textContent(LONG)) ?? '').trim();
  assert.match(refusal, /签到/, `the hub says it was already checked in: "${refusal}"`);
  await kiosk.context().close();
});

test('a slot that filled while the page was open is refused with the hub\'s message; a booking is cancelled with its code', async () => {
  const page = await openBooking();
  const slot = page.locator('.b-slot').nth(1);
  const slotStart = Number(await slot.getAttribute('data-slot'));
  assert.equal(await slot.isEnabled(), true);
  await slot.click();
  await page.locator('input[name="name"]').fill('李四');
  await page.locator('input[name="phone"]').fill('13912345678');

  // Meanwhile two others take that slot's two places.
  const other = await hub.publicClient();
  const codes: string[] = [];
  for (const phone of ['13700000001', '13700000002']) {
    const r = await ask(other, 8000, 'appointment:book', { requestId: rid(), serviceCode: 'ZJ-01', slotStart, name: '王五', phone });
    assert.ok(r.ok && r.appointment, JSON.stringify(r));
    codes.push(r.appointment.code);
  }
  await page.getByRole('button', { name: '提交预约' }).click();
  const refusal = page.getByTestId('refusal');
  await refusal.waitFor(LONG);
  assert.equal((await refusal.textContent())?.trim(), '所选时段已约满，请选择其他时段');
  const full = page.locator(`[data-slot="${slotStart}"]`);
  await page.locator(`[data-slot="${slotStart}"]:disabled`).waitFor(LONG);
  assert.equal((await full.locator('small').textContent())?.trim(), '已约满');
  await screenshot(page, 'book-full');

  await page.getByRole('tab', { name: '取消预约' }).click();
  await page.locator('input[name="code"]').fill(codes[0]!);
  await page.getByRole('button', { name: '取消预约', exact: true }).click();
  await page.getByText(`确定取消预约码 ${codes[0]} 的预约吗？`, { exact: false }).waitFor();
  await screenshot(page, 'book-cancel-confirm');
  assert.equal(appointment(codes[0]!)?.status, 'booked', 'nothing cancelled before the confirm');
  await page.getByRole('button', { name: '确定取消' }).click();
  await page.locator('[data-screen="cancelled"]').waitFor(LONG);
  await page.getByRole('heading', { name: '预约已取消' }).waitFor();
  assert.equal(appointment(codes[0]!)?.status, 'cancelled');
  await page.context().close();

  // Cancelling it again: the hub's refusal.
  const again = await openPage(browser, PHONE);
  await again.goto(`${hub.url}/book/`);
  await again.getByRole('tab', { name: '取消预约' }).click(LONG);
  await again.locator('input[name="code"]').fill(codes[0]!);
  await again.getByRole('button', { name: '取消预约', exact: true }).click();
  await again.getByRole('button', { name: '确定取消' }).click();
  assert.equal(((await again.getByTestId('refusal').textContent(LONG)) ?? '').trim(), '预约码无效，请核对后重试');
  await again.context().close();
});
