import { createRequire } from 'node:module';
import type * as EscposWin from 'node-escpos-win';
import { ReconnectingTransport } from './reconnecting.js';
import { driverLogger } from '../log.js';
import { TransportError, type ReconnectOptions } from './types.js';

export type EscposWinModule = Pick<typeof EscposWin, 'GetDeviceList' | 'Print' | 'Disconnect'>;

export interface WinUsbPrintTransportOptions extends ReconnectOptions {
  /** The printer's device interface path as GetDeviceList('USB') reports it (see listWinUsbPrinters). */
  devicePath: string;
  /** How often we check the printer is still plugged in. Default 2000. */
  watchIntervalMs?: number;
  /** For tests: the platform to act on and the module loader. */
  platform?: NodeJS.Platform;
  loadModule?: () => EscposWinModule;
}

// Loaded on first use only: the package is an optionalDependency that builds on Windows alone.
function requireEscposWin(): EscposWinModule {
  return createRequire(import.meta.url)('node-escpos-win') as EscposWinModule;
}

const sameCase = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const isUsbPrint = (d: EscposWin.EscposWinDevice): boolean => sameCase(d.service ?? '', 'usbprint');

/**
 * A USB printer on Windows through its own usbprint driver (node-escpos-win), so the printer stays
 * an ordinary Windows printer: libusb would need WinUSB (Zadig), which takes it away from Windows —
 * not acceptable on managed hall PCs. Write-only: node-escpos-win cannot read, so no status replies
 * (paper out, cover open) on this transport; use tcp or serial where status matters.
 * Print() is synchronous: a ticket (a few KB) blocks the event loop for the time Windows takes it.
 */
export class WinUsbPrintTransport extends ReconnectingTransport {
  readonly name: string;
  readonly canRead = false;
  readonly #options: WinUsbPrintTransportOptions;
  #module: EscposWinModule | undefined;
  #path: string | undefined;
  #watch: NodeJS.Timeout | undefined;

  constructor(options: WinUsbPrintTransportOptions) {
    super(options, driverLogger('win-usbprint', options.log));
    this.#options = options;
    this.name = `win-usbprint ${options.devicePath}`;
  }

  protected async connect(): Promise<void> {
    const escpos = this.#load();
    const found = findPrinter(escpos, this.#options.devicePath);
    if (!found.ok) throw new TransportError(this.name, found.error, found.code);
    this.#path = found.path;
    this.#watch = setInterval(() => this.#check(escpos), this.#options.watchIntervalMs ?? 2000);
    this.#watch.unref();
  }

  protected async disconnect(): Promise<void> {
    if (this.#watch) clearInterval(this.#watch);
    this.#watch = undefined;
    const path = this.#path;
    this.#path = undefined;
    if (path && this.#module) {
      try {
        this.#module.Disconnect(path);
      } catch (error) {
        this.log.debug({ transport: this.name, err: error }, 'Disconnect failed');
      }
    }
  }

  protected async writeRaw(bytes: Uint8Array): Promise<void> {
    const path = this.#path;
    const escpos = this.#module;
    if (!path || !escpos) throw new TransportError(this.name, 'not open', 'not-open');
    let result: EscposWin.EscposWinResult;
    try {
      result = escpos.Print(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      result = { success: false, err: error instanceof Error ? error.message : String(error) };
    }
    if (result.success !== true) {
      const why = result.err || result.error || 'Print() reported failure';
      this.lost(`print failed: ${why}`);
      throw new TransportError(this.name, `print failed: ${why}`, 'io');
    }
  }

  #load(): EscposWinModule {
    if (this.#module) return this.#module;
    const platform = this.#options.platform ?? process.platform;
    if (platform !== 'win32') {
      throw new TransportError(
        this.name,
        `win-usbprint is a Windows-only transport (node-escpos-win); on ${platform} use kind 'usb' or kind 'file' (/dev/usb/lp0)`,
        'unsupported',
      );
    }
    try {
      this.#module = (this.#options.loadModule ?? requireEscposWin)();
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TransportError(
        this.name,
        `node-escpos-win is not installed or did not build (it needs Visual Studio Build Tools): ${why}`,
        'unsupported',
      );
    }
    return this.#module;
  }

  #check(escpos: EscposWinModule): void {
    try {
      const found = findPrinter(escpos, this.#options.devicePath);
      if (!found.ok && this.#path) this.lost(found.error);
    } catch (error) {
      this.log.debug({ transport: this.name, err: error }, 'presence check failed');
    }
  }
}

type Found = { ok: true; path: string } | { ok: false; error: string; code: 'not-found' | 'io' };

function findPrinter(escpos: EscposWinModule, devicePath: string): Found {
  const result = escpos.GetDeviceList('USB');
  const list = (result.list ?? []).filter(isUsbPrint);
  const match = list.find((d) => sameCase(d.path, devicePath));
  if (match) return { ok: true, path: match.path };
  if (result.success === false && list.length === 0) {
    return { ok: false, error: `cannot list USB printers: ${result.err || result.error || 'unknown error'}`, code: 'io' };
  }
  const seen = list.map((d) => `${d.name} (${d.path})`).join(', ') || 'none';
  return { ok: false, error: `no USB printer at this path is plugged in (usbprint printers found: ${seen})`, code: 'not-found' };
}

export interface WinUsbPrinterList {
  printers: Array<{ name: string; manufacturer: string; path: string }>;
  /** Why the list is empty when it could not be read. */
  reason?: string;
}

/** USB printers Windows drives with usbprint, for the admin screen. Never throws. */
export function listWinUsbPrinters(options: Pick<WinUsbPrintTransportOptions, 'platform' | 'loadModule'> = {}): WinUsbPrinterList {
  const platform = options.platform ?? process.platform;
  if (platform !== 'win32') return { printers: [], reason: `win-usbprint is Windows-only (this is ${platform})` };
  try {
    const result = (options.loadModule ?? requireEscposWin)().GetDeviceList('USB');
    const printers = (result.list ?? []).filter(isUsbPrint).map(({ name, manufacturer, path }) => ({ name, manufacturer, path }));
    if (printers.length === 0 && result.success === false) {
      return { printers, reason: `cannot list USB printers: ${result.err || result.error || 'unknown error'}` };
    }
    return { printers };
  } catch (error) {
    return { printers: [], reason: `node-escpos-win is not available: ${error instanceof Error ? error.message : String(error)}` };
  }
}
