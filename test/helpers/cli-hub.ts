// The real `hallq` command line as a hall runs it: a hall file, `pair` and `passwd` before the
// start, then `hallq hub` as a child process that can be stopped (SIGTERM) or killed (SIGKILL).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { hubHallConfig, PASSWORD } from './hub.js';

const CLI = ['--import', 'tsx', 'main/cli.ts'];

export interface CliHall {
  readonly dir: string;
  readonly config: string;
  readonly db: string;
  /** Run a hallq command to completion; returns its stdout (trimmed); throws on a non-zero exit. */
  run(...args: string[]): string;
}

/** A temporary hall: the hub tests' hall written as a hall file (JSON is YAML), and a db path. */
export function cliHall(edit: Parameters<typeof hubHallConfig>[0] = () => {}): CliHall {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-cli-'));
  const config = join(dir, 'hall.yml');
  writeFileSync(config, JSON.stringify(hubHallConfig(edit), null, 2));
  const db = join(dir, 'hall.db');
  return {
    dir,
    config,
    db,
    run: (...args) => {
      const r = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`hallq ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return r.stdout.trim();
    },
  };
}

/** Pair a device with `hallq pair`; returns its token. */
export function pair(h: CliHall, role: 'kiosk' | 'display' | 'agent', id: string, printer = false): string {
  return h.run('pair', '--config', h.config, '--db', h.db, '--role', role, '--id', id, '--name', `${id}号设备`, ...(printer ? [] : ['--no-printer']));
}

/** Set staff passwords with `hallq passwd` (the hub tests' PASSWORD). */
export function passwd(h: CliHall, ...staff: string[]): void {
  for (const id of staff) h.run('passwd', '--config', h.config, '--db', h.db, '--staff', id, '--password', PASSWORD);
}

export interface CliHub {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
}

/** Start `hallq hub` and wait for its "listening on <url>" line. */
export async function startCliHub(h: CliHall, port = 0): Promise<CliHub> {
  const child = spawn(process.execPath, [...CLI, 'hub', '--config', h.config, '--db', h.db, '--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HALLQ_LOG: process.env.HALLQ_LOG ?? 'warn' },
  });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hallq hub did not start within 60 s: ${stderr}`)), 60_000);
    lines.on('line', (line) => {
      const m = /hallq hub listening on (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hallq hub exited (${code}) before listening: ${stderr}`));
    });
  });
  return { child, url, port: Number(new URL(url).port), exited };
}
