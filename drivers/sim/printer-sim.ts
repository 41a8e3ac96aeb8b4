// A simulated ESC/POS ticket printer on the far side of a real pipe: the device end of a pty
// (opened with serialport directly) or a TCP listener like a network printer's port 9100.
// It prints into structured receipts, answers DLE EOT from a state tests can change, pushes ASB
// when the host enables it, and says nothing at all when "offline" (powered off / cable out).
import { TypedEmitter } from '../kit/typed-emitter.js';
import { createServer, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { EscposInterpreter } from './printer-interpreter.js';
import type { Receipt } from './receipt.js';

export type SimPaper = 'ok' | 'near-end' | 'out';

export interface SimPrinterState {
  paper: SimPaper;
  coverOpen: boolean;
  cutterError: boolean;
  /** Powered off or unplugged: receives nothing, answers nothing. */
  offline: boolean;
  feedButton: boolean;
}

export const READY_STATE: SimPrinterState = Object.freeze({
  paper: 'ok',
  coverOpen: false,
  cutterError: false,
  offline: false,
  feedButton: false,
});

/** The reply byte to DLE EOT n for a state (bit meanings: HARDWARE.md). */
export function realtimeReply(state: SimPrinterState, n: number): number {
  const out = state.paper === 'out';
  // Paper out, cover open and errors all stop printing: the printer reports itself offline.
  const stopped = out || state.coverOpen || state.cutterError;
  switch (n) {
    case 1:
      return 0x12 | (stopped ? 0x08 : 0) | (state.feedButton ? 0x40 : 0);
    case 2:
      return 0x12 | (state.coverOpen ? 0x04 : 0) | (state.feedButton ? 0x08 : 0) | (out ? 0x20 : 0) | (state.cutterError ? 0x40 : 0);
    case 3:
      return 0x12 | (state.cutterError ? 0x08 : 0);
    case 4:
      // With no paper the near-end sensor sees none either.
      return 0x12 | (state.paper !== 'ok' ? 0x0c : 0) | (out ? 0x60 : 0);
    default:
      return 0x12;
  }
}

/** The 4-byte automatic status back message for a state. */
export function asbMessage(state: SimPrinterState): Buffer {
  const out = state.paper === 'out';
  const stopped = out || state.coverOpen || state.cutterError;
  return Buffer.from([
    0x10 | (stopped ? 0x08 : 0) | (state.coverOpen ? 0x20 : 0) | (state.feedButton ? 0x40 : 0),
    state.cutterError ? 0x08 : 0,
    (state.paper !== 'ok' ? 0x03 : 0) | (out ? 0x0c : 0),
    0x00,
  ]);
}

export interface PrinterSimEvents {
  receipt: (receipt: Receipt) => void;
  warning: (message: string) => void;
  /** The host's end went away or came back (pty only). */
  link: (state: 'up' | 'down') => void;
}

interface Link {
  write(bytes: Uint8Array): void;
  interpreter: EscposInterpreter;
  asbMask: number;
}

export class PrinterSimulator extends TypedEmitter<PrinterSimEvents> {
  readonly receipts: Receipt[] = [];
  readonly warnings: string[] = [];
  #state: SimPrinterState = { ...READY_STATE };
  #links = new Set<Link>();
  #closers: Array<() => Promise<void>> = [];
  #closed = false;
  /** Status queries answered, for tests that want to see polling happen. */
  queries = 0;

  private constructor() {
    super();
  }


  get state(): SimPrinterState {
    return { ...this.#state };
  }

  /** Change the simulated printer ("paper runs out"); pushes ASB where the host enabled it. */
  setState(change: Partial<SimPrinterState>): void {
    const before = asbMessage(this.#state);
    this.#state = { ...this.#state, ...change };
    if (this.#state.offline) return;
    if (!before.equals(asbMessage(this.#state))) {
      for (const link of this.#links) if (link.asbMask !== 0) link.write(asbMessage(this.#state));
    }
  }

  /** The next receipt printed (resolves at its cut). */
  nextReceipt(timeoutMs = 5000): Promise<Receipt> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('receipt', onReceipt);
        reject(new Error(`simulated printer: no receipt cut within ${timeoutMs} ms`));
      }, timeoutMs);
      const onReceipt = (receipt: Receipt) => {
        clearTimeout(timer);
        resolve(receipt);
      };
      this.once('receipt', onReceipt);
    });
  }

  /** Attach to the device end of a pty (or a real serial port wired to the host). Reopens after a cut. */
  static async attachSerial(path: string, baudRate = 9600): Promise<PrinterSimulator> {
    const sim = new PrinterSimulator();
    let port: SerialPort | undefined;
    let retry: NodeJS.Timeout | undefined;
    const open = () =>
      new Promise<void>((resolve, reject) => {
        const p = new SerialPort({ path, baudRate, autoOpen: false });
        p.on('error', (error) => sim.#warn(`serial ${path}: ${error.message}`));
        p.open((error) => {
          if (error) return reject(error);
          port = p;
          const link = sim.#addLink((bytes) => {
            if (p.isOpen) p.write(Buffer.from(bytes));
          });
          p.on('data', (chunk: Buffer) => sim.#receive(link, chunk));
          p.on('close', () => {
            sim.#links.delete(link);
            if (port === p) port = undefined;
            if (!sim.#closed) {
              sim.emit('link', 'down');
              reopen();
            }
          });
          resolve();
        });
      });
    const reopen = () => {
      clearTimeout(retry);
      retry = setTimeout(() => {
        open().then(
          () => sim.emit('link', 'up'),
          () => {
            if (!sim.#closed) reopen();
          },
        );
      }, 100);
    };
    await open();
    sim.#closers.push(async () => {
      clearTimeout(retry);
      const p = port;
      port = undefined;
      if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
    });
    return sim;
  }

  /** Listen like a network printer (port 9100 in a hall; 0 for any free port in tests). */
  static async listenTcp(port = 0, host = '127.0.0.1'): Promise<PrinterSimulator & { readonly port: number }> {
    const sim = new PrinterSimulator();
    const sockets = new Set<Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      const link = sim.#addLink((bytes) => {
        if (!socket.destroyed) socket.write(bytes);
      });
      socket.on('data', (chunk) => sim.#receive(link, chunk));
      socket.on('error', (error) => sim.#warn(`tcp client: ${error.message}`));
      socket.on('close', () => {
        sockets.delete(socket);
        sim.#links.delete(link);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    sim.#closers.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    return Object.assign(sim, { port: bound });
  }

  /** Send bytes to the host as if the printer had (line noise, a boot banner): for robustness tests. */
  sendRaw(bytes: Uint8Array): void {
    for (const link of this.#links) link.write(bytes);
  }

  /** Switch the printer off and on: forget any half-received command. */
  powerCycle(): void {
    for (const link of this.#links) {
      link.interpreter = new EscposInterpreter();
      link.asbMask = 0;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const close of this.#closers) await close();
    this.#links.clear();
  }

  #addLink(write: (bytes: Uint8Array) => void): Link {
    const link: Link = { write, interpreter: new EscposInterpreter(), asbMask: 0 };
    this.#links.add(link);
    return link;
  }

  #receive(link: Link, chunk: Buffer): void {
    // Powered off: the bytes go nowhere.
    if (this.#state.offline) return;
    let events;
    try {
      events = link.interpreter.feed(chunk);
    } catch (error) {
      // The interpreter should never throw; if it does, start afresh rather than stop the demo hall.
      this.#warn(`interpreter failed, reset: ${(error as Error).message}`);
      link.interpreter = new EscposInterpreter();
      return;
    }
    for (const event of events) {
      switch (event.type) {
        case 'status-query':
          this.queries++;
          link.write(Uint8Array.of(realtimeReply(this.#state, event.n)));
          break;
        case 'asb':
          link.asbMask = event.mask;
          if (event.mask !== 0) link.write(asbMessage(this.#state));
          break;
        case 'receipt':
          this.receipts.push(event.receipt);
          this.emit('receipt', event.receipt);
          break;
        case 'warning':
          this.#warn(event.message);
          break;
        default: {
          const unknown: never = event;
          this.#warn(`unknown interpreter event ${JSON.stringify(unknown)}`);
        }
      }
    }
  }

  #warn(message: string): void {
    this.warnings.push(message);
    if (this.warnings.length > 1000) this.warnings.splice(0, this.warnings.length - 1000);
    if (this.listenerCount('warning') > 0) this.emit('warning', message);
  }
}
