// The Electron shell's decisions, checked without Electron: every window of every role is locked
// down, pages come only from the hub, only hub pages may talk to the app, and the CSP allows no eval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppConfig } from '../../../main/electron/config.js';
import {
  connectingPage,
  contentSecurityPolicy,
  isAllowedNavigation,
  isExitChord,
  keepsScreenAwake,
  pageUrlFor,
  permissionAllowed,
  pickMonitor,
  planWindows,
  retryDelayMs,
  senderAllowed,
  windowOpenDecision,
  windowOptionsFor,
  withCsp,
  type WindowRole,
} from '../../../main/electron/policy.js';

const hub = 'http://192.168.1.10:8080';
const displays = [
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  { id: 7, bounds: { x: 1920, y: 0, width: 1366, height: 768 } },
];
const context = { preload: '/opt/HallQ/resources/app.asar/out/electron/preload.cjs', version: '1.2.3' };
const common = { openAtLogin: true, logLevel: 'info' } as const;
const configs: Record<AppConfig['role'], AppConfig> = {
  kiosk: { ...common, role: 'kiosk', hubUrl: hub, token: 'kiosk-secret' },
  counter: { ...common, role: 'counter', hubUrl: hub, windowNo: 12, windowDisplay: { monitor: 2, token: 'window-secret' } },
  display: { ...common, role: 'display', hubUrl: hub, token: 'display-secret', monitor: 2 },
  hub: { ...common, role: 'hub', hallFile: '/etc/hallq/hall.yml', dbPath: '/var/hallq/hall.db', port: 8080, host: '0.0.0.0' },
};
const roles: WindowRole[] = ['kiosk', 'counter', 'display', 'window-display', 'hub'];

test('every window of every role has the secure settings and the preload', () => {
  for (const role of roles) {
    const prefs = windowOptionsFor(role, displays, context).webPreferences;
    assert.ok(prefs, role);
    assert.equal(prefs.contextIsolation, true, `${role}: contextIsolation`);
    assert.equal(prefs.sandbox, true, `${role}: sandbox`);
    assert.equal(prefs.nodeIntegration, false, `${role}: nodeIntegration`);
    assert.equal(prefs.nodeIntegrationInWorker, false, `${role}: nodeIntegrationInWorker`);
    assert.equal(prefs.nodeIntegrationInSubFrames, false, `${role}: nodeIntegrationInSubFrames`);
    assert.equal(prefs.webSecurity, true, `${role}: webSecurity`);
    assert.equal(prefs.allowRunningInsecureContent, false, `${role}: allowRunningInsecureContent`);
    assert.equal(prefs.webviewTag, false, `${role}: webviewTag`);
    assert.equal(prefs.preload, context.preload, `${role}: preload`);
    assert.deepEqual(prefs.additionalArguments, ['--hallq-version=1.2.3']);
  }
});

test('nodeIntegration is on nowhere, whatever the role or monitor', () => {
  for (const role of roles) {
    for (const monitor of [1, 2, 5]) {
      const text = JSON.stringify(windowOptionsFor(role, displays, { ...context, monitor }));
      assert.doesNotMatch(text, /"nodeIntegration[A-Za-z]*":true/, `${role} on monitor ${monitor}`);
      assert.doesNotMatch(text, /"(contextIsolation|sandbox|webSecurity)":false/, `${role} on monitor ${monitor}`);
    }
  }
});

test('a kiosk is fullscreen kiosk mode with no menu and no DevTools', () => {
  const o = windowOptionsFor('kiosk', displays, context);
  assert.equal(o.kiosk, true);
  assert.equal(o.fullscreen, true);
  assert.equal(o.autoHideMenuBar, true);
  assert.equal(o.frame, false);
  assert.equal(o.webPreferences?.devTools, false);
});

test('a hall display fills the chosen monitor and may play the call voice with no gesture', () => {
  const o = windowOptionsFor('display', displays, { ...context, monitor: 2 });
  assert.equal(o.fullscreen, true);
  assert.deepEqual([o.x, o.y, o.width, o.height], [1920, 0, 1366, 768]);
  assert.equal(o.webPreferences?.autoplayPolicy, 'no-user-gesture-required');
  assert.equal(o.webPreferences?.devTools, false);
  // A monitor the PC does not have falls back to the primary rather than an invisible window.
  const missing = windowOptionsFor('display', displays, { ...context, monitor: 3 });
  assert.deepEqual([missing.x, missing.y, missing.width, missing.height], [0, 0, 1920, 1080]);
  assert.deepEqual(pickMonitor(displays, 3), { display: displays[0], missing: true });
  assert.deepEqual(pickMonitor(displays, 2), { display: displays[1], missing: false });
});

test('a counter is a normal window; with a second screen it also opens the virtual window display there', () => {
  const counter = windowOptionsFor('counter', displays, context);
  assert.equal(counter.kiosk, undefined);
  assert.equal(counter.fullscreen, undefined);
  const plans = planWindows(configs.counter, displays, context);
  assert.deepEqual(
    plans.map((p) => [p.role, p.url]),
    [
      ['counter', `${hub}/counter/?windowNo=12`],
      ['window-display', `${hub}/window/?windowNo=12&token=window-secret`],
    ],
  );
  assert.equal(plans[1]?.options.x, 1920);
  assert.equal(plans[1]?.options.fullscreen, true);
  const single = planWindows({ ...common, role: 'counter', hubUrl: hub, windowNo: 3 }, displays, context);
  assert.deepEqual(single.map((p) => p.role), ['counter']);
});

test('each role loads its page from the hub, with its device token', () => {
  assert.equal(pageUrlFor('kiosk', configs.kiosk), `${hub}/kiosk/?token=kiosk-secret`);
  assert.equal(pageUrlFor('display', configs.display), `${hub}/display/?token=display-secret`);
  assert.equal(pageUrlFor('hub', configs.hub), 'http://127.0.0.1:8080/');
  assert.equal(planWindows(configs.hub, displays, context, 'http://127.0.0.1:43210')[0]?.url, 'http://127.0.0.1:43210/');
  // A token with URL-special characters stays one parameter.
  assert.equal(pageUrlFor('kiosk', { ...configs.kiosk, token: 'a&b=c d' } as AppConfig), `${hub}/kiosk/?token=a%26b%3Dc+d`);
});

test('navigation: the hub\'s own pages only', () => {
  assert.ok(isAllowedNavigation(`${hub}/kiosk/`, hub));
  assert.ok(isAllowedNavigation(`${hub}/t/V123?k=abc`, hub));
  const refused = [
    'https://www.baidu.com/',
    'http://192.168.1.10:8081/kiosk/', // same host, another port
    'https://192.168.1.10:8080/', // same host, another scheme
    'http://192.168.1.10.evil.example:8080/',
    'file:///C:/Windows/System32/cmd.exe',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:http://192.168.1.10:8080/1234',
    'about:blank',
    'chrome://settings',
    'not a url',
    '',
  ];
  for (const url of refused) assert.equal(isAllowedNavigation(url, hub), false, url);
  assert.deepEqual(windowOpenDecision(), { action: 'deny' });
  for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) assert.equal(permissionAllowed(p), false, p);
});

test('IPC senders: only a frame showing a hub page', () => {
  assert.ok(senderAllowed(`${hub}/kiosk/`, hub));
  for (const frame of ['https://evil.example/', 'file:///tmp/x.html', 'data:text/html,x', 'about:blank', '', undefined, null]) {
    assert.equal(senderAllowed(frame, hub), false, String(frame));
  }
});

test('the CSP has no eval and lets pages reach the hub over HTTP and WebSocket only', () => {
  const csp = contentSecurityPolicy(hub);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `))?.split(' ').slice(1) ?? [];
  assert.deepEqual(directive('connect-src').sort(), ["'self'", 'http://192.168.1.10:8080', 'ws://192.168.1.10:8080'].sort());
  assert.deepEqual(directive('script-src'), ["'self'"]);
  assert.deepEqual(directive('object-src'), ["'none'"]);
  assert.deepEqual(directive('frame-ancestors'), ["'none'"]);
  const tls = contentSecurityPolicy('https://hall.example.gov.cn');
  assert.match(tls, /connect-src 'self' https:\/\/hall\.example\.gov\.cn wss:\/\/hall\.example\.gov\.cn;/);
});

test('our CSP replaces whatever the server sent, whatever the header\'s case', () => {
  const headers = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] }, "default-src 'self'");
  assert.deepEqual(headers, { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  assert.deepEqual(withCsp(undefined, 'x'), { 'Content-Security-Policy': ['x'] });
});

test('reconnecting backs off to 30 s and goes on forever; the waiting page says so in Chinese', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 100, 10_000].map(retryDelayMs), [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  const page = decodeURIComponent(connectingPage(hub, 3).replace(/^data:text\/html;charset=utf-8,/, ''));
  assert.match(page, /正在连接服务器…/);
  assert.match(page, /第 3 次重试/);
  assert.match(page, /default-src 'none'/); // the local page runs no script
  assert.doesNotMatch(connectingPage('http://x/<script>', 1), /<script>/);
});

test('staff leave kiosk mode with Ctrl+Alt+Shift+Q, nothing less', () => {
  const key = { type: 'keyDown', key: 'Q', control: true, alt: true, shift: true };
  assert.ok(isExitChord(key));
  assert.ok(!isExitChord({ ...key, shift: false }));
  assert.ok(!isExitChord({ ...key, type: 'keyUp' }));
  assert.ok(!isExitChord({ ...key, key: 'w' }));
});

test('public screens stay awake; staff and hub PCs keep their power settings', () => {
  assert.deepEqual(roles.filter(keepsScreenAwake), ['kiosk', 'display', 'window-display']);
});
