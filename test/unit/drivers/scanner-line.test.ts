import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScanLineParser, type ScanWarning } from '../../../drivers/scanner/line-parser.js';

function parse(chunks: Buffer[]): { texts: string[]; warnings: ScanWarning[] } {
  const warnings: ScanWarning[] = [];
  const p = new ScanLineParser({ maxLength: 64, onWarning: (w) => warnings.push(w) });
  const texts: string[] = [];
  p.on('data', (t: string) => texts.push(t));
  for (const c of chunks) p.write(c);
  return { texts, warnings };
}

test('scans ending in CR, CRLF or LF come out whole at every 2- and 3-piece split', () => {
  const stream = Buffer.from('123456\rhttp://10.0.0.5:8080/t/v1?k=abc\r\n654321\n', 'utf8');
  for (let i = 1; i < stream.length; i++) {
    for (let j = i; j < stream.length; j++) {
      const { texts, warnings } = parse([stream.subarray(0, i), stream.subarray(i, j), stream.subarray(j)]);
      assert.deepEqual(texts, ['123456', 'http://10.0.0.5:8080/t/v1?k=abc', '654321'], `split ${i}/${j}`);
      assert.deepEqual(warnings, []);
    }
  }
});

test('noise is dropped with a warning naming only its length; the next scan is read', () => {
  const { texts, warnings } = parse([Buffer.from([0x01, 0x02, 0x0d]), Buffer.from('x'.repeat(100)), Buffer.from('\r'), Buffer.from([0xff, 0xfe, 0x0d]), Buffer.from('123456\r')]);
  assert.deepEqual(texts, ['123456']);
  assert.deepEqual(warnings.map((w) => w.reason), ['control-bytes', 'too-long', 'not-utf8']);
  assert.ok(warnings.every((w) => Object.keys(w).sort().join() === 'length,reason'));
});
