#!/usr/bin/env node
// hallq — the hall's command line: run the hub, pair devices, set staff passwords.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HallStore } from '../db/store.js';
import { AccessRepo, type DeviceRole } from '../db/access.js';
import { loadHallFile } from './config/hall-file.js';
import { startHub } from './hub/server.js';
import { hashPassword } from './hub/passwords.js';

const usage = `hallq — 政务服务中心排队叫号系统

  hallq hub   --config hall.yml --db hall.db [--port 8080] [--host 0.0.0.0] [--public-url http://10.0.0.5:8080]
              [--voice-dir clips/]   (the hall's own voice clips; default: the hall file's display.voice.clipsDir)
  hallq pair  --config hall.yml --db hall.db --role kiosk|display|agent --id K1 --name "1号取号机" [--no-printer]
  hallq passwd --config hall.yml --db hall.db --staff 0101 --password …
  hallq pin-hash --pin 246810                  (prints the kiosk.adminPinHash line for the hall file)
  hallq demo  [--port 8080] [--rush]          (a demo hall: see README)
  hallq agent --config agent.yml               (the device agent of a hall PC: see README)
`;

function fail(message: string): never {
  console.error(`hallq: ${message}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    config: { type: 'string' },
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'public-url': { type: 'string' },
    role: { type: 'string' },
    id: { type: 'string' },
    name: { type: 'string' },
    'no-printer': { type: 'boolean' },
    staff: { type: 'string' },
    password: { type: 'string' },
    pin: { type: 'string' },
    rush: { type: 'boolean' },
    'voice-dir': { type: 'string' },
  },
  strict: true,
});

function hallAndDb(): { hall: ReturnType<typeof loadHallFile>; db: string } {
  if (!values.config) fail('--config hall.yml is required');
  if (!values.db) fail('--db hall.db is required');
  try {
    return { hall: loadHallFile(values.config), db: values.db };
  } catch (err) {
    fail((err as Error).message);
  }
}

/** --voice-dir, else the hall file's clipsDir (made absolute by loadHallFile); the hub serves it. */
function voiceDir(hall: ReturnType<typeof loadHallFile>): { voiceDir?: string } {
  const full = values['voice-dir'] !== undefined ? resolve(values['voice-dir']) : hall.config.display.voice.clipsDir;
  if (full === undefined) return {};
  if (!existsSync(full)) fail(`voice clips folder ${full} does not exist`);
  return { voiceDir: full };
}

function port(): number {
  const p = Number(values.port ?? 8080);
  if (!Number.isInteger(p) || p < 0 || p > 65535) fail(`--port ${values.port}: expected a port number 0–65535`);
  return p;
}

switch (command) {
  case 'hub': {
    const { hall, db } = hallAndDb();
    const hub = await startHub({
      hall,
      dbPath: db,
      port: port(),
      host: values.host ?? '0.0.0.0',
      ...(values['public-url'] !== undefined && { publicUrl: values['public-url'] }),
      ...voiceDir(hall),
    });
    const stop = () => void hub.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    // Tests and supervisors read this line to know the hub is ready.
    console.log(`hallq hub listening on ${hub.url}`);
    break;
  }
  case 'pair': {
    const { hall, db } = hallAndDb();
    const role = values.role as DeviceRole | undefined;
    if (role !== 'kiosk' && role !== 'display' && role !== 'agent') fail('--role must be kiosk, display or agent');
    if (!values.id || !/^[A-Za-z0-9_-]{1,64}$/.test(values.id)) fail('--id: 1–64 letters, digits, "-" or "_"');
    const store = HallStore.open({ path: db, hall });
    const token = new AccessRepo(store.db).pairDevice({ id: values.id, role, name: values.name ?? values.id, hasPrinter: !values['no-printer'] });
    store.close();
    console.log(token);
    break;
  }
  case 'passwd': {
    const { hall, db } = hallAndDb();
    if (!values.staff || !hall.staff.has(values.staff)) fail(`--staff: unknown staff number '${values.staff ?? ''}'`);
    if (!values.password || values.password.length < 8) fail('--password: at least 8 characters');
    const store = HallStore.open({ path: db, hall });
    new AccessRepo(store.db).setPasswordHash(values.staff, await hashPassword(values.password));
    store.close();
    console.log(`password set for ${values.staff}`);
    break;
  }
  case 'pin-hash': {
    // The kiosk's admin PIN lives in the hall file as a hash only; the hub checks it (kiosk:unlock).
    if (!values.pin || !/^\d{4,12}$/.test(values.pin)) fail('--pin: 4–12 digits (typed on the kiosk\'s on-screen keypad)');
    console.log(`kiosk: { adminPinHash: "${await hashPassword(values.pin)}" }`);
    break;
  }
  case 'demo': {
    const { runDemo } = await import('./demo/index.js');
    await runDemo({ port: port(), rush: values.rush ?? false });
    break;
  }
  case 'agent': {
    if (!values.config) fail('--config agent.yml is required');
    const { loadAgentConfig, runAgent } = await import('./agent/index.js');
    let config;
    try {
      config = loadAgentConfig(values.config);
    } catch (err) {
      fail((err as Error).message);
    }
    const agent = await runAgent(config);
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      void agent.close().then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    // Tests and supervisors read this line to know the agent is up.
    console.log(`hallq agent running (${config.devices.length} devices, hub ${config.hub.url})`);
    break;
  }
  case undefined:
  case 'help':
  case '--help':
    console.log(usage);
    break;
  default:
    fail(`unknown command '${command}'\n${usage}`);
}

