// The counter's work beyond call/start/finish, in real Chromium against a real hub: transfer to
// another service at the head (the other window's counter calls it next), suspend and resume, the
// no-show list and requeue, calling a number, pause with a reason (call buttons off, the hall sees
// the reason), reprint (the agent's printer gets a job marked reprint), a keypad rating (toast and
// today's numbers), the shortcut help, and sign out.
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents, DeviceJob, HallEventView, PrintJob, SnapshotView } from '../../main/protocol/index.js';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { PASSWORD, rid, startTestHub, waitFor, type TestHub } from '../helpers/hub.js';
import { sql, sqlForWriting } from '../helpers/sql.js';

const WAIT = { timeout: 20_000 };
let hub: TestHub;
let browser: Browser;
let agent: Socket<AgentServerEvents, AgentClientEvents>;
const jobs: DeviceJob[] = [];

before(async () => {
  hub = await startTestHub();
  browser = await launchBrowser();
  // One hall PC: the printer of kiosk K2 and the keypads of windows 1–4. It prints and shows
  // whatever it is sent, and remembers every job.
  agent = await hub.agent();
  agent.on('job:run', (job, ack) => {
    jobs.push(job);
    ack({ ok: true });
  });
  const keypads = [1, 2, 3, 4].map((n) => ({ deviceId: `pad-${n}`, kind: 'keypad' as const, windowNo: n }));
  const announced = await ask(agent, 8000, 'agent:devices', { devices: [{ deviceId: 'printer-k2', kind: 'printer', kioskId: 'K2' }, ...keypads] });
  assert.ok(announced.ok);
});
after(async () => {
  await browser?.close();
  await hub?.close();
});

async function issue(serviceCode: string, token = hub.tokens.kiosk) {
  const kiosk = await hub.kiosk(token);
  const r = await ask(kiosk, 8000, 'ticket:issue', { requestId: rid(), serviceCode, kind: 'normal' });
  kiosk.close();
  assert.ok(r.ok && r.ticket, JSON.stringify(r));
  return r.ticket;
}

async function signIn(staffId: string, windowNo: number): Promise<Page> {
  const page = await openPage(browser);
  await page.goto(`${hub.url}/counter/`);
  await page.locator('input[name="staffId"]').fill(staffId);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('select[name="window"]').selectOption(String(windowNo));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByText(`${windowNo}号窗口`, { exact: false }).first().waitFor(WAIT);
  await page.getByTestId('today-stats').waitFor(WAIT);
  return page;
}

const current = (page: Page) => page.getByTestId('current-number');
const action = (page: Page, id: string) => page.locator(`[data-action="${id}"]`);

test('transfer to another service at the head: the other window calls it next', async () => {
  const waitingTax = await issue('DS-01');
  const visitor = await issue('GS-01');
  const w1 = await signIn('0101', 1);
  await w1.keyboard.press('F1');
  await current(w1).filter({ hasText: visitor.number }).waitFor(WAIT);

  await w1.keyboard.press('F6');
  const dialog = w1.getByRole('dialog', { name: `转办号票 ${visitor.number}` });
  await dialog.waitFor(WAIT);
  // Transferring without a service is refused here, in Chinese.
  await dialog.getByRole('button', { name: '转办' }).click();
  assert.equal(await dialog.getByRole('alert').textContent(), '请选择要转至的事项');
  await dialog.locator('select[name="department"]').selectOption({ label: '税务局' });
  await dialog.locator('select[name="service"]').selectOption({ label: '发票领用' });
  // Only windows that serve 发票领用 are offered.
  const offered = await dialog.locator('select[name="toWindow"] option').allTextContents();
  assert.deepEqual(offered, ['可办理该事项的任一窗口', '3号窗口 税务', '5号窗口 绿色通道']);
  await dialog.getByLabel('插队到队首').check();
  await dialog.locator('input[name="note"]').fill('已核对营业执照');
  await screenshot(w1, 'counter-transfer-dialog');
  await dialog.getByRole('button', { name: '转办' }).click();
  await dialog.waitFor({ state: 'detached', ...WAIT });
  assert.match((await w1.getByTestId('feedback').textContent()) ?? '', new RegExp(`${visitor.number} 已转至发票领用.*插队到队首`));
  await w1.getByText('当前没有号票').waitFor(WAIT);
  assert.equal(await w1.getByTestId('stat-transfers').textContent(), '1件');

  // Window 3 had B-ticket waiting first; the transferred visitor is at the head of its queue.
  const w3 = await signIn('0103', 3);
  const list = w3.getByRole('region', { name: /等候队列/ }).locator('li');
  await list.first().filter({ hasText: visitor.number }).waitFor(WAIT);
  assert.deepEqual(await list.locator('b').allTextContents(), [visitor.number, waitingTax.number]);
  // Each shows how long it has waited.
  assert.match((await list.nth(1).textContent()) ?? '', /^B\d+ 已等\d+分钟$/);
  await w3.keyboard.press('F1');
  await current(w3).filter({ hasText: visitor.number }).waitFor(WAIT);
  await w3.getByText('已核对营业执照').waitFor(WAIT);
  await w3.locator('.c-kind').filter({ hasText: '转办' }).waitFor(WAIT);
  await screenshot(w3, 'counter-transfer-received');
  // A common counter PC screen: everything still fits.
  await w3.setViewportSize({ width: 1366, height: 768 });
  await screenshot(w3, 'counter-1366x768');
  await w3.keyboard.press('F4');
  await w3.getByText('当前没有号票').waitFor(WAIT);
  await w1.context().close();
  await w3.context().close();
});

test('suspend → suspended list → resume → current again; skip → 过号 list → requeue; call a number', async () => {
  const first = await issue('GS-02');
  const second = await issue('GS-02');
  const w2 = await signIn('0102', 2);
  await w2.keyboard.press('F1');
  await current(w2).filter({ hasText: first.number }).waitFor(WAIT);

  await w2.keyboard.press('F7');
  const dialog = w2.getByRole('dialog', { name: `挂起号票 ${first.number}` });
  await dialog.getByRole('button', { name: '确定' }).click();
  assert.equal(await dialog.getByRole('alert').textContent(), '请填写原因');
  await dialog.getByRole('button', { name: '补交材料' }).click();
  await dialog.getByRole('button', { name: '确定' }).click();
  await dialog.waitFor({ state: 'detached', ...WAIT });
  const suspended = w2.getByTestId('suspended-list');
  await suspended.getByText(first.number).waitFor(WAIT);
  await suspended.getByText('补交材料').waitFor(WAIT);
  await w2.getByText('当前没有号票').waitFor(WAIT);
  await screenshot(w2, 'counter-suspended');
  const row = () => sql(hub).prepare('SELECT status FROM tickets WHERE id = ?').get(first.id) as { status: string };
  assert.equal(row().status, 'suspended');

  await suspended.getByRole('button', { name: '恢复办理' }).click();
  await current(w2).filter({ hasText: first.number }).waitFor(WAIT);
  await suspended.getByText('没有挂起的号票').waitFor(WAIT);
  await w2.keyboard.press('F4');
  await w2.getByText('当前没有号票').waitFor(WAIT);

  // 呼叫指定号码: a malformed number is refused here, a number not waiting by the hub, in Chinese.
  await w2.keyboard.press('F9');
  const call = w2.getByRole('dialog', { name: '呼叫指定号码' });
  await call.locator('input[name="number"]').fill('12');
  await call.getByRole('button', { name: '呼叫' }).click();
  assert.equal(await call.getByRole('alert').textContent(), '号码格式不正确，例如A012');
  await call.locator('input[name="number"]').fill(first.number);
  await call.getByRole('button', { name: '呼叫' }).click();
  await call.getByRole('alert').filter({ hasText: `号票${first.number}已在2号窗口办结，不在等候中` }).waitFor(WAIT);
  await call.locator('input[name="number"]').fill(second.number.toLowerCase());
  await call.getByRole('button', { name: '呼叫' }).click();
  await call.waitFor({ state: 'detached', ...WAIT });
  await current(w2).filter({ hasText: second.number }).waitFor(WAIT);

  // 过号 then 过号重排: back in the queue.
  await w2.keyboard.press('F5');
  const noShows = w2.getByTestId('no-show-list');
  await noShows.getByText(second.number).waitFor(WAIT);
  await noShows.getByRole('button', { name: '过号重排' }).click();
  await noShows.getByText('没有过号的号票').waitFor(WAIT);
  await w2.getByRole('region', { name: /等候队列/ }).getByText(second.number).waitFor(WAIT);
  await w2.context().close();
});

test('pause with a reason: call buttons off, the hall sees the reason; resume', async () => {
  // The supervisors' console watches every window of the hall.
  const display = await hub.supervise('0902');
  await waitFor<SnapshotView>(display, 'hall:snapshot', () => true, 10_000);
  const w4 = await signIn('0104', 4);
  assert.equal(await action(w4, 'next').isEnabled(), true);
  await w4.keyboard.press('F8');
  const dialog = w4.getByRole('dialog', { name: '暂停服务' });
  for (const pick of ['午休', '临时离开', '业务咨询', '其他']) await dialog.getByRole('button', { name: pick }).waitFor(WAIT);
  await dialog.getByRole('button', { name: '午休' }).click();
  await dialog.getByRole('button', { name: '确定' }).click();
  await w4.getByTestId('paused-banner').filter({ hasText: '暂停服务中：午休' }).waitFor(WAIT);
  assert.equal(await action(w4, 'next').isDisabled(), true);
  assert.equal(await action(w4, 'callNumber').isDisabled(), true);
  await w4.keyboard.press('F1'); // ignored while paused
  assert.equal(hub.hub.core.state.windows.get(4)?.currentTicketId, undefined);
  const paused = await waitFor<HallEventView>(display, 'hall:event', (e) => e.type === 'window.paused' && e.windowNo === 4, 10_000);
  assert.equal(paused.changes.windows?.[0]?.paused?.reason, '午休');
  assert.equal(hub.hub.core.state.windows.get(4)?.paused?.reason, '午休');
  await screenshot(w4, 'counter-paused');

  await action(w4, 'pause').filter({ hasText: '恢复服务' }).click();
  await w4.getByTestId('paused-banner').waitFor({ state: 'detached', ...WAIT });
  assert.equal(await action(w4, 'next').isEnabled(), true);
  await waitFor<HallEventView>(display, 'hall:event', (e) => e.type === 'window.resumed' && e.windowNo === 4, 10_000);
  assert.equal(hub.hub.core.state.windows.get(4)?.paused, undefined);
  await w4.context().close();
});

test("reprint a visitor's ticket: the kiosk's printer gets a job marked reprint", async () => {
  const ticket = await issue('GS-01', hub.tokens.kioskWithPrinter);
  await until(() => jobs.some((j) => j.kind === 'print' && j.ticket.id === ticket.id && !j.reprint));
  const w1 = await signIn('0101', 1);
  await w1.keyboard.press('F10');
  const dialog = w1.getByRole('dialog', { name: '补打号票' });
  await dialog.locator('input[name="number"]').fill('A999');
  await dialog.getByRole('button', { name: '查找' }).click();
  assert.equal(await dialog.getByRole('alert').textContent(), '今天没有号码为A999的号票');
  await dialog.locator('input[name="number"]').fill(ticket.number);
  await dialog.getByRole('button', { name: '查找' }).click();
  await dialog.getByText('等候中').waitFor(WAIT);
  await screenshot(w1, 'counter-reprint');
  await dialog.getByRole('button', { name: '补打' }).click();
  await dialog.waitFor({ state: 'detached', ...WAIT });
  assert.equal(await w1.getByTestId('feedback').textContent(), `已补打号票 ${ticket.number}（第1次补打）`);
  await until(() => jobs.some((j) => j.kind === 'print' && j.ticket.id === ticket.id && j.reprint));
  const job = jobs.find((j): j is DeviceJob & PrintJob => j.kind === 'print' && j.ticket.id === ticket.id && j.reprint)!;
  assert.equal(job.kioskId, 'K2');
  assert.equal(job.ticket.number, ticket.number);
  assert.equal(job.ticket.reprints, 1);
  await w1.context().close();
});

test("a keypad rating shows a toast and today's numbers update; help; sign out back to the form", async () => {
  // Window 1 (0101) served the transfer test's visitor away; serve the reprinted one now.
  const w1 = await signIn('0101', 1);
  const served = Number((await w1.getByTestId('stat-served').textContent())?.replace('件', ''));
  await w1.keyboard.press('F1');
  const number = (await current(w1).textContent()) ?? '';
  assert.match(number, /^A\d{3}$/);
  await w1.keyboard.press('F3');
  await w1.getByText(/已办理 00:0\d/).waitFor(WAIT);
  await w1.keyboard.press('F4');
  await w1.getByTestId('stat-served').filter({ hasText: `${served + 1}件` }).waitFor(WAIT);
  assert.equal(await w1.getByTestId('stat-ratings').textContent(), '0');
  assert.equal(await w1.getByTestId('stat-satisfaction').textContent(), '—');
  assert.match((await w1.getByTestId('stat-avg-time').textContent()) ?? '', /^\d{2}:\d{2}$/);

  const rated = await ask(agent, 8000, 'keypad:rate', { requestId: rid(), windowNo: 1, level: 5 });
  assert.ok(rated.ok, JSON.stringify(rated));
  await w1.getByTestId('toast').filter({ hasText: `${number} 评价：非常满意` }).waitFor(WAIT);
  await w1.getByTestId('stat-ratings').filter({ hasText: '1' }).waitFor(WAIT);
  assert.equal(await w1.getByTestId('stat-satisfaction').textContent(), '100%');
  await screenshot(w1, 'counter-rated');

  // F12 (or ?) shows every shortcut; Esc closes it.
  await w1.keyboard.press('F12');
  const help = w1.getByRole('dialog', { name: '快捷键说明' });
  for (const row of ['F1叫号', 'F6转办', 'F7挂起', 'F8暂停服务 / 恢复服务', 'F9呼叫指定号码', 'F10补打号票']) {
    await help.getByRole('row', { name: row.replace(/^(F\d+)/, '$1 ') }).waitFor(WAIT);
  }
  await w1.keyboard.press('Escape');
  await help.waitFor({ state: 'detached', ...WAIT });
  await w1.keyboard.press('?');
  await help.waitFor(WAIT);
  await w1.keyboard.press('Escape');

  await w1.getByRole('button', { name: '签退' }).click();
  const confirm = w1.getByRole('dialog', { name: '签退' });
  await confirm.getByText('确定要签退1号窗口吗').waitFor(WAIT);
  await confirm.getByRole('button', { name: '签退' }).click();
  await w1.getByText('已签退，欢迎下次登录').waitFor(WAIT);
  await w1.locator('input[name="staffId"]').waitFor(WAIT);
  assert.equal(hub.hub.core.state.windows.get(1)?.staffId, undefined);
  await w1.context().close();
});

test('a window someone else holds is refused at sign in with the hub\'s words', async () => {
  const w2 = await signIn('0102', 2);
  const page = await openPage(browser);
  await page.goto(`${hub.url}/counter/`);
  await page.locator('input[name="staffId"]').fill('0105');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('select[name="window"]').selectOption('2');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: '2号窗口已由工号0102签到' }).waitFor(WAIT);
  await page.locator('input[name="staffId"]').waitFor(WAIT);
  await page.locator('input[name="password"]').fill('wrong-password');
  await page.locator('select[name="window"]').selectOption('4');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: '工号或密码错误' }).waitFor(WAIT);
  await page.context().close();
  await w2.context().close();
});

test('a session that expired while the line was down sends the staff member back to sign in', async () => {
  const w5 = await signIn('0105', 5);
  const writer = sqlForWriting(hub);
  writer.prepare('UPDATE sessions SET expires_at = 0 WHERE staff_id = ?').run('0105');
  writer.close();
  // Drop the connection under the page (as a network blip would): it reconnects with its old token.
  for (const s of hub.hub.core.io.of('/counter').sockets.values()) if ((s.data as { staff?: { id: string } }).staff?.id === '0105') s.conn.close();
  await w5.getByText('登录已失效，请重新登录').waitFor(WAIT);
  await screenshot(w5, 'counter-session-expired');
  // The form keeps who and where: only the password is asked again.
  assert.equal(await w5.locator('input[name="staffId"]').inputValue(), '0105');
  assert.equal(await w5.locator('select[name="window"]').inputValue(), '5');
  await w5.locator('input[name="password"]').fill(PASSWORD);
  await w5.getByRole('button', { name: '登录' }).click();
  await w5.getByTestId('today-stats').waitFor(WAIT);
  await w5.context().close();
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('a button is enabled only when it applies; 叫号 is the largest, 过号 is not beside 办结', async () => {
  await issue('GS-01');
  const w1 = await signIn('0101', 1);
  await w1.getByText('当前没有号票').waitFor(WAIT);
  const states = async () => {
    const out: Record<string, boolean> = {};
    for (const id of ['next', 'recall', 'skip', 'start', 'finish', 'transfer', 'suspend']) out[id] = await action(w1, id).isEnabled();
    return out;
  };
  // No ticket: only 叫号 (the window's 暂停, 补打 and 按号呼叫 stay too).
  assert.deepEqual(await states(), { next: true, recall: false, skip: false, start: false, finish: false, transfer: false, suspend: false });
  const order = await w1.locator('.c-actions:not(.c-secondary) button').evaluateAll((bs) => bs.map((b) => (b as unknown as { dataset: { action: string } }).dataset.action));
  assert.equal(order[0], 'next');
  assert.ok(Math.abs(order.indexOf('skip') - order.indexOf('finish')) > 1, `过号 stands beside 办结: ${order.join(' ')}`);
  const area = async (id: string) => {
    const b = (await action(w1, id).boundingBox())!;
    return b.width * b.height;
  };
  const next = await area('next');
  for (const id of ['recall', 'skip', 'start', 'finish', 'transfer', 'suspend', 'callNumber', 'reprint', 'pause']) assert.ok(next > (await area(id)), `叫号 is larger than ${id}`);

  await w1.keyboard.press('F1');
  await current(w1).waitFor(WAIT);
  await action(w1, 'recall').and(w1.locator(':enabled')).waitFor(WAIT);
  assert.deepEqual(await states(), { next: false, recall: true, skip: true, start: true, finish: true, transfer: true, suspend: true });
  await w1.keyboard.press('F3');
  await action(w1, 'recall').and(w1.locator(':disabled')).waitFor(WAIT);
  assert.deepEqual(await states(), { next: false, recall: false, skip: false, start: false, finish: true, transfer: true, suspend: true });
  await screenshot(w1, 'counter-serving-buttons');
  await w1.keyboard.press('F4');
  await w1.getByText('当前没有号票').waitFor(WAIT);
  await w1.context().close();
});
