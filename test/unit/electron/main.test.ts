// The app's startup for every role, run against a recording stand-in for the `electron` module
// (Electron itself cannot run here): every BrowserWindow is created with the secure settings and
// the guards, the hub role runs a real hub in-process, IPC answers hub pages only, and a hub that
// is away gets the local "正在连接服务器…" page and a retry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { IPC, type DeviceStatusView } from '../../../main/electron/api.js';
import { startApp, type AgentHandle, type RunningApp } from '../../../main/electron/main.js';
import { fakeElectron, type Recorder } from '../../helpers/fake-electron.js';

const DEMO_HALL = fileURLToPath(new URL('../../../config/demo-hall.yml', import.meta.url));
const ELECTRON_DIR = fileURLToPath(new URL('../../../main/electron/', import.meta.url));

function setUp(yaml: string): { rec: Recorder; dir: string; configPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-electron-'));
  const configPath = join(dir, 'hallq-app.yml');
  writeFileSync(configPath, yaml);
  return { rec: fakeElectron(dir), dir, configPath };
}

function assertSecure(options: BrowserWindowConstructorOptions, what: string) {
  const p = options.webPreferences ?? {};
  assert.equal(p.contextIsolation, true, `${what}: contextIsolation`);
  assert.equal(p.sandbox, true, `${what}: sandbox`);
  assert.equal(p.nodeIntegration, false, `${what}: nodeIntegration`);
  assert.equal(p.webSecurity, true, `${what}: webSecurity`);
  assert.equal(p.allowRunningInsecureContent, false, `${what}: allowRunningInsecureContent`);
  assert.equal(p.preload, '/app/out/electron/preload.cjs', `${what}: preload`);
}

async function waitUntil(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const status: DeviceStatusView = { hub: 'online', outboxPending: 2, devices: [{ id: 'P1', kind: 'printer', online: false, message: '缺纸' }] };
function fakeAgent(): AgentHandle & { emit(s: DeviceStatusView): void } {
  const listeners = new Set<(s: DeviceStatusView) => void>();
  return {
    status: () => status,
    onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
    close: async () => undefined,
    emit: (s) => listeners.forEach((l) => l(s)),
  };
}

const roles = {
  kiosk: 'role: kiosk\nhubUrl: http://192.168.1.10:8080\ntoken: k-secret\n',
  counter: 'role: counter\nhubUrl: http://192.168.1.10:8080\nwindowNo: 7\nwindowDisplay:\n  monitor: 2\n  token: w-secret\nopenAtLogin: false\n',
  display: 'role: display\nhubUrl: http://192.168.1.10:8080\ntoken: d-secret\nmonitor: 2\n',
};

for (const [role, yaml] of Object.entries(roles)) {
  test(`${role}: every BrowserWindow is created with the secure settings, loads the hub page and is guarded`, async (t) => {
    const { rec, dir, configPath } = setUp(yaml);
    const app = await startApp(rec.electron, { configPath, preload: '/app/out/electron/preload.cjs' });
    t.after(() => app.shutdown());
    assert.equal(rec.created.length, role === 'counter' ? 2 : 1);
    rec.created.forEach((o, i) => assertSecure(o, `${role} window ${i}`));
    assert.ok(rec.calls.includes('menu=null'), 'no application menu');
    assert.ok(rec.calls.includes(role === 'counter' ? 'openAtLogin=false' : 'openAtLogin=true'), rec.calls.join());
    assert.ok(rec.calls.includes('permission-request-handler') && rec.calls.includes('permission-check-handler'));
    // Screens the public sees never sleep; a counter with a visitor-facing window display counts.
    assert.ok(rec.calls.includes('powerSaveBlocker=prevent-display-sleep'), 'the screen stays awake');

    const first = rec.windows[0]!;
    const expected = { kiosk: '/kiosk/?token=k-secret', counter: '/counter/?windowNo=7', display: '/display/?token=d-secret' }[role];
    assert.deepEqual(first.webContents.loaded, [`http://192.168.1.10:8080${expected}`]);
    if (role === 'kiosk') assert.equal(rec.created[0]?.kiosk, true);
    if (role === 'display') assert.equal(rec.created[0]?.x, 1920, 'monitor 2 is the one that is not primary');
    if (role === 'counter') assert.deepEqual(rec.windows[1]?.webContents.loaded, ['http://192.168.1.10:8080/window/?windowNo=7&token=w-secret']);

    for (const win of rec.windows) {
      // Navigation away is stopped, on the hub it goes on; new windows are denied.
      let prevented = 0;
      win.webContents.emit('will-navigate', { preventDefault: () => prevented++ }, 'https://evil.example/');
      win.webContents.emit('will-navigate', { preventDefault: () => prevented++ }, 'file:///C:/Windows/system.ini');
      win.webContents.emit('will-redirect', { preventDefault: () => prevented++ }, 'javascript:alert(1)');
      win.webContents.emit('will-navigate', { preventDefault: () => prevented++ }, 'http://192.168.1.10:8080/t/V1?k=x');
      assert.equal(prevented, 3);
      assert.deepEqual(win.webContents.openHandler?.({ url: 'https://evil.example/' }), { action: 'deny' });
    }

    // The CSP goes on every response.
    let headers: Record<string, string[]> | undefined;
    rec.headers?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    assert.match(headers?.['Content-Security-Policy']?.[0] ?? '', /connect-src 'self' http:\/\/192\.168\.1\.10:8080 ws:\/\/192\.168\.1\.10:8080/);

    // No agent config: the page hears "no local devices"; a foreign frame hears nothing at all.
    const handler = rec.ipc.get(IPC.deviceStatus)!;
    assert.equal(await handler({ senderFrame: { url: `http://192.168.1.10:8080${expected}` } }), undefined);
    assert.throws(() => handler({ senderFrame: { url: 'https://evil.example/' } }), /refused/);
    assert.throws(() => handler({ senderFrame: null }), /refused/);

    // Leaving kiosk mode: only the kiosk's own window, only from a hub page.
    const exit = rec.ipc.get(IPC.exitKiosk)!;
    assert.throws(() => exit({ senderFrame: { url: 'https://evil.example/' }, sender: first.webContents }), /refused/);
    assert.deepEqual(first.changes, []);
    assert.equal(await exit({ senderFrame: { url: `http://192.168.1.10:8080${expected}` }, sender: first.webContents }), role === 'kiosk');
    assert.deepEqual(first.changes, role === 'kiosk' ? ['kiosk=false', 'fullscreen=false', 'closable=true', 'minimizable=true'] : []);
    await waitUntil('the log file', () => existsSync(join(dir, 'logs', 'hallq.log')));
  });
}

test('hub: the hub runs in-process on this PC and its window shows the hub\'s own page', async (t) => {
  const { rec, dir, configPath } = setUp(`role: hub\nhallFile: ${JSON.stringify(DEMO_HALL)}\nport: 0\nhost: 127.0.0.1\n`);
  const app: RunningApp = await startApp(rec.electron, { configPath, preload: '/app/out/electron/preload.cjs' });
  t.after(() => app.shutdown());
  assert.ok(app.hub);
  assert.equal(app.hubOrigin, `http://127.0.0.1:${app.hub.port}`);
  assert.equal(rec.created.length, 1);
  assertSecure(rec.created[0]!, 'hub window');
  assert.ok(!rec.calls.some((c) => c.startsWith('powerSaveBlocker')), 'the hub PC keeps its own power settings');
  assert.deepEqual(rec.windows[0]?.webContents.loaded, [`${app.hubOrigin}/`]);
  const health = (await (await fetch(`${app.hubOrigin}/healthz`)).json()) as { ok: boolean };
  assert.equal(health.ok, true);
  assert.ok(existsSync(join(dir, 'hall.db')), 'the database lives in the user data folder');
  // Quitting waits for the hub to close, then quits for real.
  let held = 0;
  (rec.electron.app as unknown as EventEmitter).emit('before-quit', { preventDefault: () => held++ });
  assert.equal(held, 1);
  await waitUntil('the quit after the hub closed', () => rec.calls.includes('quit'));
  await assert.rejects(fetch(`${app.hubOrigin}/healthz`));
});

test('a hub that is away: the local connecting page, then the hub page again, without end; crashed and hung pages reload', async (t) => {
  const { rec, configPath } = setUp(roles.kiosk);
  const hubPage = 'http://192.168.1.10:8080/kiosk/?token=k-secret';
  rec.refuse.add(hubPage);
  const app = await startApp(rec.electron, { configPath, preload: '/app/out/electron/preload.cjs' });
  t.after(() => app.shutdown());
  const loaded = rec.windows[0]!.webContents.loaded;
  await waitUntil('two failed attempts', () => loaded.filter((u) => u === hubPage).length >= 2);
  const waiting = loaded.filter((u) => u.startsWith('data:')).map((u) => decodeURIComponent(u));
  assert.ok(waiting.length >= 1);
  assert.match(waiting[0]!, /正在连接服务器…/);
  assert.match(waiting[0]!, /第 1 次重试/);
  rec.refuse.clear();
  await waitUntil('the hub page after the hub came back', () => loaded.at(-1) === hubPage && loaded.filter((u) => u === hubPage).length >= 3);
  // A renderer crash reloads the hub page.
  const before = loaded.length;
  rec.windows[0]!.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
  assert.equal(loaded.length, before + 1);
  assert.equal(loaded.at(-1), hubPage);
  // A hung renderer is killed and its page loaded afresh, once.
  rec.windows[0]!.emit('unresponsive');
  assert.equal(loaded.length, before + 2);
  assert.equal(loaded.at(-1), hubPage);
});

test('the local agent\'s status reaches hub pages, by request and by push', async (t) => {
  const { rec, dir, configPath } = setUp(`${roles.kiosk}agentConfig: agent.yml\n`);
  const agent = fakeAgent();
  let started: string | undefined;
  const app = await startApp(rec.electron, {
    configPath,
    preload: '/app/out/electron/preload.cjs',
    startAgent: async (path) => ((started = path), agent),
  });
  t.after(() => app.shutdown());
  assert.equal(started, join(dir, 'agent.yml'));
  const handler = rec.ipc.get(IPC.deviceStatus)!;
  assert.deepEqual(await handler({ senderFrame: { url: 'http://192.168.1.10:8080/kiosk/' } }), status);
  assert.throws(() => handler({ senderFrame: { url: 'http://192.168.1.10:9999/kiosk/' } }), /refused/);
  const next = { ...status, hub: 'offline' as const };
  agent.emit(next);
  assert.deepEqual(rec.windows[0]?.webContents.sent, [[IPC.deviceStatusChanged, next]]);
});

test('a wrong hallq-app.yml opens one secure window that says what to fix, and no hub page', async (t) => {
  const { rec, dir, configPath } = setUp('role: kiosk\nhubUrl: http://192.168.1.10:8080\n');
  const app = await startApp(rec.electron, { configPath, preload: '/app/out/electron/preload.cjs' });
  t.after(() => app.shutdown());
  assert.equal(rec.created.length, 1);
  assertSecure(rec.created[0]!, 'error window');
  const page = decodeURIComponent(rec.windows[0]!.webContents.loaded[0] ?? '');
  assert.match(page, /本机配置有误/);
  assert.match(page, /token: 缺少此项/);
  await app.shutdown();
  assert.match(readFileSync(join(dir, 'logs', 'hallq.log'), 'utf8'), /cannot start: configuration/);
});

test('a second HallQ on the same PC quits at once and opens nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-electron-'));
  const rec = fakeElectron(dir, false);
  await startApp(rec.electron, { configPath: join(dir, 'none.yml') });
  assert.deepEqual(rec.calls, ['quit']);
  assert.equal(rec.created.length, 0);
});

test('`new BrowserWindow` appears only in the one factory', () => {
  const hits: string[] = [];
  for (const file of readdirSync(ELECTRON_DIR).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(ELECTRON_DIR, file), 'utf8');
    for (const m of source.matchAll(/new\s+(?:[\w.]+\.)?BrowserWindow\s*\(/g)) {
      const before = source.slice(0, m.index);
      const fn = [...before.matchAll(/export function (\w+)/g)].at(-1)?.[1];
      hits.push(`${file}:${fn}`);
    }
  }
  assert.deepEqual(hits, ['main.ts:createAppWindow']);
});

test('the shell never opens links outside and never turns Node on in a page', () => {
  for (const file of readdirSync(ELECTRON_DIR).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(ELECTRON_DIR, file), 'utf8');
    assert.doesNotMatch(source, /openExternal|shell\s*[,}]/, `${file} uses shell.openExternal`);
    assert.doesNotMatch(source, /nodeIntegration[A-Za-z]*:\s*true|contextIsolation:\s*false|sandbox:\s*false|webSecurity:\s*false/, `${file} weakens a window`);
  }
});
