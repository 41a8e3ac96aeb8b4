// What every simulated keypad line does, whatever its protocol: a line (pty or TCP) with keypads at
// their addresses, what each was told to show, presses with a press counter, reopening the line.
import { CALLER_KEYS, type CallerKey, type KeyPress, type KeypadCommand, type RatingLevel } from '../keypad/types.js';
import { callerKeypadSvg, evaluationKeypadSvg, keypadSvgToPng } from './keypad-svg.js';
import { LineSimulator } from './line-sim.js';

export type SimKeypadKind = 'evaluation' | 'caller';

export interface SimKeypadState {
  address: number;
  kind: SimKeypadKind;
  /** False: the device is dead (unplugged, powered off) and answers nothing. */
  online: boolean;
  /** Bumped once per press; the host compares it to tell a new press from one read twice. */
  counter: number;
  last: KeyPress | null;
  screen: { mode: 'idle' | 'welcome' | 'prompt' | 'thanks'; text: string };
  /** The number shown on a caller keypad's digits. */
  number: string | null;
  /** Every display command received, oldest first. */
  received: KeypadCommand[];
  polls: number;
  /** Polls left during which the key still reads as held down (protocols without a counter). */
  held: number;
}

export interface KeypadSimOptions {
  /** The device end of the line (the pty link the driver does not open); none when it listens on TCP. */
  path?: string;
  baudRate?: number;
  devices: readonly { address: number; kind: SimKeypadKind }[];
  /**
   * For protocols without a press counter: a press reads as the key held down for this many
   * polls, then idle (a real keypad reports the key while it is down). Default 3.
   */
  holdPolls?: number;
}

export interface KeypadSimEvents {
  command: (address: number, command: KeypadCommand) => void;
  poll: (address: number) => void;
  /** Bytes that were not a frame for us (garbage, bad checksum, other addresses' traffic is not counted). */
  garbage: (bytes: Buffer) => void;
}

/** A keypad as it is switched on: online, idle, nothing pressed or received. */
export function freshKeypad(address: number, kind: SimKeypadState['kind']): SimKeypadState {
  return { address, kind, online: true, counter: 0, last: null, screen: { mode: 'idle', text: '' }, number: null, received: [], polls: 0, held: 0 };
}

export abstract class KeypadSimBase extends LineSimulator<KeypadSimEvents> {
  readonly #options: KeypadSimOptions;
  readonly #devices = new Map<number, SimKeypadState>();

  constructor(options: KeypadSimOptions) {
    super({ what: 'keypad sim', path: options.path, baudRate: options.baudRate ?? 9600 });
    this.#options = options;
    for (const d of options.devices) {
      if (this.#devices.has(d.address)) throw new Error(`keypad sim: address ${d.address} is listed twice`);
      this.#devices.set(d.address, freshKeypad(d.address, d.kind));
    }
  }

  /** The keypad at `address`, to read what it shows. */
  device(address: number): SimKeypadState {
    const d = this.#devices.get(address);
    if (!d) throw new Error(`keypad sim: no keypad at address ${address} (have ${[...this.#devices.keys()].join(', ')})`);
    return d;
  }

  /**
   * Press a key: a rating 1..5 on an evaluation keypad, a caller key on a caller keypad
   * (`digits` with the number typed).
   */
  press(address: number, key: RatingLevel | CallerKey, digits?: string): void {
    const d = this.device(address);
    if (typeof key === 'number') {
      if (d.kind !== 'evaluation') throw new Error(`keypad sim: address ${address} is a caller keypad; press one of ${CALLER_KEYS.join(', ')}`);
      if (![1, 2, 3, 4, 5].includes(key)) throw new Error(`keypad sim: rating ${key} is not 1..5`);
      d.last = { kind: 'rating', level: key };
    } else {
      if (d.kind !== 'caller') throw new Error(`keypad sim: address ${address} is an evaluation keypad; press a rating 1..5`);
      if (key === 'digits' && !/^[0-9]+$/.test(digits ?? '')) throw new Error("keypad sim: press(address, 'digits', '0123') needs the digits");
      d.last = key === 'digits' ? { kind: 'key', key, digits: digits ?? '' } : { kind: 'key', key };
    }
    d.counter = (d.counter + 1) & this.counterMask;
    d.held = this.#options.holdPolls ?? 3;
  }

  /** Make a keypad stop (false) or resume (true) answering, as if unplugged from the bus. */
  setOnline(address: number, online: boolean): void {
    this.device(address).online = online;
  }

  /** Write raw bytes onto the line from the device side (noise tests). */
  async inject(bytes: Uint8Array): Promise<void> {
    await this.write(Buffer.from(bytes));
  }

  /** An SVG picture of the keypad: screen text, keys, the last key pressed. */
  svg(address: number): string {
    const d = this.device(address);
    return d.kind === 'evaluation' ? evaluationKeypadSvg(d) : callerKeypadSvg(d);
  }

  /** The same picture as PNG. */
  png(address: number, scale = 1): Buffer {
    return keypadSvgToPng(this.svg(address), scale);
  }

  /** Resolve when the keypad at `address` received a command of `kind`. */
  waitForCommand(address: number, kind: KeypadCommand['kind'], timeoutMs = 2000): Promise<KeypadCommand> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('command', onCommand);
        reject(new Error(`keypad sim: address ${address} got no '${kind}' within ${timeoutMs} ms`));
      }, timeoutMs);
      const onCommand = (a: number, command: KeypadCommand): void => {
        if (a !== address || command.kind !== kind) return;
        clearTimeout(timer);
        this.off('command', onCommand);
        resolve(command);
      };
      this.on('command', onCommand);
    });
  }


  protected abstract readonly counterMask: number;
  /** Bytes read from the line. */
  protected abstract receive(chunk: Buffer): void;

  /** The device at `address` if it exists and is alive; others keep quiet. */
  protected answering(address: number): SimKeypadState | undefined {
    const d = this.#devices.get(address);
    return d?.online ? d : undefined;
  }

  protected applyCommand(d: SimKeypadState, command: KeypadCommand): void {
    d.received.push(command);
    if (command.kind === 'showNumber') d.number = command.number;
    else d.screen = { mode: command.kind, text: command.text };
    this.emit('command', d.address, command);
  }

  protected onData(chunk: Buffer): void {
    try {
      this.receive(chunk);
    } catch {
      // A simulator bug must not look like a line fault; tests see it through missing replies.
    }
  }

  /** The last error a request handler or a 'command' listener threw (the sim keeps running). */
  lastError: Error | undefined;

  protected guard(work: Promise<void>): void {
    work.catch((error: unknown) => {
      this.lastError = error instanceof Error ? error : new Error(String(error));
    });
  }
}
