// The kiosk page with the identity devices, in real Chromium: a card on the reader greets the visitor
// as 张* and the number taken is that person's (一人一号 refuses a second); a kiosk set to one
// service takes the number at once (priority for a 68-year-old); a code scanner's keyboard burst
// checks a booking in; typing the same digits slowly does nothing. The page never holds the number.
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents } from '../../main/protocol/index.js';
import { SAMPLE_CARDS } from '../../drivers/sim/idcard-cards.js';
import { PORTRAIT, launchBrowser, openPage } from '../helpers/browser.js';
import { hubHall, rid, startTestHub, type TestHub } from '../helpers/hub.js';

const LONG = { timeout: 30_000 };
// 2026-12-01 10:05 in the hall, moving on in real time.
const BASE = Date.parse('2026-12-01T10:05:00+08:00');

let hub: TestHub;
let browser: Browser;
let agent: Socket<AgentServerEvents, AgentClientEvents>;
before(async () => {
  const t0 = Date.now();
  hub = await startTestHub({ hall: hubHall((c) => void (c.identity = { dailyLimitPerPerson: 1 })), clock: () => BASE + (Date.now() - t0) });
  agent = await hub.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  const announced = await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'idc-k1', kind: 'idcard', kioskId: 'K1' }] });
  assert.deepEqual(announced, { ok: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await hub?.close();
});

async function kioskPage(query = ''): Promise<Page> {
  const page = await openPage(browser, PORTRAIT);
  await page.goto(`${hub.url}/kiosk/?token=${hub.tokens.kiosk}${query}`);
  await page.getByText('请选择办理部门').waitFor(LONG);
  return page;
}

async function swipe(card: keyof typeof SAMPLE_CARDS): Promise<void> {
  const c = SAMPLE_CARDS[card].text;
  const r = await agent.emitWithAck('identity:read', {
    requestId: rid(),
    deviceId: 'idc-k1',
    kioskId: 'K1',
    card: { idNumber: c.idNumber, name: c.name, birthDate: c.birthDate, validTo: c.validTo },
  });
  assert.deepEqual(r, { ok: true });
}

const secrets = (card: keyof typeof SAMPLE_CARDS) => {
  const c = SAMPLE_CARDS[card].text;
  return [c.idNumber, c.idNumber.slice(6, 14), c.name];
};

test('a card on the reader: 张* is greeted, the number is theirs, and a second one for the same service is refused', async () => {
  const page = await kioskPage();
  await swipe('adult');
  assert.match((await page.getByTestId('identity').textContent(LONG)) ?? '', /^张\*，您好/);
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  await page.getByRole('button', { name: '取号', exact: true }).click();
  const number = ((await page.getByTestId('ticket-number').textContent(LONG)) ?? '').trim();
  assert.match(number, /^A\d{3}$/);
  const ticket = [...hub.hub.core.state.tickets.values()].find((t) => t.number === number);
  assert.ok(ticket?.idHash, 'the ticket is tied to the card');

  await page.getByRole('button', { name: '完成' }).click();
  await swipe('adult');
  await page.getByTestId('identity').waitFor(LONG);
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  await page.getByRole('button', { name: '取号', exact: true }).click();
  await page.getByText(`您今日已取${number}号`).waitFor(LONG);
  const html = await page.content();
  for (const s of secrets('adult')) assert.equal(html.includes(s), false, 'the page holds card data');
  await page.close();
});

test('a kiosk set to one service takes the number at the swipe: priority for a 68-year-old', async () => {
  const page = await kioskPage('&service=GS-02');
  await swipe('senior');
  const number = ((await page.getByTestId('ticket-number').textContent(LONG)) ?? '').trim();
  const ticket = [...hub.hub.core.state.tickets.values()].find((t) => t.number === number);
  assert.deepEqual([ticket?.serviceCode, ticket?.kind], ['GS-02', 'priority']);
  for (const s of secrets('senior')) assert.equal((await page.content()).includes(s), false);
  await page.close();
});

test('a scanner burst of the booking code checks in; the same digits typed slowly do nothing', async () => {
  const pub = await hub.publicClient();
  const booked = await ask(pub, 8000, 'appointment:book', {
    requestId: rid(),
    serviceCode: 'ZJ-01',
    slotStart: Date.parse('2026-12-01T10:30:00+08:00'),
    name: '赵六',
    phone: '13612345678',
  });
  assert.ok(booked.ok && booked.appointment, JSON.stringify(booked));
  const code = booked.appointment.code;
  const page = await kioskPage();
  // A person at a keyboard: 200 ms a key.
  await page.keyboard.type(code, { delay: 200 });
  await page.keyboard.press('Enter');
  await page.getByText('请选择办理部门').waitFor(LONG);
  assert.equal(hub.hub.core.state.appointments.get(booked.appointment.id)?.status, 'booked');
  // The scanner: a few ms a key, then Enter.
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  const number = ((await page.getByTestId('ticket-number').textContent(LONG)) ?? '').trim();
  const ticket = [...hub.hub.core.state.tickets.values()].find((t) => t.number === number);
  assert.equal(ticket?.kind, 'appointment');
  assert.equal(hub.hub.core.state.appointments.get(booked.appointment.id)?.status, 'checked-in');
  await page.close();
});
