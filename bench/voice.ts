// The hall's voice under a rush, in real Chromium with the clip engine (as on Linux hall PCs): a hub
// in this process on the demo hall, counters calling at a steady rate, one hall display per zone
// (分区叫号, /display/?windows=…). Per run: calls per minute announced per zone, call → shown large
// and call → first sound (the announcement starting) p50/p99, and calls skipped (listed, not
// announced, because they were older than display.voice.maxAgeSeconds when their turn came).
//
//   npm run bench -- voice [--seconds 60] [--rates 10,20,40,60] [--no-write]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Page } from 'playwright-core';
import { parseHallYaml } from '../main/config/hall-file.js';
import { announcementText } from '../renderer/src/display/voice/text.js';
import { launchBrowser, openPage } from '../test/helpers/browser.js';
import { rid, startTestHub, type TestHub } from '../test/helpers/hub.js';
import { DEMO_HALL } from './lib/bench-hall.js';
import { writeResultsBlock } from './lib/results-file.js';
import { ms, summarize } from './lib/stats.js';

/** A zone: two windows of one department, the service both call from, their staff. */
const ZONES = [
  { windows: [1, 2], staff: ['0101', '0102'], service: 'GS-01' },
  { windows: [5, 6], staff: ['0201', '0202'], service: 'SW-01' },
  { windows: [10, 11], staff: ['0801', '0802'], service: 'RS-02' },
] as const;

/** The demo hall open around the clock, its kiosk limit raised so the bench can issue what it calls. */
function benchHall() {
  type Section = Record<string, unknown>;
  const config = parse(readFileSync(DEMO_HALL, 'utf8')) as { hall: Section; services: Section[]; display?: Section & { voice?: Section } } & Section;
  config.hall.hours = [{ from: '00:00', to: '23:59' }];
  config.hall.stopIssuingMinutesBeforeClose = 0;
  config.hall.kioskRateLimit = { max: 1000, perSeconds: 60 };
  for (const s of config.services) {
    delete s.hours;
    s.dailyCap = 1000;
  }
  const days = Array.from({ length: 3 }, (_, i) => new Date(Date.now() + (i - 1) * 86_400_000).toISOString().slice(0, 10));
  config.calendar = { holidays: [], workdays: days };
  config.display = { ...config.display, voice: { ...config.display?.voice, engine: 'clips' } };
  return parseHallYaml(stringify(config), 'bench voice hall');
}

/** Browser-side: the time each number first stands in the big panel and each announcement starts. */
const RECORDER = `(() => {
  window.__shown = {}; window.__spoken = {};
  new MutationObserver(() => {
    const n = document.querySelector('[data-testid="current-number"]')?.textContent;
    if (n && !(n in window.__shown)) window.__shown[n] = Date.now();
    const c = document.querySelector('[data-testid="caption"]')?.textContent;
    if (c && !(c in window.__spoken)) window.__spoken[c] = Date.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface Run {
  readonly rate: number;
  readonly zones: number;
  readonly calls: number;
  readonly announcedPerMinute: number;
  readonly shown: ReturnType<typeof summarize>;
  readonly sound: ReturnType<typeof summarize>;
  readonly skipped: number;
  readonly notShown: number;
}

async function run(hub: TestHub, rate: number, zones: number, seconds: number, template: string): Promise<Run> {
  const browser = await launchBrowser(['--autoplay-policy=no-user-gesture-required']);
  const used = ZONES.slice(0, zones);
  try {
    const kiosk = await hub.kiosk();
    const perZone = Math.ceil((rate / zones) * (seconds / 60));
    for (const z of used) for (let i = 0; i < perZone; i++) {
      const r = (await kiosk.timeout(8000).emitWithAck('ticket:issue', { requestId: rid(), serviceCode: z.service, kind: 'normal' })) as { ok: boolean; message?: string };
      if (!r.ok) throw new Error(`issue: ${r.message}`);
    }
    kiosk.close();
    const pages: Page[] = [];
    for (const z of used) {
      const page = await openPage(browser);
      await page.addInitScript({ content: RECORDER });
      await page.goto(`${hub.url}/display/?token=${hub.tokens.display}&windows=${z.windows.join(',')}`);
      await page.locator('html[data-voice-engine]').waitFor({ state: 'attached', timeout: 15_000 });
      pages.push(page);
    }
    const counters = await Promise.all(used.map((z) => Promise.all(z.windows.map((w, i) => hub.counter(z.staff[i]!, w)))));
    // The calls, spread evenly over the run and over the zones' windows.
    const made: { zone: number; number: string; windowNo: number; at: number }[] = [];
    const total = perZone * zones;
    const gapMs = (seconds * 1000) / total;
    const start = Date.now();
    for (let k = 0; k < total; k++) {
      const wait = start + k * gapMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait)); // the offered rate, not a wait for a condition
      const zone = k % zones;
      const slot = Math.floor(k / zones) % used[zone]!.windows.length;
      const c = counters[zone]![slot]!;
      await c.timeout(8000).emitWithAck('window:finish', { requestId: rid() }).catch(() => undefined);
      const at = Date.now();
      const r = (await c.timeout(8000).emitWithAck('window:callNext', { requestId: rid() })) as { ok: boolean; message?: string; ticket?: { number: string } };
      if (!r.ok || !r.ticket) throw new Error(`callNext: ${r.message}`);
      made.push({ zone, number: r.ticket.number, windowNo: used[zone]!.windows[slot]!, at });
    }
    const shownLatency: number[] = [];
    const soundLatency: number[] = [];
    let skipped = 0;
    let notShown = 0;
    let spokenCount = 0;
    let lastSpoken = 0;
    for (let z = 0; z < zones; z++) {
      const calls = made.filter((m) => m.zone === z);
      const page = pages[z]!;
      await page.waitForFunction(
        (n) => {
          const d = (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null } | null } }).document;
          const g = globalThis as unknown as { __spoken: Record<string, number> };
          return Object.keys(g.__spoken).length + Number(d.querySelector('[data-testid="current-call"]')?.getAttribute('data-skipped') ?? 0) >= n;
        },
        calls.length,
        { timeout: 180_000, polling: 250 },
      );
      skipped += Number(await page.getByTestId('current-call').getAttribute('data-skipped'));
      const { shown, spoken } = await page.evaluate(() => {
        const g = globalThis as unknown as { __shown: Record<string, number>; __spoken: Record<string, number> };
        return { shown: g.__shown, spoken: g.__spoken };
      });
      for (const c of calls) {
        if (c.number in shown) shownLatency.push(shown[c.number]! - c.at);
        else notShown += 1;
        const at = spoken[announcementText(template, c.number, c.windowNo)];
        if (at !== undefined) {
          soundLatency.push(at - c.at);
          spokenCount += 1;
          lastSpoken = Math.max(lastSpoken, at);
        }
      }
    }
    for (const cs of counters) for (const c of cs) c.close();
    return {
      rate,
      zones,
      calls: total,
      // Over the time the voice was busy: from the first call to the last announcement's start.
      announcedPerMinute: spokenCount / zones / (Math.max(seconds * 1000, lastSpoken - start) / 60_000),
      shown: summarize(shownLatency),
      sound: summarize(soundLatency),
      skipped,
      notShown,
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, rates: { type: 'string', default: '10,20,40,60' }, 'no-write': { type: 'boolean', default: false } } });
  const seconds = Number(values.seconds);
  const rates = values.rates.split(',').map(Number);
  const plans: [number, number][] = [...rates.map((r) => [r, 1] as [number, number]), ...(rates.includes(60) ? [[60, 3] as [number, number]] : [])];
  const results: Run[] = [];
  for (const [rate, zones] of plans) {
    const hall = benchHall();
    const hub = await startTestHub({ hall });
    try {
      const r = await run(hub, rate, zones, seconds, hall.config.display.voice.template);
      results.push(r);
      console.log(
        `${rate}/min over ${zones} zone(s): ${r.announcedPerMinute.toFixed(1)}/min announced per zone; shown p50 ${ms(r.shown.p50, 0)} p99 ${ms(r.shown.p99, 0)} ms; first sound p50 ${ms(r.sound.p50, 0)} p99 ${ms(r.sound.p99, 0)} ms; skipped ${r.skipped}, never shown ${r.notShown}`,
      );
    } finally {
      await hub.close();
    }
  }
  const text = [
    `Chromium ${'(Debian, headless)'}, clip engine, demo hall, \`display.voice\` repeat 2 and maxAgeSeconds 60; each run ${seconds} s of calls spread evenly over two windows per zone; one display per zone (\`?windows=…\`). Announced/min: announcements started per zone per minute, from the first call to the last announcement. Call → shown: the number first stands in the big panel. Call → first sound: the announcement starts (chime). Skipped: too old by its turn, listed only.`,
    '',
    '| calls/min | zones | calls | announced/min per zone | call → shown p50 / p99 (ms) | call → first sound p50 / p99 (ms) | skipped | never shown |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.rate} | ${r.zones} | ${r.calls} | ${r.announcedPerMinute.toFixed(1)} | ${ms(r.shown.p50, 0)} / ${ms(r.shown.p99, 0)} | ${ms(r.sound.p50, 0)} / ${ms(r.sound.p99, 0)} | ${r.skipped} | ${r.notShown} |`,
    ),
  ].join('\n');
  console.log(`\n${text}`);
  if (!values['no-write']) writeResultsBlock(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), 'voice', '## Hall voice under a rush (renderer/src/display)', text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
