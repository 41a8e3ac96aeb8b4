import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { TransportError, type Transport, type TransportState } from './types.js';

/**
 * Looks at every byte received since the request went out (a growing buffer, chunks split
 * arbitrarily) and returns the reply once it is complete — `undefined` to keep waiting. Skip bytes
 * that are not ours (another address, line noise) rather than throwing; a throw fails the request.
 */
export type ReplyParser<T> = (received: Buffer) => T | undefined;

export interface RequestOptions<T> {
  replyParser?: ReplyParser<T>;
  /** How long to wait for the reply once the frame is on the wire. */
  timeoutMs: number;
}

export interface LineQueueOptions {
  /** Quiet time after each exchange before the next frame (RS-485 turnaround, Modbus 3.5 chars). Default 0. */
  gapMs?: number;
  /** Most bytes kept while waiting for one reply; older ones are dropped (a babbling device). Default 4096. */
  maxReplyBytes?: number;
}

export interface LineQueueEvents {
  /** Bytes that arrived while no request was waiting for a reply. */
  unsolicited: (chunk: Buffer) => void;
}

interface Job {
  frame: Uint8Array;
  parser: ReplyParser<unknown> | undefined;
  timeoutMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * One master on a half-duplex line (RS-485): exchanges go out one at a time, in call order. A
 * request writes its frame and, with a replyParser, holds the line until the reply is recognised
 * or `timeoutMs` passes (then it rejects with code 'timeout' and the line is free for the next).
 * All displays and keypads on one line share one LineQueue over one Transport.
 * A reply arriving after its timeout may be seen by the next request's parser: parsers should
 * match on address (and command), which they need anyway on a shared line.
 */
export class LineQueue extends EventEmitter {
  readonly #transport: Transport;
  readonly #gapMs: number;
  readonly #maxReplyBytes: number;
  readonly #jobs: Job[] = [];
  #busy = false;
  #closed = false;
  #received = Buffer.alloc(0);
  #onReceived: (() => void) | undefined;
  #onLineDown: ((state: TransportState) => void) | undefined;
  readonly #onData = (chunk: Buffer): void => {
    if (this.#onReceived) {
      this.#received = Buffer.concat([this.#received, chunk]);
      if (this.#received.length > this.#maxReplyBytes) this.#received = this.#received.subarray(-this.#maxReplyBytes);
      this.#onReceived();
    } else {
      this.emit('unsolicited', chunk);
    }
  };
  readonly #onState = (state: TransportState): void => this.#onLineDown?.(state);

  constructor(transport: Transport, options: LineQueueOptions = {}) {
    super();
    this.#transport = transport;
    this.#gapMs = options.gapMs ?? 0;
    this.#maxReplyBytes = options.maxReplyBytes ?? 4096;
    transport.on('data', this.#onData);
    transport.on('state', this.#onState);
  }

  get transport(): Transport {
    return this.#transport;
  }

  /** Exchanges waiting their turn, plus the one on the line. */
  get pending(): number {
    return this.#jobs.length + (this.#busy ? 1 : 0);
  }

  request<T>(frame: Uint8Array, options: RequestOptions<T> & { replyParser: ReplyParser<T> }): Promise<T>;
  request(frame: Uint8Array, options: RequestOptions<never>): Promise<void>;
  request<T>(frame: Uint8Array, options: RequestOptions<T>): Promise<T | void> {
    if (!(options.timeoutMs > 0)) {
      return Promise.reject(new RangeError(`${this.#transport.name}: request timeoutMs must be > 0 (got ${options.timeoutMs})`));
    }
    return this.#enqueue<T | void>(frame, options.replyParser, options.timeoutMs);
  }

  /** Fire and forget (a display update nobody acknowledges): written in turn, resolves when written. */
  send(frame: Uint8Array): Promise<void> {
    return this.#enqueue<void>(frame, undefined, 0);
  }

  /** Rejects everything still queued with 'not-open' and lets go of the transport (it stays open). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#transport.off('data', this.#onData);
    this.#transport.off('state', this.#onState);
    for (const job of this.#jobs.splice(0)) job.reject(this.#error('line queue closed', 'not-open'));
    this.#onLineDown?.('closed');
  }

  override on<E extends keyof LineQueueEvents>(event: E, listener: LineQueueEvents[E]): this {
    return super.on(event, listener);
  }
  override off<E extends keyof LineQueueEvents>(event: E, listener: LineQueueEvents[E]): this {
    return super.off(event, listener);
  }

  #enqueue<T>(frame: Uint8Array, parser: ReplyParser<unknown> | undefined, timeoutMs: number): Promise<T> {
    if (this.#closed) return Promise.reject(this.#error('line queue closed', 'not-open'));
    return new Promise<T>((resolve, reject) => {
      this.#jobs.push({ frame, parser, timeoutMs, resolve: resolve, reject });
      if (!this.#busy) void this.#pump();
    });
  }

  async #pump(): Promise<void> {
    this.#busy = true;
    try {
      for (let job = this.#jobs.shift(); job; job = this.#jobs.shift()) {
        try {
          job.resolve(await this.#exchange(job));
        } catch (error) {
          job.reject(error as Error);
        }
        if (this.#gapMs > 0 && this.#jobs.length > 0) await sleep(this.#gapMs);
      }
    } finally {
      this.#busy = false;
    }
  }

  async #exchange(job: Job): Promise<unknown> {
    const { parser } = job;
    if (!parser) return void (await this.#transport.write(job.frame));
    // Collect from before the write: a fast device may answer before our drain returns.
    this.#received = Buffer.alloc(0);
    let settle!: { resolve(v: unknown): void; reject(e: Error): void };
    const reply = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
    const tryParse = (): void => {
      if (this.#received.length === 0) return;
      try {
        const value = parser(this.#received);
        if (value !== undefined) settle.resolve(value);
      } catch (error) {
        settle.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    this.#onReceived = tryParse;
    this.#onLineDown = (state) => {
      if (state !== 'open') settle.reject(this.#error(`line ${state} while waiting for a reply`, 'not-open'));
    };
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([this.#transport.write(job.frame), reply]);
      timer = setTimeout(
        () => settle.reject(this.#error(`no reply within ${job.timeoutMs} ms to ${hex(job.frame)}`, 'timeout')),
        job.timeoutMs,
      );
      return await reply;
    } finally {
      clearTimeout(timer);
      this.#onReceived = undefined;
      this.#onLineDown = undefined;
      this.#received = Buffer.alloc(0);
    }
  }

  #error(message: string, code: 'not-open' | 'timeout'): TransportError {
    return new TransportError(this.#transport.name, message, code);
  }
}

function hex(frame: Uint8Array, max = 16): string {
  const bytes = [...frame.subarray(0, max)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return frame.length > max ? `${bytes} … (${frame.length} bytes)` : bytes;
}
