// The hall installer's recipe (electron-builder.yml) and the Electron bundle it packs, checked
// without Electron: the targets halls install from, native code kept out of the asar and out of
// the bundle, and a bundle that really starts a hub (migrations and screens found beside it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { runInNewContext } from 'node:vm';
import { parse } from 'yaml';
import type { startApp as StartApp } from '../../../main/electron/main.js';
import { fakeElectron } from '../../helpers/fake-electron.js';

const root = resolve(import.meta.dirname, '../../..');
const NATIVE = ['better-sqlite3', 'serialport', '@serialport/bindings-cpp', 'usb', 'node-escpos-win', 'electron'];

interface BuilderConfig {
  appId: string;
  productName: string;
  extraMetadata: { main: string };
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  win: { target: { target: string; arch: string[] }[] };
  linux: { target: string[]; files: string[] };
}
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

test('installers: Windows x64 NSIS, Linux AppImage and deb, as HallQ', () => {
  assert.equal(config.appId, 'cn.hallq.app');
  assert.equal(config.productName, 'HallQ');
  assert.deepEqual(config.win.target, [{ target: 'nsis', arch: ['x64'] }]);
  assert.deepEqual([...config.linux.target].sort(), ['AppImage', 'deb']);
});

test('electron-builder itself accepts the file (its own schema check, as `npm run dist` runs first)', async () => {
  // app-builder-lib's validator, reached by path: it is what electron-builder calls before building.
  const require = createRequire(join(root, 'package.json'));
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
    validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
  };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  await validateConfiguration(structuredClone(config), new DebugLogger(false));
  // …and it does refuse a misspelt option, so the pass above means something.
  await assert.rejects(validateConfiguration({ ...structuredClone(config), nsis: { oneClik: false } }, new DebugLogger(false)), /configuration\.nsis/);
});

test('the app starts from the bundle and carries the screens, the migrations and the native modules', () => {
  assert.equal(config.extraMetadata.main, 'out/electron/main.cjs');
  for (const f of ['out/electron/**', 'renderer/dist/**', 'db/migrations/**', 'config/**', 'package.json', 'node_modules/**']) {
    assert.ok(config.files.includes(f), `files has ${f}`);
  }
  assert.ok(config.asarUnpack.includes('**/*.node'), '.node files are unpacked from the asar');
  for (const m of ['better-sqlite3', 'serialport', '@serialport', 'usb', 'node-escpos-win']) {
    assert.ok(config.asarUnpack.includes(`node_modules/${m}/**`), `${m} is unpacked`);
  }
  assert.equal(config.npmRebuild, true);
  assert.ok(config.linux.files.includes('!node_modules/node-escpos-win/**'), 'the Windows-only printer module stays out of Linux builds');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; optionalDependencies: Record<string, string> };
  assert.match(pkg.scripts['build:electron'] ?? '', /scripts\/build-electron\.mjs/);
  assert.match(pkg.scripts.dist ?? '', /npm run build && npm run build:electron && electron-builder/);
  assert.ok(pkg.optionalDependencies['node-escpos-win'], 'node-escpos-win is optional');
});

test('build:electron bundles main and preload with the native modules left outside, and the bundle runs a hub', async (t) => {
  // Inside the repository so the bundle resolves node_modules like the packaged app does.
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, '.tmp', 'electron-build-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const outdir = join(dir, 'out', 'electron');
  const built = spawnSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', outdir], { cwd: root, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const main = readFileSync(join(outdir, 'main.cjs'), 'utf8');
  const preload = readFileSync(join(outdir, 'preload.cjs'), 'utf8');

  for (const m of ['better-sqlite3', 'serialport', 'usb', 'electron']) assert.match(main, new RegExp(`require\\("${m}"\\)`), `${m} is required at run time`);
  assert.doesNotMatch(main, /\bimport\("/, 'no dynamic import() left: natives load through require inside the asar');
  for (const m of NATIVE) assert.doesNotMatch(main, new RegExp(`// node_modules/${m}/`), `${m} is not bundled`);
  assert.doesNotMatch(main, /\.node["']\)/, 'no .node binary is referenced from inside the bundle');
  // The sandboxed preload may load nothing but electron.
  assert.deepEqual([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]), ['electron']);
  assert.match(preload, /exposeInMainWorld\("hallq"/);
  checkPreload(preload);

  // The bundle finds db/migrations and renderer/dist through the source paths it was built from.
  const bundle = createRequire(import.meta.url)(join(outdir, 'main.cjs')) as { startApp: typeof StartApp };
  const userData = mkdtempSync(join(tmpdir(), 'hallq-bundle-'));
  const configPath = join(userData, 'hallq-app.yml');
  writeFileSync(configPath, `role: hub\nhallFile: ${JSON.stringify(join(root, 'config', 'demo-hall.yml'))}\nport: 0\nhost: 127.0.0.1\n`);
  const rec = fakeElectron(userData);
  const app = await bundle.startApp(rec.electron, { configPath, preload: join(outdir, 'preload.cjs') });
  t.after(() => app.shutdown());
  assert.ok(app.hub, 'the hub started from the bundle');
  const health = (await (await fetch(`${app.hubOrigin}/healthz`)).json()) as { ok: boolean };
  assert.equal(health.ok, true);
  const page = await fetch(`${app.hubOrigin}/kiosk/`);
  // 200 with the built renderer, 503 "请先运行 npm run build" without: either way the screens folder was looked up where it is.
  assert.ok(page.status === 200 || page.status === 503, String(page.status));
  if (page.status === 503) assert.equal(existsSync(join(root, 'renderer', 'dist', 'index.html')), false);
  await app.shutdown();
});

/** Runs the bundled preload as Electron would (a sandbox whose `require` knows only electron) and checks what it exposes. */
function checkPreload(code: string): void {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: string[] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => exposed.set(name, api) },
    ipcRenderer: {
      invoke: (channel: string) => (invoked.push(channel), Promise.resolve(undefined)),
      on: (channel: string, l: (...args: unknown[]) => void) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(l)),
      removeListener: (channel: string, l: (...args: unknown[]) => void) => listeners.get(channel)?.delete(l),
    },
  };
  const require = (name: string) => (name === 'electron' ? electron : assert.fail(`the preload required ${name}`));
  runInNewContext(code, { require, process: { argv: ['electron', '--type=renderer', '--hallq-version=1.2.3'] }, exports: {}, module: { exports: {} } });
  assert.deepEqual([...exposed.keys()], ['hallq']);
  const api = exposed.get('hallq')!;
  assert.deepEqual(Object.keys(api).sort(), ['deviceStatus', 'exitKiosk', 'onDeviceStatus', 'version']);
  assert.equal(api.version, '1.2.3');
  void (api.deviceStatus as () => Promise<unknown>)();
  void (api.exitKiosk as () => Promise<unknown>)();
  assert.deepEqual(invoked, ['hallq:device-status', 'hallq:exit-kiosk']);
  const seen: unknown[] = [];
  const off = (api.onDeviceStatus as (cb: (s: unknown) => void) => () => void)((s) => seen.push(s));
  for (const l of listeners.get('hallq:device-status-changed') ?? []) l({ sender: 'ipc' }, { hub: 'online' });
  off();
  assert.equal(listeners.get('hallq:device-status-changed')?.size, 0, 'unsubscribed');
  assert.deepEqual(seen, [{ hub: 'online' }], 'the IPC event itself never reaches the page');
}
