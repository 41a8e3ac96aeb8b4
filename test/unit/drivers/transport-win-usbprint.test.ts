import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EscposWinDevice, EscposWinDeviceList, EscposWinResult } from 'node-escpos-win';
import { waitForState } from '../../helpers/transport.js';
import { WinUsbPrintTransport, listWinUsbPrinters, type EscposWinModule } from '../../../drivers/transport/win-usbprint.js';
import { TransportError } from '../../../drivers/transport/types.js';

const PATH = '\\\\?\\usb#vid_0483&pid_5720#a1#{28d78fad-5a12-11d1-ae5b-0000f803a8c2}';

/** node-escpos-win as it behaves on Windows: a device list, Print() per path, Disconnect(). */
class FakeEscposWin implements EscposWinModule {
  devices: EscposWinDevice[] = [
    { name: 'USB 打印支持', service: 'usbprint', manufacturer: 'Gprinter', location: 'Port_#0001.Hub_#0001', path: PATH },
    { name: 'USB Input Device', service: 'HidUsb', manufacturer: '(Standard)', location: 'Port_#0002', path: '\\\\?\\hid#1' },
  ];
  printed: Array<{ path: string; bytes: Buffer }> = [];
  disconnected: string[] = [];
  printError: string | undefined;
  GetDeviceList(type: 'USB' | 'COM' | 'LPT'): EscposWinDeviceList {
    assert.equal(type, 'USB');
    return { list: [...this.devices], number: this.devices.length, success: true, err: '' };
  }
  Print(path: string, content: Buffer): EscposWinResult {
    assert.ok(Buffer.isBuffer(content), 'Print() takes a Buffer');
    if (this.printError) return { success: false, err: this.printError };
    this.printed.push({ path, bytes: Buffer.from(content) });
    return { success: true, err: '' };
  }
  Disconnect(path: string): boolean {
    this.disconnected.push(path);
    return true;
  }
}

const windows = (escpos: FakeEscposWin, extra = {}) =>
  new WinUsbPrintTransport({ devicePath: PATH, platform: 'win32', loadModule: () => escpos, ...extra });

test('on Linux it refuses to open and says it is Windows-only, without loading the module', async () => {
  let loaded = false;
  const t = new WinUsbPrintTransport({
    devicePath: PATH,
    platform: 'linux',
    loadModule: () => {
      loaded = true;
      return new FakeEscposWin();
    },
  });
  await assert.rejects(t.open(), (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.code, 'unsupported');
    assert.match(e.message, /win-usbprint is a Windows-only transport \(node-escpos-win\); on linux use kind 'usb' or kind 'file'/);
    return true;
  });
  assert.equal(loaded, false);
  assert.equal(t.canRead, false);
});

test('the real module on this (non-Windows) machine is never loaded: open rejects as unsupported', async () => {
  if (process.platform === 'win32') return;
  const t = new WinUsbPrintTransport({ devicePath: PATH });
  await assert.rejects(t.open(), (e: unknown) => e instanceof TransportError && e.code === 'unsupported');
});

test('on Windows it prints to the usbprint device with that path (case-insensitive), in order', async () => {
  const escpos = new FakeEscposWin();
  const t = new WinUsbPrintTransport({ devicePath: PATH.toUpperCase(), platform: 'win32', loadModule: () => escpos });
  try {
    await t.open();
    await Promise.all([t.write(Buffer.from([0x1b, 0x40])), t.write(new Uint8Array([0xba, 0xc5])), t.write(Buffer.from([0x1d, 0x56, 0x01]))]);
    assert.deepEqual(escpos.printed.map((p) => p.path), [PATH, PATH, PATH]);
    assert.deepEqual([...Buffer.concat(escpos.printed.map((p) => p.bytes))], [0x1b, 0x40, 0xba, 0xc5, 0x1d, 0x56, 0x01]);
  } finally {
    await t.close();
  }
  assert.deepEqual(escpos.disconnected, [PATH], 'close() must Disconnect the path once');
  await t.close();
  assert.equal(escpos.disconnected.length, 1);
});

test('a path that is not a plugged-in usbprint printer: not-found, listing what is there', async () => {
  const escpos = new FakeEscposWin();
  const t = new WinUsbPrintTransport({ devicePath: '\\\\?\\hid#1', platform: 'win32', loadModule: () => escpos });
  await assert.rejects(t.open(), (e: unknown) => {
    assert.ok(e instanceof TransportError);
    assert.equal(e.code, 'not-found');
    assert.match(e.message, /no USB printer at this path is plugged in \(usbprint printers found: USB 打印支持 \(/);
    return true;
  });
});

test('the module failing to load (not built) is reported as unsupported with the reason', async () => {
  const t = new WinUsbPrintTransport({
    devicePath: PATH,
    platform: 'win32',
    loadModule: () => {
      throw new Error("Cannot find module 'addon.node'");
    },
  });
  await assert.rejects(t.open(), /node-escpos-win is not installed or did not build .*addon\.node/);
});

test('unplugged: noticed by the presence check, writes refused; plugged back: printing again', async () => {
  const escpos = new FakeEscposWin();
  const t = windows(escpos, { watchIntervalMs: 20 });
  try {
    await t.open();
    const printer = escpos.devices[0]!;
    const reconnecting = waitForState(t, 'reconnecting');
    escpos.devices = escpos.devices.filter((d) => d !== printer);
    await reconnecting;
    await assert.rejects(t.write(Buffer.from('x')), (e: unknown) => e instanceof TransportError && e.code === 'not-open');
    escpos.devices.push(printer);
    await waitForState(t, 'open', 3000);
    await t.write(Buffer.from('again'));
    assert.equal(escpos.printed.at(-1)?.bytes.toString(), 'again');
  } finally {
    await t.close();
  }
});

test('a failed Print() rejects that write and starts reconnecting', async () => {
  const escpos = new FakeEscposWin();
  const t = windows(escpos);
  try {
    await t.open();
    escpos.printError = 'WriteFile failed: 0x1F';
    await assert.rejects(t.write(Buffer.from('x')), /WriteFile failed: 0x1F/);
    assert.equal(t.state, 'reconnecting');
    escpos.printError = undefined;
    await waitForState(t, 'open', 3000);
  } finally {
    await t.close();
  }
});

test('listing printers for the admin screen: usbprint ones only, or why not', () => {
  const escpos = new FakeEscposWin();
  assert.deepEqual(listWinUsbPrinters({ platform: 'win32', loadModule: () => escpos }).printers, [
    { name: 'USB 打印支持', manufacturer: 'Gprinter', path: PATH },
  ]);
  assert.match(listWinUsbPrinters({ platform: 'linux' }).reason ?? '', /Windows-only/);
});
