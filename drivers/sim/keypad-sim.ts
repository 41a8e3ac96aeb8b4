/**
 * Simulated keypads on the *device* end of a serial line (a socat pty in tests and the demo hall).
 * One simulator is one RS-485 line: several keypads at their own addresses. Each answers only
 * frames for its own address, ignores garbage and frames with a bad checksum (as a real
 * multi-drop device must), remembers what it was told to show, and reports presses the way the
 * driver expects: the last press plus a press counter, so a press read twice is one press.
 *
 * Two protocols: FrameKeypadSim speaks a frame-codec spec (default: HallQ reference framing);
 * ModbusKeypadSim is a Modbus RTU slave per address with the register map of modbus.ts. The
 * Modbus one is our own small responder, not modbus-serial's ServerSerial: ServerSerial
 * overwrites the CRC of every request with the computed one before checking it (so it accepts
 * garbage as requests), frames requests by a 30 ms silence only, and logs with console.log.
 */
import { EventEmitter } from 'node:events';
import { lstatSync } from 'node:fs';
import { SerialPort } from 'serialport';
import {
  DEFAULT_KEYPAD_FRAME_SPEC,
  ackFrame,
  commandName,
  decodeText,
  reportFrame,
  type KeypadFrame,
  type KeypadFrameSpec,
} from '../keypad/frame-codec.js';
import { KeypadFrameParser } from '../keypad/frame-parser.js';
import {
  DEFAULT_MODBUS_KEYPAD_MAP,
  codeForPress,
  modbusCrc,
  packAscii,
  unpackText,
  type ModbusKeypadMap,
} from '../keypad/modbus.js';
import {
  CALLER_KEYS,
  type CallerKey,
  type KeyPress,
  type KeypadCommand,
  type RatingLevel,
} from '../keypad/types.js';
import { callerKeypadSvg, evaluationKeypadSvg, keypadSvgToPng } from './keypad-svg.js';
import { listenTcpLine, type SimLineEnd, type TcpLineServer } from './tcp-line.js';

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

abstract class KeypadSimBase extends EventEmitter {
  readonly #options: KeypadSimOptions;
  readonly #devices = new Map<number, SimKeypadState>();
  #port: SimLineEnd | undefined;
  #tcp: TcpLineServer | undefined;
  #closed = false;
  #retry: NodeJS.Timeout | undefined;
  #reopens = 0;
  /** Identity of the path when last opened: after a cut we wait until it is a new node. */
  #openedIdentity = '';
  #lastOpenError = '';

  constructor(options: KeypadSimOptions) {
    super();
    this.#options = options;
    for (const d of options.devices) {
      if (this.#devices.has(d.address)) throw new Error(`keypad sim: address ${d.address} is listed twice`);
      this.#devices.set(d.address, {
        address: d.address,
        kind: d.kind,
        online: true,
        counter: 0,
        last: null,
        screen: { mode: 'idle', text: '' },
        number: null,
        received: [],
        polls: 0,
        held: 0,
      });
    }
  }

  /** Open the device end. After the line is cut it reopens by itself once the path is back. */
  async open(): Promise<void> {
    this.#closed = false;
    await this.#openPort();
  }

  /**
   * Listen on TCP instead of a serial path, as an RS-485-to-Ethernet converter on the bus does (the
   * driver's transport is then `{ type: 'tcp', host, port }`). Returns the bound port.
   */
  async listenTcp(port = 0, host = '127.0.0.1'): Promise<number> {
    this.#closed = false;
    this.#tcp = await listenTcpLine(port, host, (end) => this.#attach(end));
    return this.#tcp.port;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
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

  override on<E extends keyof KeypadSimEvents>(event: E, listener: KeypadSimEvents[E]): this {
    return super.on(event, listener);
  }
  override off<E extends keyof KeypadSimEvents>(event: E, listener: KeypadSimEvents[E]): this {
    return super.off(event, listener);
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

  protected async write(bytes: Buffer): Promise<void> {
    const port = this.#port;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.write(bytes, () => port.drain(() => resolve())));
  }

  async #openPort(): Promise<void> {
    const path = this.#options.path;
    if (path === undefined) throw new Error('keypad sim: no serial path to open (use listenTcp for a TCP line)');
    const port = new SerialPort({ path, baudRate: this.#options.baudRate ?? 9600, autoOpen: false });
    port.on('error', () => undefined);
    const identity = pathIdentity(path);
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    this.#openedIdentity = identity;
    this.#attach(port, () => this.#scheduleReopen());
  }

  /** A line end is up: answer what arrives; when it closes, `onClose` (a serial line reopens). */
  #attach(port: SimLineEnd, onClose?: () => void): void {
    this.#port = port;
    this.onOpen();
    port.on('data', (chunk: Buffer) => {
      try {
        this.receive(chunk);
      } catch {
        // A simulator bug must not look like a line fault; tests see it through missing replies.
      }
    });
    port.on('close', () => {
      if (this.#port !== port) return;
      this.#port = undefined;
      onClose?.();
    });
  }

  /** The last error a request handler or a 'command' listener threw (the sim keeps running). */
  lastError: Error | undefined;

  protected guard(work: Promise<void>): void {
    work.catch((error: unknown) => {
      this.lastError = error instanceof Error ? error : new Error(String(error));
    });
  }

  /** A fresh port: forget any half-read request. */
  protected onOpen(): void {}

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
    }, 50);
  }
}

/** Keypads speaking a frame-codec spec (default: HallQ reference framing). */
export class FrameKeypadSim extends KeypadSimBase {
  protected readonly counterMask = 0xff;
  readonly #spec: KeypadFrameSpec;
  #parser: KeypadFrameParser;

  constructor(options: KeypadSimOptions & { spec?: KeypadFrameSpec }) {
    super(options);
    this.#spec = options.spec ?? DEFAULT_KEYPAD_FRAME_SPEC;
    this.#parser = this.#newParser();
  }

  protected override onOpen(): void {
    this.#parser = this.#newParser();
  }

  protected receive(chunk: Buffer): void {
    this.#parser.write(chunk);
  }

  #newParser(): KeypadFrameParser {
    const parser = new KeypadFrameParser(this.#spec, { onWarning: (w) => this.emit('garbage', w.bytes) });
    parser.on('data', (frame: KeypadFrame) => this.guard(this.#handle(frame)));
    return parser;
  }

  async #handle(frame: KeypadFrame): Promise<void> {
    const d = this.answering(frame.address);
    if (!d) return;
    const spec = this.#spec;
    const name = commandName(spec, frame.command);
    switch (name) {
      case 'poll':
        d.polls++;
        this.emit('poll', d.address);
        if (spec.report.counter) {
          await this.write(reportFrame(spec, d.address, d.last, d.counter));
        } else {
          // No counter: report the key while "held", then idle, as an edge-reporting keypad does.
          const press = d.held > 0 ? d.last : null;
          d.held = Math.max(0, d.held - 1);
          await this.write(reportFrame(spec, d.address, press));
        }
        return;
      case 'welcome':
      case 'prompt':
      case 'thanks':
        this.applyCommand(d, { kind: name, text: decodeText(spec, frame.data) });
        break;
      case 'showNumber':
        this.applyCommand(d, { kind: 'showNumber', number: frame.data.toString('latin1') });
        break;
      case 'report':
      case 'ack':
      case undefined:
        return; // another device's reply, or nothing we know: a slave keeps quiet
      default: {
        const never: never = name;
        return never;
      }
    }
    if (spec.commands.ack !== null) await this.write(ackFrame(spec, d.address, frame.command));
  }
}

/** Modbus RTU keypads: one slave per address, registers as in `map`. */
export class ModbusKeypadSim extends KeypadSimBase {
  protected readonly counterMask = 0xffff;
  readonly #map: ModbusKeypadMap;
  #buffer: Buffer = Buffer.alloc(0);
  /** Holding registers written by the host that are not key state (text, number, triggers). */
  readonly #written = new Map<number, Map<number, number>>();

  constructor(options: KeypadSimOptions & { map?: ModbusKeypadMap }) {
    super(options);
    this.#map = options.map ?? DEFAULT_MODBUS_KEYPAD_MAP;
  }

  protected override onOpen(): void {
    this.#buffer = Buffer.alloc(0);
  }

  protected receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const found = findModbusRequest(this.#buffer);
      if (!found) break;
      if (found.start > 0) this.emit('garbage', this.#buffer.subarray(0, found.start));
      const request = this.#buffer.subarray(found.start, found.start + found.length);
      this.#buffer = this.#buffer.subarray(found.start + found.length);
      this.guard(this.#handle(Buffer.from(request)));
    }
    // Noise that never becomes a request must not pile up.
    if (this.#buffer.length > 512) this.#buffer = this.#buffer.subarray(-256);
  }

  async #handle(request: Buffer): Promise<void> {
    const d = this.answering(request[0]!);
    if (!d) return;
    const fc = request[1]!;
    const address = request.readUInt16BE(2);
    const written = this.#written.get(d.address) ?? new Map<number, number>();
    this.#written.set(d.address, written);
    let reply: Buffer;
    if (fc === 3) {
      const count = request.readUInt16BE(4);
      d.polls++;
      this.emit('poll', d.address);
      const values = Array.from({ length: count }, (_, i) => this.#register(d, written, address + i));
      reply = Buffer.alloc(3 + 2 * count);
      reply[0] = d.address;
      reply[1] = 3;
      reply[2] = 2 * count;
      values.forEach((v, i) => reply.writeUInt16BE(v & 0xffff, 3 + 2 * i));
    } else if (fc === 6 || fc === 5) {
      if (fc === 6) written.set(address, request.readUInt16BE(4));
      this.#triggered(d, written, fc === 5 ? 'coil' : 'register', address, fc === 5 ? (request.readUInt16BE(4) === 0xff00 ? 1 : 0) : request.readUInt16BE(4));
      reply = request.subarray(0, 6);
    } else if (fc === 16) {
      const count = request.readUInt16BE(4);
      for (let i = 0; i < count; i++) written.set(address + i, request.readUInt16BE(7 + 2 * i));
      for (let i = 0; i < count; i++) this.#triggered(d, written, 'register', address + i, request.readUInt16BE(7 + 2 * i));
      reply = request.subarray(0, 6);
    } else {
      reply = Buffer.from([d.address, fc | 0x80, 0x01]); // illegal function
    }
    const crc = modbusCrc(reply);
    await this.write(Buffer.concat([reply, Buffer.from([crc & 0xff, crc >>> 8])]));
  }

  #register(d: SimKeypadState, written: Map<number, number>, register: number): number {
    const map = this.#map;
    if (register === map.pressCounter) return d.counter;
    if (register === map.lastKey) return d.last ? codeForPress(map, d.last) : map.idleCode;
    if (map.digits && register >= map.digits.address && register < map.digits.address + map.digits.registers) {
      const digits = d.last?.kind === 'key' && d.last.key === 'digits' ? (d.last.digits ?? '') : '';
      return packAscii(digits, map.digits.registers)[register - map.digits.address]!;
    }
    return written.get(register) ?? 0;
  }

  #triggered(d: SimKeypadState, written: Map<number, number>, type: 'coil' | 'register', address: number, value: number): void {
    const map = this.#map;
    for (const kind of ['welcome', 'prompt', 'thanks'] as const) {
      const t = map.commands[kind];
      if (t.type !== type || t.address !== address || (t.type === 'register' ? value !== t.value : value !== 1)) continue;
      const text = map.text ? unpackText(map, Array.from({ length: map.text.registers }, (_, i) => written.get(map.text!.address + i) ?? 0)) : '';
      this.applyCommand(d, { kind, text });
    }
    const show = map.commands.showNumber;
    // The number block is written in one FC16; react once, on its last register.
    if (show && type === 'register' && address === show.address + show.registers - 1) {
      const regs = Array.from({ length: show.registers }, (_, i) => written.get(show.address + i) ?? 0);
      const number = Buffer.from(regs.flatMap((r) => [r >>> 8, r & 0xff])).toString('latin1').replace(/\0+$/, '');
      this.applyCommand(d, { kind: 'showNumber', number });
    }
  }
}

/** Inode and change time of the path itself (not what a link points to); '' when missing. */
function pathIdentity(path: string): string {
  try {
    const st = lstatSync(path);
    return `${st.dev}:${st.ino}:${st.ctimeMs}`;
  } catch {
    return '';
  }
}

/** Earliest complete request with a valid CRC in `buf` (FC 3, 5, 6, 16 and unknown 8-byte ones). */
function findModbusRequest(buf: Buffer): { start: number; length: number } | undefined {
  for (let start = 0; start + 8 <= buf.length; start++) {
    const fc = buf[start + 1]!;
    const length = fc === 16 ? 9 + (buf[start + 6] ?? 0) : 8;
    if (start + length > buf.length) continue;
    const frame = buf.subarray(start, start + length);
    if (frame[0] === 0 || frame[0]! > 247) continue;
    if (modbusCrc(frame.subarray(0, -2)) === frame.readUInt16LE(length - 2)) return { start, length };
  }
  return undefined;
}
