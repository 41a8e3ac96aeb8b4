import { z } from 'zod';
import { ConfigError, zodProblems } from '../../main/rules/config-problem.js';
import { FileTransport } from './file.js';
import { SerialTransport } from './serial.js';
import { TcpTransport } from './tcp.js';
import { UsbTransport, type UsbBackend } from './usb.js';
import { WinUsbPrintTransport, type EscposWinModule } from './win-usbprint.js';
import type { Transport } from './types.js';

export * from './types.js';
export { SerialTransport, listSerialPorts, type SerialTransportOptions, type SerialPortList, type SerialPortInfo } from './serial.js';
export { TcpTransport, type TcpTransportOptions } from './tcp.js';
export { FileTransport, type FileTransportOptions } from './file.js';
export { UsbTransport, libusbBackend, USB_PRINTER_CLASS, type UsbTransportOptions, type UsbBackend, type UsbDeviceHandle } from './usb.js';
export { WinUsbPrintTransport, listWinUsbPrinters, type WinUsbPrintTransportOptions, type EscposWinModule } from './win-usbprint.js';
export { LineQueue, type LineQueueOptions, type ReplyParser, type RequestOptions } from './line-queue.js';

export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

/** A strict object whose typo reads "unknown key "baudrate" (known: …)"; config files outside drivers/ use it too. */
export function knownKeysObject<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (known: ${known})`
        : undefined,
  });
}

const ms = (min: number, max: number) => z.number().int().min(min).max(max).optional();
const maxBackoffMs = ms(250, 60_000);
const usbId = z.union(
  [
    z.number().int().min(0).max(0xffff),
    z
      .string()
      .regex(/^(0x)?[0-9a-f]{1,4}$/i)
      .transform((s) => parseInt(s.replace(/^0x/i, ''), 16)),
  ],
  { error: 'expected a 16-bit USB id such as 0x0483 or "0483"' },
);

export const serialSpecSchema = knownKeysObject({
  kind: z.literal('serial'),
  path: z.string().min(1, 'expected a port such as /dev/ttyUSB0 or COM3'),
  baudRate: z.literal(BAUD_RATES, { error: `expected one of ${BAUD_RATES.join(', ')}` }),
  dataBits: z.literal([5, 6, 7, 8], { error: 'expected 5, 6, 7 or 8' }).optional(),
  parity: z.enum(['none', 'even', 'odd'], { error: "expected 'none', 'even' or 'odd'" }).optional(),
  stopBits: z.literal([1, 2], { error: 'expected 1 or 2' }).optional(),
  dtr: z.boolean().optional(),
  rts: z.boolean().optional(),
  maxBackoffMs,
});

export const tcpSpecSchema = knownKeysObject({
  kind: z.literal('tcp'),
  host: z.string().min(1, 'expected a host name or IP address'),
  port: z.number({ error: 'expected a TCP port 1…65535' }).int().min(1, 'expected a TCP port 1…65535').max(65535, 'expected a TCP port 1…65535').default(9100),
  connectTimeoutMs: ms(100, 60_000),
  keepAliveMs: ms(1000, 600_000),
  maxBackoffMs,
});

export const usbSpecSchema = knownKeysObject({
  kind: z.literal('usb'),
  vendorId: usbId,
  productId: usbId,
  serialNumber: z.string().min(1).optional(),
  readTimeoutMs: ms(10, 10_000),
  maxBackoffMs,
});

export const winUsbPrintSpecSchema = knownKeysObject({
  kind: z.literal('win-usbprint'),
  devicePath: z.string().min(1, 'expected the printer path from the admin screen (\\\\?\\usb#vid_…)'),
  watchIntervalMs: ms(100, 60_000),
  maxBackoffMs,
});

export const fileSpecSchema = knownKeysObject({
  kind: z.literal('file'),
  path: z.string().min(1, 'expected a device file such as /dev/usb/lp0'),
  readable: z.boolean().optional(),
  watchIntervalMs: ms(10, 60_000),
  readIntervalMs: ms(1, 10_000),
  writeStallMs: ms(100, 600_000),
  maxBackoffMs,
});

const KINDS = ['serial', 'tcp', 'usb', 'win-usbprint', 'file'] as const;

/** Where a device is: the `transport:` block of a device in the agent config. */
export const transportSpecSchema = z.discriminatedUnion(
  'kind',
  [serialSpecSchema, tcpSpecSchema, usbSpecSchema, winUsbPrintSpecSchema, fileSpecSchema],
  { error: (issue) => (issue.code === 'invalid_union' ? `expected one of ${KINDS.join(', ')}` : undefined) },
);

/** A checked spec (USB ids are numbers here). */
export type TransportSpec = z.output<typeof transportSpecSchema>;
/** What a config file may say (USB ids may be hex strings). */
export type TransportSpecInput = z.input<typeof transportSpecSchema>;

/** Checks a spec; throws ConfigError whose problems start at `where`, the name of the block ("devices[2].transport"). */
export function parseTransportSpec(input: unknown, where = 'transport'): TransportSpec {
  const result = transportSpecSchema.safeParse(input);
  if (!result.success) throw new ConfigError(zodProblems(result.error, { at: [where] }));
  return result.data;
}

export interface TransportDeps {
  /** Stand-ins for tests and the demo: a fake USB bus, a fake node-escpos-win. */
  usbBackend?: UsbBackend;
  loadEscposWin?: () => EscposWinModule;
}

/** Check a spec (throws ConfigError) and build its transport, not yet opened. */
export function createTransport(input: unknown, deps: TransportDeps = {}, where = 'transport'): Transport {
  const spec = parseTransportSpec(input, where);
  switch (spec.kind) {
    case 'serial': {
      const { kind: _kind, ...options } = spec;
      return new SerialTransport(options);
    }
    case 'tcp': {
      const { kind: _kind, ...options } = spec;
      return new TcpTransport(options);
    }
    case 'usb': {
      const { kind: _kind, ...options } = spec;
      return new UsbTransport(deps.usbBackend ? { ...options, backend: deps.usbBackend } : options);
    }
    case 'win-usbprint': {
      const { kind: _kind, ...options } = spec;
      return new WinUsbPrintTransport(deps.loadEscposWin ? { ...options, loadModule: deps.loadEscposWin } : options);
    }
    case 'file': {
      const { kind: _kind, ...options } = spec;
      return new FileTransport(options);
    }
    default: {
      const unreachable: never = spec;
      throw new Error(`unknown transport kind ${JSON.stringify(unreachable)}`);
    }
  }
}
