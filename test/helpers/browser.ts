// Real Chromium (Debian's /usr/bin/chromium) through playwright-core, a fresh profile per browser,
// screenshots under test-artifacts/ (git-ignored).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestHub, type TestHub } from './hub.js';

export const ARTIFACTS = join('test-artifacts', 'e2e');

/** `extraArgs`: e.g. '--autoplay-policy=no-user-gesture-required', as a hall display runs. */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...extraArgs],
  });
}

export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

/** A page in its own context (fresh storage), at a kiosk's or a PC's screen size. */
export async function openPage(browser: Browser, viewport: { width: number; height: number } = LANDSCAPE): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`page error: ${err.message}`));
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** A file's test hub and Chromium, started together in its `before`. */
export async function hubAndBrowser(options?: Parameters<typeof startTestHub>[0]): Promise<{ hub: TestHub; browser: Browser }> {
  const hub = await startTestHub(options);
  return { hub, browser: await launchBrowser() };
}

/** The `after` of such a file: the browser first (its pages hold sockets to the hub), then the hub. */
export async function closeAll(browser: Browser | undefined, hub: TestHub | undefined): Promise<void> {
  await browser?.close();
  await hub?.close();
}
