import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import QRCode from 'qrcode';
import { EscposInterpreter, type InterpreterEvent } from '../../../drivers/sim/printer-interpreter.js';
import type { Receipt } from '../../../drivers/sim/receipt.js';
import jsQRModule from 'jsqr';
import { receiptToSvg, receiptToPng, svgToRgba } from '../../../drivers/sim/printer-render.js';
import { renderTicketSvg } from '../../../drivers/printer/ticket.js';
import { renderTicket } from '../../../drivers/printer/ticket.js';

// CommonJS default: see the note in drivers/sim/printer-interpreter.ts.
const jsQR = (jsQRModule).default;
import { sampleTicket } from '../../helpers/printer-fixtures.js';

const gb = (s: string) => [...iconv.encode(s, 'gb18030')];
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];
const CUT = [0x1d, 0x56, 0x42, 0x00];

function run(bytes: number[] | Uint8Array): { receipts: Receipt[]; events: InterpreterEvent[] } {
  const events = new EscposInterpreter().feed(Uint8Array.from(bytes));
  return { receipts: events.flatMap((e) => (e.type === 'receipt' ? [e.receipt] : [])), events };
}
function one(bytes: number[] | Uint8Array): Receipt {
  const { receipts } = run(bytes);
  assert.equal(receipts.length, 1);
  return receipts[0]!;
}

describe('simulated printer: ESC/POS interpreter on golden inputs', () => {
  test('Chinese text in GB18030 with size, alignment and bold', () => {
    const bytes = [
      0x1b, 0x40, 0x1c, 0x26,
      0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, 0x1d, 0x21, 0x22, ...ascii('A012'), 0x0a,
      0x1b, 0x45, 0x00, 0x1d, 0x21, 0x00, 0x1b, 0x61, 0x00, ...gb('请到3号窗口'), 0x0a,
      ...CUT,
    ];
    const r = one(bytes);
    assert.deepEqual(
      r.lines.map(({ text, size, align, bold }) => ({ text, size, align, bold })),
      [
        { text: 'A012', size: { w: 3, h: 3 }, align: 'center', bold: true },
        { text: '请到3号窗口', size: { w: 1, h: 1 }, align: 'left', bold: false },
      ],
    );
    assert.equal(r.cuts, 1);
    assert.equal(r.rawLength, bytes.length);
  });

  test('FS ! doubles Chinese glyphs only; FS . turns Chinese mode off', () => {
    const r = one([0x1c, 0x21, 0x0c, ...gb('号'), ...ascii('x'), 0x0a, 0x1c, 0x2e, 0xba, 0xc5, 0x0a, ...CUT]);
    assert.deepEqual(r.lines[0]!.segments.map((s) => s.size), [{ w: 2, h: 2 }]);
    assert.equal(r.lines[0]!.text, '号x');
    assert.equal(r.lines[1]!.text, '??', 'single-byte mode: not GB18030');
  });

  test('ESC d feeds blank lines; ESC @ resets modes but keeps what was printed', () => {
    const r = one([...ascii('a'), 0x1b, 0x64, 0x02, 0x1d, 0x21, 0x11, 0x1b, 0x40, ...ascii('b'), 0x0a, ...CUT]);
    assert.deepEqual(r.lines.map((l) => l.text), ['a', '', '', 'b']);
    assert.deepEqual(r.lines[3]!.size, { w: 1, h: 1 });
  });

  test('native QR: model, size, level, store, print → payload (UTF-8)', () => {
    const payload = Buffer.from('https://hall.example.cn/t?n=A012&名=张', 'utf8');
    const n = payload.length + 3;
    const r = one([
      0x1b, 0x61, 0x01,
      0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,
      0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, 0x06,
      0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31,
      0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30, ...payload,
      0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30,
      ...CUT,
    ]);
    assert.deepEqual(r.qrCodes, ['https://hall.example.cn/t?n=A012&名=张']);
    assert.deepEqual(r.lines[0]!.qr, { payload: 'https://hall.example.cn/t?n=A012&名=张', moduleSize: 6, level: 'M' });
    assert.equal(r.lines[0]!.align, 'center');
  });

  test('GS v 0 raster of a QR is read back with jsQR', () => {
    const qr = QRCode.create('https://hall.example.cn/t/B007', { errorCorrectionLevel: 'M' });
    const cell = 4;
    const size = qr.modules.size * cell;
    const rowBytes = Math.ceil(size / 8);
    const bits = new Uint8Array(rowBytes * size);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if (qr.modules.get(Math.floor(y / cell), Math.floor(x / cell))) bits[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
      }
    }
    const r = one([0x1d, 0x76, 0x30, 0x00, rowBytes & 0xff, rowBytes >> 8, size & 0xff, size >> 8, ...bits, ...CUT]);
    assert.deepEqual(r.qrCodes, ['https://hall.example.cn/t/B007']);
    assert.equal(r.lines[0]!.image?.width, rowBytes * 8);
  });

  test('CODE128 "A001" (HARDWARE.md vector) reads back as text', () => {
    const r = one([0x1d, 0x68, 0x50, 0x1d, 0x77, 0x02, 0x1d, 0x48, 0x02, 0x1d, 0x6b, 0x49, 0x06, 0x7b, 0x42, 0x41, 0x30, 0x30, 0x31, ...CUT]);
    assert.deepEqual(r.barcodes, ['A001']);
  });

  test('every form of GS V cuts once and starts a new receipt', () => {
    const forms = [[0x1d, 0x56, 0x00], [0x1d, 0x56, 0x01], [0x1d, 0x56, 0x30], [0x1d, 0x56, 0x41, 0x05], [0x1d, 0x56, 0x42, 0x00]];
    const { receipts } = run(forms.flatMap((f, i) => [...ascii(`t${i}`), 0x0a, ...f]));
    assert.deepEqual(receipts.map((r) => r.lines[0]!.text), ['t0', 't1', 't2', 't3', 't4']);
    assert.ok(receipts.every((r) => r.cuts === 1));
  });

  test('DLE EOT n is answered on arrival, even inside an unfinished command', () => {
    const it = new EscposInterpreter();
    // GS ( k claiming 200 bytes, then a status query before they come.
    const events = it.feed(Uint8Array.of(0x1d, 0x28, 0x6b, 0xc8, 0x00, 0x31, 0x50, 0x10, 0x04, 0x02));
    assert.deepEqual(events, [{ type: 'status-query', n: 2 }]);
    assert.deepEqual(it.feed(Uint8Array.of(0x10)), []);
    assert.deepEqual(it.feed(Uint8Array.of(0x04)), []);
    assert.deepEqual(it.feed(Uint8Array.of(0x04)), [{ type: 'status-query', n: 4 }], 'split across chunks');
  });

  test('GS a n is reported so the simulator can push automatic status', () => {
    assert.deepEqual(run([0x1d, 0x61, 0x0f]).events, [{ type: 'asb', mask: 0x0f }]);
  });

  test('unknown commands are skipped with a warning; what follows still prints', () => {
    const { receipts, events } = run([0x1b, 0x99, 0x1d, 0x99, 0x1c, 0x99, 0x07, ...gb('号'), 0x0a, ...CUT]);
    assert.equal(receipts[0]!.lines[0]!.text, '号');
    assert.equal(events.filter((e) => e.type === 'warning').length, 4);
  });

  test('a HallQ ticket reads the same whole, in 7-byte chunks and byte by byte', () => {
    const bytes = renderTicket(sampleTicket());
    const whole = one(bytes);
    for (const size of [1, 7, 64]) {
      const it = new EscposInterpreter();
      const receipts: Receipt[] = [];
      for (let i = 0; i < bytes.length; i += size) {
        for (const e of it.feed(bytes.subarray(i, i + size))) if (e.type === 'receipt') receipts.push(e.receipt);
      }
      assert.deepEqual(receipts, [whole], `chunks of ${size}`);
    }
  });

  test('random bytes never throw and never leave more than a command pending', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 10 }), (chunks) => {
        const it = new EscposInterpreter();
        for (const c of chunks) it.feed(c);
        assert.ok(it.pendingBytes <= (1 << 20) + 16);
      }),
      { numRuns: 300 },
    );
  });
});

describe('simulated printer: rendering', () => {
  test('a receipt renders to SVG with glyphs, QR modules and a cut line, and to PNG', () => {
    const receipt = one(renderTicket(sampleTicket()));
    const svg = receiptToSvg(receipt);
    assert.match(svg, /^<svg /);
    assert.ok(svg.includes('>号<'));
    assert.ok(svg.includes('scale(5,5)'), 'the big number');
    assert.match(svg, /stroke-dasharray/);
    const png = receiptToPng(receipt);
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  test('the QR in the rendered image and in the on-screen preview scans as the status URL', () => {
    for (const svg of [receiptToSvg(one(renderTicket(sampleTicket()))), renderTicketSvg(sampleTicket())]) {
      const { width, height, data } = svgToRgba(svg);
      const found = jsQR(data, width, height);
      assert.equal(found && Buffer.from(found.binaryData).toString('utf8'), sampleTicket().statusUrl);
    }
  });
});
