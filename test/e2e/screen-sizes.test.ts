// Screens that fit any hall: each screen rendered at the sizes halls really have (a 1080p screen at
// 125 % Windows scaling is 1536×864; old displays 1366×768 and 1280×720; a 4K screen; LED strips
// over windows), asserting no visible text leaves the viewport or is covered. Screenshots per size
// go to test-artifacts/e2e/sizes-*.png. The demo hall (12 departments, two-digit windows).
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoHall } from '../../main/demo/hall.js';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { rid, startTestHub, type TestHub } from '../helpers/hub.js';
import { LAYOUT_CHECK, layoutProblems, lowestOpacity } from '../helpers/layout.js';

let browser: Browser;
let hub: TestHub;
let called = '';
before(async () => {
  browser = await launchBrowser();
  hub = await startTestHub({ hall: demoHall() });
  const kiosk = await hub.kiosk();
  for (const serviceCode of ['RS-03', 'GS-01', 'SW-01', 'JS-01', 'BDC-01']) {
    const r = (await ask(kiosk, 8000, 'ticket:issue', { requestId: rid(), serviceCode, kind: 'normal' })) as { ok: boolean; message?: string };
    assert.ok(r.ok, r.message);
  }
  // A two-digit window: the widest call line the hall shows.
  const c12 = await hub.counter('0801', 12);
  const r = (await ask(c12, 8000, 'window:callNext', { requestId: rid() })) as { ok: boolean; message?: string; ticket?: { number: string } };
  assert.ok(r.ok, r.message);
  called = r.ticket!.number;
});
after(async () => {
  await browser?.close();
  await hub?.close();
});

/** CSP refusals in the console per page (zod's eval probe used to log one on every page). */
const consoleErrors = new WeakMap<Page, string[]>();

async function open(path: string, size: { width: number; height: number }): Promise<Page> {
  const page = await openPage(browser, size);
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  page.on('console', (m) => void (m.type() === 'error' && /Content Security Policy|unsafe-eval/.test(m.text()) && errors.push(m.text())));
  await page.addInitScript({ content: LAYOUT_CHECK });
  await page.goto(`${hub.url}${path}`);
  return page;
}

const fits = async (page: Page, name: string, ignore: string[]) => {
  await screenshot(page, name);
  assert.deepEqual(await layoutProblems(page, ignore), [], `${name}: everything visible fits`);
  assert.deepEqual(consoleErrors.get(page), [], `${name}: no CSP refusal in the console`);
};

const HALL_SIZES = [
  [1280, 720],
  [1366, 768],
  [1536, 864],
  [1920, 1080],
  [3840, 2160],
] as const;

for (const [width, height] of HALL_SIZES) {
  test(`the hall display fits ${width}×${height}: the whole call, every department's waiting count`, async () => {
    const page = await open(`/display/?token=${hub.tokens.display}`, { width, height });
    await page.getByTestId('current-number').getByText(called).waitFor();
    await page.getByTestId('current-window').getByText('12号窗口').waitFor();
    // The notice scrolls across by design; the aria list is visually hidden.
    await fits(page, `sizes-display-${width}x${height}`, ['.d-notice', '.d-announced']);
    await page.context().close();
  });
}

test('the hall display flashes a new call but never below 60% opacity', async () => {
  const page = await open(`/display/?token=${hub.tokens.display}`, { width: 1920, height: 1080 });
  await page.getByTestId('current-number').waitFor();
  const c12 = await hub.counter('0801', 12);
  const r = (await ask(c12, 8000, 'window:recall', { requestId: rid() })) as { ok: boolean; message?: string };
  assert.ok(r.ok, r.message);
  await page.locator('[data-testid="current-call"][data-flash="true"]').waitFor();
  const lowest = await lowestOpacity(page, '[data-testid="current-number"]', 2500);
  assert.ok(lowest >= 0.6, `the call fades to ${lowest}`);
  c12.close();
  await page.context().close();
});

const WINDOW_SIZES = [
  [1280, 720],
  [1366, 768],
  [1280, 1024],
  [1920, 1080],
  [1920, 540],
  [1920, 360],
] as const;

/** The window display's call or "A005 号 正在办理": whole, and on a strip using its height. */
async function windowFits(width: number, height: number, state: string, text: string) {
  const page = await open(`/window/?windowNo=12&token=${hub.tokens.display}`, { width, height });
  await page.getByTestId('led-main').getByText(text).waitFor();
  await fits(page, `sizes-window-${state}-${width}x${height}`, []);
  const box = (await page.getByTestId('led-main').boundingBox())!;
  if (width / height >= 3) assert.ok(box.height >= height / 3, `on a ${width}×${height} strip the call is ${Math.round(box.height)} px high`);
  await page.context().close();
}

for (const [width, height] of WINDOW_SIZES) {
  test(`the window display fits ${width}×${height} while calling`, () => windowFits(width, height, 'calling', `请 ${called} 号`));
}

test('the window display fits every size while serving ("… 号 正在办理")', async () => {
  const c12 = await hub.counter('0801', 12);
  const r = (await ask(c12, 8000, 'window:start', { requestId: rid() })) as { ok: boolean; message?: string };
  assert.ok(r.ok, r.message);
  for (const [width, height] of WINDOW_SIZES) await windowFits(width, height, 'serving', `${called} 号 正在办理`);
  c12.close();
});

