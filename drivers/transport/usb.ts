/// <reference types="w3c-web-usb" />
import { setTimeout as sleep } from 'node:timers/promises';
import { ReconnectingTransport } from './reconnecting.js';
import { driverLogger } from '../log.js';
import { TransportError, type ReconnectOptions } from './types.js';

/** USB interface class of printers (USB Printer Class 1.1). */
export const USB_PRINTER_CLASS = 7;

// ---- The device access we need: a WebUSB-shaped subset, so tests can stand a fake behind it. ----

export interface UsbEndpointInfo {
  endpointNumber: number;
  direction: 'in' | 'out';
  type: 'bulk' | 'interrupt' | 'isochronous';
  packetSize: number;
}

export interface UsbInterfaceInfo {
  interfaceNumber: number;
  /** Of the current alternate setting. */
  interfaceClass: number;
  endpoints: UsbEndpointInfo[];
}

export type UsbInStatus = 'ok' | 'stall' | 'babble' | 'timeout';

export interface UsbDeviceHandle {
  readonly vendorId: number;
  readonly productId: number;
  readonly serialNumber: string | null;
  readonly productName: string | null;
  /** Interfaces of the active configuration; opening selects the first configuration if none is. */
  interfaces(): UsbInterfaceInfo[];
  open(): Promise<void>;
  /** Claims the interface, detaching a kernel driver first (Linux usblp) when one is attached. */
  claimInterface(interfaceNumber: number): Promise<void>;
  releaseInterface(interfaceNumber: number): Promise<void>;
  close(): Promise<void>;
  transferOut(endpointNumber: number, data: Uint8Array): Promise<{ status: 'ok' | 'stall'; bytesWritten: number }>;
  /** Waits at most `timeoutMs` for one packet; status 'timeout' when nothing came. */
  transferIn(endpointNumber: number, length: number, timeoutMs: number): Promise<{ status: UsbInStatus; data?: Uint8Array }>;
  clearHalt(direction: 'in' | 'out', endpointNumber: number): Promise<void>;
}

export interface UsbBackend {
  /** Every USB device this process may open. Rejects when USB cannot be listed at all. */
  getDevices(): Promise<UsbDeviceHandle[]>;
  /** Calls `listener` with the handle (as returned by getDevices) of a device that was unplugged. */
  onDisconnect(listener: (device: UsbDeviceHandle) => void): () => void;
}

export interface UsbTransportOptions extends ReconnectOptions {
  vendorId: number;
  productId: number;
  /** Tells two printers of the same model apart. */
  serialNumber?: string;
  /** One bulk IN read waits this long before we ask again (bounds how long close() waits). Default 200. */
  readTimeoutMs?: number;
  /** Defaults to the `usb` package (libusb). */
  backend?: UsbBackend;
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/**
 * A USB printer driven directly over libusb: class-7 interface claimed, bulk OUT to print, bulk IN
 * polled for status replies. On Linux the usblp kernel driver is detached while we hold it (that
 * needs a udev rule granting access); where that is not wanted, use FileTransport on /dev/usb/lpN.
 * On Windows libusb needs WinUSB, which takes the printer away from Windows: use win-usbprint.
 */
export class UsbTransport extends ReconnectingTransport {
  readonly name: string;
  readonly #options: UsbTransportOptions;
  #backend: UsbBackend | undefined;
  #device: UsbDeviceHandle | undefined;
  #claimed: number | undefined;
  #out: UsbEndpointInfo | undefined;
  #in: UsbEndpointInfo | undefined;
  #unsubscribe: (() => void) | undefined;
  #hasIn = true;

  constructor(options: UsbTransportOptions) {
    super(options, driverLogger('usb', options.log));
    for (const key of ['vendorId', 'productId'] as const) {
      const id = options[key];
      if (!Number.isInteger(id) || id < 0 || id > 0xffff) throw new RangeError(`usb: ${key} must be 0x0000…0xffff (got ${id})`);
    }
    this.#options = options;
    this.#backend = options.backend;
    const sn = options.serialNumber ? ` #${options.serialNumber}` : '';
    this.name = `usb ${hex4(options.vendorId)}:${hex4(options.productId)}${sn}`;
  }

  /** True until opened; then whether the printer has a bulk IN endpoint (status replies). */
  get canRead(): boolean {
    return this.#hasIn;
  }

  protected async connect(): Promise<void> {
    const backend = (this.#backend ??= await libusbBackend());
    let devices: UsbDeviceHandle[];
    try {
      devices = await backend.getDevices();
    } catch (error) {
      throw new TransportError(this.name, `cannot list USB devices (${messageOf(error)}); is USB available to this user?`, 'io');
    }
    const { vendorId, productId, serialNumber } = this.#options;
    const matches = devices.filter(
      (d) => d.vendorId === vendorId && d.productId === productId && (!serialNumber || d.serialNumber === serialNumber),
    );
    const device = matches[0];
    if (!device) throw new TransportError(this.name, 'no printer with that id is plugged in', 'not-found');
    if (matches.length > 1) {
      this.log.warn({ transport: this.name, count: matches.length }, 'several printers match; using the first (set serialNumber to choose)');
    }
    try {
      await device.open();
    } catch (error) {
      throw this.#accessError('cannot open the device', error);
    }
    try {
      const iface = device.interfaces().find((i) => i.interfaceClass === USB_PRINTER_CLASS);
      if (!iface) {
        throw new TransportError(this.name, `the device has no printer interface (class ${USB_PRINTER_CLASS}); is it in printer mode?`, 'unsupported');
      }
      const out = iface.endpoints.find((e) => e.type === 'bulk' && e.direction === 'out');
      if (!out) throw new TransportError(this.name, 'the printer interface has no bulk OUT endpoint', 'unsupported');
      try {
        await device.claimInterface(iface.interfaceNumber);
      } catch (error) {
        throw this.#accessError('cannot claim the printer interface', error);
      }
      this.#device = device;
      this.#claimed = iface.interfaceNumber;
      this.#out = out;
      this.#in = iface.endpoints.find((e) => e.type === 'bulk' && e.direction === 'in');
      this.#hasIn = this.#in !== undefined;
      this.#unsubscribe = backend.onDisconnect((gone) => {
        if (gone === this.#device) this.lost('unplugged');
      });
      if (this.#in) void this.#readLoop(device, this.#in);
    } catch (error) {
      await device.close().catch(() => undefined);
      throw error;
    }
  }

  protected async disconnect(): Promise<void> {
    const device = this.#device;
    const claimed = this.#claimed;
    this.#device = undefined;
    this.#claimed = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    if (!device) return;
    if (claimed !== undefined) await device.releaseInterface(claimed).catch(() => undefined);
    await device.close().catch(() => undefined);
  }

  protected async writeRaw(bytes: Uint8Array): Promise<void> {
    const device = this.#device;
    const out = this.#out;
    if (!device || !out) throw new TransportError(this.name, 'not open', 'not-open');
    let result: { status: 'ok' | 'stall'; bytesWritten: number };
    try {
      result = await device.transferOut(out.endpointNumber, bytes);
    } catch (error) {
      if (this.#device === device) this.lost(`write failed: ${messageOf(error)}`);
      throw new TransportError(this.name, `write failed: ${messageOf(error)}`, 'io');
    }
    if (result.status === 'stall') {
      await device.clearHalt('out', out.endpointNumber).catch(() => undefined);
      throw new TransportError(this.name, 'the printer refused the data (endpoint stalled); is it in an error state?', 'io');
    }
    if (result.bytesWritten !== bytes.length) {
      throw new TransportError(this.name, `only ${result.bytesWritten} of ${bytes.length} bytes were taken`, 'io');
    }
  }

  async #readLoop(device: UsbDeviceHandle, endpoint: UsbEndpointInfo): Promise<void> {
    const timeoutMs = this.#options.readTimeoutMs ?? 200;
    const length = Math.max(endpoint.packetSize, 64);
    while (this.#device === device) {
      try {
        const { status, data } = await device.transferIn(endpoint.endpointNumber, length, timeoutMs);
        if (this.#device !== device) return;
        if (status === 'ok' && data && data.byteLength > 0) {
          this.emitData(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        } else if (status === 'stall') {
          await device.clearHalt('in', endpoint.endpointNumber).catch(() => undefined);
          await sleep(timeoutMs);
        } else if (status === 'ok') {
          // A zero-length packet: nothing to say. Don't spin.
          await sleep(20);
        }
      } catch (error) {
        if (this.#device === device) this.lost(`read failed: ${messageOf(error)}`);
        return;
      }
    }
  }

  #accessError(what: string, error: unknown): TransportError {
    const text = messageOf(error);
    if (/ACCESS|EACCES|permission/i.test(text)) {
      return new TransportError(
        this.name,
        `${what}: permission denied; add a udev rule for ${hex4(this.#options.vendorId)}:${hex4(this.#options.productId)} or use the file transport (/dev/usb/lp0)`,
        'io',
      );
    }
    if (/BUSY/i.test(text)) return new TransportError(this.name, `${what}: in use by another program or driver`, 'busy');
    if (/NO_DEVICE|NOT_FOUND/i.test(text)) return new TransportError(this.name, `${what}: it was just unplugged`, 'not-found');
    return new TransportError(this.name, `${what}: ${text}`, 'io');
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- The real backend: the `usb` package's WebUSB API, loaded only when a USB printer is used. ----

interface LegacyEndpoint {
  timeout: number;
}
interface LegacyDevice {
  interface(n: number): { endpoint(address: number): LegacyEndpoint | undefined };
}

let realBackend: Promise<UsbBackend> | undefined;

/** The `usb` (libusb) backend. Loaded lazily: importing `usb` starts libusb. */
export function libusbBackend(): Promise<UsbBackend> {
  realBackend ??= import('usb').then((usb) => {
    // Detach usblp on claim (Linux); ignored elsewhere.
    const webusb = new usb.WebUSB({ allowAllDevices: true, autoDetachKernelDriver: true });
    const handles = new WeakMap<USBDevice, UsbDeviceHandle>();
    const wrap = (device: USBDevice): UsbDeviceHandle => {
      let handle = handles.get(device);
      if (!handle) handles.set(device, (handle = webUsbHandle(device)));
      return handle;
    };
    return {
      async getDevices() {
        return (await webusb.getDevices()).map(wrap);
      },
      onDisconnect(listener) {
        const onEvent = (event: USBConnectionEvent): void => listener(wrap(event.device));
        webusb.addEventListener('disconnect', onEvent);
        return () => webusb.removeEventListener('disconnect', onEvent);
      },
    };
  });
  return realBackend;
}

function webUsbHandle(device: USBDevice): UsbDeviceHandle {
  return {
    vendorId: device.vendorId,
    productId: device.productId,
    serialNumber: device.serialNumber ?? null,
    productName: device.productName ?? null,
    interfaces: () =>
      (device.configuration?.interfaces ?? []).map((i) => ({
        interfaceNumber: i.interfaceNumber,
        interfaceClass: i.alternate.interfaceClass,
        endpoints: i.alternate.endpoints.map((e) => ({
          endpointNumber: e.endpointNumber,
          direction: e.direction,
          type: e.type,
          packetSize: e.packetSize,
        })),
      })),
    async open() {
      await device.open();
      const first = device.configurations[0];
      if (!device.configuration && first) await device.selectConfiguration(first.configurationValue);
    },
    claimInterface: (n) => device.claimInterface(n),
    releaseInterface: (n) => device.releaseInterface(n),
    close: () => device.close(),
    async transferOut(endpointNumber, data) {
      const copy = new Uint8Array(data); // WebUSB wants a plain ArrayBuffer
      const result = await device.transferOut(endpointNumber, copy.buffer);
      return { status: result.status === 'stall' ? 'stall' : 'ok', bytesWritten: result.bytesWritten };
    },
    async transferIn(endpointNumber, length, timeoutMs) {
      // WebUSB has no transfer timeout and libusb's default is infinite, which would leave a
      // transfer pending forever on a quiet printer. usb 2.x keeps the libusb device behind the
      // WebUSB object: set the IN endpoint's timeout there when we can reach it.
      const legacy = (device as unknown as { device?: LegacyDevice }).device;
      const endpoint = legacy?.interface(interfaceOf(device, endpointNumber))?.endpoint(0x80 | endpointNumber);
      if (endpoint) endpoint.timeout = timeoutMs;
      try {
        const result = await device.transferIn(endpointNumber, length);
        const data = result.data ? new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength) : undefined;
        return data ? { status: result.status ?? 'ok', data } : { status: result.status ?? 'ok' };
      } catch (error) {
        if (/TIMED_OUT/.test(messageOf(error))) return { status: 'timeout' };
        throw error;
      }
    },
    clearHalt: (direction, endpointNumber) => device.clearHalt(direction, endpointNumber),
  };
}

function interfaceOf(device: USBDevice, endpointNumber: number): number {
  for (const i of device.configuration?.interfaces ?? []) {
    if (i.alternate.endpoints.some((e) => e.endpointNumber === endpointNumber && e.direction === 'in')) return i.interfaceNumber;
  }
  return 0;
}
