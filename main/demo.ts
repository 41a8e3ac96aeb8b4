// The demo hall (`npm start`): the demo hall file, a fresh SQLite file, devices paired and staff
// passwords set, so it runs with no setup. The screens and simulated devices join it as they land.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHallFile } from './config/hall-file.js';
import { startHub, type Hub } from './hub/server.js';
import { hashPassword } from './hub/passwords.js';

export const DEMO_PASSWORD = 'hallq123';
export const DEMO_HALL = fileURLToPath(new URL('../config/demo-hall.yml', import.meta.url));

export interface Demo {
  readonly hub: Hub;
  readonly tokens: Readonly<Record<string, string>>;
}

export async function runDemo(options: { port: number; rush: boolean }): Promise<Demo> {
  const hall = loadHallFile(DEMO_HALL);
  const dir = mkdtempSync(join(tmpdir(), 'hallq-demo-'));
  const hub = await startHub({ hall, dbPath: join(dir, 'hall.db'), port: options.port, host: '127.0.0.1' });
  const access = hub.core.access;
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const id of hall.staff.keys()) access.setPasswordHash(id, hash);
  const tokens = {
    kiosk: access.pairDevice({ id: 'K1', role: 'kiosk', name: '1号取号机', hasPrinter: false }),
    display: access.pairDevice({ id: 'D1', role: 'display', name: '大厅综合屏', hasPrinter: false }),
    agent: access.pairDevice({ id: 'PC1', role: 'agent', name: '演示工控机', hasPrinter: false }),
  };
  console.log(`
HallQ demo hall: ${hall.config.hall.name}
  hub        ${hub.url}        (health: ${hub.url}/healthz, hall: ${hub.url}/api/hall)
  database   ${join(dir, 'hall.db')}
  staff      every staff number in config/demo-hall.yml, password ${DEMO_PASSWORD}
  kiosk token   ${tokens.kiosk}
  display token ${tokens.display}
  agent token   ${tokens.agent}
Ctrl+C stops it.`);
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { hub, tokens };
}
