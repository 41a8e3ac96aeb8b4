// Serial line benchmark: throughput and frame round trip through SerialTransport (+ LineQueue) on a
// socat pty pair opened at 9600 8N1, next to what a real 9600-baud line allows.
// Run: npx tsx bench/serial-line.ts [--rounds 1000]
// A pty ignores the baud rate: nothing here is throttled to 960 B/s. The measured numbers are our
// software's own cost (driver, event loop, kernel pty); the wire time is computed, not measured.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPtyPair } from '../test/helpers/pty.js';
import { SerialTransport } from '../drivers/transport/serial.js';
import { LineQueue } from '../drivers/transport/line-queue.js';

const BAUD = 9600;
const BITS_PER_BYTE = 10; // 8N1: start + 8 data + stop
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 1000;

const wireMs = (bytes: number, baud = BAUD): number => (bytes * BITS_PER_BYTE * 1000) / baud;
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const f = (n: number, digits = 2): string => n.toFixed(digits);

async function main(): Promise<void> {
  const pair = await createPtyPair('bench');
  const host = new SerialTransport({ path: pair.host, baudRate: BAUD });
  const device = new SerialTransport({ path: pair.device, baudRate: BAUD });
  await host.open();
  await device.open();

  // 1. Throughput host → device: 256 KiB in 40-byte frames, all queued at once; and one by one (awaiting drain).
  const frame = Buffer.alloc(40, 0x55);
  const total = 256 * 1024;
  const frames = Math.ceil(total / frame.length);
  let received = 0;
  let done: (() => void) | undefined;
  device.on('data', (c) => {
    received += c.length;
    done?.();
  });
  let t0 = performance.now();
  const allIn = new Promise<void>((r) => (done = () => received >= frames * frame.length && r()));
  await Promise.all(Array.from({ length: frames }, () => host.write(frame)));
  await allIn;
  const queuedBps = (frames * frame.length) / ((performance.now() - t0) / 1000);

  received = 0;
  const oneByOneFrames = 2000;
  const allIn2 = new Promise<void>((r) => (done = () => received >= oneByOneFrames * frame.length && r()));
  t0 = performance.now();
  for (let i = 0; i < oneByOneFrames; i++) await host.write(frame);
  await allIn2;
  const sequentialMs = performance.now() - t0;
  device.removeAllListeners('data');

  // 2. Round trip: a 40-byte display frame out, a 6-byte ack back (the device answers at once).
  const ack = Buffer.from([0x06, 0x01, 0x00, 0x00, 0x00, 0x03]);
  device.on('data', (c) => {
    for (const b of c) if (b === 0x03) void device.write(ack); // one ack per frame (frame ends 0x03)
  });
  const request = Buffer.alloc(40, 0x20);
  request[0] = 0x02;
  request[39] = 0x03;
  const q = new LineQueue(host);
  const parser = (buf: Buffer) => (buf.length >= 6 && buf[5] === 0x03 ? true : undefined);
  for (let i = 0; i < 50; i++) await q.request(request, { replyParser: parser, timeoutMs: 1000 }); // warm up
  const rtts: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const s = performance.now();
    await q.request(request, { replyParser: parser, timeoutMs: 1000 });
    rtts.push(performance.now() - s);
  }
  rtts.sort((a, b) => a - b);
  q.close();
  await host.close();
  await device.close();
  await pair.close();

  const lines: string[] = [];
  const out = (s = ''): void => void lines.push(s);
  out(`Command: \`npx tsx bench/serial-line.ts${roundsArg > 0 ? ` --rounds ${ROUNDS}` : ''}\``);
  out(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z`);
  out();
  out('**A socat pty does not throttle to the baud rate**: it moves bytes as fast as the kernel copies them.');
  out('The measured numbers below are our software cost (SerialTransport, LineQueue, event loop, pty);');
  out(`a real ${BAUD} 8N1 line carries at most ${BAUD}/${BITS_PER_BYTE} = ${BAUD / BITS_PER_BYTE} bytes/s, computed below.`);
  out();
  out('| Measured on the pty (9600 8N1 requested) | Result | Physical 9600 8N1 line |');
  out('|---|---|---|');
  out(`| Throughput, 256 KiB as 40-byte writes queued at once | ${f(queuedBps / 1024, 0)} KiB/s (${f(queuedBps / (BAUD / BITS_PER_BYTE), 0)}× the line) | 960 B/s |`);
  out(`| 2000 × 40-byte writes, each awaited (drain) | ${f(sequentialMs / oneByOneFrames, 3)} ms per write | ${f(wireMs(40), 1)} ms per frame |`);
  out(`| Round trip via LineQueue: 40-byte frame → 6-byte ack, ${ROUNDS} rounds | p50 ${f(pct(rtts, 50), 3)} ms · p95 ${f(pct(rtts, 95), 3)} ms · p99 ${f(pct(rtts, 99), 3)} ms · max ${f(rtts.at(-1)!, 3)} ms | ≥ ${f(wireMs(46), 1)} ms + device turnaround |`);
  out();
  out('Wire time of our frames (10 bits a byte, 8N1; 7E1/8N2 would be 10/11 bits):');
  out();
  out('| Frame | Bytes | 9600 | 19200 | 115200 |');
  out('|---|---|---|---|---|');
  const sizes: Array<[string, number]> = [
    ['ESC/POS status query `10 04 n` / its 1-byte reply', 3],
    ['keypad poll or key frame (addr, key, checksum)', 6],
    ['Onbon BX ping (preamble ×8, 14-byte header, 5 data, CRC, 5A)', 30],
    ['window display text frame', 40],
    ['display frame with 40 GB2312 characters', 100],
    ['a ticket (text, QR, cut) on a serial printer', 2048],
  ];
  for (const [what, n] of sizes) {
    out(`| ${what} | ${n} | ${f(wireMs(n), 1)} ms | ${f(wireMs(n, 19200), 1)} ms | ${f(wireMs(n, 115200), 2)} ms |`);
  }
  out();
  out(
    `So on a real line a 40-byte frame + 6-byte ack takes ≥ ${f(wireMs(46), 1)} ms: at most ~${Math.floor(1000 / wireMs(46))} exchanges/s per RS-485 line, ` +
      `~${f((40 * wireMs(46)) / 1000, 1)} s to refresh 40 window displays once. Our overhead per exchange (p50 above) is ` +
      `${f((pct(rtts, 50) / wireMs(46)) * 100, 1)}% of that wire time.`,
  );
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
