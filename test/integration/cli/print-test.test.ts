// `hallq print-test` end to end: the real command (a child process) against the printer simulator
// on loopback TCP, with an agent.yml written to a temp folder. What the simulator's interpreter read
// off the wire is what a technician would see on paper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrinterSimulator } from '../../../drivers/sim/printer-sim.js';
import { hallq, lines, scratch } from './run.js';

/** agent.yml with the printer on `port` and an LED display (a device that is not a printer). */
function agentFile(dir: string, port: number): string {
  const path = join(dir, 'agent.yml');
  writeFileSync(
    path,
    `hub: { url: http://127.0.0.1:8080, token: paste-the-token-from-hallq-pair-here }
name: 3号工控机
devices:
  - id: printer-k1
    kind: printer
    kioskId: K1
    transport: { kind: tcp, host: 127.0.0.1, port: ${port} }
    paperWidth: 58
  - id: led-1
    kind: led
    windowNo: 1
    transport: { kind: serial, path: /dev/ttyHALLQ-none, baudRate: 9600 }
    display: { codec: onbon, address: 1 }
`,
  );
  return path;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

test('print-test prints the test page (status, width, connection, time, Chinese, QR, cut); paper out is exit 1 and nothing printed', { timeout: 120_000 }, async (t) => {
  const sim = await PrinterSimulator.listenTcp(0, '127.0.0.1');
  t.after(() => sim.close());
  const dir = scratch('print-test');
  const config = agentFile(dir, sim.port);

  sim.setState({ paper: 'out' });
  const out = await hallq(['print-test', '--config', config, '--device', 'printer-k1'], dir);
  assert.equal(out.code, 1, out.stderr);
  assert.equal(out.stdout, '打印测试失败：缺纸\n');

  sim.setState({ paper: 'ok' });
  const printed = sim.nextReceipt(60_000);
  const before = Date.now();
  const ok = await hallq(['print-test', '--config', config, '--device', 'printer-k1'], dir);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, '打印测试完成：纸张正常，盖已关\n');
  const page = await printed;

  const text = page.lines.map((l) => l.text);
  const all = text.join('');
  assert.ok(text.includes('打印测试'), 'the heading');
  assert.ok(text.includes('3号工控机'), "the PC's name from agent.yml");
  assert.ok(all.includes('打印机：printer-k1（K1 取号机）'));
  assert.ok(text.includes(`连接：tcp 127.0.0.1:${sim.port}`), 'the transport');
  assert.ok(text.includes('状态：正常'), 'the status read before printing');
  assert.ok(text.includes('纸宽：58 mm  二维码：原生'), "agent.yml's paper width and QR mode");
  assert.ok(text.includes('中文测试：政务服务欢迎您 ￥0.00'), 'GB18030 Chinese');
  const time = text.find((l) => l.startsWith('时间：'));
  assert.match(time ?? '', /^时间：\d{4}-\d\d-\d\d \d\d:\d\d$/);
  const printedAt = Date.parse(`${time!.slice(3).replace(' ', 'T')}:00+08:00`);
  assert.ok(Math.abs(printedAt - before) < 120_000, `time ${time} is now (Beijing time)`);
  assert.equal(page.qrCodes.length, 1);
  assert.ok(page.qrCodes[0]!.startsWith('HallQ 打印测试 printer-k1 '), page.qrCodes[0]);
  assert.equal(page.cuts, 1);
  assert.equal(sim.receipts.length, 1, 'the paper-out run printed nothing');
});

test('print-test: a printer that does not answer, or is not there, is exit 1 with the reason', { timeout: 120_000 }, async (t) => {
  const sim = await PrinterSimulator.listenTcp(0, '127.0.0.1');
  t.after(() => sim.close());
  const dir = scratch('print-test-offline');

  sim.setState({ offline: true });
  const silent = await hallq(['print-test', '--config', agentFile(dir, sim.port), '--device', 'printer-k1'], dir);
  assert.equal(silent.code, 1, silent.stderr);
  assert.equal(silent.stdout, '打印测试失败：脱机：打印机无应答，请检查电源和连线\n');

  const timedOut = await hallq(['print-test', '--config', agentFile(dir, sim.port), '--device', 'printer-k1', '--timeout', '0.2'], dir);
  assert.equal(timedOut.code, 1, timedOut.stderr);
  assert.match(timedOut.stdout, /^打印测试失败：0\.2 秒内未能连接打印机并读到状态（tcp 127\.0\.0\.1:\d+：.+）\n$/);

  const port = await closedPort();
  const gone = await hallq(['print-test', '--config', agentFile(dir, port), '--device', 'printer-k1'], dir);
  assert.equal(gone.code, 1, gone.stderr);
  assert.match(gone.stdout, new RegExp(`^打印测试失败：无法连接打印机（tcp 127\\.0\\.0\\.1:${port}: connection refused.*）\\n$`));
  assert.equal(sim.receipts.length, 0);
});

test('print-test refuses a device id that is not a printer of the file, listing its printers (exit 2)', async () => {
  const dir = scratch('print-test-ids');
  const config = agentFile(dir, 9100);
  for (const [device, why] of [
    ['printer-k9', 'no device "printer-k9" in the agent file'],
    ['led-1', '"led-1" is a led, not a printer'],
  ] as const) {
    const r = await hallq(['print-test', '--config', config, '--device', device], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.deepEqual(lines(r.stderr), [`hallq print-test: ${config}: ${why}; its printers: printer-k1`]);
  }
});
