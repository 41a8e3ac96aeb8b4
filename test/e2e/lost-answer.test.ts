// A command whose answer is lost: the hub commits, then the network drops before the answer reaches
// the page. The page must wait (正在处理), take no second tap, resend with the same requestId once
// it is back, and show what the hub did the first time — one ticket, one print, one call, one rating.
// Chromium reaches the hub through a TCP proxy (test/helpers/proxy.ts) that the test cuts from
// inside the command, in hub.core.onPublished, which runs after the commit and before the answer.
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { DeviceJob, KioskState } from '../../main/protocol/index.js';
import type { StoredEvent } from '../../main/hub/feed.js';
import { PORTRAIT, launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { PASSWORD, rid, startTestHub, waitFor, type TestHub } from '../helpers/hub.js';
import { startCutProxy, type CutProxy } from '../helpers/proxy.js';
import { sql } from '../helpers/sql.js';

let hub: TestHub;
let proxy: CutProxy;
let browser: Browser;
/** Every event the hub published, and the event type whose publication cuts the network next. */
const published: StoredEvent[] = [];
let cutOn: string | undefined;
before(async () => {
  hub = await startTestHub();
  proxy = await startCutProxy(hub.url);
  hub.hub.core.onPublished((events) => {
    published.push(...events);
    if (cutOn && events.some((e) => e.type === cutOn)) {
      cutOn = undefined;
      proxy.hold();
      proxy.cut();
    }
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await proxy?.close();
  await hub?.close();
});

const count = (type: string) => published.filter((e) => e.type === type).length;

test('a kiosk whose answer is lost shows 正在处理, ignores a second tap, and shows the one ticket issued and printed', async () => {
  // K2 has a printer: an agent with its printer device, counting the print jobs the hub sends.
  const agent = await hub.agent();
  const jobs: DeviceJob[] = [];
  agent.on('job:run', (job, ack) => {
    jobs.push(job);
    ack({ ok: true });
  });
  const watcher = await hub.kiosk(hub.tokens.kioskWithPrinter);
  assert.ok((await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'prn-k2', kind: 'printer', kioskId: 'K2' }] })).ok);
  await waitFor<KioskState>(watcher, 'kiosk:state', (s) => s.canIssue, 10_000);

  const page = await openPage(browser, PORTRAIT);
  await page.goto(`${proxy.url}/kiosk/?token=${hub.tokens.kioskWithPrinter}`);
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  const take = page.getByRole('button', { name: '取号', exact: true });
  const spot = await take.boundingBox();
  assert.ok(spot);

  cutOn = 'ticket.issued';
  await take.click();
  const processing = page.locator('[data-screen="processing"]');
  await processing.getByText('正在处理，请稍候').waitFor();
  await processing.getByText('网络断开').waitFor();
  assert.equal(count('ticket.issued'), 1, 'the hub issued the ticket before the network dropped');
  await screenshot(page, 'kiosk-lost-answer-processing');

  // The visitor taps 取号 again: the 正在处理 screen takes the tap, and 取号 itself is disabled.
  await page.mouse.click(spot.x + spot.width / 2, spot.y + spot.height / 2);
  assert.ok(await take.isDisabled(), '取号 is disabled while the first tap is unanswered');

  proxy.release();
  await page.locator('[data-print="ok"]').waitFor();
  const shown = await page.getByTestId('ticket-number').textContent();
  await screenshot(page, 'kiosk-lost-answer-ticket');

  const rows = sql(hub).prepare('SELECT id, number FROM tickets').all() as { id: string; number: string }[];
  assert.equal(rows.length, 1, `one ticket in the database: ${JSON.stringify(rows)}`);
  assert.equal(shown, rows[0]!.number, 'the kiosk shows the ticket the hub issued');
  assert.equal(hub.hub.core.state.tickets.size, 1);
  assert.equal(count('ticket.issued'), 1, 'one ticket.issued event');
  const prints = jobs.filter((j) => j.kind === 'print');
  assert.deepEqual(prints.map((j) => j.kind === 'print' && j.ticket.id), [rows[0]!.id], 'one print job, for that ticket');
  await page.context().close();
});

test('a kiosk that waits too long goes home; the tap it gave up on never shows up for the next visitor nor issues again', async () => {
  const tickets = () => (sql(hub).prepare('SELECT number FROM tickets ORDER BY number').all() as { number: string }[]).map((r) => r.number);
  const before = tickets();
  const page = await openPage(browser, PORTRAIT);
  // idle=3: the kiosk gives a tap up after 4 × 3 s untouched.
  await page.goto(`${proxy.url}/kiosk/?token=${hub.tokens.kiosk}&idle=3`);
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  cutOn = 'ticket.issued';
  await page.getByRole('button', { name: '取号', exact: true }).click();
  await page.locator('[data-screen="processing"]').getByText('网络断开').waitFor();
  const issued = tickets().filter((n) => !before.includes(n));
  assert.equal(issued.length, 1, 'the hub issued the ticket before the network dropped');

  // Still down after the wait: home, where the kiosk says the hub is away.
  await page.locator('[data-screen="hub-away"]').waitFor({ timeout: 20_000 });
  proxy.release();
  await page.getByText('请选择办理部门').waitFor();
  // The next visitor takes a number: their own, a new one, and the abandoned tap's is never shown.
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  await page.getByRole('button', { name: '取号', exact: true }).click();
  const shown = await page.getByTestId('ticket-number').textContent();
  const after = tickets().filter((n) => !before.includes(n));
  assert.equal(after.length, 2, `one ticket per tap: ${after.join(', ')}`);
  assert.equal(shown, after.find((n) => n !== issued[0]), 'the kiosk shows the second visitor their own number');
  await page.context().close();
});

test('a counter whose 叫号 answer is lost shows 正在处理, ignores a second F1, and shows the one visitor called', async () => {
  const kiosk = await hub.kiosk();
  for (let i = 0; i < 2; i++) {
    const r = await ask(kiosk, 8000, 'ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' });
    assert.ok(r.ok && r.ticket, JSON.stringify(r));
  }
  const waiting = () => (sql(hub).prepare("SELECT COUNT(*) AS n FROM tickets WHERE status = 'waiting'").get() as { n: number }).n;
  const waitingBefore = waiting();
  assert.ok(waitingBefore >= 2);

  const page = await openPage(browser);
  await page.goto(`${proxy.url}/counter/`);
  await page.locator('input[name="staffId"]').fill('0101');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('select[name="window"]').selectOption('1');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText('当前没有号票').waitFor();

  cutOn = 'ticket.called';
  await page.keyboard.press('F1');
  await page.getByTestId('processing').getByText('正在处理，请稍候').waitFor();
  await page.locator('.conn-banner[data-state="offline"]').waitFor();
  assert.equal(count('ticket.called'), 1, 'the hub called the visitor before the network dropped');
  await screenshot(page, 'counter-lost-answer-processing');
  await page.keyboard.press('F1');
  assert.ok(await page.locator('button[data-action="next"]').isDisabled(), '叫号 is disabled while the first press is unanswered');

  proxy.release();
  await page.getByTestId('processing').waitFor({ state: 'detached' });
  const called = sql(hub).prepare("SELECT number FROM tickets WHERE status = 'called'").all() as { number: string }[];
  assert.equal(called.length, 1, `one visitor called: ${JSON.stringify(called)}`);
  assert.equal(waiting(), waitingBefore - 1, 'the others still wait');
  assert.equal(await page.getByTestId('current-number').textContent(), called[0]!.number, 'the counter shows the visitor called');
  assert.equal(await page.getByRole('alert').count(), 0, 'no refusal shown');
  assert.equal(count('ticket.called'), 1, 'one ticket.called event');
  await page.context().close();
});

test('a pad whose rating answer is lost says 正在提交, ignores a second tap, and thanks for the one rating stored', async () => {
  const padToken = hub.hub.core.access.pairDevice({ id: 'PAD3', role: 'agent', name: '3号窗口评价器', hasPrinter: false, binding: { windows: [3], kiosks: [] } });
  const page = await openPage(browser, { width: 1280, height: 800 });
  await page.goto(`${proxy.url}/pad/?windowNo=3&token=${padToken}`);
  const pad = page.getByTestId('pad');
  await pad.getByText('欢迎光临').waitFor();
  const kiosk = await hub.kiosk();
  const issued = await ask(kiosk, 8000, 'ticket:issue', { requestId: rid(), serviceCode: 'DS-01', kind: 'normal' });
  assert.ok(issued.ok && issued.ticket);
  const c3 = await hub.counter('0103', 3);
  for (const event of ['window:callNext', 'window:finish'] as const) {
    const r = await ask(c3, 8000, event, { requestId: rid() });
    assert.ok(r.ok, `${event}: ${JSON.stringify(r)}`);
  }
  const best = page.getByRole('button', { name: /^非常满意/ });
  const spot = await best.boundingBox();
  assert.ok(spot);

  cutOn = 'ticket.rated';
  await best.click();
  await pad.getByText('正在提交').waitFor();
  await page.locator('.conn-banner[data-state="offline"]').waitFor();
  assert.equal(count('ticket.rated'), 1, 'the hub stored the rating before the network dropped');
  await page.mouse.click(spot.x + spot.width / 2, spot.y + spot.height / 2);
  assert.ok(await best.isDisabled(), 'the rating buttons are disabled while the first tap is unanswered');

  proxy.release();
  await pad.getByText('感谢您的评价！').waitFor();
  assert.equal(await page.locator('.p-refusal').count(), 0, 'no refusal shown');
  assert.equal(hub.hub.core.state.tickets.get(issued.ticket.id)?.rating?.level, 5);
  assert.equal(count('ticket.rated'), 1, 'one ticket.rated event');
  await page.context().close();
});
