// The HallQ app's main process: wiring only. Every decision lives in policy.ts (tested without
// Electron); `electron` is passed in, so a test can run this startup with a recording fake.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App, BrowserWindow, BrowserWindowConstructorOptions, IpcMain, IpcMainInvokeEvent, Menu, PowerSaveBlocker, Screen, Session } from 'electron';
import type { Logger } from 'pino';
import { loadAgentConfig, runAgent } from '../agent/index.js';
import { loadHallFile } from '../config/hall-file.js';
import { startHub, type Hub } from '../hub/server.js';
import { IPC, type DeviceStatusView } from './api.js';
import { ConfigError, formatProblem } from '../rules/config-problem.js';
import { APP_CONFIG_FILE, loadAppConfig, type AppConfig } from './config.js';
import { createFileLog, type FileLog } from './logs.js';
import {
  configErrorPage,
  connectingPage,
  contentSecurityPolicy,
  hubOriginOf,
  isAllowedNavigation,
  isExitChord,
  keepsScreenAwake,
  permissionAllowed,
  planWindows,
  retryDelayMs,
  SECURE_WEB_PREFERENCES,
  senderAllowed,
  windowOpenDecision,
  windowOptionsFor,
  withCsp,
  type MonitorInfo,
  type WindowPlan,
} from './policy.js';

/** The parts of Electron the app uses (the real module satisfies it; tests pass a fake). */
export interface ElectronModule {
  readonly app: Pick<App, 'requestSingleInstanceLock' | 'setLoginItemSettings' | 'getPath' | 'getVersion' | 'on' | 'quit' | 'whenReady' | 'isPackaged'>;
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly ipcMain: Pick<IpcMain, 'handle'>;
  readonly screen: Pick<Screen, 'getAllDisplays' | 'getPrimaryDisplay'>;
  readonly session: { readonly defaultSession: Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> };
  readonly Menu: Pick<typeof Menu, 'setApplicationMenu'>;
  readonly powerSaveBlocker: Pick<PowerSaveBlocker, 'start'>;
}

/** The device agent as the app sees it (main/agent's runAgent result is checked against this). */
export interface AgentHandle {
  status(): DeviceStatusView;
  onStatus(listener: (status: DeviceStatusView) => void): () => void;
  close(): Promise<void>;
}

export interface AppDeps {
  /** hallq-app.yml; default: the user data folder's. */
  readonly configPath?: string;
  /** The bundled preload script; default: preload.cjs beside the bundled main. */
  readonly preload?: string;
  /** Starts the agent for the devices on this PC; default: main/agent's runAgent, in this process. */
  readonly startAgent?: (configPath: string, log: Logger) => Promise<AgentHandle>;
}

/** The device agent in-process (its AgentStatus is checked here to fit what the preload promises). */
export const startLocalAgent = (configPath: string, log: Logger): Promise<AgentHandle> =>
  runAgent(loadAgentConfig(configPath), { log, configDir: dirname(configPath) });

export interface RunningApp {
  readonly config?: AppConfig;
  readonly hub?: Hub;
  readonly hubOrigin?: string;
  readonly windows: readonly BrowserWindow[];
  readonly log?: Logger;
  /** Closes the agent, the hub and the log (also run on the app's before-quit). */
  shutdown(): Promise<void>;
}

/** Where no hub is known (the config is wrong): no page is a hub page. */
const NO_HUB = 'http://hub.invalid';

export async function startApp(electron: ElectronModule, deps: AppDeps = {}): Promise<RunningApp> {
  const { app } = electron;
  const windows: BrowserWindow[] = [];
  const roles = new Map<BrowserWindow, WindowPlan['role']>();
  if (!app.requestSingleInstanceLock()) {
    // Another HallQ already runs on this PC; it will bring its window forward.
    app.quit();
    return { windows, shutdown: async () => undefined };
  }
  await app.whenReady();
  const userData = app.getPath('userData');
  const files: FileLog = createFileLog({ dir: join(userData, 'logs') });
  const log = files.log;
  electron.Menu.setApplicationMenu(null);

  let agent: AgentHandle | undefined;
  let hub: Hub | undefined;
  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      await agent?.close().catch((err: unknown) => log.error({ err }, 'agent close failed'));
      await hub?.close().catch((err: unknown) => log.error({ err }, 'hub close failed'));
      await files.close();
    })());
  // Hold the quit until the hub's database and the agent's outbox are closed cleanly.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void shutdown().finally(() => {
      closed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  app.on('second-instance', () => {
    const first = windows[0];
    if (first && !first.isDestroyed()) {
      if (first.isMinimized()) first.restore();
      first.focus();
    }
  });

  const displays = monitors(electron.screen);
  const context = { preload: deps.preload ?? defaultPreload(), version: app.getVersion() };
  const configPath = deps.configPath ?? process.env.HALLQ_APP_CONFIG ?? join(userData, APP_CONFIG_FILE);

  let config: AppConfig;
  try {
    config = loadAppConfig(configPath, { userData });
    if (config.role === 'hub') {
      hub = await startHub({
        hall: loadHallFile(config.hallFile),
        dbPath: config.dbPath,
        port: config.port,
        host: config.host,
        ...(config.publicUrl && { publicUrl: config.publicUrl }),
        log: log.child({ area: 'hub' }),
      });
    }
  } catch (err) {
    const problems = err instanceof ConfigError ? err.problems.map(formatProblem) : [String(err instanceof Error ? err.message : err)];
    log.error({ err, configPath }, 'cannot start: configuration');
    const plan: WindowPlan = { role: 'hub', url: configErrorPage(problems, configPath), options: windowOptionsFor('hub', displays, context) };
    windows.push(createAppWindow(electron, plan, { hubOrigin: NO_HUB, log }));
    return { windows, log, shutdown };
  }

  log.info({ role: config.role, configPath, version: context.version }, 'starting');
  if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: config.openAtLogin });
  const hubOrigin = hubOriginOf(config, hub?.port);
  const csp = contentSecurityPolicy(hubOrigin);
  const session = electron.session.defaultSession;
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders, csp) }));
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  session.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));

  // Every handler first checks that the asking frame shows a hub page.
  const handle = <T>(channel: string, handler: (event: IpcMainInvokeEvent) => T) =>
    electron.ipcMain.handle(channel, (event) => {
      if (!senderAllowed(event.senderFrame?.url, hubOrigin)) {
        log.warn({ channel, url: event.senderFrame?.url }, 'ipc refused: sender is not a hub page');
        throw new Error('refused');
      }
      return handler(event);
    });
  handle(IPC.deviceStatus, () => agent?.status());
  handle(IPC.exitKiosk, (event) => {
    const win = windows.find((w) => !w.isDestroyed() && w.webContents === event.sender);
    if (!win || roles.get(win) !== 'kiosk') return false;
    log.warn('kiosk mode left by staff (admin PIN accepted by the hub)');
    win.setKiosk(false);
    win.setFullScreen(false);
    win.setClosable(true);
    win.setMinimizable(true);
    return true;
  });

  if (config.agentConfig) {
    try {
      agent = await (deps.startAgent ?? startLocalAgent)(config.agentConfig, log.child({ area: 'agent' }));
      agent.onStatus((status) => {
        for (const win of windows) {
          if (!win.isDestroyed() && senderAllowed(win.webContents.getURL(), hubOrigin)) win.webContents.send(IPC.deviceStatusChanged, status);
        }
      });
    } catch (err) {
      // The screens still work without local devices; the hub shows them as away.
      log.error({ err, agentConfig: config.agentConfig }, 'device agent did not start');
    }
  }

  const plans = planWindows(config, displays, context, hubOrigin);
  if (plans.some((p) => keepsScreenAwake(p.role))) electron.powerSaveBlocker.start('prevent-display-sleep');
  for (const plan of plans) {
    const win = createAppWindow(electron, plan, { hubOrigin, log, onExit: () => app.quit() });
    roles.set(win, plan.role);
    windows.push(win);
  }
  return { config, hub, hubOrigin, windows, log, shutdown };
}

export interface WindowWiring {
  readonly hubOrigin: string;
  readonly log: Logger;
  /** Staff's exit chord (Ctrl+Alt+Shift+Q). */
  readonly onExit?: () => void;
}

/**
 * THE factory: every BrowserWindow of the app is made here, from the policy's options, and gets the
 * same guards (navigation, new windows, crash and hang recovery, reconnect forever).
 */
export function createAppWindow(electron: Pick<ElectronModule, 'BrowserWindow'>, plan: WindowPlan, wiring: WindowWiring): BrowserWindow {
  const prefs = plan.options.webPreferences ?? {};
  for (const [key, value] of Object.entries(SECURE_WEB_PREFERENCES)) {
    if (prefs[key as keyof typeof prefs] !== value) throw new Error(`insecure window options: webPreferences.${key} must be ${String(value)}`);
  }
  if (!prefs.preload) throw new Error('insecure window options: no preload');
  const { hubOrigin, log } = wiring;
  const win = new electron.BrowserWindow(plan.options);
  const contents = win.webContents;
  let attempt = 0;
  let retry: NodeJS.Timeout | undefined;

  const load = () => {
    retry = undefined;
    contents.loadURL(plan.url).then(
      () => (attempt = 0),
      (err: unknown) => failed(err),
    );
  };
  // The hub is away (or restarting): say so on a local page and try again, forever, backing off.
  const failed = (err: unknown) => {
    if (retry || contents.isDestroyed() || !isAllowedNavigation(plan.url, hubOrigin)) return;
    attempt += 1;
    log.warn({ err, url: plan.url, attempt }, 'hub page did not load; retrying');
    void contents.loadURL(connectingPage(hubOrigin, attempt)).catch(() => undefined);
    retry = setTimeout(load, retryDelayMs(attempt - 1));
  };
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isAllowedNavigation(url, hubOrigin)) return;
    event.preventDefault();
    log.warn({ url, role: plan.role }, 'navigation refused: not the hub');
  };

  contents.setWindowOpenHandler(({ url }) => {
    log.warn({ url, role: plan.role }, 'new window refused');
    return windowOpenDecision();
  });
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    // -3 is ERR_ABORTED: one load replaced by another, not a failure.
    if (isMainFrame && code !== -3 && isAllowedNavigation(url, hubOrigin)) failed(new Error(`${code} ${description}`));
  });
  contents.on('render-process-gone', (_event, details) => {
    log.error({ reason: details.reason, exitCode: details.exitCode, role: plan.role }, 'renderer gone; reloading');
    if (details.reason !== 'clean-exit' && !contents.isDestroyed()) load();
  });
  // A hung page is killed; render-process-gone above then loads the hub page afresh.
  win.on('unresponsive', () => {
    log.error({ role: plan.role }, 'renderer hung; restarting it');
    contents.forcefullyCrashRenderer();
  });
  contents.on('before-input-event', (event, input) => {
    if (wiring.onExit && isExitChord(input)) {
      event.preventDefault();
      log.info('exit chord: quitting');
      wiring.onExit();
    }
  });
  win.on('closed', () => clearTimeout(retry));
  win.once('ready-to-show', () => win.show());
  if (isAllowedNavigation(plan.url, hubOrigin)) load();
  else void contents.loadURL(plan.url).catch(() => undefined);
  return win;
}

/** Monitors with the primary first, so "monitor: 1" is the primary. */
function monitors(screen: ElectronModule['screen']): MonitorInfo[] {
  const primary = screen.getPrimaryDisplay().id;
  return [...screen.getAllDisplays()].sort((a, b) => Number(b.id === primary) - Number(a.id === primary)).map((d) => ({ id: d.id, bounds: d.bounds }));
}

function defaultPreload(): string {
  // Bundled (CJS): preload.cjs sits beside main.cjs.
  return typeof __dirname === 'string' ? join(__dirname, 'preload.cjs') : fileURLToPath(new URL('../../out/electron/preload.cjs', import.meta.url));
}

// Inside Electron (the bundled out/electron/main.cjs) the app starts itself; imported elsewhere it does nothing.
if (process.versions.electron) {
  import('electron')
    .then((electron) => startApp(electron))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
