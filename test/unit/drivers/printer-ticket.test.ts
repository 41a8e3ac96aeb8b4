import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import {
  escapeText,
  formatHallTime,
  renderTicket,
  renderTicketSvg,
  testPage,
  ticketDocument,
} from '../../../drivers/printer/ticket.js';
import { nativeQr } from '../../../drivers/printer/escpos.js';
import { EscposInterpreter } from '../../../drivers/sim/printer-interpreter.js';
import type { Receipt } from '../../../drivers/sim/receipt.js';
import { countBytes, indexOfBytes, sampleTicket } from '../../helpers/printer-fixtures.js';

function interpret(bytes: Uint8Array): Receipt {
  const events = new EscposInterpreter().feed(bytes);
  const receipts = events.flatMap((e) => (e.type === 'receipt' ? [e.receipt] : []));
  assert.equal(receipts.length, 1, 'exactly one receipt (one cut)');
  return receipts[0]!;
}

/** The last GS ! n before `at`. */
function sizeBefore(bytes: Buffer, at: number): number {
  for (let i = at - 3; i >= 0; i--) if (bytes[i] === 0x1d && bytes[i + 1] === 0x21) return bytes[i + 2]!;
  return -1;
}

describe('ticket layout: golden bytes', () => {
  const bytes = renderTicket(sampleTicket());

  test('starts with ESC @, Chinese mode on (FS &) and default line spacing', () => {
    assert.deepEqual([...bytes.subarray(0, 6)], [0x1b, 0x40, 0x1c, 0x26, 0x1b, 0x32]);
  });

  test('the ticket number is printed bold at 5× size on 58 mm paper (GS ! 44, FS ! 0C)', () => {
    const golden = [0x1b, 0x45, 0x01, 0x1d, 0x21, 0x44, 0x1c, 0x21, 0x0c, 0x41, 0x30, 0x31, 0x32, 0x0a];
    assert.ok(indexOfBytes(bytes, golden) > 0, 'number line bytes');
  });

  test('the number is at triple size or more, on 80 mm paper too', () => {
    for (const paperWidth of [58, 80] as const) {
      for (const ticketNumber of ['A012', 'VIP0012', 'B1']) {
        const out = renderTicket(sampleTicket({ ticketNumber }), { paperWidth, qr: 'native' });
        const at = indexOfBytes(out, Buffer.from(ticketNumber));
        const n = sizeBefore(out, at);
        assert.ok((n >> 4) + 1 >= 3 && (n & 0x0f) + 1 >= 3, `${ticketNumber} on ${paperWidth} mm: GS ! 0x${n.toString(16)}`);
        assert.ok((n >> 4) + 1 <= 8, 'within ESC/POS limits');
      }
    }
  });

  test('Chinese text is GB18030: 号 = BA C5', () => {
    assert.ok(indexOfBytes(bytes, [0xba, 0xc5]) > 0);
    assert.ok(indexOfBytes(bytes, iconv.encode('北京市朝阳区政务服务中心', 'gb18030')) > 0);
  });

  test('a half-width ¥ in user text prints as full-width ￥ = A3 A4', () => {
    const out = renderTicket(sampleTicket({ notice: '工本费 ¥10，请到3号窗口缴费' }));
    assert.ok(indexOfBytes(out, [0xa3, 0xa4, 0x31, 0x30]) > 0);
    assert.equal(indexOfBytes(out, iconv.encode('¥', 'gb18030')), -1, 'no 4-byte GB18030 ¥');
  });

  test('the QR is native GS ( k with pL/pH = payload length + 3, UTF-8 payload', () => {
    const url = sampleTicket().statusUrl;
    const expected = nativeQr(url, { moduleSize: 6, level: 'M' });
    assert.ok(indexOfBytes(bytes, expected) > 0, 'the whole QR block, as built');
    const store = indexOfBytes(bytes, [0x1d, 0x28, 0x6b]);
    assert.deepEqual([...bytes.subarray(store, store + 9)], [0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]);
    const storeAt = indexOfBytes(bytes, [0x31, 0x50, 0x30]) - 5;
    const len = bytes[storeAt + 3]! + 256 * bytes[storeAt + 4]!;
    assert.equal(len, Buffer.byteLength(url) + 3);
    assert.equal(bytes.subarray(storeAt + 8, storeAt + 8 + len - 3).toString('utf8'), url);
    assert.equal(indexOfBytes(bytes, [0x1d, 0x38, 0x4c]), -1, 'no GS 8 L raster in native mode');
  });

  test('a long payload with Chinese gets pH right (length ≥ 256 bytes)', () => {
    const url = `https://hall.example.cn/t/A012?q=${'政务'.repeat(60)}`;
    const qr = nativeQr(url, { moduleSize: 6, level: 'M' });
    const n = Buffer.byteLength(url) + 3;
    assert.ok(n > 255);
    assert.ok(indexOfBytes(qr, [0x1d, 0x28, 0x6b, n & 0xff, n >> 8, 0x31, 0x50, 0x30]) > 0);
  });

  test('exactly one cut, at the very end (feed, then GS V 66 0)', () => {
    assert.equal(countBytes(bytes, [0x1d, 0x56]), 1);
    assert.deepEqual([...bytes.subarray(-7)], [0x1b, 0x64, 0x02, 0x1d, 0x56, 0x42, 0x00]);
    assert.equal(indexOfBytes(bytes, [0x1d, 0x72]), -1, 'no GS r: its reply would mix with status bytes');
  });

  test('raster QR mode sends a GS 8 L image that still reads back as the status URL', () => {
    const out = renderTicket(sampleTicket(), { paperWidth: 58, qr: 'raster' });
    assert.equal(indexOfBytes(out, [0x1d, 0x28, 0x6b]), -1, 'no GS ( k');
    assert.ok(indexOfBytes(out, [0x1d, 0x38, 0x4c]) > 0);
    const receipt = interpret(out);
    assert.deepEqual(receipt.qrCodes, [sampleTicket().statusUrl]);
  });
});

describe('ticket layout: what the visitor reads', () => {
  test('a priority ticket, reprinted, reads back line by line', () => {
    const receipt = interpret(renderTicket(sampleTicket({ kindLabel: '绿色通道', reprint: true })));
    const texts = receipt.lines.map((l) => l.text);
    assert.ok(texts.includes('【补打】'));
    assert.ok(texts.includes('北京市朝阳区政务服务中心'));
    assert.ok(texts.includes('不动产登记中心'));
    assert.ok(texts.includes('不动产登记（抵押）'));
    assert.ok(texts.includes('【绿色通道】'));
    assert.ok(texts.includes('前面还有 3 人等候'));
    assert.ok(texts.includes('预计等候约 15 分钟'));
    assert.ok(texts.includes('取号时间：2026-11-28 09:31'));
    assert.ok(texts.includes('过号请回原窗口重排，无需重新取号'));
    const number = receipt.lines.find((l) => l.text === 'A012');
    assert.ok(number && number.size.w >= 3 && number.size.h >= 3 && number.bold);
    assert.deepEqual(receipt.qrCodes, [sampleTicket().statusUrl]);
    assert.equal(receipt.cuts, 1);
  });

  test('an ordinary ticket has no 补打 mark and no kind label', () => {
    const texts = interpret(renderTicket(sampleTicket())).lines.map((l) => l.text);
    assert.ok(!texts.some((t) => t.includes('补打')));
    assert.ok(!texts.some((t) => t.startsWith('【')));
  });

  test('issue time is shown in Beijing time whatever the input form', () => {
    assert.equal(formatHallTime('2026-11-28T01:31:00Z'), '2026-11-28 09:31');
    assert.equal(formatHallTime(new Date(Date.UTC(2026, 10, 27, 16, 5))), '2026-11-28 00:05');
    assert.equal(formatHallTime('2026-11-28T09:31:00+08:00'), '2026-11-28 09:31');
    assert.throws(() => formatHallTime('not a time'), /issuedAt/);
  });
});

describe('ticket layout: user text cannot inject receiptline markup', () => {
  const nasty = 'a|b {code:https://evil; option:qrcode} ^^^^big^ ~x~ _u_ "em" `iv` \\n\\x41 back\\slash';

  test('markup characters print as themselves', () => {
    const receipt = interpret(renderTicket(sampleTicket({ notice: nasty, hallName: '中心|{}' })));
    const text = receipt.lines.map((l) => l.text).join('');
    assert.ok(text.includes('a|b {code:https://evil; option:qrcode} ^^^^big^ ~x~ _u_ "em" `iv` \\n\\x41 back\\slash'), text);
    assert.ok(receipt.lines.some((l) => l.text === '中心|{}'));
    assert.deepEqual(receipt.qrCodes, [sampleTicket().statusUrl], 'no injected QR');
    assert.ok(receipt.lines.every((l) => l.size.w <= 5), 'no injected size');
  });

  test('a line of dashes or equals signs is text, not a rule or a paper cut', () => {
    const receipt = interpret(renderTicket(sampleTicket({ notice: '====', departmentName: '---' })));
    assert.equal(receipt.cuts, 1);
    assert.ok(receipt.lines.some((l) => l.text === '===='));
    assert.ok(receipt.lines.some((l) => l.text === '---'));
  });

  test('line breaks in user text do not start new receiptline lines', () => {
    const doc = ticketDocument(sampleTicket({ notice: '第一行\n=\n{code:x}' }));
    assert.ok(!doc.split('\n').some((line) => line === '=' || line.startsWith('{code:x')));
  });

  test('escapeText escapes every receiptline special character', () => {
    assert.equal(escapeText('\\|{}-=_"`^~'), '\\\\\\|\\{\\}\\-\\=\\_\\"\\`\\^\\~');
    assert.equal(escapeText('价格¥5'), '价格￥5');
  });

  test('a status URL with property delimiters reaches the QR unchanged', () => {
    const statusUrl = 'https://hall.example.cn/t?a=1;b={2}|c\\d&e=中文';
    assert.deepEqual(interpret(renderTicket(sampleTicket({ statusUrl }))).qrCodes, [statusUrl]);
  });
});

describe('ticket preview and test page', () => {
  test('renderTicketSvg draws the same ticket with a CJK font and a QR', () => {
    const svg = renderTicketSvg(sampleTicket(), { paperWidth: 80, qr: 'native' });
    assert.match(svg, /^<svg /);
    assert.match(svg, /width="576px"/);
    assert.match(svg, /Noto Sans Mono CJK SC/);
    assert.ok(svg.includes('>号<'), 'Chinese glyphs as text');
    assert.match(svg, /<path d="M/, 'QR modules');
  });

  test('the test page names the hall and printer, has Chinese, a QR and one cut', () => {
    const bytes = testPage(
      { hallName: '朝阳区政务服务中心', printerName: '取号机1 (tcp 10.0.0.7:9100)', printedAt: '2026-11-28T01:31:00Z', qrPayload: 'HallQ 测试' },
      { paperWidth: 58, qr: 'native' },
    );
    const receipt = interpret(bytes);
    const text = receipt.lines.map((l) => l.text);
    const all = text.join('');
    assert.ok(text.includes('打印测试'));
    assert.ok(text.includes('朝阳区政务服务中心'));
    assert.ok(all.includes('打印机：取号机1 (tcp 10.0.0.7:9100)'), 'long lines wrap, nothing lost');
    assert.ok(text.includes('时间：2026-11-28 09:31'));
    assert.ok(text.includes('中文测试：政务服务欢迎您 ￥0.00'));
    assert.deepEqual(receipt.qrCodes, ['HallQ 测试']);
    assert.equal(countBytes(bytes, [0x1d, 0x56]), 1);
  });
});
