import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, waitForState } from '../../helpers/transport.js';
import {
  UsbTransport,
  libusbBackend,
  type UsbBackend,
  type UsbDeviceHandle,
  type UsbInStatus,
  type UsbInterfaceInfo,
} from '../../../drivers/transport/usb.js';
import { TransportError } from '../../../drivers/transport/types.js';

const printerInterface = (withIn = true): UsbInterfaceInfo => ({
  interfaceNumber: 0,
  interfaceClass: 7,
  endpoints: [
    { endpointNumber: 1, direction: 'out', type: 'bulk', packetSize: 64 },
    ...(withIn ? [{ endpointNumber: 2, direction: 'in' as const, type: 'bulk' as const, packetSize: 64 }] : []),
  ],
});

/** A fake USB printer with the same call rules as the real one (open before claim, claim before transfer). */
class FakePrinter implements UsbDeviceHandle {
  readonly productName = 'POS-58';
  written: Buffer[] = [];
  claimed = new Set<number>();
  opened = false;
  plugged = true;
  claimError: Error | undefined;
  #replies: Buffer[] = [];
  #wake: (() => void) | undefined;

  constructor(
    readonly vendorId = 0x0483,
    readonly productId = 0x5720,
    readonly serialNumber: string | null = 'A1',
    private readonly ifaces: UsbInterfaceInfo[] = [printerInterface()],
  ) {}

  interfaces(): UsbInterfaceInfo[] {
    if (!this.opened) throw new Error('interfaces() before open(): open the fake device first');
    return this.ifaces;
  }
  async open(): Promise<void> {
    this.#alive();
    this.opened = true;
  }
  async claimInterface(n: number): Promise<void> {
    this.#alive();
    if (this.claimError) throw this.claimError;
    if (!this.opened) throw new Error('claimInterface error: invalid state (not opened)');
    this.claimed.add(n);
  }
  async releaseInterface(n: number): Promise<void> {
    this.claimed.delete(n);
  }
  async close(): Promise<void> {
    this.opened = false;
    this.claimed.clear();
  }
  async transferOut(endpointNumber: number, data: Uint8Array): Promise<{ status: 'ok' | 'stall'; bytesWritten: number }> {
    this.#alive();
    assert.equal(endpointNumber, 1, 'writes must go to the bulk OUT endpoint');
    assert.ok(this.claimed.has(0), 'transferOut before claimInterface');
    this.written.push(Buffer.from(data));
    return { status: 'ok', bytesWritten: data.byteLength };
  }
  async transferIn(endpointNumber: number, _length: number, timeoutMs: number): Promise<{ status: UsbInStatus; data?: Uint8Array }> {
    this.#alive();
    assert.equal(endpointNumber, 2, 'reads must come from the bulk IN endpoint');
    if (this.#replies.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
      this.#alive();
    }
    const data = this.#replies.shift();
    return data ? { status: 'ok', data } : { status: 'timeout' };
  }
  async clearHalt(): Promise<void> {}

  /** The printer sends status bytes back. */
  reply(bytes: number[]): void {
    this.#replies.push(Buffer.from(bytes));
    this.#wake?.();
  }
  #alive(): void {
    if (!this.plugged) throw new Error('LIBUSB_ERROR_NO_DEVICE');
  }
}

class FakeBackend implements UsbBackend {
  devices: FakePrinter[] = [];
  listError: Error | undefined;
  #listeners = new Set<(d: UsbDeviceHandle) => void>();
  async getDevices(): Promise<UsbDeviceHandle[]> {
    if (this.listError) throw this.listError;
    return [...this.devices];
  }
  onDisconnect(listener: (d: UsbDeviceHandle) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  plug(device: FakePrinter): FakePrinter {
    this.devices.push(device);
    return device;
  }
  unplug(device: FakePrinter): void {
    device.plugged = false;
    this.devices = this.devices.filter((d) => d !== device);
    for (const l of this.#listeners) l(device);
  }
  get listenerCount(): number {
    return this.#listeners.size;
  }
}

test('a USB printer: the class-7 interface is claimed and writes go to bulk OUT in order', async () => {
  const backend = new FakeBackend();
  const printer = backend.plug(new FakePrinter());
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, backend });
  try {
    await t.open();
    assert.equal(t.name, 'usb 0483:5720');
    assert.ok(printer.claimed.has(0));
    await Promise.all([t.write(Buffer.from([0x1b, 0x40])), t.write(Buffer.from('A001')), t.write(Buffer.from([0x1d, 0x56, 0x01]))]);
    assert.deepEqual(Buffer.concat(printer.written), Buffer.from([0x1b, 0x40, ...Buffer.from('A001'), 0x1d, 0x56, 0x01]));
  } finally {
    await t.close();
  }
  assert.equal(printer.opened, false, 'close() must close the device');
  assert.equal(printer.claimed.size, 0, 'close() must release the interface');
});

test('status bytes from the bulk IN endpoint come out as data', async () => {
  const backend = new FakeBackend();
  const printer = backend.plug(new FakePrinter());
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, backend, readTimeoutMs: 20 });
  try {
    await t.open();
    assert.equal(t.canRead, true);
    const got = collect(t);
    await t.write(Buffer.from([0x10, 0x04, 0x01]));
    printer.reply([0x12]);
    assert.deepEqual([...(await got.take(1))], [0x12]);
  } finally {
    await t.close();
  }
});

test('no printer with that id: open rejects with the id and says it is not plugged in', async () => {
  const backend = new FakeBackend();
  backend.plug(new FakePrinter(0x1234, 0x0001));
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, backend });
  await assert.rejects(t.open(), (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.code, 'not-found');
    assert.equal(e.message, 'usb 0483:5720: no printer with that id is plugged in');
    return true;
  });
  assert.equal(t.state, 'closed');
});

test('USB cannot be listed at all (containers, no permission): a clear error, not a crash', async () => {
  const backend = new FakeBackend();
  backend.listError = new Error('LIBUSB_ERROR_OTHER');
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, backend });
  await assert.rejects(t.open(), /^TransportError: usb 0483:5720: cannot list USB devices \(LIBUSB_ERROR_OTHER\)/);
});

test('a device without a printer interface is refused as unsupported and left closed', async () => {
  const backend = new FakeBackend();
  const hid = backend.plug(new FakePrinter(0x0483, 0x5720, null, [{ interfaceNumber: 0, interfaceClass: 3, endpoints: [] }]));
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, backend });
  await assert.rejects(t.open(), (e: unknown) => e instanceof TransportError && e.code === 'unsupported' && /class 7/.test(e.message));
  assert.equal(hid.opened, false);
});

test('no permission to claim: the error says how to fix it', async () => {
  const backend = new FakeBackend();
  const printer = backend.plug(new FakePrinter());
  printer.claimError = new Error('claimInterface error: LIBUSB_ERROR_ACCESS');
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, backend });
  await assert.rejects(t.open(), /permission denied; add a udev rule for 0483:5720 or use the file transport/);
  assert.equal(printer.opened, false);
});

test('unplugged: reconnecting and writes refused; plugged back: claimed again and printing', async () => {
  const backend = new FakeBackend();
  const first = backend.plug(new FakePrinter());
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, backend, readTimeoutMs: 20 });
  try {
    await t.open();
    const reconnecting = waitForState(t, 'reconnecting');
    backend.unplug(first);
    await reconnecting;
    await assert.rejects(t.write(Buffer.from('x')), (e: unknown) => e instanceof TransportError && e.code === 'not-open');
    const second = backend.plug(new FakePrinter());
    await waitForState(t, 'open', 3000);
    await t.write(Buffer.from('again'));
    assert.equal(Buffer.concat(second.written).toString(), 'again');
    assert.ok(second.claimed.has(0));
  } finally {
    await t.close();
  }
  assert.equal(backend.listenerCount, 0, 'close() must stop listening for unplug events');
});

test('two printers of one model: the serial number picks ours', async () => {
  const backend = new FakeBackend();
  const a = backend.plug(new FakePrinter(0x0483, 0x5720, 'A1'));
  const b = backend.plug(new FakePrinter(0x0483, 0x5720, 'B2'));
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, serialNumber: 'B2', backend });
  try {
    await t.open();
    assert.equal(t.name, 'usb 0483:5720 #B2');
    await t.write(Buffer.from('b'));
    assert.equal(a.written.length, 0);
    assert.equal(b.written.length, 1);
  } finally {
    await t.close();
  }
});

test('a unidirectional printer (no bulk IN) opens write-only', async () => {
  const backend = new FakeBackend();
  backend.plug(new FakePrinter(0x0483, 0x5720, null, [printerInterface(false)]));
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720, backend });
  try {
    await t.open();
    assert.equal(t.canRead, false);
  } finally {
    await t.close();
  }
});

test('the real libusb backend loads here and finds no such printer (or says why)', async () => {
  const t = new UsbTransport({ vendorId: 0x0483, productId: 0x5720 });
  await assert.rejects(t.open(), (e: unknown) => e instanceof TransportError && /^usb 0483:5720: /.test(e.message));
  const backend = await libusbBackend();
  assert.equal(typeof backend.getDevices, 'function');
});
