import type { Logger } from 'pino';
import { TypedEmitter, type ListenerMap } from '../kit/typed-emitter.js';
import { driverLogger } from '../log.js';
import {
  KeypadError,
  type KeyPress,
  type KeyReport,
  type KeypadCommand,
  type KeypadLink,
  type KeypadStatus,
  type KeypadStatusEvent,
} from './types.js';

export interface PollerOptions {
  link: KeypadLink;
  /** Device addresses on this line, polled in this order. */
  addresses: readonly number[];
  /** Pause between polling rounds. Default 100 ms. */
  pollIntervalMs?: number;
  /** Consecutive polls without a valid reply before an address is reported offline. Default 3. */
  offlineAfterMisses?: number;
  /**
   * An offline address is polled at most this often, so a bus with dead keypads (each costing a
   * reply timeout) stays quick for the live ones. Default 1000 ms.
   */
  offlineRetryMs?: number;
  now?: () => Date;
  log?: Logger;
}

interface AddressState {
  status: KeypadStatus;
  misses: number;
  /** False until the first report: that one is the baseline, never emitted. */
  seen: boolean;
  counter: number | undefined;
  last: KeyPress | null;
  lastPolled: number;
}

/**
 * The host-polling loop both keypad drivers share: polls every address in turn, tracks
 * online/offline, and turns reports into exactly one press each (see types.ts).
 */
/** The events every polled keypad emits; each kind adds its own (`rating`, `key`). */
export interface PollerEvents {
  status: (event: KeypadStatusEvent) => void;
}

export abstract class KeypadPoller<Events extends PollerEvents & ListenerMap<Events>> extends TypedEmitter<Events> {
  readonly addresses: readonly number[];
  protected readonly link: KeypadLink;
  protected readonly log: Logger;
  protected readonly now: () => Date;
  readonly #intervalMs: number;
  readonly #offlineAfter: number;
  readonly #offlineRetryMs: number;
  readonly #state = new Map<number, AddressState>();
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(
    readonly kind: string,
    options: PollerOptions,
  ) {
    super();
    const { addresses } = options;
    if (addresses.length === 0) throw new KeypadError(kind, 'no addresses to poll; list the keypads on this line');
    const dup = addresses.find((a, i) => addresses.indexOf(a) !== i);
    if (dup !== undefined) throw new KeypadError(kind, `address ${dup} is listed twice`);
    this.addresses = [...addresses];
    this.link = options.link;
    this.log = driverLogger('keypad', options.log);
    this.now = options.now ?? (() => new Date());
    this.#intervalMs = options.pollIntervalMs ?? 100;
    this.#offlineAfter = options.offlineAfterMisses ?? 3;
    this.#offlineRetryMs = options.offlineRetryMs ?? 1000;
    for (const a of addresses) this.#state.set(a, { status: 'unknown', misses: 0, seen: false, counter: undefined, last: null, lastPolled: 0 });
  }

  get name(): string {
    return `${this.kind} ${this.link.name}`;
  }

  status(address: number): KeypadStatus {
    return this.#addressState(address).status;
  }

  start(): Promise<void> {
    if (!this.#running) {
      this.#running = true;
      this.#loop = this.#run();
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  /** What a press means to this kind of keypad; called once per press. */
  protected abstract onPress(address: number, press: KeyPress, at: Date): void;

  protected async sendCommand(address: number, command: KeypadCommand): Promise<void> {
    this.#addressState(address);
    try {
      await this.link.command(address, command);
    } catch (error) {
      // Name the keypad kind too: "评价器 serial /dev/ttyS1 (…) address 1: no reply within 150 ms".
      const reason = error instanceof KeypadError ? error.reason : error instanceof Error ? error.message : String(error);
      throw new KeypadError(this.name, reason, address);
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      for (const address of this.addresses) {
        if (!this.#running) return;
        await this.#pollOne(address);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#intervalMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  async #pollOne(address: number): Promise<void> {
    const state = this.#addressState(address);
    if (state.status === 'offline' && Date.now() - state.lastPolled < this.#offlineRetryMs) return;
    state.lastPolled = Date.now();
    let report: KeyReport;
    try {
      report = await this.link.poll(address);
    } catch (error) {
      state.misses++;
      const reason = error instanceof Error ? error.message : String(error);
      this.log.debug({ keypad: this.name, address, misses: state.misses, reason }, 'poll missed');
      if (state.misses >= this.#offlineAfter && state.status !== 'offline') {
        state.status = 'offline';
        // Edges cannot be trusted across a gap; a counter can (it survives in the device).
        if (state.counter === undefined) state.seen = false;
        this.log.warn({ keypad: this.name, address, reason }, 'keypad offline');
        this.#emitSafely('status', { address, online: false, at: this.now(), reason } satisfies KeypadStatusEvent);
      }
      return;
    }
    state.misses = 0;
    if (state.status !== 'online') {
      state.status = 'online';
      this.log.info({ keypad: this.name, address }, 'keypad online');
      this.#emitSafely('status', { address, online: true, at: this.now() } satisfies KeypadStatusEvent);
    }
    const press = this.#newPress(state, report);
    if (press) {
      try {
        this.onPress(address, press, this.now());
      } catch (error) {
        this.log.error({ keypad: this.name, address, err: error }, 'a keypad listener threw');
      }
    }
  }

  #newPress(state: AddressState, report: KeyReport): KeyPress | null {
    if (!state.seen) {
      state.seen = true;
      state.counter = report.counter;
      state.last = report.press;
      return null;
    }
    if (report.counter !== undefined) {
      if (report.counter === state.counter) return null;
      state.counter = report.counter;
      state.last = report.press;
      return report.press;
    }
    const changed = report.press !== null && !samePress(report.press, state.last);
    state.last = report.press;
    return changed ? report.press : null;
  }

  #addressState(address: number): AddressState {
    const state = this.#state.get(address);
    if (!state) throw new KeypadError(this.name, `unknown address (this line has ${this.addresses.join(', ')})`, address);
    return state;
  }

  #emitSafely(event: 'status', payload: KeypadStatusEvent): void {
    try {
      // Seen as the base it is: TypeScript cannot resolve `Events['status']` of a map still open here.
      (this as TypedEmitter<PollerEvents>).emit(event, payload);
    } catch (error) {
      this.log.error({ keypad: this.name, event, err: error }, 'a keypad listener threw');
    }
  }
}

function samePress(a: KeyPress, b: KeyPress | null): boolean {
  if (!b || a.kind !== b.kind) return false;
  if (a.kind === 'rating' && b.kind === 'rating') return a.level === b.level;
  if (a.kind === 'key' && b.kind === 'key') return a.key === b.key && a.digits === b.digits;
  return false;
}
