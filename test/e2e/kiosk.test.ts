// The kiosk in real Chromium against a real hub: a visitor takes a number (portrait and landscape),
// a kiosk whose printer is away stops issuing with the hub's reason, an idle kiosk returns to start; 老年人优先
// leads to a priority ticket in large text, which the idle kiosk turns off for the next visitor;
// spoken guidance (语音) plays the display's clips for each screen and the number taken.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeAll, hubAndBrowser, LANDSCAPE, PORTRAIT, openPage, screenshot } from '../helpers/browser.js';
import { type TestHub } from '../helpers/hub.js';
import { NO_SHOW_RULE } from '../../main/protocol/index.js';
import { sql } from '../helpers/sql.js';

let hub: TestHub;
let browser: Browser;
before(async () => ({ hub, browser } = await hubAndBrowser()));
after(() => closeAll(browser, hub));

const numbersInDb = () => (sql(hub).prepare('SELECT number FROM tickets').all() as { number: string }[]).map((r) => r.number);

async function takeNumber(page: Page, shot: string): Promise<string> {
  await page.getByRole('button', { name: /市场监管局/ }).click();
  // The services page says whose services these are.
  assert.match((await page.getByTestId('services-department').textContent()) ?? '', /市场监管局/);
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  await page.getByText('办事指南').waitFor();
  await screenshot(page, `${shot}-guide`);
  await page.getByRole('button', { name: '取号', exact: true }).click();
  const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
  await page.getByText('前面还有').waitFor();
  // Where the visitor will be called, and what happens if they miss the call (as the hall does it: 过号重排).
  assert.equal(await page.getByTestId('served-at').textContent(), '办理窗口：1号窗口、2号窗口、4号窗口、5号窗口');
  assert.equal(await page.getByTestId('no-show-rule').textContent(), NO_SHOW_RULE);
  assert.equal(await page.getByTestId('priority-tag').count(), 0);
  await screenshot(page, `${shot}-ticket`);
  return number;
}

for (const [name, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
  test(`a visitor takes a number at a ${name} kiosk and sees the number the hub issued`, async () => {
    const page = await openPage(browser, viewport);
    await page.goto(`${hub.url}/kiosk/?token=${hub.tokens.kiosk}`);
    await page.getByText('请选择办理部门').waitFor();
    assert.ok(!page.url().includes('token='), 'the token leaves the address bar');
    await screenshot(page, `kiosk-${name}-start`);
    const number = await takeNumber(page, `kiosk-${name}`);
    assert.match(number, /^A\d{3}$/);
    assert.ok(numbersInDb().includes(number), `${number} is in the tickets table`);
    await page.context().close();
  });
}

test('a kiosk whose printer is away shows the reason in Chinese and offers no number', async () => {
  const page = await openPage(browser, PORTRAIT);
  await page.goto(`${hub.url}/kiosk/?token=${hub.tokens.kioskWithPrinter}`);
  await page.locator('[data-screen="stopped"]').waitFor();
  await page.getByText('暂停取号').first().waitFor();
  const reason = (await page.locator('.k-reason').textContent()) ?? '';
  assert.match(reason, /[\u4e00-\u9fff]/, `a Chinese reason: "${reason}"`);
  assert.equal(await page.getByRole('button', { name: '取号', exact: true }).count(), 0);
  await screenshot(page, 'kiosk-printer-away');
  await page.context().close();
});

test('an idle kiosk goes back to the start', async () => {
  const page = await openPage(browser, LANDSCAPE);
  await page.goto(`${hub.url}/kiosk/?token=${hub.tokens.kiosk}&idle=3`);
  await page.getByRole('button', { name: /税务局/ }).click();
  await page.getByText('请选择办理事项').waitFor();
  await page.getByText('请选择办理部门').waitFor({ timeout: 8000 });
  await page.context().close();
});

test('a priority ticket says 优先 on the ticket screen', async () => {
  const page = await openPage(browser, PORTRAIT);
  await page.goto(`${hub.url}/kiosk/?token=${hub.tokens.kiosk}`);
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  await page.getByRole('button', { name: '优先取号' }).click();
  await page.getByTestId('priority-tag').getByText('优先').waitFor();
  await screenshot(page, 'kiosk-priority-ticket');
  await page.context().close();
});

test('老年人优先: large text, the guide page leads with 优先取号, the ticket is a priority one; idle, the kiosk is back to normal text', async () => {
  const page = await openPage(browser, PORTRAIT);
  await page.goto(`${hub.url}/kiosk/?token=${hub.tokens.kiosk}&idle=3`);
  const kiosk = page.locator('.kiosk');
  await page.getByRole('button', { name: /老年人优先/ }).click();
  assert.equal(await kiosk.getAttribute('data-large'), 'true');
  assert.equal(await page.getByRole('button', { name: '大字', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByRole('button', { name: '语音', exact: true }).getAttribute('aria-pressed'), 'true', 'and spoken guidance');
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  // 优先取号 comes first (and larger) on this path: the same priority ticket as the button always took.
  const boxes = await page.locator('.k-actions button').evaluateAll((els) => els.map((e) => ({ text: e.textContent, x: e.getBoundingClientRect().x, w: e.getBoundingClientRect().width })));
  const leftmost = boxes.sort((a, b) => a.x - b.x)[0]!;
  assert.equal(leftmost.text, '优先取号', `the first button: ${JSON.stringify(boxes)}`);
  await screenshot(page, 'kiosk-elder-guide');
  await page.getByRole('button', { name: '优先取号' }).click();
  await page.getByTestId('priority-tag').getByText('优先').waitFor();
  assert.equal(await kiosk.getAttribute('data-large'), 'true', 'the ticket stays in large text');
  // Left alone, the kiosk goes home and the next visitor starts in normal text.
  await page.getByText('请选择办理部门').waitFor({ timeout: 8000 });
  assert.equal(await kiosk.getAttribute('data-large'), 'false');
  assert.equal(await page.getByRole('button', { name: '大字', exact: true }).getAttribute('aria-pressed'), 'false');
  await page.context().close();
});

test('spoken guidance (语音): each screen says what to do there, the ticket screen says the number taken, with the display\'s clips', async () => {
  const page = await openPage(browser, LANDSCAPE);
  const clips: string[] = [];
  page.on('request', (r) => {
    const m = /\/voice\/([^/]+)\.wav$/.exec(new URL(r.url()).pathname);
    if (m) clips.push(m[1]!);
  });
  await page.goto(`${hub.url}/kiosk/?token=${hub.tokens.kiosk}`);
  await page.getByText('请选择办理部门').waitFor();
  assert.equal(clips.length, 0, 'silent until asked');
  await page.getByRole('button', { name: '语音', exact: true }).click();
  const heard = async (clip: string) => {
    for (let i = 0; i < 100 && !clips.includes(clip); i++) await page.waitForTimeout(100);
    assert.ok(clips.includes(clip), `${clip} in ${clips.join(' ')}`);
  };
  await heard('kiosk-departments');
  await page.getByRole('button', { name: /市场监管局/ }).click();
  await heard('kiosk-services');
  await page.getByRole('button', { name: /企业设立登记/ }).click();
  await heard('kiosk-guide');
  await page.getByRole('button', { name: '取号', exact: true }).click();
  const number = (await page.getByTestId('ticket-number').textContent()) ?? '';
  await heard('kiosk-after');
  // "您的号码是 A零一二号，请留意大厅叫号": the number's letter and digits, as the display reads them.
  const spoken = clips.slice(clips.lastIndexOf('kiosk-number'));
  assert.deepEqual(spoken, ['kiosk-number', ...number.split(''), 'hao', 'kiosk-after']);
  // 完成: the next visitor starts without it.
  await page.getByRole('button', { name: '完成' }).click();
  assert.equal(await page.getByRole('button', { name: '语音', exact: true }).getAttribute('aria-pressed'), 'false');
  await page.context().close();
});
