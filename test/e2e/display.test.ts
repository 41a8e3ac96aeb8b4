// The hall display (综合屏) in real Chromium: a call from a counter is shown large (number and
// window), listed, counted off the waiting numbers and announced with the exact words; two calls a
// second apart are both shown (the newest at once) and both announced in order without overlapping; the clip engine
// plays the expected clips; after a hub restart the display recovers and repeats nothing.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { startHub, type Hub } from '../../main/hub/server.js';
import type { HallConfigInput } from '../../main/queue/index.js';
import { launchBrowser, openPage, screenshot } from '../helpers/browser.js';
import { connect, hubHall, rid, startTestHub, type TestHub } from '../helpers/hub.js';

/** Window 3 serves 企业设立登记 (prefix A) so the twelfth A ticket can be called there: "A012 → 3号窗口". */
const hallEdit = (voice: NonNullable<HallConfigInput['display']>['voice']) => (c: HallConfigInput) => {
  c.windows = c.windows.map((w) => (w.number === 3 ? { ...w, name: '企业登记三', department: 'GS', services: [['GS-01']] } : w));
  c.display = { notice: '请保管好随身物品，谨防上当受骗', voice };
  c.hall.kioskRateLimit = { max: 100, perSeconds: 60 };
};

/** Replaces the browser's speechSynthesis (the test's ear): a zh-CN voice that takes 300 ms per
 * utterance, and one log of utterance starts/ends and voice clip fetches, in the order they happen.
 * Browser code, so a string (the Node-side typecheck has no DOM). */
const FAKE_SPEECH = `(() => {
  const log = [];
  window.__voiceLog = log;
  let speaking = false;
  const voices = [{ name: 'Fake Huihui', lang: 'zh-CN', localService: true, default: true, voiceURI: 'fake-huihui' }];
  const fake = {
    get speaking() { return speaking; },
    pending: false, paused: false,
    getVoices: () => voices,
    speak(u) {
      log.push({ kind: speaking ? 'OVERLAP' : 'start', text: u.text });
      speaking = true;
      setTimeout(() => {
        speaking = false;
        log.push({ kind: 'end', text: u.text });
        u.dispatchEvent(new Event('end'));
      }, 300);
    },
    cancel() {}, pause() {}, resume() {}, addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.includes('/voice/')) log.push({ kind: 'clip', text: url.replace(/^.*\\/voice\\//, '') });
    return realFetch(input, init);
  };
})();`;

// Browser-side globals the page functions below touch (the Node-side typecheck has no DOM; strings
// cannot be used: the hub's CSP forbids eval, as it should).
interface Shown {
  number: string;
  window: string;
  at: number;
}
interface El {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  __voiceLog: { kind: string; text: string }[];
  __shown: Shown[];
  performance: { now(): number };
  document: { body: unknown; querySelector(sel: string): El | null; querySelectorAll(sel: string): { length: number } };
  MutationObserver: new (fn: () => void) => { observe(node: unknown, options: object): void };
}

/** Notes every change of the big panel: number, window, when. */
// No named inner functions: tsx would wrap them in a __name() helper the page does not have.
function recordPanel(): void {
  const g = globalThis as unknown as PageGlobals;
  g.__shown = [];
  new g.MutationObserver(() => {
    const number = g.document.querySelector('[data-testid="current-number"]')?.textContent ?? '';
    const win = g.document.querySelector('[data-testid="current-window"]')?.textContent ?? '';
    if (g.__shown.at(-1)?.number !== number) g.__shown.push({ number, window: win, at: g.performance.now() });
  }).observe(g.document.body, { subtree: true, childList: true, characterData: true });
}
const engineOf = (page: Page) => page.locator('html').getAttribute('data-voice-engine');


type Counter = Socket;
let browser: Browser;
before(async () => {
  browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
});
after(async () => {
  await browser?.close();
});

async function ok(socket: Socket, event: string, payload: object = {}) {
  const r = (await socket.timeout(8000).emitWithAck(event, { requestId: rid(), ...payload })) as { ok: boolean; message?: string; ticket?: { number: string } };
  assert.ok(r.ok, `${event}: ${r.message}`);
  return r;
}

/** 14 A tickets and 1 B ticket; A001–A011 called and finished at window 1 before the display opens. */
async function prepareHall(hub: TestHub): Promise<{ c1: Counter; c2: Counter; c3: Counter }> {
  const kiosk = await hub.kiosk();
  for (let i = 0; i < 14; i++) await ok(kiosk, 'ticket:issue', { serviceCode: 'GS-01', kind: 'normal' });
  await ok(kiosk, 'ticket:issue', { serviceCode: 'DS-01', kind: 'normal' });
  const c1 = await hub.counter('0101', 1);
  const c2 = await hub.counter('0104', 2);
  const c3 = await hub.counter('0102', 3);
  for (let i = 0; i < 11; i++) {
    await ok(c1, 'window:callNext');
    await ok(c1, 'window:finish');
  }
  return { c1, c2, c3 };
}

async function openDisplay(hub: { url: string }, token: string, init?: string): Promise<Page> {
  const page = await openPage(browser);
  if (init) await page.addInitScript({ content: init });
  await page.goto(`${hub.url}/display/?token=${token}`);
  await page.getByTestId('recent').waitFor({ state: 'attached' });
  await page.locator('html[data-voice-engine]').waitFor({ state: 'attached', timeout: 15_000 });
  // Following the hall (its snapshot in): a call made from now on reaches it as a live event.
  await page.locator('.display[data-seq]').waitFor({ state: 'attached', timeout: 15_000 });
  return page;
}

const voiceLog = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobals).__voiceLog.slice());
const announced = (page: Page) => page.getByTestId('announced').locator('li').allTextContents();
const waitAnnounced = (page: Page, n: number) =>
  page.getByTestId('announced').locator('li').nth(n - 1).waitFor({ state: 'attached', timeout: 60_000 });

test('a call is shown large with its window, listed, counted off, and announced in exact words twice; two calls a second apart are both shown and heard in order', { timeout: 180_000 }, async () => {
  const hub = await startTestHub({ hall: hubHall(hallEdit({ engine: 'speech', repeat: 2, minShowSeconds: 5 })) });
  try {
    const { c1, c2, c3 } = await prepareHall(hub);
    const page = await openDisplay(hub, hub.tokens.display, FAKE_SPEECH);
    assert.equal(await engineOf(page), 'speech');
    // The snapshot: the day's last call stands still, nothing is announced.
    assert.equal(await page.getByTestId('current-number').textContent(), 'A011');
    assert.equal(await page.getByTestId('waiting-GS').locator('b').textContent(), '3人');
    assert.equal(await page.getByTestId('waiting-DS').locator('b').textContent(), '1人');
    assert.match((await page.getByTestId('notice').textContent()) ?? '', /请保管好随身物品/);
    assert.deepEqual(await voiceLog(page), []);

    // Record every change of the big panel (number, window, when) from here on.
    await page.evaluate(recordPanel);

    await ok(c3, 'window:callNext');
    await page.getByTestId('current-number').getByText('A012').waitFor();
    assert.equal(await page.getByTestId('current-window').textContent(), '3号窗口');
    assert.equal(await page.getByTestId('current-call').getAttribute('data-flash'), 'true');
    const first = page.getByTestId('recent').locator('li').first();
    assert.equal((await first.locator('span').allTextContents()).join(' '), 'A012 3号窗口');
    await page.getByTestId('waiting-GS').getByText('2人').waitFor();
    await waitAnnounced(page, 1);
    await screenshot(page, 'display-call');
    assert.deepEqual(await announced(page), ['请A零一二号到三号窗口办理']);
    assert.equal(await page.getByTestId('caption').textContent(), '请A零一二号到三号窗口办理');
    assert.deepEqual(await voiceLog(page), [
      { kind: 'clip', text: 'chime.wav' },
      { kind: 'start', text: '请A零一二号到三号窗口办理' },
      { kind: 'end', text: '请A零一二号到三号窗口办理' },
      { kind: 'start', text: '请A零一二号到三号窗口办理' },
      { kind: 'end', text: '请A零一二号到三号窗口办理' },
    ]);

    // Two calls a second apart.
    await ok(c1, 'window:callNext');
    await page.waitForTimeout(1000);
    await ok(c2, 'window:callNext');
    const a14CalledAt = Date.now();
    // The newest call is shown at once, while A013 is still being announced: the screen never waits for the voice.
    await page.getByTestId('current-number').getByText('A014').waitFor({ timeout: 2000 });
    assert.ok(Date.now() - a14CalledAt <= 2000, `A014 was shown ${Date.now() - a14CalledAt} ms after its call`);
    assert.equal(await page.getByTestId('current-window').textContent(), '2号窗口');
    await waitAnnounced(page, 3);
    const log = await voiceLog(page);
    const a13 = '请A零一三号到一号窗口办理';
    const a14 = '请A零一四号到二号窗口办理';
    assert.deepEqual(log.slice(5), [
      { kind: 'clip', text: 'chime.wav' },
      { kind: 'start', text: a13 },
      { kind: 'end', text: a13 },
      { kind: 'start', text: a13 },
      { kind: 'end', text: a13 },
      { kind: 'clip', text: 'chime.wav' },
      { kind: 'start', text: a14 },
      { kind: 'end', text: a14 },
      { kind: 'start', text: a14 },
      { kind: 'end', text: a14 },
    ]);
    assert.deepEqual(await announced(page), ['请A零一二号到三号窗口办理', a13, a14]);
    const shown = await page.evaluate(() => (globalThis as unknown as PageGlobals).__shown);
    const seen = shown.map((s) => `${s.number} ${s.window}`);
    assert.deepEqual(seen, ['A012 3号窗口', 'A013 1号窗口', 'A014 2号窗口']);
    const recent = await page.getByTestId('recent').locator('li').allTextContents();
    assert.deepEqual(recent.slice(0, 3), ['A0142号窗口', 'A0131号窗口', 'A0123号窗口']);
    await screenshot(page, 'display-two-calls');
  } finally {
    await hub.close();
  }
});

/** When each utterance started (page clock = this machine's clock), for the rush test. */
const START_TIMES = `(() => {
  const starts = [];
  window.__starts = starts;
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = (u) => { starts.push({ text: u.text, at: Date.now() }); speak(u); };
})();`;

test('in a rush the newest call is shown at once and the voice never falls behind the limit: repeats dropped, stale calls skipped', { timeout: 180_000 }, async () => {
  const maxAgeSeconds = 5;
  const hub = await startTestHub({ hall: hubHall(hallEdit({ engine: 'speech', repeat: 2, minShowSeconds: 5, maxAgeSeconds })) });
  try {
    const { c1 } = await prepareHall(hub);
    const kiosk = await hub.kiosk();
    for (let i = 0; i < 20; i++) await ok(kiosk, 'ticket:issue', { serviceCode: 'GS-01', kind: 'normal' });
    const page = await openDisplay(hub, hub.tokens.display, FAKE_SPEECH + START_TIMES);
    // 20 calls back to back at window 1, each as soon as the panel shows the one before.
    const calls: { number: string; at: number }[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await ok(c1, 'window:callNext');
      const at = Date.now();
      const number = (r as unknown as { ticket: { number: string } }).ticket.number;
      calls.push({ number, at });
      await page.getByTestId('current-number').getByText(number).waitFor({ timeout: 2000 });
      assert.ok(Date.now() - at <= 2000, `${number} was shown ${Date.now() - at} ms after its call`);
      await ok(c1, 'window:finish');
    }
    // The announcer settles: every call either announced or skipped.
    const panel = page.getByTestId('current-call');
    await page.waitForFunction(
      () => {
        const d = (globalThis as unknown as PageGlobals).document;
        return d.querySelectorAll('[data-testid="announced"] li').length + Number(d.querySelector('[data-testid="current-call"]')?.getAttribute('data-skipped')) >= 20;
      },
      undefined,
      { timeout: 90_000 },
    );
    const skipped = Number(await panel.getAttribute('data-skipped'));
    assert.ok(skipped > 0, 'no call was skipped: the voice kept every call however late');
    const starts = await page.evaluate(() => (globalThis as unknown as { __starts: { text: string; at: number }[] }).__starts);
    const firstStart = new Map<string, number>();
    for (const s of starts) if (!firstStart.has(s.text)) firstStart.set(s.text, s.at);
    for (const c of calls) {
      const text = `请${readTicketForTest(c.number)}号到一号窗口办理`;
      const at = firstStart.get(text);
      // One announcement may be in progress when a call's turn comes; beyond that the limit holds.
      if (at !== undefined) assert.ok(at - c.at <= (maxAgeSeconds + 3) * 1000, `${c.number} was first heard ${at - c.at} ms after its call`);
    }
    // While others waited, calls were read once: fewer readings than twice each.
    assert.ok(starts.length < 2 * firstStart.size, `${starts.length} readings for ${firstStart.size} calls`);
    await screenshot(page, 'display-rush');
  } finally {
    await hub.close();
  }
});

const readTicketForTest = (n: string) => [...n].map((c) => (c >= '0' && c <= '9' ? '零一二三四五六七八九'[Number(c)] : c)).join('');

test('分区叫号: a display that follows some windows shows, lists and announces only their calls', { timeout: 180_000 }, async () => {
  const hub = await startTestHub({ hall: hubHall(hallEdit({ engine: 'speech', repeat: 1, minShowSeconds: 5 })) });
  try {
    const { c1, c2 } = await prepareHall(hub);
    const open = async (zone: string) => {
      const page = await openPage(browser);
      await page.addInitScript({ content: FAKE_SPEECH });
      await page.goto(`${hub.url}/display/?token=${hub.tokens.display}&${zone}`);
      await page.locator('html[data-voice-engine]').waitFor({ state: 'attached', timeout: 15_000 });
      return page;
    };
    const first = await open('windows=1');
    const rest = await open('windows=2-3');
    // Before any call of its own, the second zone shows nothing of window 1's day.
    assert.equal(await rest.getByTestId('recent').locator('li').count(), 0);
    await ok(c1, 'window:callNext');
    await ok(c2, 'window:callNext');
    await waitAnnounced(first, 1);
    await waitAnnounced(rest, 1);
    await first.getByTestId('current-number').getByText('A012').waitFor();
    await rest.getByTestId('current-number').getByText('A013').waitFor();
    // Both calls reached both pages by now (each announced its own): each heard only its own.
    assert.deepEqual(await announced(first), ['请A零一二号到一号窗口办理']);
    assert.deepEqual(await announced(rest), ['请A零一三号到二号窗口办理']);
    assert.deepEqual(await rest.getByTestId('recent').locator('li').allTextContents(), ['A0132号窗口']);
    assert.ok(!(await first.getByTestId('recent').locator('li').allTextContents()).some((x) => x.includes('2号窗口')));
    await screenshot(rest, 'display-zone');
    const bad = await openPage(browser);
    await bad.goto(`${hub.url}/display/?token=${hub.tokens.display}&windows=9-1`);
    await bad.getByText('本屏的分区设置有误').waitFor();
    await bad.getByText('分区窗口写法有误：“9-1”（例如 windows=1-4,9）').waitFor();
  } finally {
    await hub.close();
  }
});

/** The voice clips the page fetches, in order. */
function clipRequests(page: Page): string[] {
  const requests: string[] = [];
  page.on('request', (r) => {
    const m = /\/voice\/([^?]+)$/.exec(r.url());
    if (m) requests.push(m[1]!);
  });
  return requests;
}
const A012_WORDS = ['qing', 'A', '0', '1', '2', 'hao', 'dao', '3', 'hao', 'chuangkou', 'banli'].map((w) => `${w}.wav`);
/** "请A零一二号到三号窗口办理" from clips, said twice after the chime. */
const A012_AT_3_TWICE = ['chime.wav', ...A012_WORDS, ...A012_WORDS];

test('the clip engine plays chime, then 请 A 零 一 二 号 到 三 号 窗口 办理, twice', { timeout: 180_000 }, async () => {
  const hub = await startTestHub({ hall: hubHall(hallEdit({ engine: 'clips', repeat: 2, minShowSeconds: 5 })) });
  try {
    const { c3 } = await prepareHall(hub);
    const page = await openDisplay(hub, hub.tokens.display);
    assert.equal(await engineOf(page), 'clips');
    const requests = clipRequests(page);
    await ok(c3, 'window:callNext');
    await waitAnnounced(page, 1);
    assert.deepEqual(requests, A012_AT_3_TWICE);
    assert.deepEqual(await announced(page), ['请A零一二号到三号窗口办理']);
    assert.equal(await page.getByTestId('announced').locator('li').first().getAttribute('data-engine'), 'clips');
  } finally {
    await hub.close();
  }
});

test('speech without a Chinese voice falls back to clips (headless Chromium has none)', { timeout: 180_000 }, async () => {
  const hub = await startTestHub({ hall: hubHall(hallEdit({ engine: 'speech' })) });
  try {
    const page = await openDisplay(hub, hub.tokens.display);
    assert.equal(await engineOf(page), 'clips');
  } finally {
    await hub.close();
  }
});

/** A Chinese voice that cannot speak: every utterance fails at once, as Chromium does on a PC
 * whose speech service is broken (HARDWARE.md: synthesis-failed within milliseconds, never end). */
const BROKEN_SPEECH = `(() => {
  const voices = [{ name: 'Broken Huihui', lang: 'zh-CN', localService: true, default: true, voiceURI: 'broken' }];
  const fake = {
    speaking: false, pending: false, paused: false,
    getVoices: () => voices,
    speak(u) { setTimeout(() => u.dispatchEvent(new SpeechSynthesisErrorEvent('error', { error: 'synthesis-failed', utterance: u })), 10); },
    cancel() {}, pause() {}, resume() {}, addEventListener() {}, removeEventListener() {},
  };
  Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
})();`;

test('a Chinese voice that fails to speak hands the announcement to the clips, in full', { timeout: 180_000 }, async () => {
  const hub = await startTestHub({ hall: hubHall(hallEdit({ engine: 'speech', repeat: 2, minShowSeconds: 5 })) });
  try {
    const { c3 } = await prepareHall(hub);
    const page = await openDisplay(hub, hub.tokens.display, BROKEN_SPEECH);
    assert.equal(await engineOf(page), 'speech');
    const requests = clipRequests(page);
    await ok(c3, 'window:callNext');
    await waitAnnounced(page, 1);
    assert.deepEqual(requests, A012_AT_3_TWICE);
    assert.equal(await page.getByTestId('announced').locator('li').first().getAttribute('data-engine'), 'clips');
    assert.equal(await engineOf(page), 'clips');
  } finally {
    await hub.close();
  }
});

test('after a hub restart the display recovers by itself, shows what it missed, and repeats no announcement', { timeout: 180_000 }, async () => {
  const first = await startTestHub({ hall: hubHall(hallEdit({ engine: 'speech', repeat: 1, minShowSeconds: 1 })) });
  let second: Hub | undefined;
  try {
    const { c3 } = await prepareHall(first);
    const page = await openDisplay(first, first.tokens.display, FAKE_SPEECH);
    await ok(c3, 'window:callNext');
    await waitAnnounced(page, 1);
    // The hub goes away (the display shows it) and comes back on the same database and port.
    await first.hub.close();
    await page.locator('.conn-banner').waitFor({ timeout: 20_000 });
    second = await startHub({
      hall: hubHall(hallEdit({ engine: 'speech', repeat: 1, minShowSeconds: 1 })),
      dbPath: first.dbPath,
      port: first.hub.port,
      log: pino({ level: 'silent' }),
    });
    await page.locator('.conn-banner').waitFor({ state: 'detached', timeout: 30_000 });
    // A recall after the restart is a new call: heard once more; the old call is not replayed.
    const c3again = await connect<Socket>(second.url, '/counter', { token: await loginToken(second.url), windowNo: 3 });
    await ok(c3again, 'window:recall');
    await waitAnnounced(page, 2);
    await page.waitForTimeout(1500);
    assert.deepEqual(await announced(page), ['请A零一二号到三号窗口办理', '请A零一二号到三号窗口办理']);
    const starts = (await voiceLog(page)).filter((e) => e.kind === 'start' || e.kind === 'OVERLAP');
    assert.equal(starts.length, 2);
    assert.equal(await page.getByTestId('current-number').textContent(), 'A012');
    await screenshot(page, 'display-after-restart');
    c3again.close();
  } finally {
    await second?.close();
    rmSync(first.dir, { recursive: true, force: true });
  }
});

async function loginToken(url: string): Promise<string> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', body: JSON.stringify({ staffId: '0102', password: 'hallq-test-1' }), headers: { 'content-type': 'application/json' } });
  return ((await res.json()) as { token: string }).token;
}
