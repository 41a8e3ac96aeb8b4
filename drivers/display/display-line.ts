// One RS-485 line shared by many displays: writes go out in call order, one at a time, and a
// request holds the line until its answer (or a timeout), because RS-485 is half-duplex with one
// master — a second frame sent while a controller answers would collide with its reply.
//
// A minimal in-order queue of our own: drivers/transport/line-queue.ts (LineQueue) did not exist
// when this was written. Its shape (send / request with a timeout) is meant to be swapped for
// LineQueue when that lands.
import { EventEmitter } from 'node:events';
import type { Transport, TransportState } from '../transport/types.js';

export interface LineRequestOptions {
  /** Does `received` (every byte read since the write) hold the answer? */
  isReply: (received: Uint8Array) => boolean;
  timeoutMs: number;
}

export interface DisplayLineEvents {
  /** The transport is open again after being lost: displays redraw. */
  reopened: () => void;
  state: (state: TransportState, detail?: string) => void;
}

export class DisplayLine extends EventEmitter {
  readonly transport: Transport;
  #tail: Promise<unknown> = Promise.resolve();
  #wasOpen: boolean;
  #listeners: Array<(chunk: Buffer) => void> = [];
  readonly #onData = (chunk: Buffer) => {
    for (const listener of [...this.#listeners]) listener(chunk);
  };
  readonly #onState = (state: TransportState, detail?: string) => {
    this.emit('state', state, detail);
    if (state === 'open') {
      if (this.#wasOpen) this.emit('reopened');
      this.#wasOpen = true;
    }
  };

  constructor(transport: Transport) {
    super();
    this.transport = transport;
    this.#wasOpen = transport.state === 'open';
    transport.on('data', this.#onData);
    transport.on('state', this.#onState);
  }

  get name(): string {
    return this.transport.name;
  }

  /** Write a frame after every earlier one; resolves when written. */
  send(frame: Uint8Array): Promise<void> {
    return this.#enqueue(() => this.transport.write(frame));
  }

  /**
   * Write a frame and wait for its answer. Resolves true when answered, false on timeout (a
   * missing answer is the caller's to report, not an error of the line); rejects if the write fails.
   */
  request(frame: Uint8Array, options: LineRequestOptions): Promise<boolean> {
    return this.#enqueue(async () => {
      if (!this.transport.canRead) {
        await this.transport.write(frame);
        return false;
      }
      const chunks: Buffer[] = [];
      let listener!: (chunk: Buffer) => void;
      const answered = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), options.timeoutMs);
        listener = (chunk) => {
          chunks.push(chunk);
          if (options.isReply(Buffer.concat(chunks))) {
            clearTimeout(timer);
            resolve(true);
          }
        };
      });
      this.#listeners.push(listener);
      try {
        await this.transport.write(frame);
        return await answered;
      } finally {
        this.#listeners = this.#listeners.filter((l) => l !== listener);
      }
    });
  }

  /** Stop listening to the transport (the transport stays open: it belongs to its owner). */
  detach(): void {
    this.transport.off('data', this.#onData);
    this.transport.off('state', this.#onState);
  }

  #enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(job, job);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  override on<E extends keyof DisplayLineEvents>(event: E, listener: DisplayLineEvents[E]): this {
    return super.on(event, listener);
  }
  override off<E extends keyof DisplayLineEvents>(event: E, listener: DisplayLineEvents[E]): this {
    return super.off(event, listener);
  }
}
