import type { Logger } from 'pino';

/**
 * A transport is a byte pipe to one device (or one RS-485 line of devices).
 * Every implementation — serial, tcp, usb, win-usbprint, file — must:
 *  - `open()`: resolve once the device is first reachable, or reject with a TransportError saying
 *    which device and why ("serial /dev/ttyUSB0: no such device; check the cable and hall PC config").
 *    After a successful open it keeps itself open: when the device disappears (EIO, socket closed,
 *    USB detach) it emits `state` 'reconnecting' and retries with exponential backoff
 *    (250 ms doubling to `maxBackoffMs`, default 2000), then 'open' again. It never throws from a timer.
 *  - `write(bytes)`: resolve when the bytes have left this process (drained), reject with a
 *    TransportError when the transport is not open. Writes are delivered in call order.
 *  - emit `data` with every chunk read, as it arrives (chunks are split arbitrarily: parse with a
 *    stream parser). A write-only transport (`canRead === false`) never emits data.
 *  - `close()`: stop reconnecting, release the device; idempotent.
 *  - guard modem-control calls (ptys and some adapters have no DTR/RTS).
 */
export type TransportState = 'closed' | 'opening' | 'open' | 'reconnecting';

export interface TransportEvents {
  data: (chunk: Buffer) => void;
  state: (state: TransportState, detail?: string) => void;
}

export interface Transport {
  /** A person-readable name of the device: "serial /dev/ttyS0 9600 8N1", "tcp 10.0.0.7:9100". */
  readonly name: string;
  /** False for write-only pipes (node-escpos-win, a printer device file opened write-only). */
  readonly canRead: boolean;
  readonly state: TransportState;
  open(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): this;
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): this;
  once<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): this;
}

/** Options every reconnecting transport accepts. */
export interface ReconnectOptions {
  /** Cap of the reconnect backoff (starts at 250 ms and doubles). Default 2000. */
  maxBackoffMs?: number;
  /** The runner's logger (the agent's), so the transport's lines land in its log; see drivers/log.ts. */
  log?: Logger;
}

export type TransportErrorCode = 'not-open' | 'not-found' | 'busy' | 'io' | 'unsupported' | 'timeout';

export class TransportError extends Error {
  constructor(
    readonly transport: string,
    message: string,
    readonly code: TransportErrorCode = 'io',
  ) {
    super(`${transport}: ${message}`);
    this.name = 'TransportError';
  }
}
