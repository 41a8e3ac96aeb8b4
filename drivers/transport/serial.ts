import { SerialPort } from 'serialport';
import { ReconnectingTransport } from './reconnecting.js';
import { driverLogger } from '../log.js';
import { TransportError, type ReconnectOptions } from './types.js';

export interface SerialTransportOptions extends ReconnectOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd';
  stopBits?: 1 | 2;
  /**
   * Modem lines to set after every open (some RS-485 adapters power or steer the line with them).
   * Ptys and many adapters have none: a failure is logged, never fatal.
   */
  dtr?: boolean;
  rts?: boolean;
}

/**
 * A serial port (RS-232, RS-485 adapter, USB CDC) through serialport 13. serialport has no
 * reconnect of its own: when the port closes with `disconnected` or a write fails with EIO
 * (cable pulled, adapter unplugged, socat killed) we drop the port object and open the same path
 * again with backoff until it exists.
 */
export class SerialTransport extends ReconnectingTransport {
  readonly name: string;
  readonly canRead = true;
  readonly #options: SerialTransportOptions;
  #port: SerialPort | undefined;

  constructor(options: SerialTransportOptions) {
    super(options, driverLogger('serial', options.log));
    this.#options = options;
    const parity = (options.parity ?? 'none')[0]!.toUpperCase();
    this.name = `serial ${options.path} ${options.baudRate} ${options.dataBits ?? 8}${parity}${options.stopBits ?? 1}`;
  }

  /** The port's path, for logs and config screens. */
  get path(): string {
    return this.#options.path;
  }

  protected async connect(): Promise<void> {
    const { path, baudRate, dataBits = 8, parity = 'none', stopBits = 1 } = this.#options;
    const port = new SerialPort({ path, baudRate, dataBits, parity, stopBits, autoOpen: false });
    // Errors before and after open go through our handlers; an unhandled 'error' would crash.
    port.on('error', (error) => {
      if (this.#port === port) this.lost(error.message);
    });
    await new Promise<void>((resolve, reject) =>
      port.open((error) => (error ? reject(this.#openError(error)) : resolve())),
    );
    this.#port = port;
    port.on('data', (chunk: Buffer) => {
      if (this.#port === port) this.emitData(chunk);
    });
    // 'close' fires with a DisconnectedError on EIO / hang-up, and without one when a failed
    // write destroys the stream; either way, if we did not ask for it, the device is gone.
    port.on('close', (error?: Error | null) => {
      if (this.#port === port) this.lost(error?.message ?? 'port closed');
    });
    await this.#setModemLines(port);
  }

  protected async disconnect(): Promise<void> {
    const port = this.#port;
    this.#port = undefined;
    if (!port) return;
    port.removeAllListeners('data');
    if (!port.isOpen) {
      port.destroy();
      return;
    }
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  protected writeRaw(bytes: Uint8Array): Promise<void> {
    const port = this.#port;
    if (!port) return Promise.reject(new TransportError(this.name, 'not open', 'not-open'));
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new Promise<void>((resolve, reject) => {
      port.write(chunk, (error) => {
        if (error) return reject(new TransportError(this.name, `write failed: ${error.message}`, 'io'));
        // drain = tcdrain: on real hardware this waits until the bytes are on the wire.
        port.drain((drainError) =>
          drainError ? reject(new TransportError(this.name, `drain failed: ${drainError.message}`, 'io')) : resolve(),
        );
      });
    });
  }

  async #setModemLines(port: SerialPort): Promise<void> {
    const { dtr, rts } = this.#options;
    if (dtr === undefined && rts === undefined) return;
    const flags: { dtr?: boolean; rts?: boolean } = {};
    if (dtr !== undefined) flags.dtr = dtr;
    if (rts !== undefined) flags.rts = rts;
    await new Promise<void>((resolve) =>
      port.set(flags, (error) => {
        // Ptys fail with "Inappropriate ioctl for device": no modem lines there, carry on.
        if (error) this.log.info({ transport: this.name, err: error.message }, 'cannot set modem lines; ignored');
        resolve();
      }),
    );
  }

  #openError(error: Error): TransportError {
    const text = error.message;
    if (/no such file|ENOENT|file not found|cannot find the file/i.test(text)) {
      return new TransportError(this.name, 'no such device; check the cable and the hall PC config', 'not-found');
    }
    if (/cannot lock port|resource busy|EBUSY|access denied/i.test(text)) {
      return new TransportError(this.name, 'in use by another program (cannot lock the port); close it and retry', 'busy');
    }
    if (/permission denied|EACCES/i.test(text)) {
      return new TransportError(this.name, 'permission denied; add the hall user to the dialout group', 'io');
    }
    return new TransportError(this.name, `cannot open: ${text}`, 'io');
  }
}

/** What SerialPort.list() reports for one port (path, manufacturer, vendorId, …). */
export type SerialPortInfo = Awaited<ReturnType<typeof SerialPort.list>>[number];

export interface SerialPortList {
  ports: SerialPortInfo[];
  /** Why the list is empty when it could not be read (no udev in containers and CI). */
  reason?: string;
}

/** Serial ports on this PC, for the admin screen. Never rejects. */
export async function listSerialPorts(): Promise<SerialPortList> {
  try {
    return { ports: await SerialPort.list() };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const reason = /udevadm|ENOENT/.test(message)
      ? `cannot list serial ports: udevadm is not available (${message}); type the port path by hand`
      : `cannot list serial ports: ${message}`;
    return { ports: [], reason };
  }
}
