// The visitor's phone page in real Chromium at a phone's size: opened from the issue reply's
// status URL (the ticket's QR), it follows the ticket live — people ahead, the call with its window,
// a recall, serving, finished, a transfer — without a reload; a wrong link gets a clear Chinese
// error; where WebSockets are blocked it polls; when the hub goes away it keeps the last state.
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeAll, hubAndBrowser, openPage, screenshot } from '../helpers/browser.js';
import { rid, type TestHub } from '../helpers/hub.js';

const PHONE = { width: 390, height: 844 } as const;
const LONG = { timeout: 30_000 };

let hub: TestHub;
let browser: Browser;
before(async () => ({ hub, browser } = await hubAndBrowser()));
after(() => closeAll(browser, hub));

async function issue(serviceCode = 'GS-01') {
  const kiosk = await hub.kiosk();
  const r = await ask(kiosk, 8000, 'ticket:issue', { requestId: rid(), serviceCode, kind: 'normal' });
  assert.ok(r.ok && r.ticket && r.statusUrl, JSON.stringify(r));
  return { ticket: r.ticket, statusUrl: r.statusUrl };
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();

test('the phone page follows a ticket live from waiting to called, recalled, serving and finished', async () => {
  const first = await issue();
  const mine = await issue();
  const page = await openPage(browser, PHONE);
  // Count the vibrations the page asks for (Chromium has no vibration motor to check).
  // (A string, not a function: tsx's name helpers do not exist in the page.)
  await page.addInitScript({ content: "window.buzzes = 0; Object.defineProperty(navigator, 'vibrate', { value: () => (window.buzzes++, true) });" });
  // The page vibrates from an effect after it renders the call: wait for the count, do not race it.
  const buzzed = async (n: number) => {
    await page.waitForFunction((want) => (globalThis as unknown as { buzzes: number }).buzzes >= want, n, LONG);
    return page.evaluate(() => (globalThis as unknown as { buzzes: number }).buzzes);
  };
  await page.goto(mine.statusUrl);
  await page.getByTestId('ticket-number').waitFor(LONG);
  assert.equal(await text(page, 'ticket-number'), mine.ticket.number);
  assert.equal(await text(page, 'service'), '企业设立登记');
  assert.equal(await text(page, 'people-ahead'), '1人');
  await screenshot(page, 'ticket-phone-waiting');

  const counter = await hub.counter('0101', 1);
  const call = async (event: 'window:callNext' | 'window:recall' | 'window:start' | 'window:finish') => {
    const r = await ask(counter, 8000, event, { requestId: rid() });
    assert.ok(r.ok, `${event}: ${JSON.stringify(r)}`);
    return r;
  };
  assert.equal((await call('window:callNext')).ticket?.number, first.ticket.number);
  await page.getByText('0人').waitFor(LONG);
  await call('window:start');
  await call('window:finish');

  assert.equal((await call('window:callNext')).ticket?.number, mine.ticket.number);
  await page.locator('[data-state="called"]').waitFor(LONG);
  assert.equal((await text(page, 'call')).replace(/\s+/g, ' '), '请到 1号窗口 办理');
  await page.getByText('企业登记').waitFor();
  await screenshot(page, 'ticket-phone-called');
  assert.equal(await buzzed(1), 1, 'the phone vibrates when called');
  await call('window:recall');
  await page.getByTestId('recalled').waitFor(LONG);
  assert.equal(await text(page, 'recalled'), '第2次呼叫，请尽快前往');
  assert.equal(await buzzed(2), 2, 'and again on a recall');
  await call('window:start');
  await page.locator('[data-state="serving"]').waitFor(LONG);
  await page.getByText('正在1号窗口办理').waitFor();
  await call('window:finish');
  await page.locator('[data-state="done"]').waitFor(LONG);
  await page.getByText('业务已办结，感谢您的耐心等待').waitFor();
  await page.getByText(/好差评/).waitFor();
  await page.getByText(/12345/).waitFor();
  await screenshot(page, 'ticket-phone-done');
  // The visitor rates on the window's keypad: the page thanks them and no longer asks to rate.
  const agent = await hub.agent();
  agent.on('job:run', (_job: unknown, ack: (r: { ok: true }) => void) => ack({ ok: true }));
  assert.ok((await ask(agent, 8000, 'agent:devices', { devices: [{ deviceId: 'pad-1', kind: 'keypad', windowNo: 1 }] })).ok);
  const rated = await ask(agent, 8000, 'keypad:rate', { requestId: rid(), windowNo: 1, level: 5 });
  assert.ok(rated.ok, JSON.stringify(rated));
  await page.getByTestId('rate-hint').getByText('您已评价，感谢您的反馈').waitFor(LONG);
  assert.equal(await page.getByText(/好差评/).count(), 0);
  await screenshot(page, 'ticket-phone-rated');
  agent.close();
  await page.context().close();
});

test('a transferred ticket keeps its number and shows its new service', async () => {
  const mine = await issue();
  const counter = await hub.counter('0102', 2);
  const called = await ask(counter, 8000, 'window:callNumber', { requestId: rid(), number: mine.ticket.number });
  assert.ok(called.ok, JSON.stringify(called));
  const page = await openPage(browser, PHONE);
  await page.goto(mine.statusUrl);
  await page.locator('[data-state="called"]').waitFor(LONG);
  assert.equal((await text(page, 'call')).replace(/\s+/g, ' '), '请到 2号窗口 办理');
  const moved = await ask(counter, 8000, 'window:transfer', { requestId: rid(), to: { serviceCode: 'GS-02' }, position: 'tail' });
  assert.ok(moved.ok, JSON.stringify(moved));
  await page.locator('[data-note="transferred"]').waitFor(LONG);
  assert.equal(await text(page, 'ticket-number'), mine.ticket.number);
  assert.equal(await text(page, 'service'), '企业变更登记');
  await page.getByText('已为您转至「企业变更登记」，号码不变，请继续等候').waitFor();
  await screenshot(page, 'ticket-phone-transferred');
  await page.context().close();
});

test('suspended, no-show and cancelled tickets say so on the phone', async () => {
  const counter = await hub.counter('0104', 4);
  const send = async (event: 'window:start' | 'window:recall', times = 1) => {
    for (let i = 0; i < times; i++) assert.ok((await ask(counter, 8000, event, { requestId: rid() })).ok, event);
  };
  const callNumber = async (number: string) =>
    assert.ok((await ask(counter, 8000, 'window:callNumber', { requestId: rid(), number })).ok, `call ${number}`);
  const [suspended, absent, cancelled] = [await issue(), await issue(), await issue()];
  const pages = await Promise.all([suspended, absent, cancelled].map(async (x) => {
    const page = await openPage(browser, PHONE);
    await page.goto(x.statusUrl);
    await page.locator('[data-state="waiting"]').waitFor(LONG);
    return page;
  }));
  const [p1, p2, p3] = pages as [Page, Page, Page];

  await callNumber(suspended.ticket.number);
  await send('window:start');
  assert.ok((await ask(counter, 8000, 'window:suspend', { requestId: rid(), reason: '补交材料' })).ok);
  await p1.locator('[data-state="suspended"]').waitFor(LONG);
  await p1.getByText('业务暂停：补交材料').waitFor();
  await screenshot(p1, 'ticket-phone-suspended');

  await callNumber(absent.ticket.number);
  await send('window:recall', 4); // the hall's recallLimit is 3: the 4th makes a no-show
  await p2.locator('[data-state="no-show"]').waitFor(LONG);
  await p2.getByText('您已过号').waitFor();

  assert.ok((await ask(counter, 8000, 'ticket:cancel', { requestId: rid(), ticketId: cancelled.ticket.id })).ok);
  await p3.locator('[data-state="cancelled"]').waitFor(LONG);
  await p3.getByText('号票已取消').waitFor();
  for (const p of pages) await p.context().close();
});

test('a wrong or incomplete link gets a clear Chinese error', async () => {
  const mine = await issue();
  const page = await openPage(browser, PHONE);
  await page.goto(mine.statusUrl.replace(/k=[^&]+/, 'k=not-the-right-token-at-all'));
  await page.locator('[data-status="error"]').waitFor(LONG);
  await page.getByRole('heading', { name: '号票不存在或已过期' }).waitFor();
  await page.getByText('请核对链接，或重新扫描号票上的二维码').waitFor();
  await screenshot(page, 'ticket-phone-wrong-link');
  await page.goto(`${hub.url}/t/${mine.ticket.visitId}`);
  await page.getByRole('heading', { name: '链接不完整：请重新扫描号票上的二维码' }).waitFor(LONG);
  await page.context().close();
});

test('where WebSockets are blocked the page polls and still shows the call', async () => {
  const mine = await issue('DS-01');
  const page = await openPage(browser, PHONE);
  let refusedSockets = 0;
  await page.routeWebSocket(/socket\.io/, (ws) => {
    refusedSockets++;
    void ws.close();
  });
  await page.goto(mine.statusUrl);
  await page.getByTestId('ticket-number').waitFor(LONG);
  assert.equal(await text(page, 'ticket-number'), mine.ticket.number);
  const counter = await hub.counter('0103', 3);
  const called = await ask(counter, 8000, 'window:callNext', { requestId: rid() });
  assert.ok(called.ok && called.ticket?.number === mine.ticket.number, JSON.stringify(called));
  await page.locator('[data-state="called"]').waitFor(LONG);
  assert.equal((await text(page, 'call')).replace(/\s+/g, ' '), '请到 3号窗口 办理');
  assert.ok(refusedSockets > 0, 'the page did try the socket first');
  await page.context().close();
});

// Last: it stops the hub.
test('when the hub goes away the page says so and keeps the last known state', async () => {
  const mine = await issue('GS-02');
  const page = await openPage(browser, PHONE);
  await page.goto(mine.statusUrl);
  await page.getByTestId('people-ahead').waitFor(LONG);
  await hub.hub.close();
  await page.getByText('网络断开，正在重连…').waitFor(LONG);
  assert.equal(await text(page, 'ticket-number'), mine.ticket.number);
  await page.getByText('以下为最后一次获取的状态').waitFor();
  await screenshot(page, 'ticket-phone-offline');
  await page.context().close();
});
