// Simulated keypads as Modbus RTU slaves with the register map of drivers/keypad/modbus.ts.
import { DEFAULT_MODBUS_KEYPAD_MAP, codeForPress, modbusCrc, packAscii, unpackText, type ModbusKeypadMap } from '../keypad/modbus.js';
import { KeypadSimBase, type KeypadSimOptions, type SimKeypadState } from './keypad-sim-base.js';
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
