// The hall PC's devices, built from agent.yml with the drivers: ticket printers, LED window
// displays and keypad lines. Devices on one port share one transport and one LineQueue (an RS-485
// line). Each device is announced to the hub under an id; its health is derived from its driver and
// reported on every change. Ports that are missing at start are retried until they appear.
import { TypedEmitter } from '../../drivers/kit/typed-emitter.js';
import type { Logger } from 'pino';
import { LineQueue, type Transport } from '../../drivers/transport/index.js';
import type { PrinterStatusReport, TicketPrinter } from '../../drivers/printer/index.js';
import type { WindowDisplay } from '../../drivers/display/index.js';
import type { CallerKey, KeypadLine, RatingLevel } from '../../drivers/keypad/index.js';
import type { IdCardReader, IdCardText } from '../../drivers/idcard/index.js';
import {
  createDeviceTransport,
  createIdCardReader,
  createKeypadLine,
  createTicketPrinter,
  createWindowDisplay,
  type DeviceContext,
} from '../../drivers/factory.js';
import { ScanLineParser } from '../../drivers/scanner/line-parser.js';
import type { DeviceHealth } from '../protocol/index.js';
import { portKey, type AgentConfig } from './config.js';

export interface Announced {
  readonly deviceId: string;
  readonly kind: 'printer' | 'led' | 'keypad' | 'caller' | 'idcard' | 'scanner';
  readonly kioskId?: string;
  readonly windowNo?: number;
}

export interface PrinterDevice extends Announced {
  readonly kind: 'printer';
  readonly kioskId: string;
  readonly printer: TicketPrinter;
  readonly transport: Transport;
}
export interface LedDevice extends Announced {
  readonly kind: 'led';
  readonly windowNo: number;
  readonly display: WindowDisplay;
  readonly transport: Transport;
}
export interface KeypadDevice extends Announced {
  readonly kind: 'keypad' | 'caller';
  readonly windowNo: number;
  readonly address: number;
  readonly line: KeypadLine;
  readonly transport: Transport;
}
export interface IdCardDevice extends Announced {
  readonly kind: 'idcard';
  readonly kioskId: string;
  readonly reader: IdCardReader;
  readonly transport: Transport;
}
export interface ScannerDevice extends Announced {
  readonly kind: 'scanner';
  readonly kioskId: string;
  readonly parser: ScanLineParser;
  readonly transport: Transport;
}
export type AgentDevice = PrinterDevice | LedDevice | KeypadDevice | IdCardDevice | ScannerDevice;

export interface DeviceEvents {
  /** A device's health changed (or was first known). */
  health: (health: DeviceHealth) => void;
  rating: (press: { windowNo: number; level: RatingLevel; deviceId: string }) => void;
  key: (press: { windowNo: number; key: CallerKey; deviceId: string }) => void;
  /** A card read at a kiosk's reader: pass it to the hub and let go of it (never log or store it). */
  card: (read: { kioskId: string; deviceId: string; card: IdCardText }) => void;
  /** A serial code scanner read a text (not logged: a code may be personal). */
  scan: (read: { kioskId: string; deviceId: string; text: string }) => void;
}

interface Port {
  transport: Transport;
  line?: LineQueue;
  /** Opened by a printer driver (which opens its own transport) or by us. */
  ownedByPrinter: boolean;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

export class AgentDevices extends TypedEmitter<DeviceEvents> {
  readonly list: readonly AgentDevice[];
  readonly #ports = new Map<string, Port>();
  readonly #log: Logger;
  readonly #lastHealth = new Map<string, string>();
  readonly #keypadLines: KeypadLine[] = [];
  #closed = false;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(config: AgentConfig, log: Logger) {
    super();
    this.#log = log;
    const list: AgentDevice[] = [];
    config.devices.forEach((d, i) => {
      const where = `devices[${i}]`;
      // Each driver logs as a child of the agent's logger, tagged with its device id.
      const context: DeviceContext = { where, log: log.child({ device: d.id }) };
      switch (d.kind) {
        case 'printer': {
          const device = createPrinterDevice(d, where, log);
          this.#ports.set(`printer:${d.id}`, { transport: device.transport, ownedByPrinter: true });
          list.push(device);
          break;
        }
        case 'led': {
          const port = this.#line(d.transport, context);
          const display = createWindowDisplay(d.display, port.line!, context);
          list.push({ deviceId: d.id, kind: 'led', windowNo: d.windowNo, display, transport: port.transport });
          break;
        }
        case 'keypad-line': {
          const port = this.#line(d.transport, context);
          const line = createKeypadLine(d.keypads, port.line!, context);
          this.#keypadLines.push(line);
          for (const address of d.keypads.evaluation) {
            list.push({ deviceId: `${d.id}:${address}`, kind: 'keypad', windowNo: d.windows[String(address)]!, address, line, transport: port.transport });
          }
          for (const address of d.keypads.caller) {
            list.push({ deviceId: `${d.id}:${address}`, kind: 'caller', windowNo: d.windows[String(address)]!, address, line, transport: port.transport });
          }
          break;
        }
        case 'idcard': {
          // A reader has its own line: nothing else speaks the SAM protocol on it.
          const transport = createDeviceTransport(d.transport, context);
          const reader = createIdCardReader(transport, { pollIntervalMs: d.pollIntervalMs }, context.log);
          this.#ports.set(`idcard:${d.id}`, { transport, ownedByPrinter: true });
          list.push({ deviceId: d.id, kind: 'idcard', kioskId: d.kioskId, reader, transport });
          break;
        }
        case 'scanner': {
          const transport = createDeviceTransport(d.transport, context);
          const parser = new ScanLineParser({ onWarning: (w) => log.warn({ device: d.id, reason: w.reason, length: w.length }, 'scanner: dropped a line') });
          transport.on('data', (chunk) => parser.write(chunk));
          this.#ports.set(`scanner:${d.id}`, { transport, ownedByPrinter: false });
          list.push({ deviceId: d.id, kind: 'scanner', kioskId: d.kioskId, parser, transport });
          break;
        }
        default: {
          const never: never = d;
          throw new Error(`unknown device kind ${JSON.stringify(never)}`);
        }
      }
    });
    this.list = list;
  }

  /** One transport and LineQueue per port, shared by every display and keypad on it. */
  #line(spec: AgentConfig['devices'][number]['transport'], context: DeviceContext): Port {
    const key = portKey(spec) ?? context.where;
    let port = this.#ports.get(key);
    if (!port) {
      // A line is shared by its devices: it logs under its own name, not the first device's.
      const transport = createDeviceTransport(spec, { where: context.where, log: this.#log.child({ line: key }) });
      port = { transport, line: new LineQueue(transport), ownedByPrinter: false };
      this.#ports.set(key, port);
    }
    return port;
  }

  /** What the hub needs to know: each device with its kind and binding. */
  announced(): Announced[] {
    return this.list.map((d) => ({
      deviceId: d.deviceId,
      kind: d.kind,
      ...(d.kioskId !== undefined && { kioskId: d.kioskId }),
      ...(d.windowNo !== undefined && { windowNo: d.windowNo }),
    }));
  }

  get(deviceId: string): AgentDevice | undefined {
    return this.list.find((d) => d.deviceId === deviceId);
  }

  /** Start the drivers: hook their events, open the ports (retried while missing), start polling. */
  start(): void {
    // A shared line carries dozens of devices: one listener per shared emitter, dispatched by device.
    const byTransport = new Map<Transport, AgentDevice[]>();
    const evaluation = new Map<NonNullable<KeypadLine['evaluation']>, Map<number, KeypadDevice>>();
    const caller = new Map<NonNullable<KeypadLine['caller']>, Map<number, KeypadDevice>>();
    const index = <K>(map: Map<K, Map<number, KeypadDevice>>, driver: K, d: KeypadDevice) =>
      map.set(driver, (map.get(driver) ?? new Map<number, KeypadDevice>()).set(d.address, d));
    for (const d of this.list) {
      byTransport.set(d.transport, [...(byTransport.get(d.transport) ?? []), d]);
      if (d.kind === 'printer') d.printer.on('status', () => this.#check(d));
      else if (d.kind === 'led') d.display.on('status', () => this.#check(d));
      else if (d.kind === 'idcard') {
        d.reader.on('health', () => this.#check(d));
        d.reader.on('card', (card) => this.emit('card', { kioskId: d.kioskId, deviceId: d.deviceId, card }));
      } else if (d.kind === 'scanner') d.parser.on('data', (text: string) => this.emit('scan', { kioskId: d.kioskId, deviceId: d.deviceId, text }));
      else if (d.kind === 'keypad') index(evaluation, d.line.evaluation!, d);
      else index(caller, d.line.caller!, d);
    }
    for (const [transport, devices] of byTransport) transport.on('state', () => devices.forEach((d) => this.#check(d)));
    for (const [driver, devices] of evaluation) {
      driver.on('status', (e) => devices.has(e.address) && this.#check(devices.get(e.address)!));
      driver.on('rating', (e) => {
        const d = devices.get(e.address);
        if (d) this.emit('rating', { windowNo: d.windowNo, level: e.level, deviceId: d.deviceId });
      });
    }
    for (const [driver, devices] of caller) {
      driver.on('status', (e) => devices.has(e.address) && this.#check(devices.get(e.address)!));
      driver.on('key', (e) => {
        const d = devices.get(e.address);
        if (d) this.emit('key', { windowNo: d.windowNo, key: e.key, deviceId: d.deviceId });
      });
    }
    for (const d of this.list) if (d.kind === 'printer') this.#retry(`printer ${d.deviceId}`, () => d.printer.open());
    for (const d of this.list) if (d.kind === 'idcard') this.#retry(`ID card reader ${d.deviceId}`, () => d.reader.start());
    for (const port of this.#ports.values()) {
      if (port.ownedByPrinter) continue;
      this.#retry(port.transport.name, async () => {
        await port.transport.open();
        // A display asked to show something before its line first opened shows it now.
        for (const d of this.list) {
          if (d.kind === 'led' && d.transport === port.transport) {
            const content = d.display.status().content;
            if (content) d.display.show(content).catch(() => undefined);
          }
        }
      });
    }
    for (const line of this.#keypadLines) {
      void line.evaluation?.start();
      void line.caller?.start();
    }
    for (const d of this.list) this.#check(d);
  }

  health(d: AgentDevice): DeviceHealth {
    switch (d.kind) {
      case 'printer':
        return printerHealth(d.deviceId, d.printer.status());
      case 'led': {
        if (d.transport.state !== 'open') return { deviceId: d.deviceId, online: false, message: '显示屏线路未连接' };
        const s = d.display.status();
        const online = s.state !== 'offline' && s.state !== 'no-reply';
        return { deviceId: d.deviceId, online, ...(s.state !== 'ok' && s.state !== 'unknown' && s.detail && { message: s.detail.slice(0, 200) }) };
      }
      case 'scanner':
        return d.transport.state === 'open' ? { deviceId: d.deviceId, online: true } : { deviceId: d.deviceId, online: false, message: '扫码枪线路未连接' };
      case 'idcard': {
        const h = d.reader.health();
        if (!h.online) return { deviceId: d.deviceId, online: false, message: d.transport.state === 'open' ? '身份证阅读器无应答' : '身份证阅读器线路未连接' };
        return h.samOk === false ? { deviceId: d.deviceId, online: true, message: '身份证阅读器安全模块（SAM）异常' } : { deviceId: d.deviceId, online: true };
      }
      case 'keypad':
      case 'caller': {
        const name = d.kind === 'keypad' ? '评价器' : '呼叫器';
        if (d.transport.state !== 'open') return { deviceId: d.deviceId, online: false, message: `${name}线路未连接` };
        const s = (d.kind === 'keypad' ? d.line.evaluation! : d.line.caller!).status(d.address);
        if (s === 'online') return { deviceId: d.deviceId, online: true };
        return { deviceId: d.deviceId, online: false, message: s === 'offline' ? `${name}无应答` : `${name}连接中` };
      }
    }
  }

  healthAll(): DeviceHealth[] {
    return this.list.map((d) => this.health(d));
  }

  #check(d: AgentDevice): void {
    if (this.#closed) return;
    const h = this.health(d);
    const key = JSON.stringify(h);
    if (this.#lastHealth.get(d.deviceId) === key) return;
    this.#lastHealth.set(d.deviceId, key);
    this.emit('health', h);
  }

  /** Try `open` until it works, backing off to 10 s; the driver keeps itself open after that. */
  #retry(what: string, open: () => Promise<void>, delay = RETRY_MIN_MS): void {
    if (this.#closed) return;
    open().then(
      () => this.#log.info({ device: what }, 'device open'),
      (err: unknown) => {
        if (this.#closed) return;
        if (delay === RETRY_MIN_MS) this.#log.warn({ device: what, err: err instanceof Error ? err.message : String(err) }, 'device not reachable; retrying');
        const t = setTimeout(() => {
          this.#timers.delete(t);
          this.#retry(what, open, Math.min(delay * 2, RETRY_MAX_MS));
        }, delay);
        this.#timers.add(t);
      },
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    for (const line of this.#keypadLines) {
      await line.evaluation?.stop();
      await line.caller?.stop();
    }
    for (const d of this.list) {
      if (d.kind === 'printer') await d.printer.close();
      if (d.kind === 'led') await d.display.close();
      if (d.kind === 'idcard') await d.reader.stop();
    }
    for (const port of this.#ports.values()) {
      port.line?.close();
      if (!port.ownedByPrinter) await port.transport.close();
    }
  }

}

type PrinterConfig = Extract<AgentConfig['devices'][number], { kind: 'printer' }>;

/**
 * A printer of agent.yml with the real driver over its own transport (not opened yet): the agent's
 * printers and `hallq print-test` are built here, so a test page proves what the agent will use.
 * `where` names the device in transport errors ("devices[0]").
 */
export function createPrinterDevice(d: PrinterConfig, where: string, log: Logger): PrinterDevice {
  const context: DeviceContext = { where, log: log.child({ device: d.id }) };
  const transport = createDeviceTransport(d.transport, context);
  const printer = createTicketPrinter(transport, { paperWidth: d.paperWidth, qr: d.qr }, context.log);
  return { deviceId: d.id, kind: 'printer', kioskId: d.kioskId, printer, transport };
}

export function printerHealth(deviceId: string, r: PrinterStatusReport): DeviceHealth {
  if (!r.known) {
    // A write-only printer cannot be asked: assume it prints, and say we cannot tell.
    const writeOnly = r.reason === 'write-only';
    return { deviceId, online: writeOnly, canPrint: writeOnly, paper: 'unknown', message: r.text };
  }
  const s = r.status;
  return {
    deviceId,
    online: s.responding,
    canPrint: r.canPrint,
    paper: s.paper,
    coverOpen: s.coverOpen,
    message: r.text,
  };
}
