// A real serial line without hardware: a socat pty pair. One end is the "device" side a simulator
// opens, the other the "host" side a driver opens. `cut()` kills socat (the cable-pull test) and
// `restore()` brings the same link paths back.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PtyPair {
  /** Path the driver (host side) opens. */
  readonly host: string;
  /** Path the simulator (device side) opens. */
  readonly device: string;
  /** Kill socat: both ends get EIO / close, as when a cable is pulled. */
  cut(): Promise<void>;
  /** Start socat again on the same paths. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function createPtyPair(name = 'line'): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), `hallq-pty-${name}-`));
  const host = join(dir, 'host');
  const device = join(dir, 'device');
  let proc: ChildProcess | undefined;

  async function start(): Promise<void> {
    proc = spawn('socat', [`pty,raw,echo=0,link=${host}`, `pty,raw,echo=0,link=${device}`], {
      stdio: 'ignore',
    });
    const started = Date.now();
    while (!(existsSync(host) && existsSync(device))) {
      if (proc.exitCode !== null) throw new Error(`socat exited with ${proc.exitCode}: is socat installed?`);
      if (Date.now() - started > 5000) throw new Error('socat did not create the pty links within 5 s');
      await sleep(10);
    }
  }
  async function stop(): Promise<void> {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((resolve) => p.once('exit', resolve));
    p.kill('SIGKILL');
    await exited;
    // socat removes its links on a clean exit only. A dangling link names a /dev/pts number the
    // kernel soon gives to another pty pair (another test's line): remove it, as an unplugged
    // adapter's device node disappears.
    rmSync(host, { force: true });
    rmSync(device, { force: true });
  }

  await start();
  return {
    host,
    device,
    cut: stop,
    restore: async () => {
      await stop();
      await start();
    },
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
