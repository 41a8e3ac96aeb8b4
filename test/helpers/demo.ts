// The demo hall for browser tests: one per test file, with Chromium, and a poll-until helper for
// what the simulated devices and the screens show (both change on their own time).
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { startDemo, type Demo } from '../../main/demo/index.js';
import { launchBrowser } from './browser.js';

export interface DemoRig {
  readonly demo: Demo;
  readonly browser: Browser;
}

/** Starts the demo hall (port 0, no rush, quiet) and Chromium before the file's tests; stops both after. */
export function useDemo(): DemoRig {
  const rig = {} as { demo: Demo; browser: Browser };
  before(async () => {
    rig.demo = await startDemo({ port: 0, rush: false, quiet: true });
    rig.browser = await launchBrowser();
  });
  after(async () => {
    await rig.browser?.close();
    await rig.demo?.close();
  });
  return rig;
}

/** Polls `probe` until it returns something truthy; a throwing probe (a page mid-reload) is asked again. */
export async function eventually<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    let value: T | undefined | false;
    try {
      value = await probe();
    } catch {
      value = undefined;
    }
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}
