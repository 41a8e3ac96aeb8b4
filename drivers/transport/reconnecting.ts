import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import {
  TransportError,
  type ReconnectOptions,
  type Transport,
  type TransportEvents,
  type TransportState,
} from './types.js';

export const INITIAL_BACKOFF_MS = 250;
export const DEFAULT_MAX_BACKOFF_MS = 2000;

/**
 * The open / reconnect / write-queue state machine shared by every transport, so all of them keep
 * the contract in types.ts the same way. A subclass only knows how to reach its device once:
 *  - `connect()` opens the device (reject with a TransportError naming it and saying why);
 *  - `disconnect()` releases whatever `connect()` opened (never rejects);
 *  - `writeRaw()` writes to the open device and resolves when drained;
 *  - it calls `lost(reason)` when the device goes away (EIO, socket closed, USB detach).
 */
export abstract class ReconnectingTransport extends EventEmitter implements Transport {
  abstract readonly name: string;
  abstract readonly canRead: boolean;

  protected readonly maxBackoffMs: number;
  #state: TransportState = 'closed';
  #backoffMs = INITIAL_BACKOFF_MS;
  #timer: NodeJS.Timeout | undefined;
  #opening: Promise<void> | undefined;
  // A reconnect attempt still running: open() and close() wait for it so two connects never overlap.
  #inflight: Promise<void> | undefined;
  // Bumped on every close() so a connect() that finishes late knows it is no longer wanted.
  #epoch = 0;
  #writeTail: Promise<unknown> = Promise.resolve();
  // Rejected when the current connection is lost, so a write stuck in a dead driver still settles.
  #connectionLost: Promise<never> | undefined;
  #rejectConnectionLost: ((error: TransportError) => void) | undefined;
  #lastLoss = '';

  constructor(
    options: ReconnectOptions,
    protected readonly log: Logger,
  ) {
    super();
    // One RS-485 line carries up to 247 addressed devices, each of which follows the line's state.
    this.setMaxListeners(256);
    const max = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
    if (!Number.isFinite(max) || max < INITIAL_BACKOFF_MS) {
      throw new RangeError(`maxBackoffMs must be a number ≥ ${INITIAL_BACKOFF_MS} (got ${max})`);
    }
    this.maxBackoffMs = max;
  }

  protected abstract connect(): Promise<void>;
  protected abstract disconnect(): Promise<void>;
  protected abstract writeRaw(bytes: Uint8Array): Promise<void>;

  get state(): TransportState {
    return this.#state;
  }

  open(): Promise<void> {
    if (this.#state === 'open' || this.#state === 'reconnecting') return Promise.resolve();
    if (this.#opening) return this.#opening;
    const epoch = this.#epoch;
    this.#setState('opening');
    this.#opening = (this.#inflight ?? Promise.resolve()).then(() => this.connect()).then(
      async () => {
        this.#opening = undefined;
        if (epoch !== this.#epoch) {
          await this.#safeDisconnect();
          throw new TransportError(this.name, 'closed while opening', 'not-open');
        }
        this.#connected();
      },
      (error: unknown) => {
        this.#opening = undefined;
        if (epoch === this.#epoch) this.#setState('closed');
        throw this.toTransportError(error);
      },
    );
    return this.#opening;
  }

  write(bytes: Uint8Array): Promise<void> {
    if (this.#state !== 'open') return Promise.reject(this.#notOpen());
    const run = async (): Promise<void> => {
      // Re-check: the line may have dropped while this write waited for the ones before it.
      if (this.#state !== 'open' || !this.#connectionLost) throw this.#notOpen();
      try {
        await Promise.race([this.writeRaw(bytes), this.#connectionLost]);
      } catch (error) {
        throw this.toTransportError(error);
      }
    };
    const result = this.#writeTail.then(run, run);
    this.#writeTail = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.#epoch++;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = [this.#inflight, this.#opening?.catch(() => undefined)].filter((p) => p !== undefined);
    if (this.#state !== 'closed') {
      this.#failConnection('closed');
      this.#setState('closed');
      await this.#safeDisconnect();
    }
    // Let a connect that was under way finish and release what it opened (it sees the new epoch).
    await Promise.all(pending);
  }

  /** Subclasses call this when the device went away; starts the reconnect loop. */
  protected lost(reason: string): void {
    if (this.#state !== 'open') return;
    this.#lastLoss = reason;
    this.log.warn({ transport: this.name, reason }, 'device lost; reconnecting');
    this.#failConnection(reason);
    this.#setState('reconnecting', reason);
    this.#backoffMs = INITIAL_BACKOFF_MS;
    void this.#safeDisconnect().then(() => this.#scheduleRetry());
  }

  /** Turn anything thrown by a driver into a TransportError naming this device. */
  protected toTransportError(error: unknown): TransportError {
    if (error instanceof TransportError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new TransportError(this.name, message, 'io');
  }

  override on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): this {
    return super.on(event, listener);
  }
  override off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): this {
    return super.off(event, listener);
  }
  override once<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): this {
    return super.once(event, listener);
  }
  override emit<E extends keyof TransportEvents>(event: E, ...args: Parameters<TransportEvents[E]>): boolean {
    return super.emit(event, ...args);
  }

  #connected(): void {
    let reject!: (error: TransportError) => void;
    this.#connectionLost = new Promise<never>((_resolve, r) => (reject = r));
    this.#connectionLost.catch(() => undefined);
    this.#rejectConnectionLost = reject;
    this.#backoffMs = INITIAL_BACKOFF_MS;
    this.#setState('open');
  }

  #failConnection(reason: string): void {
    this.#rejectConnectionLost?.(new TransportError(this.name, `connection lost (${reason})`, 'io'));
    this.#rejectConnectionLost = undefined;
    this.#connectionLost = undefined;
  }

  #scheduleRetry(): void {
    if (this.#state !== 'reconnecting') return;
    const delay = this.#backoffMs;
    this.#backoffMs = Math.min(this.#backoffMs * 2, this.maxBackoffMs);
    const epoch = this.#epoch;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const attempt = this.connect().then(
        async () => {
          if (epoch !== this.#epoch || this.#state !== 'reconnecting') {
            await this.#safeDisconnect();
            return;
          }
          this.log.info({ transport: this.name }, 'device back');
          this.#connected();
        },
        (error: unknown) => {
          if (epoch !== this.#epoch) return;
          this.log.debug({ transport: this.name, err: this.toTransportError(error).message, delay }, 'reconnect failed');
          this.#scheduleRetry();
        },
      ).catch((error: unknown) => {
        // A listener threw inside emit('state'): never let a timer crash the process.
        this.log.error({ transport: this.name, err: error }, 'error in reconnect loop');
      });
      const tracked: Promise<void> = attempt.finally(() => {
        if (this.#inflight === tracked) this.#inflight = undefined;
      });
      this.#inflight = tracked;
    }, delay);
  }

  async #safeDisconnect(): Promise<void> {
    try {
      await this.disconnect();
    } catch (error) {
      this.log.debug({ transport: this.name, err: error }, 'disconnect failed');
    }
  }

  #notOpen(): TransportError {
    const why = this.#state === 'reconnecting' ? `reconnecting after: ${this.#lastLoss}` : this.#state;
    return new TransportError(this.name, `not open (${why})`, 'not-open');
  }

  #setState(state: TransportState, detail?: string): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#emitSafely('state', state, detail);
  }

  /** Subclasses hand every chunk read to this. */
  protected emitData(chunk: Buffer): void {
    if (chunk.length > 0) this.#emitSafely('data', chunk);
  }

  // A throwing listener must not tear down a driver's I/O callback or a reconnect timer.
  #emitSafely<E extends keyof TransportEvents>(event: E, ...args: Parameters<TransportEvents[E]>): void {
    try {
      this.emit(event, ...args);
    } catch (error) {
      this.log.error({ transport: this.name, event, err: error }, 'a transport listener threw');
    }
  }
}
