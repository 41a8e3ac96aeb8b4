// An in-memory Transport for drivers' unit tests, after serialport's MockBinding: it keeps the
// contract of types.ts (states and their events, 'not-open' refusals, writes in call order, data
// only while open and readable), records every write, and lets the test play the device — answer a
// write, push bytes, fail an open or a write, drop the line and bring it back. Misuse throws an
// error saying how to fix the test. Integration tests use real ptys and TCP instead.
import { TypedEmitter } from '../kit/typed-emitter.js';
import { TransportError, type Transport, type TransportErrorCode, type TransportEvents, type TransportState } from './types.js';

export interface MockTransportOptions {
  /** Default "mock". */
  name?: string;
  /** False for a write-only pipe (a printer device file): it never emits data. Default true. */
  canRead?: boolean;
  /** Start open, like a line somebody else opened already. Default false: 'closed' until open(). */
  open?: boolean;
  /** The device: sees each write (a copy) on the next turn of the event loop; see DeviceSide. */
  device?: DeviceSide;
}

/**
 * Plays the device for one write. Returned bytes (a Uint8Array) come back at once as data; anything
 * else is ignored, so a device may answer later itself with `transport.emitData()`.
 */
export type DeviceSide = (bytes: Buffer, transport: MockTransport) => unknown;

export class MockTransport extends TypedEmitter<TransportEvents> implements Transport {
  readonly name: string;
  readonly canRead: boolean;
  /** Plays the device; replace it at any time. */
  device: DeviceSide | undefined;
  #state: TransportState;
  #writes: Buffer[] = [];
  #transcript: string[] = [];
  #openFailure: TransportError | undefined;
  #writeFailure: TransportError | undefined;
  #opens = 0;

  constructor(options: MockTransportOptions = {}) {
    super();
    // As the real transports: one RS-485 line carries many devices, each listening to it.
    this.setMaxListeners(256);
    this.name = options.name ?? 'mock';
    this.canRead = options.canRead ?? true;
    this.device = options.device;
    this.#state = options.open ? 'open' : 'closed';
  }

  get state(): TransportState {
    return this.#state;
  }

  /** Every write, oldest first (copies: a caller reusing its buffer does not change the record). */
  get writes(): readonly Buffer[] {
    return this.#writes;
  }

  /** The latest write, or undefined before the first one. */
  get lastWrite(): Buffer | undefined {
    return this.#writes.at(-1);
  }

  /** Everything written, as one buffer. */
  get recording(): Buffer {
    return Buffer.concat(this.#writes);
  }

  /** Both directions in order: "> 0a0b" for a write, "< 06" for data the device sent. */
  get transcript(): readonly string[] {
    return this.#transcript;
  }

  /** How many times open() succeeded. */
  get opens(): number {
    return this.#opens;
  }

  /** Forget what was written so far (to assert only on what follows). */
  clearRecording(): void {
    this.#writes = [];
    this.#transcript = [];
  }

  async open(): Promise<void> {
    if (this.#state === 'open' || this.#state === 'reconnecting') return;
    this.#setState('opening');
    // Resolve on a later turn, as a real device does.
    await Promise.resolve();
    const failure = this.#openFailure;
    if (failure) {
      this.#openFailure = undefined;
      this.#setState('closed');
      throw failure;
    }
    this.#opens++;
    this.#setState('open');
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.#state !== 'open') throw new TransportError(this.name, `not open (${this.#state})`, 'not-open');
    const failure = this.#writeFailure;
    if (failure) {
      this.#writeFailure = undefined;
      throw failure;
    }
    const copy = Buffer.from(bytes);
    this.#writes.push(copy);
    this.#transcript.push(`> ${copy.toString('hex')}`);
    const device = this.device;
    if (device) {
      setImmediate(() => {
        const reply = device(Buffer.from(copy), this);
        if (reply instanceof Uint8Array && reply.length > 0 && this.canRead && this.#state === 'open') this.emitData(reply);
      });
    }
  }

  async close(): Promise<void> {
    this.#setState('closed');
  }

  /** The device sends `bytes` (one chunk, as it would arrive). */
  emitData(bytes: Uint8Array | readonly number[]): void {
    const chunk = Buffer.from(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
    if (!this.canRead) {
      throw new Error(`MockTransport "${this.name}": emitData() on a write-only transport; create it with { canRead: true } if the device answers`);
    }
    if (this.#state !== 'open') {
      throw new Error(`MockTransport "${this.name}": emitData() while ${this.#state}; a transport emits data only while open: call open() first or create it with { open: true }`);
    }
    if (chunk.length === 0) throw new Error(`MockTransport "${this.name}": emitData() with no bytes; a transport never emits an empty chunk`);
    this.#transcript.push(`< ${chunk.toString('hex')}`);
    this.emit('data', chunk);
  }

  /** The next open() rejects, as when the port is missing ('not-found') or taken ('busy'). */
  failNextOpen(message = 'no such device', code: TransportErrorCode = 'not-found'): void {
    this.#openFailure = new TransportError(this.name, message, code);
  }

  /** The next write rejects (the bytes are not recorded), as when the line fails mid-write. */
  failNextWrite(message = 'write failed', code: TransportErrorCode = 'io'): void {
    this.#writeFailure = new TransportError(this.name, message, code);
  }

  /** The device goes away (cable pulled): 'reconnecting', and writes are refused until restore(). */
  drop(reason = 'unplugged'): void {
    if (this.#state !== 'open') {
      throw new Error(`MockTransport "${this.name}": drop() while ${this.#state}; only an open transport can lose its device: open() it first`);
    }
    this.#setState('reconnecting', reason);
  }

  /** The device is back after drop(): 'open' again. */
  restore(): void {
    if (this.#state !== 'reconnecting') {
      throw new Error(`MockTransport "${this.name}": restore() while ${this.#state}; call drop() first (restore() ends a reconnect)`);
    }
    this.#opens++;
    this.#setState('open');
  }

  #setState(state: TransportState, detail?: string): void {
    if (this.#state === state) return;
    this.#state = state;
    this.emit('state', state, detail);
  }
}
