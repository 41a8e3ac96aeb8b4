import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTransport,
  parseTransportSpec,
  transportSpecSchema,
  FileTransport,
  SerialTransport,
  TcpTransport,
  UsbTransport,
  WinUsbPrintTransport,
} from '../../../drivers/transport/index.js';
import { ConfigError, describeProblem } from '../../../main/rules/config-problem.js';

function issuesOf(input: unknown, where?: string): string[] {
  try {
    parseTransportSpec(input, where);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems.map(describeProblem);
  }
  assert.fail('expected the spec to be refused');
}

test('each kind of spec builds its transport, not yet open', () => {
  const serial = createTransport({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600, parity: 'even', dataBits: 7 });
  assert.ok(serial instanceof SerialTransport);
  assert.equal(serial.name, 'serial /dev/ttyUSB0 9600 7E1');
  assert.equal(serial.state, 'closed');
  const tcp = createTransport({ kind: 'tcp', host: '10.0.0.7' });
  assert.ok(tcp instanceof TcpTransport);
  assert.equal(tcp.name, 'tcp 10.0.0.7:9100');
  const usb = createTransport({ kind: 'usb', vendorId: '0x0483', productId: 0x5720 });
  assert.ok(usb instanceof UsbTransport);
  assert.equal(usb.name, 'usb 0483:5720');
  const win = createTransport({ kind: 'win-usbprint', devicePath: '\\\\?\\usb#vid_0483&pid_5720' });
  assert.ok(win instanceof WinUsbPrintTransport);
  assert.equal(win.canRead, false);
  const file = createTransport({ kind: 'file', path: '/dev/usb/lp0', readable: true });
  assert.ok(file instanceof FileTransport);
  assert.equal(file.canRead, true);
});

test('a wrong baud rate is refused saying which rates are allowed', () => {
  assert.deepEqual(issuesOf({ kind: 'serial', path: '/dev/ttyS0', baudRate: 9601 }), [
    'transport.baudRate: expected one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200',
  ]);
});

test('an unknown kind lists the kinds there are', () => {
  assert.deepEqual(issuesOf({ kind: 'bluetooth' }), ['transport.kind: expected one of serial, tcp, usb, win-usbprint, file']);
});

test('a misspelt key is named, with the keys that exist', () => {
  assert.deepEqual(issuesOf({ kind: 'serial', path: '/dev/ttyS0', baudRate: 9600, baudrate: 9600 }), [
    'transport.baudrate: unknown key "baudrate" (known: kind, path, baudRate, dataBits, parity, stopBits, dtr, rts, maxBackoffMs)',
  ]);
});

test('errors name where the spec sits in the config', () => {
  assert.deepEqual(issuesOf({ kind: 'tcp', host: '', port: 70000 }, 'devices[2].transport'), [
    'devices[2].transport.host: expected a host name or IP address',
    'devices[2].transport.port: expected a TCP port 1…65535',
  ]);
  assert.deepEqual(issuesOf({ kind: 'usb', vendorId: 'zz', productId: 1 }), ['transport.vendorId: expected a 16-bit USB id such as 0x0483 or "0483"']);
  assert.deepEqual(issuesOf('serial'), ['transport: expected object, received string']);
});

test('the schema is exported for the agent config to embed, and USB ids come out as numbers', () => {
  const parsed = transportSpecSchema.parse({ kind: 'usb', vendorId: '0483', productId: '5720' });
  assert.deepEqual(parsed, { kind: 'usb', vendorId: 0x0483, productId: 0x5720 });
});
