import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { ReconnectingTransport } from './reconnecting.js';
import { driverLogger } from '../log.js';
import { TransportError, type ReconnectOptions } from './types.js';

export interface FileTransportOptions extends ReconnectOptions {
  /** A device file such as /dev/usb/lp0 (Linux usblp), a FIFO, or a plain file for tests. */
  path: string;
  /** Also read from the file (usblp passes the printer's status replies back). Default false. */
  readable?: boolean;
  /** How often we look whether the file is still the one we opened. Default 500. */
  watchIntervalMs?: number;
  /** Pause between reads that found nothing. Default 50. */
  readIntervalMs?: number;
  /** A write that makes no progress this long fails with 'timeout' (printer offline). Default 10000. */
  writeStallMs?: number;
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const AGAIN = new Set(['EAGAIN', 'EWOULDBLOCK']);

/**
 * A device file written with fs handles: on Linux a USB printer claimed by the usblp kernel driver
 * is /dev/usb/lpN, no libusb or udev rule needed. Unplugging removes the node and replugging creates
 * a new one (maybe under the same name), and a deleted file keeps accepting writes on the old
 * handle: so besides I/O errors we watch that the path still names the file we hold.
 * Reads (when `readable`) poll a non-blocking handle, so a quiet device never parks a libuv thread.
 */
export class FileTransport extends ReconnectingTransport {
  readonly name: string;
  readonly canRead: boolean;
  readonly #options: FileTransportOptions;
  #handle: FileHandle | undefined;
  #watch: NodeJS.Timeout | undefined;

  constructor(options: FileTransportOptions) {
    super(options, driverLogger('file'));
    this.#options = options;
    this.canRead = options.readable ?? false;
    this.name = `file ${options.path}`;
  }

  protected async connect(): Promise<void> {
    const flags = this.canRead
      ? constants.O_RDWR | constants.O_APPEND | O_NONBLOCK
      : constants.O_WRONLY | constants.O_APPEND;
    let handle: FileHandle;
    try {
      handle = await open(this.#options.path, flags);
    } catch (error) {
      throw this.#openError(error as NodeJS.ErrnoException);
    }
    const opened = await handle.stat();
    this.#handle = handle;
    this.#watch = setInterval(() => void this.#check(handle, opened.dev, opened.ino), this.#options.watchIntervalMs ?? 500);
    this.#watch.unref();
    if (this.canRead) void this.#readLoop(handle);
  }

  protected async disconnect(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (this.#watch) clearInterval(this.#watch);
    this.#watch = undefined;
    await handle?.close();
  }

  protected async writeRaw(bytes: Uint8Array): Promise<void> {
    const handle = this.#handle;
    if (!handle) throw new TransportError(this.name, 'not open', 'not-open');
    const stallMs = this.#options.writeStallMs ?? 10_000;
    let offset = 0;
    let progressAt = Date.now();
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
        if (bytesWritten > 0) progressAt = Date.now();
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        if (!AGAIN.has(e.code ?? '')) {
          if (this.#handle === handle) this.lost(`write failed: ${e.message}`);
          throw new TransportError(this.name, `write failed: ${e.message}`, 'io');
        }
        // A non-blocking handle to a busy printer: its buffer is full, try again shortly.
        if (Date.now() - progressAt > stallMs) {
          throw new TransportError(this.name, `the device took no data for ${stallMs} ms; is it offline or out of paper?`, 'timeout');
        }
        await sleep(10);
      }
      if (this.#handle !== handle) throw new TransportError(this.name, 'closed during write', 'not-open');
    }
  }

  async #check(handle: FileHandle, dev: number, ino: number): Promise<void> {
    try {
      const now = await stat(this.#options.path);
      if (this.#handle === handle && (now.dev !== dev || now.ino !== ino)) this.lost('the file was replaced');
    } catch (error) {
      if (this.#handle === handle) this.lost(`the file disappeared (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }

  async #readLoop(handle: FileHandle): Promise<void> {
    const buffer = Buffer.alloc(4096);
    const idleMs = this.#options.readIntervalMs ?? 50;
    while (this.#handle === handle) {
      try {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (this.#handle !== handle) return;
        if (bytesRead > 0) {
          this.emitData(Buffer.from(buffer.subarray(0, bytesRead)));
          continue;
        }
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        if (this.#handle !== handle) return;
        if (!AGAIN.has(e.code ?? '')) {
          this.lost(`read failed: ${e.message}`);
          return;
        }
      }
      // Nothing to read (EAGAIN, or end of a plain file): look again shortly.
      await sleep(idleMs);
    }
  }

  #openError(error: NodeJS.ErrnoException): TransportError {
    switch (error.code) {
      case 'ENOENT':
      case 'ENODEV':
        return new TransportError(this.name, 'no such device file; is the printer plugged in and switched on?', 'not-found');
      case 'ENXIO':
        return new TransportError(this.name, 'nothing on the other side of this device file', 'not-found');
      case 'EACCES':
      case 'EPERM':
        return new TransportError(this.name, 'permission denied; add the hall user to the lp group', 'io');
      case 'EBUSY':
        return new TransportError(this.name, 'in use by another program', 'busy');
      default:
        return new TransportError(this.name, `cannot open: ${error.message}`, 'io');
    }
  }
}
