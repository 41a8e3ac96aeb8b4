/**
 * Modbus RTU keypads (many RS-485 keypad modules are Modbus slaves). Each keypad is a slave at its
 * unit id; its registers are described in config (`modbusKeypadMapSchema`), default the **HallQ
 * reference register map** (DEFAULT_MODBUS_KEYPAD_MAP):
 *
 *   HR 0       press counter (uint16, +1 per press, wraps): a press read by two polls is one press
 *   HR 1       last key code (0 idle; 0x31..0x35 rating 1..5; 0x11..0x17 next … digits)
 *   HR 2..4    digits typed with the `digits` key, ASCII, two per register, high byte first
 *   HR 8..11   number to show on the keypad's digits (ASCII, NUL-padded)
 *   HR 16      display trigger: 1 welcome, 2 prompt, 3 thanks (written after the text)
 *   HR 32..63  screen text, GB2312, two bytes per register, NUL-padded
 *
 * A poll is one readHoldingRegisters (FC 03) over the block holding the counter, the key and the
 * digits. Triggers may be a coil (FC 05 on) or a register value (FC 06); text and numbers go with
 * FC 16.
 *
 * Transport decision: modbus-serial runs over *our* Transport through a small port adapter
 * (`new ModbusRTU(port)` accepts any object with open/close/write/isOpen that emits whole reply
 * frames), instead of `connectRTUBuffered(path)` opening the serial port itself, because
 *  - a bus PC's RS-485 line carries other devices too (LED window displays, frame-codec
 *    keypads): only one process handle can hold the port (serialport locks it), and every request
 *    on the bus must wait its turn in the line's LineQueue — modbus-serial's own port would do
 *    neither;
 *  - our SerialTransport reconnects with backoff after a cable pull and reports its state;
 *    modbus-serial's ports do not reconnect;
 *  - the reply framer here checks the CRC while it looks for the frame, so line noise before a
 *    reply is skipped instead of failing the request (RTUBufferedPort matches on id + function only).
 * modbus-serial still builds the requests, checks replies and decodes Modbus exceptions.
 */
import { EventEmitter } from 'node:events';
import iconv from 'iconv-lite';
import modbusSerial from 'modbus-serial';
import type { Logger } from 'pino';
import { z } from 'zod';
import { parseConfig } from './config-error.js';
import { crc16Modbus } from './frame-codec.js';
import type { LineQueue, ReplyParser } from '../transport/line-queue.js';
import { TransportError } from '../transport/types.js';
import { driverLogger } from '../log.js';
import { CALLER_KEYS, KeypadError, type KeyPress, type KeypadCommand, type KeypadLink, type KeyReport } from './types.js';

// CJS with `module.exports.default = module.exports`: under NodeNext the class is `.default`.
const ModbusRTU = modbusSerial.default;
type ModbusRTU = InstanceType<typeof ModbusRTU>;

const register = z.int().min(0, 'expected a register address 0..65535').max(65535, 'expected a register address 0..65535');
const word = z.int().min(0, 'expected a value 0..65535').max(65535, 'expected a value 0..65535');

const triggerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('register'), address: register, value: word }),
  z.strictObject({ type: z.literal('coil'), address: register }),
]);

const keyCodeSchema = z.union([
  z.strictObject({ code: word, rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]) }),
  z.strictObject({ code: word, key: z.enum(CALLER_KEYS) }),
]);

const DEFAULT_KEY_CODES = [
  { code: 0x31, rating: 1 as const },
  { code: 0x32, rating: 2 as const },
  { code: 0x33, rating: 3 as const },
  { code: 0x34, rating: 4 as const },
  { code: 0x35, rating: 5 as const },
  { code: 0x11, key: 'next' as const },
  { code: 0x12, key: 'recall' as const },
  { code: 0x13, key: 'skip' as const },
  { code: 0x14, key: 'transfer' as const },
  { code: 0x15, key: 'pause' as const },
  { code: 0x16, key: 'finish' as const },
  { code: 0x17, key: 'digits' as const },
];

export const modbusKeypadMapSchema = z
  .strictObject({
    name: z.string().min(1).default('custom Modbus keypad map'),
    pressCounter: register.default(0),
    lastKey: register.default(1),
    digits: z.strictObject({ address: register, registers: z.int().min(1).max(8) }).nullable().default({ address: 2, registers: 3 }),
    idleCode: word.default(0),
    keyCodes: z.array(keyCodeSchema).min(1, 'needs at least one key code').default(DEFAULT_KEY_CODES),
    text: z
      .strictObject({ address: register, registers: z.int().min(1).max(123), encoding: z.enum(['gb2312', 'ascii']).default('gb2312') })
      .nullable()
      .default({ address: 32, registers: 32, encoding: 'gb2312' }),
    commands: z
      .strictObject({
        welcome: triggerSchema.default({ type: 'register', address: 16, value: 1 }),
        prompt: triggerSchema.default({ type: 'register', address: 16, value: 2 }),
        thanks: triggerSchema.default({ type: 'register', address: 16, value: 3 }),
        showNumber: z.strictObject({ address: register, registers: z.int().min(1).max(16) }).nullable().default({ address: 8, registers: 4 }),
      })
      .default({
        welcome: { type: 'register', address: 16, value: 1 },
        prompt: { type: 'register', address: 16, value: 2 },
        thanks: { type: 'register', address: 16, value: 3 },
        showNumber: { address: 8, registers: 4 },
      }),
  })
  .superRefine((map, ctx) => {
    if (map.pressCounter === map.lastKey) {
      ctx.addIssue({ code: 'custom', path: ['lastKey'], message: 'is the same register as pressCounter' });
    }
    const { start, count } = pollBlock(map);
    if (count > 125) {
      ctx.addIssue({ code: 'custom', path: ['digits'], message: `pressCounter, lastKey and digits span ${count} registers; one read takes at most 125 (${start}…)` });
    }
    const codes = new Map<number, number>();
    map.keyCodes.forEach((entry, i) => {
      if (entry.code === map.idleCode) ctx.addIssue({ code: 'custom', path: ['keyCodes', i, 'code'], message: 'is the idleCode' });
      const j = codes.get(entry.code);
      if (j !== undefined) ctx.addIssue({ code: 'custom', path: ['keyCodes', i, 'code'], message: `same code as keyCodes[${j}]` });
      codes.set(entry.code, i);
    });
  });

export type ModbusKeypadMapInput = z.input<typeof modbusKeypadMapSchema>;
export type ModbusKeypadMap = z.output<typeof modbusKeypadMapSchema>;

export function parseModbusKeypadMap(input: unknown, source = 'modbusMap'): ModbusKeypadMap {
  return parseConfig(modbusKeypadMapSchema, input, source);
}

export const DEFAULT_MODBUS_KEYPAD_MAP: ModbusKeypadMap = parseModbusKeypadMap({ name: 'HallQ reference register map' });

/** The holding registers one poll reads: counter, key and digits in one FC 03. */
export function pollBlock(map: Pick<ModbusKeypadMap, 'pressCounter' | 'lastKey' | 'digits'>): { start: number; count: number } {
  const regs = [map.pressCounter, map.lastKey];
  if (map.digits) regs.push(map.digits.address, map.digits.address + map.digits.registers - 1);
  const start = Math.min(...regs);
  return { start, count: Math.max(...regs) - start + 1 };
}

export function modbusCrc(bytes: Uint8Array): number {
  return crc16Modbus(bytes);
}

/** ASCII into `registers` words, high byte first, NUL-padded. */
export function packAscii(text: string, registers: number): number[] {
  const bytes = Buffer.alloc(registers * 2);
  bytes.write(text.slice(0, registers * 2), 'latin1');
  return Array.from({ length: registers }, (_, i) => bytes.readUInt16BE(2 * i));
}

export function packText(map: ModbusKeypadMap, text: string): number[] {
  if (!map.text) return [];
  const bytes = map.text.encoding === 'gb2312' ? iconv.encode(text, 'gb2312') : Buffer.from(text, 'latin1');
  if (bytes.length > map.text.registers * 2) {
    throw new KeypadError(map.name, `text '${text}' is ${bytes.length} bytes; text.registers ${map.text.registers} hold ${map.text.registers * 2}`);
  }
  const padded = Buffer.alloc(map.text.registers * 2);
  bytes.copy(padded);
  return Array.from({ length: map.text.registers }, (_, i) => padded.readUInt16BE(2 * i));
}

export function unpackText(map: ModbusKeypadMap, registers: readonly number[]): string {
  const bytes = Buffer.from(registers.flatMap((r) => [r >>> 8, r & 0xff]));
  const end = bytes.indexOf(0);
  const text = end < 0 ? bytes : bytes.subarray(0, end);
  return map.text?.encoding === 'ascii' ? text.toString('latin1') : iconv.decode(text, 'gb2312');
}

export function codeForPress(map: ModbusKeypadMap, press: KeyPress): number {
  const entry = map.keyCodes.find((k) =>
    press.kind === 'rating' ? 'rating' in k && k.rating === press.level : 'key' in k && k.key === press.key,
  );
  if (!entry) throw new KeypadError(map.name, `no key code for ${JSON.stringify(press)} in keyCodes`);
  return entry.code;
}

/** Turn the registers of one poll into a report. */
export function decodeModbusReport(map: ModbusKeypadMap, start: number, values: readonly number[], address: number): KeyReport {
  const at = (reg: number): number => values[reg - start] ?? 0;
  const code = at(map.lastKey);
  const counter = at(map.pressCounter);
  if (code === map.idleCode) return { press: null, counter };
  const entry = map.keyCodes.find((k) => k.code === code);
  if (!entry) throw new KeypadError(map.name, `unknown key code 0x${code.toString(16)} in register ${map.lastKey}`, address);
  if ('rating' in entry) return { press: { kind: 'rating', level: entry.rating }, counter };
  if (entry.key !== 'digits') return { press: { kind: 'key', key: entry.key }, counter };
  const regs = map.digits ? Array.from({ length: map.digits.registers }, (_, i) => at(map.digits!.address + i)) : [];
  const digits = Buffer.from(regs.flatMap((r) => [r >>> 8, r & 0xff])).toString('latin1').replace(/\0+$/, '');
  if (!/^[0-9]*$/.test(digits)) throw new KeypadError(map.name, `digits registers hold '${digits}', not ASCII 0-9`, address);
  return { press: { kind: 'key', key: 'digits', digits }, counter };
}

/** Length of the reply to a request we sent (RTU framing has no length field). */
function expectedReplyLength(request: Buffer): number {
  switch (request[1]) {
    case 3:
    case 4:
      return 5 + 2 * request.readUInt16BE(4);
    case 1:
    case 2:
      return 5 + Math.ceil(request.readUInt16BE(4) / 8);
    default:
      return 8; // FC 5, 6, 15, 16 echo address and value/quantity
  }
}

/** A ReplyParser for the reply to `request`: CRC-checked, noise and other units' bytes skipped. */
export function modbusReplyParser(request: Buffer): ReplyParser<Buffer> {
  const unit = request[0]!;
  const fc = request[1]!;
  const expected = expectedReplyLength(request);
  return (received) => {
    for (let start = 0; start + 5 <= received.length; start++) {
      if (received[start] !== unit) continue;
      const code = received[start + 1]!;
      const length = code === fc ? expected : code === (fc | 0x80) ? 5 : 0;
      if (length === 0 || start + length > received.length) continue;
      const frame = received.subarray(start, start + length);
      if (crc16Modbus(frame.subarray(0, -2)) === frame.readUInt16LE(length - 2)) return Buffer.from(frame);
    }
    return undefined;
  };
}

/**
 * The port object modbus-serial talks to: each request it writes becomes one LineQueue exchange,
 * and the reply frame is handed back as the 'data' event modbus-serial waits for.
 */
class QueuePort extends EventEmitter {
  // modbus-serial keeps its transaction ids on the port object.
  _transactionIdRead = 1;
  _transactionIdWrite = 1;
  /** Set by the link around each transaction: a line failure ends it at once. */
  onFailure: ((error: Error) => void) | undefined;

  constructor(
    private readonly queue: LineQueue,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.queue.transport.state === 'open';
  }

  open(callback?: (error: Error | null) => void): void {
    setImmediate(() => callback?.(null));
  }

  close(callback?: () => void): void {
    setImmediate(() => callback?.());
  }

  write(data: Buffer): void {
    this.queue.request(data, { replyParser: modbusReplyParser(data), timeoutMs: this.timeoutMs }).then(
      (frame) => this.emit('data', frame),
      (error: Error) => this.onFailure?.(error),
    );
  }
}

export interface ModbusKeypadLinkOptions {
  /** The line's queue, shared with every other device on the same bus. */
  queue: LineQueue;
  map?: ModbusKeypadMap;
  /** How long a slave may take to answer; 200 ms by default. */
  replyTimeoutMs?: number;
  log?: Logger;
}

/** Modbus RTU keypads on one line, through modbus-serial over our LineQueue and transport. */
export class ModbusKeypadLink implements KeypadLink {
  readonly name: string;
  readonly #queue: LineQueue;
  readonly #map: ModbusKeypadMap;
  readonly #port: QueuePort;
  readonly #client: ModbusRTU;
  readonly #opened: Promise<void>;
  readonly #timeoutMs: number;
  // modbus-serial holds one transaction and one unit id at a time: our calls take turns.
  #tail: Promise<unknown> = Promise.resolve();

  constructor(options: ModbusKeypadLinkOptions) {
    this.#queue = options.queue;
    this.#map = options.map ?? DEFAULT_MODBUS_KEYPAD_MAP;
    this.#timeoutMs = options.replyTimeoutMs ?? 200;
    this.name = `${options.queue.transport.name} (Modbus RTU, ${this.#map.name})`;
    this.#port = new QueuePort(options.queue, this.#timeoutMs);
    this.#client = new ModbusRTU(this.#port);
    // Only a backstop: the queue's timeout ends a transaction first (see #transaction).
    this.#client.setTimeout(this.#timeoutMs + 500);
    const log = options.log ?? driverLogger('keypad');
    this.#client.on('error', (error: unknown) => log.debug({ err: error }, 'modbus-serial error'));
    this.#opened = new Promise((resolve) => this.#client.open(() => resolve()));
  }

  poll(address: number): Promise<KeyReport> {
    const { start, count } = pollBlock(this.#map);
    return this.#transaction(address, async (client) => {
      const result = await client.readHoldingRegisters(start, count);
      return decodeModbusReport(this.#map, start, result.data, address);
    });
  }

  command(address: number, command: KeypadCommand): Promise<void> {
    const map = this.#map;
    if (command.kind === 'showNumber') {
      const show = map.commands.showNumber;
      if (!show) return Promise.resolve(); // a keypad without digits: nothing to show
      if (!/^[\x20-\x7e]*$/.test(command.number) || command.number.length > show.registers * 2) {
        return Promise.reject(new KeypadError(this.name, `number '${command.number}' must be up to ${show.registers * 2} ASCII characters`, address));
      }
      return this.#transaction(address, async (client) => {
        await client.writeRegisters(show.address, packAscii(command.number, show.registers));
      });
    }
    let text: number[];
    try {
      text = packText(map, command.text);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const trigger = map.commands[command.kind];
    return this.#transaction(address, async (client) => {
      if (map.text) await client.writeRegisters(map.text.address, text);
      if (trigger.type === 'coil') await client.writeCoil(trigger.address, true);
      else await client.writeRegister(trigger.address, trigger.value);
    });
  }

  /** Run `fn` against unit `address` with the client to ourselves; text + trigger stay together. */
  #transaction<T>(address: number, fn: (client: ModbusRTU) => Promise<T>): Promise<T> {
    if (!Number.isInteger(address) || address < 1 || address > 247) {
      return Promise.reject(new KeypadError(this.name, 'Modbus unit id must be 1..247', address));
    }
    const run = async (): Promise<T> => {
      await this.#opened;
      if (!this.#port.isOpen) throw new KeypadError(this.name, `line down (${this.#queue.transport.state})`, address);
      const failed = new Promise<never>((_resolve, reject) => (this.#port.onFailure = reject));
      failed.catch(() => undefined);
      this.#client.setID(address);
      try {
        return await Promise.race([fn(this.#client), failed]);
      } catch (error) {
        if (error instanceof KeypadError) throw error;
        if (error instanceof TransportError) {
          throw new KeypadError(this.name, error.code === 'timeout' ? `no reply within ${this.#timeoutMs} ms` : `line down (${error.message})`, address);
        }
        const message = error instanceof Error ? error.message : String(error);
        throw new KeypadError(this.name, message === 'Timed out' ? 'no reply (Modbus timeout)' : message, address);
      } finally {
        this.#port.onFailure = undefined;
      }
    };
    const result = this.#tail.then(run, run);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
