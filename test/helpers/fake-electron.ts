// A recording stand-in for the `electron` module (Electron's binary cannot run here): it records
// every BrowserWindow constructor call and the handlers the app registers, and its webContents
// loads URLs by remembering them (or failing like an unreachable hub, for URLs in `refuse`).
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import type { ElectronModule } from '../../main/electron/main.js';

export class FakeContents extends EventEmitter {
  readonly loaded: string[] = [];
  readonly sent: [string, unknown][] = [];
  openHandler?: (details: { url: string }) => unknown;
  /** URLs whose load fails like an unreachable hub, until the set is cleared. */
  constructor(private readonly refuse: Set<string>) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    if (this.refuse.has(url)) {
      this.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', url, true);
      return Promise.reject(new Error('ERR_CONNECTION_REFUSED (-102)'));
    }
    return Promise.resolve();
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
    this.openHandler = handler;
  }
  getURL() {
    return this.loaded.at(-1) ?? '';
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  isDestroyed() {
    return false;
  }
  reload() {}
  forcefullyCrashRenderer() {
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
}

export interface Recorder {
  readonly electron: ElectronModule;
  readonly created: BrowserWindowConstructorOptions[];
  readonly windows: FakeWindow[];
  readonly ipc: Map<string, (event: unknown) => unknown>;
  readonly calls: string[];
  readonly refuse: Set<string>;
  headers?: (details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
}
export class FakeWindow extends EventEmitter {
  constructor(
    readonly options: BrowserWindowConstructorOptions,
    readonly webContents: FakeContents,
  ) {
    super();
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  readonly changes: string[] = [];
  show() {}
  focus() {}
  restore() {}
  setKiosk(on: boolean) {
    this.changes.push(`kiosk=${on}`);
  }
  setFullScreen(on: boolean) {
    this.changes.push(`fullscreen=${on}`);
  }
  setClosable(on: boolean) {
    this.changes.push(`closable=${on}`);
  }
  setMinimizable(on: boolean) {
    this.changes.push(`minimizable=${on}`);
  }
}

export function fakeElectron(userData: string, lock = true): Recorder {
  const rec: Omit<Recorder, 'electron'> & { electron?: ElectronModule } = { created: [], windows: [], ipc: new Map(), calls: [], refuse: new Set() };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    requestSingleInstanceLock: () => lock,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => (name === 'userData' ? userData : assert.fail(`unexpected getPath(${name})`)),
    getVersion: () => '9.8.7',
    quit: () => rec.calls.push('quit'),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => rec.calls.push(`openAtLogin=${s.openAtLogin}`),
  });
  rec.electron = {
    app,
    BrowserWindow: class {
      constructor(options: BrowserWindowConstructorOptions) {
        rec.created.push(options);
        const win = new FakeWindow(options, new FakeContents(rec.refuse));
        rec.windows.push(win);
        return win;
      }
    },
    ipcMain: { handle: (channel: string, handler: (event: unknown) => unknown) => rec.ipc.set(channel, handler) },
    screen: {
      getPrimaryDisplay: () => ({ id: 2 }),
      // Electron does not promise the primary comes first.
      getAllDisplays: () => [
        { id: 5, bounds: { x: 1920, y: 0, width: 1366, height: 768 } },
        { id: 2, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      ],
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: Recorder['headers']) => (rec.headers = fn) },
        setPermissionRequestHandler: () => rec.calls.push('permission-request-handler'),
        setPermissionCheckHandler: () => rec.calls.push('permission-check-handler'),
      },
    },
    Menu: { setApplicationMenu: (menu: unknown) => rec.calls.push(`menu=${String(menu)}`) },
    powerSaveBlocker: { start: (type: string) => rec.calls.push(`powerSaveBlocker=${type}`) },
  } as unknown as ElectronModule;
  return rec as Recorder;
}

