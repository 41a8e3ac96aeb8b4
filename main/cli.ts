#!/usr/bin/env node
// hallq — the hall's command line: run the hub, pair devices, set staff passwords, run a hall PC's
// device agent, test a printer, run the demo hall. Started by bin/hallq.mjs (`npx hallq …`) or
// `node --import tsx main/cli.ts …`. Usage errors are one line on stderr and exit code 2; a printer
// that fails its test exits 1.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { DeviceRole } from '../db/access.js';
import type { loadHallFile } from './config/hall-file.js';

const USAGE_ERROR = 2;
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

type HallFile = ReturnType<typeof loadHallFile>;

/** A usage error or an unusable file, said the way commander says its own: one "hallq <cmd>: …" line each, exit 2. */
function refuse(cmd: Command, message: string): never {
  cmd.error(message, { exitCode: USAGE_ERROR, code: 'hallq.refused' });
}

/** Commander's own errors ("error: unknown option '--bogus'\n(Did you mean --host?)") as one line. */
function errorLine(name: string) {
  return (str: string, write: (s: string) => void) => {
    const ours = !str.startsWith('error: ');
    write(`${said(name, ours ? str.trimEnd() : `${str.slice('error: '.length).trim().replace(/\s*\n\s*/g, ' ')} (see: ${name} --help)`)}\n`);
  };
}

/** "hallq hub: " before every line: a file's problems are one line each ("hall.yml:21 windows[3]: …"). */
function said(name: string, text: string): string {
  return text
    .split('\n')
    .map((line) => `${name}: ${line}`)
    .join('\n');
}

function subcommand(program: Command, name: string, description: string, examples: readonly string[]): Command {
  return program
    .command(name)
    .description(description)
    .configureOutput({ outputError: errorLine(`hallq ${name}`) })
    .addHelpText('after', `\nExample${examples.length > 1 ? 's' : ''}:\n${examples.map((e) => `  ${e}`).join('\n')}\n`);
}

function portNumber(value: string): number {
  const p = Number(value);
  if (!/^\d+$/.test(value) || p > 65535) throw new InvalidArgumentError('expected a port number 0–65535.');
  return p;
}

/** --config hall.yml --db hall.db, both required: the commands that open the hall's database. */
function hallOptions(cmd: Command): Command {
  return cmd.requiredOption('--config <hall.yml>', 'the hall file').requiredOption('--db <hall.db>', 'the hall database (SQLite; created if missing)');
}

async function openHall(cmd: Command, path: string): Promise<HallFile> {
  const { loadHallFile } = await import('./config/hall-file.js');
  try {
    return loadHallFile(path);
  } catch (err) {
    refuse(cmd, (err as Error).message);
  }
}

async function openAgentFile(cmd: Command, path: string) {
  const { loadAgentConfig } = await import('./agent/index.js');
  try {
    return loadAgentConfig(path);
  } catch (err) {
    refuse(cmd, (err as Error).message);
  }
}

/** Run `close` on SIGTERM / Ctrl+C (once), then exit 0. */
function stopOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function hubCommand(program: Command): void {
  const cmd = subcommand(program, 'hub', "run the hall's hub (Socket.IO + SQLite) and serve the screens", [
    'hallq hub --config hall.yml --db hall.db --port 8080 --public-url http://10.0.0.5:8080',
  ]);
  hallOptions(cmd)
    .option('--port <n>', 'port to listen on (0: any free port)', portNumber, 8080)
    .option('--host <address>', 'address to listen on', '0.0.0.0')
    .option('--public-url <url>', "the hub's address as visitors' phones reach it (printed in each ticket's QR code)")
    .option('--voice-dir <folder>', "the hall's own voice clips (default: the hall file's display.voice.clipsDir)")
    .action(async (o: { config: string; db: string; port: number; host: string; publicUrl?: string; voiceDir?: string }) => {
      const hall = await openHall(cmd, o.config);
      // --voice-dir, else the hall file's clipsDir (made absolute by loadHallFile); the hub serves it.
      const voiceDir = o.voiceDir !== undefined ? resolve(o.voiceDir) : hall.config.display.voice.clipsDir;
      if (voiceDir !== undefined && !existsSync(voiceDir)) refuse(cmd, `voice clips folder ${voiceDir} does not exist`);
      const { startHub } = await import('./hub/server.js');
      const hub = await startHub({
        hall,
        dbPath: o.db,
        port: o.port,
        host: o.host,
        ...(o.publicUrl !== undefined && { publicUrl: o.publicUrl }),
        ...(voiceDir !== undefined && { voiceDir }),
      });
      stopOnSignals(() => hub.close());
      // Tests and supervisors read this line to know the hub is ready.
      console.log(`hallq hub listening on ${hub.url}`);
    });
}

const DEVICE_ROLES: readonly DeviceRole[] = ['kiosk', 'display', 'agent'];

interface PairOptions {
  config: string;
  db: string;
  role: DeviceRole;
  id: string;
  name?: string;
  /** false with --no-printer. */
  printer: boolean;
  /** Agents: the windows and kiosks it may serve ("1-12,14", "K1,K2"). */
  windows?: string;
  kiosks?: string;
}

/** --windows / --kiosks: what an agent may serve (its LED displays and keypads, its printers). */
function bindingOptions(cmd: Command): Command {
  return cmd
    .option('--windows <list>', 'agents: the windows its displays and keypads serve, e.g. 1-12,14')
    .option('--kiosks <list>', 'agents: the kiosks its printers print for, e.g. K1,K2');
}

async function agentBinding(cmd: Command, hall: HallFile, o: { windows?: string | undefined; kiosks?: string | undefined }) {
  const { parseAgentBinding } = await import('./hub/agent-binding.js');
  try {
    return parseAgentBinding(o, hall);
  } catch (err) {
    refuse(cmd, (err as Error).message);
  }
}

function pairCommand(program: Command): void {
  const cmd = subcommand(program, 'pair', "pair a device with the hub; prints its token (alone on stdout) for the device's config", [
    'hallq pair --config hall.yml --db hall.db --role kiosk --id K1 --name "1号取号机"',
    'hallq pair --config hall.yml --db hall.db --role agent --id PC1 --name "1号工控机" --windows 1-12 --kiosks K1',
  ]);
  bindingOptions(
    hallOptions(cmd)
      .addOption(new Option('--role <role>', 'what the device is').choices(DEVICE_ROLES).makeOptionMandatory())
      .requiredOption('--id <id>', 'its id: 1–64 letters, digits, "-" or "_" (e.g. K1, D1, PC1)', (v) => {
        if (!/^[A-Za-z0-9_-]{1,64}$/.test(v)) throw new InvalidArgumentError('expected 1–64 letters, digits, "-" or "_".');
        return v;
      })
      .option('--name <name>', 'its name for people (default: the id)')
      .option('--no-printer', 'a kiosk without a ticket printer (it shows the QR on screen instead)'),
  ).action(async (o: PairOptions) => {
    const hall = await openHall(cmd, o.config);
    if (o.role !== 'agent' && (o.windows !== undefined || o.kiosks !== undefined)) refuse(cmd, '--windows and --kiosks are for --role agent only');
    const binding = o.role === 'agent' ? await agentBinding(cmd, hall, o) : undefined;
    const [{ openHallDb }, { bindingText }] = await Promise.all([import('../db/hall-db.js'), import('./hub/agent-binding.js')]);
    const store = openHallDb(o.db, hall);
    const token = store.access.pairDevice({ id: o.id, role: o.role, name: o.name ?? o.id, hasPrinter: o.printer, ...(binding && { binding }) });
    store.close();
    console.log(token);
    // On stderr, so stdout stays the token alone.
    if (binding) console.error(`${o.id} serves ${bindingText(binding)}${bindingText(binding) === 'nothing' ? ' (give --windows and --kiosks, or run hallq bind)' : ''}`);
  });
}

function bindCommand(program: Command): void {
  const cmd = subcommand(program, 'bind', 'set which windows and kiosks a paired agent may serve (replaces what it had; takes effect at once)', [
    'hallq bind --config hall.yml --db hall.db --id PC1 --windows 1-12 --kiosks K1',
  ]);
  bindingOptions(hallOptions(cmd).requiredOption('--id <id>', 'the paired agent (e.g. PC1)')).action(
    async (o: { config: string; db: string; id: string; windows?: string; kiosks?: string }) => {
      const hall = await openHall(cmd, o.config);
      const binding = await agentBinding(cmd, hall, o);
      const [{ openHallDb }, { bindingText }] = await Promise.all([import('../db/hall-db.js'), import('./hub/agent-binding.js')]);
      const store = openHallDb(o.db, hall);
      try {
        store.access.bindAgent(o.id, binding);
      } catch (err) {
        store.close();
        refuse(cmd, (err as Error).message);
      }
      store.close();
      console.log(`${o.id} serves ${bindingText(binding)}`);
    },
  );
}

function passwdCommand(program: Command): void {
  const cmd = subcommand(program, 'passwd', "set a staff member's password (staff numbers are in the hall file)", [
    "hallq passwd --config hall.yml --db hall.db --staff 0101 --password 'Binhe#2026'",
  ]);
  hallOptions(cmd)
    .requiredOption('--staff <number>', 'the staff number, as in the hall file (e.g. 0101)')
    .requiredOption('--password <password>', 'at least 8 characters')
    .action(async (o: { config: string; db: string; staff: string; password: string }) => {
      const hall = await openHall(cmd, o.config);
      if (!hall.staff.has(o.staff)) refuse(cmd, `--staff: unknown staff number '${o.staff}'`);
      if (o.password.length < 8) refuse(cmd, '--password: at least 8 characters');
      const [{ openHallDb }, { hashPassword }] = await Promise.all([import('../db/hall-db.js'), import('./hub/passwords.js')]);
      const store = openHallDb(o.db, hall);
      store.access.setPasswordHash(o.staff, await hashPassword(o.password));
      store.close();
      console.log(`password set for ${o.staff}`);
    });
}

function pinHashCommand(program: Command): void {
  // The kiosk's admin PIN lives in the hall file as a hash only; the hub checks it (kiosk:unlock).
  const cmd = subcommand(program, 'pin-hash', "print the kiosk.adminPinHash line for the hall file (the kiosks' settings PIN)", [
    'hallq pin-hash --pin 246810',
  ]);
  cmd.requiredOption('--pin <digits>', "4–12 digits (typed on the kiosk's on-screen keypad)").action(async (o: { pin: string }) => {
    if (!/^\d{4,12}$/.test(o.pin)) refuse(cmd, "--pin: 4–12 digits (typed on the kiosk's on-screen keypad)");
    const { hashPassword } = await import('./hub/passwords.js');
    console.log(`kiosk: { adminPinHash: "${await hashPassword(o.pin)}" }`);
  });
}

function demoCommand(program: Command): void {
  const cmd = subcommand(program, 'demo', 'run the demo hall on this machine: hub, simulated devices and a real agent (see README)', [
    'hallq demo --port 8080 --rush',
  ]);
  cmd
    .option('--port <n>', 'port to listen on', portNumber, 8080)
    .option('--rush', 'add simulated visitors and staff at windows 4 and up', false)
    .action(async (o: { port: number; rush: boolean }) => {
      const { runDemo } = await import('./demo/index.js');
      await runDemo({ port: o.port, rush: o.rush });
    });
}

function agentCommand(program: Command): void {
  const cmd = subcommand(program, 'agent', "run a hall PC's device agent: its printers, LED displays and keypads (see config/demo-agent.yml)", [
    'hallq agent --config agent.yml',
  ]);
  cmd.requiredOption('--config <agent.yml>', "the hall PC's agent file").action(async (o: { config: string }) => {
    const config = await openAgentFile(cmd, o.config);
    const { runAgent } = await import('./agent/index.js');
    const agent = await runAgent(config);
    stopOnSignals(() => agent.close());
    // Tests and supervisors read this line to know the agent is up.
    console.log(`hallq agent running (${config.devices.length} devices, hub ${config.hub.url})`);
  });
}

function printTestCommand(program: Command): void {
  const cmd = subcommand(program, 'print-test', "print a test page on one of agent.yml's printers and say whether it worked (exit 1 if not)", [
    'hallq print-test --config agent.yml --device printer-k1',
  ]);
  cmd
    .requiredOption('--config <agent.yml>', "the hall PC's agent file")
    .requiredOption('--device <id>', 'the printer\'s id in that file (e.g. printer-k1)')
    .option('--timeout <seconds>', 'give up when the printer is not reachable and answering within this time', (v) => {
      const s = Number(v);
      if (!(s > 0 && s <= 600)) throw new InvalidArgumentError('expected seconds, more than 0 and at most 600.');
      return s;
    }, 10)
    .action(async (o: { config: string; device: string; timeout: number }) => {
      const config = await openAgentFile(cmd, o.config);
      const { findPrinter, printTest } = await import('./agent/index.js');
      const found = findPrinter(config, o.device);
      if ('problem' in found) refuse(cmd, `${o.config}: ${found.problem}`);
      const { pino } = await import('pino');
      // stdout carries the summary alone; driver logs go to stderr.
      const log = pino({ name: 'print-test', level: process.env.HALLQ_LOG ?? 'warn' }, pino.destination(2));
      const result = await printTest(found.printer, found.index, {
        timeoutMs: o.timeout * 1000,
        log,
        ...(config.name !== undefined && { title: config.name }),
      });
      console.log(result.summary);
      process.exit(result.ok ? 0 : 1);
    });
}

function hallqProgram(): Command {
  const program = new Command('hallq')
    .description('HallQ — 政务服务中心排队叫号系统 (the queue system for government service halls)')
    .version(version, '-V, --version', "print hallq's version")
    .configureOutput({ outputError: errorLine('hallq') })
    // Every usage error exits 2 (help and --version exit 0); subcommands inherit this.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : USAGE_ERROR))
    .addHelpText('after', '\nExample:\n  hallq hub --help\n\nRun from a checkout with `npx hallq …`; README.md has each command in use.\n');
  hubCommand(program);
  pairCommand(program);
  bindCommand(program);
  passwdCommand(program);
  pinHashCommand(program);
  agentCommand(program);
  printTestCommand(program);
  demoCommand(program);
  return program;
}

let running = 'hallq';
try {
  await hallqProgram()
    .hook('preAction', (_program, action) => void (running = `hallq ${action.name()}`))
    .parseAsync(process.argv);
} catch (err) {
  // A command that could not run (a port in use, a database it refuses): one line, no stack trace.
  console.error(said(running, err instanceof Error ? err.message : String(err)));
  if (process.env.HALLQ_LOG === 'debug' || process.env.HALLQ_LOG === 'trace') console.error(err);
  process.exit(1);
}
