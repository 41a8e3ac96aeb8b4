// A kiosk PC's app with its ticket printer attached: the app's startup (against the recording
// electron stand-in) runs the real device agent in-process, the agent reaches a real hub and a
// printer simulator on loopback TCP, and the kiosk page hears the device status through the
// preload's channel — asked for, and pushed when it changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IPC, type DeviceStatusView } from '../../../main/electron/api.js';
import { startApp } from '../../../main/electron/main.js';
import { PrinterSimulator } from '../../../drivers/sim/printer-sim.js';
import { fakeElectron } from '../../helpers/fake-electron.js';
import { startTestHub } from '../../helpers/hub.js';

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('the kiosk page sees its printer and the hub link through window.hallq, live', async (t) => {
  const hub = await startTestHub();
  t.after(() => hub.close());
  const printer = await PrinterSimulator.listenTcp(0, '127.0.0.1');
  t.after(() => printer.close());
  const dir = mkdtempSync(join(tmpdir(), 'hallq-app-agent-'));
  writeFileSync(
    join(dir, 'agent.yml'),
    `hub:\n  url: ${hub.url}\n  token: ${hub.tokens.agent}\noutbox: outbox.db\ndevices:\n  - id: printer-k2\n    kind: printer\n    kioskId: K2\n    transport: { kind: tcp, host: 127.0.0.1, port: ${printer.port} }\n`,
  );
  const configPath = join(dir, 'hallq-app.yml');
  writeFileSync(configPath, `role: kiosk\nhubUrl: ${hub.url}\ntoken: ${hub.tokens.kioskWithPrinter}\nagentConfig: agent.yml\n`);
  const rec = fakeElectron(dir);
  const app = await startApp(rec.electron, { configPath, preload: '/app/out/electron/preload.cjs' });
  t.after(() => app.shutdown());

  const kioskPage = rec.windows[0]!.webContents.loaded[0]!;
  assert.equal(kioskPage, `${hub.url}/kiosk/?token=${hub.tokens.kioskWithPrinter}`);
  const ask = rec.ipc.get(IPC.deviceStatus)!;
  const online = await until('the agent online with its printer', () => {
    const s = ask({ senderFrame: { url: kioskPage } }) as DeviceStatusView | undefined;
    return s?.hub === 'online' && s.devices.some((d) => d.id === 'printer-k2' && d.online) && s;
  });
  assert.equal(online.outboxPending, 0);
  assert.deepEqual(online.devices.map((d) => [d.id, d.kind]), [['printer-k2', 'printer']]);
  assert.throws(() => ask({ senderFrame: { url: 'http://127.0.0.2/' } }), /refused/);

  // Changes are pushed to the page without asking.
  const pushed = () => rec.windows[0]!.webContents.sent.filter(([channel]) => channel === IPC.deviceStatusChanged).map(([, s]) => s as DeviceStatusView);
  await until('a pushed status with the hub online', () => pushed().some((s) => s.hub === 'online'));
  await hub.close();
  const away = await until('a pushed status with the hub away', () => {
    const all = pushed();
    return all.slice(all.findIndex((s) => s.hub === 'online')).find((s) => s.hub !== 'online');
  });
  assert.ok(['offline', 'connecting'].includes(away.hub), away.hub);
});
