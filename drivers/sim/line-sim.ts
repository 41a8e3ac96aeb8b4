// The base of the simulators that answer requests on the device end of a line (keypads, the ID
// card reader): a pty path opened with serialport and reopened by itself after the line is cut, or
// a TCP listener standing in for a serial device server. A simulator only says what a fresh line
// end means (`onOpen`) and what to do with the bytes that arrive (`onData`).
import { SerialPort } from 'serialport';
import { TypedEmitter, type ListenerMap } from '../kit/typed-emitter.js';
import { pathIdentity } from './pty-link.js';
import { listenTcpLine, type SimLineEnd, type TcpLineServer } from './tcp-line.js';

export interface SimLineOptions {
  /** Names the simulator in errors: "keypad sim". */
  what: string;
  /** The device end of a serial line (the pty link the driver does not open); none when it listens on TCP. */
  path?: string;
  baudRate: number;
}

const REOPEN_MS = 50;

export abstract class LineSimulator<Events extends ListenerMap<Events>> extends TypedEmitter<Events> {
  readonly #options: SimLineOptions;
  #port: SimLineEnd | undefined;
  #tcp: TcpLineServer | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #reopens = 0;
  /** Identity of the path when last opened: after a cut we wait until it is a new node. */
  #openedIdentity = '';
  #lastOpenError = '';
  /** Watches the path while open: a cut the port never heard of (its hang-up missed) still shows as a new node. */
  #watch: NodeJS.Timeout | undefined;

  constructor(options: SimLineOptions) {
    super();
    this.#options = options;
  }

  /** A fresh line end (first open, reopen after a cut, a TCP client): forget any half-read request. */
  protected onOpen(): void {}

  /** Bytes read from the line. */
  protected abstract onData(chunk: Buffer): void;

  /** Open the serial path. After the line is cut it reopens by itself once the path is back. */
  async open(): Promise<void> {
    this.#closed = false;
    await this.#openPort();
  }

  /**
   * Listen on TCP instead of a serial path, as a serial device server (an RS-485-to-Ethernet
   * converter) does: the driver's transport is then `{ kind: 'tcp', host, port }`. Returns the bound port.
   */
  async listenTcp(port = 0, host = '127.0.0.1'): Promise<number> {
    this.#closed = false;
    this.#tcp = await listenTcpLine(port, host, (end) => this.#attach(end));
    return this.#tcp.port;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    if (this.#watch) clearInterval(this.#watch);
    const port = this.#port;
    this.#port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await this.#tcp?.close();
    this.#tcp = undefined;
  }

  get isOpen(): boolean {
    return this.#port?.isOpen ?? false;
  }

  /** For test diagnostics: reopen attempts after a cut, and why the last one failed. */
  get reopenInfo(): string {
    return `${this.#reopens} reopen attempts, last error: ${this.#lastOpenError || 'none'}`;
  }

  /** Bytes onto the line, resolved once drained; dropped when no line is up (as a device's would be). */
  protected async write(bytes: Buffer): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.write(bytes, () => port.drain(() => resolve())));
  }

  async #openPort(): Promise<void> {
    const { path, what, baudRate } = this.#options;
    if (path === undefined) throw new Error(`${what}: no serial path to open (use listenTcp for a TCP line)`);
    const port = new SerialPort({ path, baudRate, autoOpen: false });
    port.on('error', () => undefined);
    const identity = pathIdentity(path);
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    this.#openedIdentity = identity;
    this.#attach(port, () => this.#scheduleReopen());
    this.#watchPath(port);
  }

  /** A pty's hang-up can go unnoticed when the line is cut and restored quickly: if the path was
   * made anew while this port still thinks it is open, that port is a dead line end — reopen. */
  #watchPath(port: SimLineEnd): void {
    if (this.#watch) clearInterval(this.#watch);
    this.#watch = setInterval(() => {
      if (this.#closed || this.#port !== port) return void clearInterval(this.#watch);
      const identity = pathIdentity(this.#options.path ?? '');
      if (identity === '' || identity === this.#openedIdentity) return;
      clearInterval(this.#watch);
      this.#port = undefined;
      if (port.isOpen) port.close(() => undefined);
      this.#reopens++;
      this.#openPort().catch((error: unknown) => {
        this.#lastOpenError = error instanceof Error ? error.message : String(error);
        this.#scheduleReopen();
      });
    }, REOPEN_MS * 4);
    this.#watch.unref();
  }

  /** A line end is up: hand on what arrives; when it closes, `onClose` (a serial line reopens). */
  #attach(port: SimLineEnd, onClose?: () => void): void {
    this.#port = port;
    this.onOpen();
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('close', () => {
      if (this.#port !== port) return;
      this.#port = undefined;
      onClose?.();
    });
  }

  #scheduleReopen(): void {
    if (this.#closed) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      if (this.#closed) return;
      // socat leaves its links dangling after a kill, and the pts number they name is soon reused
      // by another pty pair (another test running at the same time): opening the stale link would
      // steal that line. Reopen only once the link was made anew.
      const identity = pathIdentity(this.#options.path ?? '');
      if (identity === '' || identity === this.#openedIdentity) {
        this.#lastOpenError = identity === '' ? 'path gone' : 'path not re-created yet';
        this.#scheduleReopen();
        return;
      }
      this.#reopens++;
      this.#openPort().catch((error: unknown) => {
        this.#lastOpenError = error instanceof Error ? error.message : String(error);
        this.#scheduleReopen();
      });
    }, REOPEN_MS);
  }
}
