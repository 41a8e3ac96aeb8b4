// Screens that fit any hall: each screen rendered at the sizes halls really have (a 1080p screen at
// 125 % Windows scaling is 1536×864; old displays 1366×768 and 1280×720; a 4K screen; LED strips
// over windows), asserting no visible text leaves the viewport or is covered. Screenshots per size
// go to test-artifacts/e2e/sizes-*.png. The demo hall (12 departments, two-digit windows). The kiosk
// portrait and landscape, every page a visitor reaches by tapping (each department, each of its
// services' guide pages, the ticket, a priority ticket, check-in and its keypads, a swiped card's
// greeting, the PIN pad), in normal and in large text (1.5×) and high contrast.
import assert from 'node:assert/strict';
import { ask } from '../../main/protocol/ask.js';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoHall } from '../../main/demo/hall.js';
import type { Socket } from 'socket.io-client';
import type { AgentClientEvents, AgentServerEvents } from '../../main/protocol/index.js';
import { SAMPLE_CARDS } from '../../drivers/sim/idcard-cards.js';
import { LANDSCAPE, PORTRAIT, launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { PASSWORD, rid, startTestHub, type TestHub } from '../helpers/hub.js';
import { LAYOUT_CHECK, layoutProblems, lowestOpacity } from '../helpers/layout.js';

let browser: Browser;
let hub: TestHub;
let called = '';
let agent: Socket<AgentServerEvents, AgentClientEvents>;
before(async () => {
  browser = await launchBrowser();
  hub = await startTestHub({ hall: demoHall() });
  // Kiosk K1's card reader and K2's printer, on the hall PC. The displays' tickets come from K2, so
  // K1's rate limit (10 a minute) is left to the kiosk pages.
  agent = await hub.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  const devices = [{ deviceId: 'idc-k1', kind: 'idcard' as const, kioskId: 'K1' }, { deviceId: 'printer-k2', kind: 'printer' as const, kioskId: 'K2' }];
  assert.deepEqual(await agent.emitWithAck('agent:devices', { devices }), { ok: true });
  const kiosk = await hub.kiosk(hub.tokens.kioskWithPrinter);
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

/** `shot`: false for the many pages of one kind (a screenshot is still taken when one does not fit). */
const fits = async (page: Page, name: string, ignore: string[], options: { shot?: boolean; scrolls?: boolean } = {}) => {
  const problems = await layoutProblems(page, ignore, options);
  if (options.shot !== false || problems.length) await screenshot(page, name);
  assert.deepEqual(problems, [], `${name}: everything visible fits`);
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


const hall = demoHall();
const departments = [...hall.departments.values()].filter((d) => [...hall.services.values()].some((s) => s.department === d.code));
const servicesOf = (department: string) => [...hall.services.values()].filter((s) => s.department === department);
const exactly = (text: string) => new RegExp(`^${text.replace(/[()（）]/g, '\\$&')}`);
const fontPx = (page: Page, selector: string) => page.locator(selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));

/** Large text and high contrast by their switches in the kiosk's header. */
async function comfort(page: Page, mode: KioskMode) {
  if (mode === 'normal') return;
  await page.getByRole('button', { name: '大字', exact: true }).click();
  await page.getByRole('button', { name: '高对比', exact: true }).click();
  assert.equal(await page.locator('.kiosk').getAttribute('data-large'), 'true');
  assert.equal(await page.locator('.kiosk').getAttribute('data-contrast'), 'high');
}

type KioskMode = 'normal' | 'large';
const KIOSKS = [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const;
/** The normal text size per orientation, to compare large text with. */
const normalText = new Map<string, { tile: number; guide: number; button: number }>();

for (const mode of ['normal', 'large'] as const) {
  for (const [orient, viewport] of KIOSKS) {
    test(`the kiosk fits ${orient} ${viewport.width}×${viewport.height} in ${mode} text: home, every department and every guide page`, async () => {
      const page = await open(`/kiosk/?token=${hub.tokens.kiosk}&idle=600`, viewport);
      await page.getByText('请选择办理部门').waitFor();
      await comfort(page, mode);
      const name = `sizes-kiosk-${orient}-${mode}`;
      await fits(page, `${name}-home`, []);
      const tile = await fontPx(page, '.k-tile-name');
      let guide = 0;
      let button = 0;
      for (const [i, d] of departments.entries()) {
        await page.locator('.k-tile').filter({ hasText: exactly(d.shortName ?? d.name) }).click();
        await page.getByTestId('services-department').getByText(d.name).waitFor();
        await fits(page, `${name}-services-${d.code}`, [], { shot: i === 0 });
        for (const s of servicesOf(d.code)) {
          await page.locator('.k-tile').filter({ hasText: exactly(s.name) }).click();
          await page.locator('[data-screen="guide"] h1').getByText(s.name, { exact: true }).waitFor();
          await fits(page, `${name}-guide-${s.code}`, [], { shot: s.code === 'BDC-01' });
          guide = await fontPx(page, '.k-guide li');
          button = await fontPx(page, '.k-primary');
          await page.getByRole('button', { name: '返回' }).click();
        }
        await page.getByRole('button', { name: '返回' }).click();
        await page.getByText('请选择办理部门').waitFor();
      }
      if (mode === 'normal') normalText.set(orient, { tile, guide, button });
      else {
        const normal = normalText.get(orient);
        assert.ok(normal, 'the normal-text test ran first');
        for (const [what, px] of Object.entries({ tile, guide, button })) {
          const was = normal[what as keyof typeof normal];
          assert.ok(px >= 1.5 * was - 0.5, `large text: ${what} ${px} px against ${was} px`);
        }
      }
      await page.context().close();
    });

    test(`the kiosk's ticket, priority ticket, check-in and PIN pad fit ${orient} in ${mode} text`, async () => {
      const page = await open(`/kiosk/?token=${hub.tokens.kiosk}&idle=600`, viewport);
      await page.getByText('请选择办理部门').waitFor();
      const name = `sizes-kiosk-${orient}-${mode}`;
      for (const kind of ['normal', 'priority'] as const) {
        await comfort(page, mode);
        await page.locator('.k-tile').filter({ hasText: /^不动产/ }).click();
        await page.locator('.k-tile').filter({ hasText: /^不动产首次登记/ }).click();
        await page.getByRole('button', { name: kind === 'normal' ? '取号' : '优先取号', exact: true }).click();
        await page.getByText('前面还有').waitFor();
        if (kind === 'priority') await page.getByTestId('priority-tag').getByText('优先').waitFor();
        await fits(page, `${name}-ticket-${kind}`, []);
        // 完成: home, in normal text for the next visitor.
        await page.getByRole('button', { name: '完成' }).click();
        await page.getByText('请选择办理部门').waitFor();
        assert.equal(await page.locator('.kiosk').getAttribute('data-large'), 'false', 'the next visitor starts in normal text');
        assert.equal(await page.locator('.kiosk').getAttribute('data-contrast'), 'normal');
      }
      await comfort(page, mode);
      await page.getByRole('button', { name: /预约取号/ }).click();
      await page.locator('[data-screen="checkin"]').waitFor();
      await fits(page, `${name}-checkin`, []);
      for (const [tileName, typed] of [['预约码', '12345'], ['身份证号', '11010519491231002']] as const) {
        await page.locator('.k-tile').filter({ hasText: tileName }).click();
        await page.locator('[data-screen="checkin-keypad"]').waitFor();
        for (const digit of typed) await page.locator('.k-key', { hasText: new RegExp(`^${digit}$`) }).click();
        await fits(page, `${name}-keypad-${tileName === '预约码' ? 'code' : 'id'}`, []);
        await page.getByRole('button', { name: '返回' }).click();
      }
      await page.getByRole('button', { name: '返回' }).click();
      // The PIN pad: a 3-second press on the hall name.
      const box = (await page.getByTestId('hall-name').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.locator('[data-screen="admin-pin"]').waitFor();
      await page.mouse.up();
      await fits(page, `${name}-pin`, []);
      await page.getByRole('button', { name: '取消' }).click();
      await page.context().close();
    });
  }
}

for (const [orient, viewport] of KIOSKS) {
  test(`the printed-ticket screen fits the ${orient} kiosk in large text (a kiosk with a printer: 请取走您的号票)`, async () => {
    const page = await open(`/kiosk/?token=${hub.tokens.kioskWithPrinter}&idle=600`, viewport);
    await page.getByText('请选择办理部门').waitFor();
    await comfort(page, 'large');
    await page.locator('.k-tile').filter({ hasText: /^不动产/ }).click();
    await page.locator('.k-tile').filter({ hasText: /^不动产转移登记/ }).click();
    await page.getByRole('button', { name: '取号', exact: true }).click();
    await page.locator('[data-print="ok"]').waitFor();
    await fits(page, `sizes-kiosk-${orient}-large-printed`, []);
    await page.context().close();
  });
}

async function swipe(card: keyof typeof SAMPLE_CARDS): Promise<void> {
  const c = SAMPLE_CARDS[card].text;
  const card_ = { idNumber: c.idNumber, name: c.name, birthDate: c.birthDate, validTo: c.validTo };
  assert.deepEqual(await agent.emitWithAck('identity:read', { requestId: rid(), deviceId: 'idc-k1', kioskId: 'K1', card: card_ }), { ok: true });
}

for (const [orient, viewport] of KIOSKS) {
  test(`a swiped card's greeting fits the ${orient} kiosk, home and guide page, in large text`, async () => {
    const page = await open(`/kiosk/?token=${hub.tokens.kiosk}&idle=600`, viewport);
    await page.getByText('请选择办理部门').waitFor();
    await page.getByRole('button', { name: '老年人优先' }).click();
    await swipe('senior');
    await page.getByTestId('identity').waitFor();
    await fits(page, `sizes-kiosk-${orient}-identity-home`, []);
    await page.locator('.k-tile').filter({ hasText: /^不动产/ }).click();
    await page.locator('.k-tile').filter({ hasText: /^不动产首次登记/ }).click();
    await page.getByTestId('identity').waitFor();
    await fits(page, `sizes-kiosk-${orient}-identity-guide`, []);
    await page.context().close();
  });
}

const PHONES = [
  [360, 640],
  [390, 844],
] as const;

test('the phone page fits 360×640 and 390×844, in normal and in large text (remembered on the phone): waiting, called, finished', async () => {
  const kiosk = await hub.kiosk(hub.tokens.kioskWithPrinter);
  const r = (await ask(kiosk, 8000, 'ticket:issue', { requestId: rid(), serviceCode: 'GS-01', kind: 'normal' })) as { ok: boolean; message?: string; ticket?: { number: string }; statusUrl?: string };
  assert.ok(r.ok && r.ticket && r.statusUrl, r.message);
  kiosk.close();
  const pages: { page: Page; name: string }[] = [];
  for (const [width, height] of PHONES) {
    for (const mode of ['normal', 'large'] as const) {
      const page = await open(new URL(r.statusUrl).pathname + new URL(r.statusUrl).search, { width, height });
      await page.getByTestId('ticket-number').waitFor();
      if (mode === 'large') {
        const normal = await fontPx(page, '.tp-service');
        await page.getByRole('button', { name: '大字', exact: true }).click();
        await page.getByRole('button', { name: '高对比', exact: true }).click();
        // Kept on this phone: a reload (or the next visit) opens in large text.
        await page.reload();
        await page.getByTestId('ticket-number').waitFor();
        assert.equal(await page.locator('.tp').getAttribute('data-large'), 'true');
        assert.equal(await page.locator('.tp').getAttribute('data-contrast'), 'high');
        const large = await fontPx(page, '.tp-service');
        assert.ok(large >= 1.5 * normal - 0.5, `large text: ${large} px against ${normal} px`);
      }
      pages.push({ page, name: `sizes-phone-${mode}-${width}x${height}` });
    }
  }
  const counter = await hub.counter('0101', 1);
  const step = async (state: string, command?: () => Promise<{ ok: boolean; message?: string }>) => {
    if (command) {
      const done = await command();
      assert.ok(done.ok, done.message);
    }
    for (const { page, name } of pages) {
      await page.locator(`[data-state="${state}"]`).waitFor();
      await fits(page, `${name}-${state}`, [], { scrolls: true });
    }
  };
  await step('waiting');
  await step('called', () => ask(counter, 8000, 'window:callNumber', { requestId: rid(), number: r.ticket!.number }));
  await ask(counter, 8000, 'window:start', { requestId: rid() });
  await step('done', () => ask(counter, 8000, 'window:finish', { requestId: rid() }));
  counter.close();
  for (const { page } of pages) await page.context().close();
});

test('the counter fits 1366×768 with a visitor called, and so does each dialog: transfer, reason, reprint, call a number, help', async () => {
  const page = await open('/counter/', { width: 1366, height: 768 });
  await page.locator('input[name="staffId"]').fill('0101');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('select[name="window"]').selectOption('1');
  await fits(page, 'sizes-counter-signin-1366x768', []);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('today-stats').waitFor();
  const dialogs = async (which: readonly (readonly [string, string])[]) => {
    for (const [key, dialog] of which) {
      await page.keyboard.press(key);
      await page.getByRole('dialog').waitFor();
      await fits(page, `sizes-counter-${dialog}-1366x768`, []);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }
  };
  // A free window: call a number, pause (its reason); then with a visitor: transfer, suspend (its reason), reprint, help.
  await fits(page, 'sizes-counter-free-1366x768', []);
  await dialogs([['F9', 'call-number'], ['F8', 'pause-reason']]);
  await page.keyboard.press('F1');
  await page.getByTestId('current-number').filter({ hasText: /^[A-Z]\d{3}$/ }).waitFor();
  await fits(page, 'sizes-counter-1366x768', []);
  await dialogs([['F6', 'transfer'], ['F7', 'suspend-reason'], ['F10', 'reprint'], ['F12', 'help']]);
  await page.context().close();
});
