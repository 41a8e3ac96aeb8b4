// The hub under test in its own process: the real CLI (`hallq hub … --port 0`), started with
// node --import tsx exactly as a hall would run it from a checkout, its URL read from the line the
// CLI prints when it is ready, its memory read from /proc/<pid>/status.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface HubProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** The hub's log lines at warn and above, for the report. */
  readonly stderr: string[];
  stop(): Promise<number | null>;
}

/** VmRSS of a process in MiB, or NaN once it is gone. */
export function rssMiB(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? NaN : Number(kb) / 1024;
  } catch {
    return NaN;
  }
}

export function startHubProcess(options: { config: string; db: string; cpuProfDir?: string; readyTimeoutMs?: number }): Promise<HubProcess> {
  const args = [
    ...(options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []),
    '--import',
    'tsx',
    'main/cli.ts',
    'hub',
    '--config',
    options.config,
    '--db',
    options.db,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, HALLQ_LOG: process.env.HALLQ_LOG ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (l) => stderr.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    // An overloaded hub works through its backlog before it closes (and writes its CPU profile).
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`hub did not print its URL within ${options.readyTimeoutMs ?? 60_000} ms\n${stderr.join('\n')}`));
    }, options.readyTimeoutMs ?? 60_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const url = /hallq hub listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ url, pid: child.pid!, child, stderr, stop });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (code ${code}) before it was ready\n${stderr.join('\n')}`));
    });
  });
}

/** CPU time (user + system) a process has used so far, in ms; NaN once it is gone. */
export function cpuMs(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: 100 on every Linux we run on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** Samples a process's RSS every `everyMs` until stopped. */
export class RssSampler {
  readonly samples: number[] = [];
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pid: number, everyMs = 200) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }
  sample(): number {
    const v = rssMiB(this.pid);
    if (Number.isFinite(v)) this.samples.push(v);
    return v;
  }
  get peak(): number {
    return Math.max(...this.samples);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}
