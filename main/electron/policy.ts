// Every decision the Electron shell makes, as plain functions: which windows a role opens, with
// which (secure) options and pages, where they may navigate, which IPC senders are trusted, the
// CSP. main.ts only wires these to Electron; the tests check them without Electron.
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { VERSION_ARG } from './api.js';
import type { AppConfig } from './config.js';

/** A window's job: the role's own screen, or a counter's second screen facing the visitors. */
export type WindowRole = AppConfig['role'] | 'window-display';

/** What policy needs of a monitor (Electron's Display has more). */
export interface MonitorInfo {
  readonly id: number;
  readonly bounds: Rectangle;
}

export interface WindowContext {
  /** Absolute path of the bundled preload script. */
  readonly preload: string;
  readonly version: string;
  /** 1-based monitor number from the config; 1 (the primary) when absent. */
  readonly monitor?: number;
}

export interface WindowPlan {
  readonly role: WindowRole;
  readonly url: string;
  readonly options: BrowserWindowConstructorOptions;
}

/** The settings no window of ours may be without (Electron's security checklist). */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
} as const;

/** Monitor n (1 = the first Electron lists, the primary); the first when the hall has fewer screens. */
export function pickMonitor(displays: readonly MonitorInfo[], monitor = 1): { readonly display: MonitorInfo | undefined; readonly missing: boolean } {
  const chosen = displays[monitor - 1];
  return chosen ? { display: chosen, missing: false } : { display: displays[0], missing: true };
}

export function windowOptionsFor(role: WindowRole, displays: readonly MonitorInfo[], context: WindowContext): BrowserWindowConstructorOptions {
  const publicScreen = role === 'kiosk' || role === 'display' || role === 'window-display';
  const base: BrowserWindowConstructorOptions = {
    title: 'HallQ',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    show: false,
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: context.preload,
      additionalArguments: [`${VERSION_ARG}${context.version}`],
      spellcheck: false,
      // Public screens have no keyboard a visitor should open DevTools with.
      devTools: !publicScreen,
    },
  };
  const bounds = pickMonitor(displays, context.monitor ?? 1).display?.bounds;
  switch (role) {
    case 'kiosk':
      return { ...base, ...bounds, fullscreen: true, kiosk: true, frame: false, closable: false, minimizable: false };
    case 'display':
    case 'window-display':
      return {
        ...base,
        ...bounds,
        fullscreen: true,
        frame: false,
        // Calls are announced aloud with no visitor touching the screen.
        webPreferences: { ...base.webPreferences, autoplayPolicy: 'no-user-gesture-required', backgroundThrottling: false },
      };
    case 'counter':
      return { ...base, width: 1280, height: 800, minWidth: 960, minHeight: 600 };
    case 'hub':
      return { ...base, width: 1024, height: 720 };
    default:
      return unreachable(role);
  }
}

/** The page a window shows, on the hub; device tokens go in `?token=` (the page keeps them and drops them from the URL). */
export function pageUrlFor(role: WindowRole, config: AppConfig, hubOrigin = hubOriginOf(config)): string {
  const url = (path: string, query: Record<string, string | number | undefined>) => {
    const u = new URL(path, hubOrigin);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) u.searchParams.set(key, String(value));
    return u.href;
  };
  switch (role) {
    case 'kiosk':
      return url('/kiosk/', { token: config.role === 'kiosk' ? config.token : undefined });
    case 'display':
      return url('/display/', { token: config.role === 'display' ? config.token : undefined });
    case 'counter':
      return url('/counter/', { windowNo: config.role === 'counter' ? config.windowNo : undefined });
    case 'window-display': {
      const counter = config.role === 'counter' ? (config) : undefined;
      return url('/window/', { windowNo: counter?.windowNo, token: counter?.windowDisplay?.token });
    }
    case 'hub':
      return url('/', {});
    default:
      return unreachable(role);
  }
}

/** The hub's origin: the configured hub, or this PC's own hub (loopback) for role hub. */
export function hubOriginOf(config: AppConfig, hubPort?: number): string {
  return config.role === 'hub' ? `http://127.0.0.1:${hubPort ?? config.port}` : new URL(config.hubUrl).origin;
}

/** The windows a role opens: one, and for a counter with a second screen, the virtual window display. */
export function planWindows(config: AppConfig, displays: readonly MonitorInfo[], context: Omit<WindowContext, 'monitor'>, hubOrigin = hubOriginOf(config)): WindowPlan[] {
  const plan = (role: WindowRole, monitor?: number): WindowPlan => ({
    role,
    url: pageUrlFor(role, config, hubOrigin),
    options: windowOptionsFor(role, displays, monitor === undefined ? context : { ...context, monitor }),
  });
  switch (config.role) {
    case 'display':
      return [plan('display', config.monitor)];
    case 'counter':
      return config.windowDisplay ? [plan('counter'), plan('window-display', config.windowDisplay.monitor)] : [plan('counter')];
    case 'kiosk':
    case 'hub':
      return [plan(config.role)];
    default:
      return unreachable(config);
  }
}

/** Public screens must never blank or sleep in the middle of the day (staff PCs keep their own settings). */
export function keepsScreenAwake(role: WindowRole): boolean {
  return role === 'kiosk' || role === 'display' || role === 'window-display';
}

/** Only pages of the hub itself: no other site, and no file:, javascript:, data: or blob: pages. */
export function isAllowedNavigation(url: string, hubOrigin: string): boolean {
  if (!URL.canParse(url)) return false;
  const target = new URL(url);
  return (target.protocol === 'http:' || target.protocol === 'https:') && target.origin === new URL(hubOrigin).origin;
}

/** An IPC message is answered only when the frame that sent it shows a hub page. */
export function senderAllowed(frameUrl: string | undefined | null, hubOrigin: string): boolean {
  return typeof frameUrl === 'string' && isAllowedNavigation(frameUrl, hubOrigin);
}

/** Staff leave kiosk mode with Ctrl+Alt+Shift+Q (a touch screen has no keyboard; a visitor cannot). */
export function isExitChord(input: { readonly type: string; readonly key: string; readonly control: boolean; readonly alt: boolean; readonly shift: boolean }): boolean {
  return input.type === 'keyDown' && input.control && input.alt && input.shift && input.key.toLowerCase() === 'q';
}

/** New windows (target=_blank, window.open) are never opened: a public kiosk must not grow a browser. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, microphone, notifications, geolocation…: no screen of ours asks, so none is granted. */
export function permissionAllowed(_permission: string): boolean {
  return false;
}

/** The CSP for every response: the hub's own scripts and styles, sockets to the hub, no eval. */
export function contentSecurityPolicy(hubOrigin: string): string {
  const origin = new URL(hubOrigin);
  const ws = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    `connect-src 'self' ${origin.origin} ${ws}`,
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "media-src 'self' data: blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Response headers with our CSP in place of any the server sent (header names are case-insensitive). */
export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  out['Content-Security-Policy'] = [csp];
  return out;
}

/** Reconnect forever: 1 s, 2 s, 4 s … capped at 30 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, Math.min(attempt, 15)));
}

/** The local page shown while the hub cannot be reached (a data: URL: it needs no server and runs no script). */
export function connectingPage(hubOrigin: string, attempt: number): string {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>HallQ</title><style>body{margin:0;height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;background:#f4f6f9;color:#1f2d3d}h1{font-size:48px;font-weight:500}p{font-size:20px;color:#5a6b7d}</style></head>
<body><h1>正在连接服务器…</h1><p>${escapeHtml(hubOrigin)} · 第 ${attempt} 次重试</p><p>请稍候，连接恢复后将自动进入。如长时间无法连接，请联系管理员。</p></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** The local page shown when hallq-app.yml is missing or wrong: what to fix, where. */
export function configErrorPage(problems: readonly string[], path: string): string {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>HallQ</title><style>body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;padding:48px;color:#1f2d3d}li{margin:8px 0;font-family:monospace}</style></head>
<body><h1>本机配置有误，无法启动</h1><p>请修改配置文件 <code>${escapeHtml(path)}</code> 后重新启动 HallQ：</p><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function unreachable(value: never): never {
  throw new Error(`unhandled: ${JSON.stringify(value)}`);
}
