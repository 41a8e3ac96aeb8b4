// Hub load benchmark: the real hub (its CLI, in its own process) under a hall's worth of real
// Socket.IO clients — 200 counters, 20 kiosks, 20 displays — with 20 issues/s and 20 calls/s for a
// minute, judged against two floors measured in the same run: a bare Socket.IO broadcast round trip
// and a bare durable SQLite commit.
// Run: npm run bench -- hub-load [--seconds 60] [--windows 200] [--kiosks 20] [--displays 20]
//        [--issue-rate 20] [--call-rate 20] [--prefill 400] [--phones 0] [--profile] [--no-write]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { BENCH_PASSWORD, prepareBenchHall } from './lib/bench-hall.js';
import { socketFloor, sqliteFloor, type SocketFloor } from './lib/floors.js';
import { cpuMs, RssSampler, startHubProcess } from './lib/hub-process.js';
import { COMMAND_KINDS, EXPECTED_REFUSALS, runLoad, type LoadResult } from './lib/load.js';
import { writeResultsBlock } from './lib/results-file.js';
import { ms, summarize, type Summary } from './lib/stats.js';

export interface HubLoadOptions {
  readonly seconds: number;
  readonly windows: number;
  readonly kiosks: number;
  readonly displays: number;
  readonly issueRate: number;
  readonly callRate: number;
  readonly prefill: number;
  /** Visitors' phones following their ticket's status page. */
  readonly phones: number;
  /** Broadcasts for the Socket.IO floor (paced at the call rate); 0 skips the floors. */
  readonly floorRounds: number;
  readonly sqliteCommits: number;
  readonly ackTimeoutMs: number;
  readonly seed: number;
  /** Write a V8 CPU profile of the hub child here (node --cpu-prof). */
  readonly cpuProfDir?: string;
  readonly log?: (line: string) => void;
}

export const DEFAULTS: HubLoadOptions = {
  seconds: 60,
  windows: 200,
  kiosks: 20,
  displays: 20,
  issueRate: 20,
  callRate: 20,
  prefill: 400,
  phones: 0,
  floorRounds: 400,
  sqliteCommits: 1000,
  ackTimeoutMs: 10_000,
  seed: 20261129,
};

export interface HubLoadReport {
  readonly options: HubLoadOptions;
  readonly at: string;
  readonly machine: { readonly cpu: string; readonly cores: number; readonly node: string; readonly loadBefore: number[]; readonly loadAfter: number[] };
  readonly load: LoadResult;
  readonly ack: Record<string, Summary>;
  readonly callToDisplay: Summary;
  readonly rss: { readonly ready: number; readonly start: number; readonly peak: number; readonly end: number };
  readonly commandsPerSecond: Record<string, number> & { total: number };
  /** Hub CPU (user + system) during the timed run, as % of one core. */
  readonly hubCpuPercent: number;
  /** Hub CPU ms per acknowledged command: steadier than latency when the machine is shared. */
  readonly hubCpuMsPerCommand: number;
  /** /proc/pressure/cpu "some" avg60 before and after: the share of time runnable tasks waited for a core. */
  readonly cpuPressure: { readonly before: number; readonly after: number };
  readonly drift: { readonly sliceSeconds: number; readonly slices: readonly Summary[] };
  readonly unexpectedErrors: number;
  readonly floors?: { readonly broadcast: Summary; readonly ack: Summary; readonly missed: number; readonly sqlite: Summary };
  readonly hubExitCode: number | null;
  readonly hubStderr: readonly string[];
}

/** Linux PSI: % of the last minute in which some runnable task waited for a CPU (NaN where absent). */
function cpuPressure(): number {
  try {
    return Number(/some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

export async function runHubLoad(partial: Partial<HubLoadOptions> = {}): Promise<HubLoadReport> {
  const o: HubLoadOptions = { ...DEFAULTS, ...partial };
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'hallq-bench-'));
  const loadBefore = loadavg();
  const pressureBefore = cpuPressure();
  try {
    let floors: HubLoadReport['floors'];
    if (o.floorRounds > 0) {
      log(`floor: SQLite, ${o.sqliteCommits} single-row commits (WAL, synchronous=FULL) in ${dir}`);
      const sqlite = summarize(sqliteFloor({ dir, commits: o.sqliteCommits }));
      log(`floor: bare Socket.IO, ${o.floorRounds} broadcasts to ${o.displays} listeners at ${o.callRate}/s`);
      const sock: SocketFloor = await socketFloor({ listeners: o.displays, rounds: o.floorRounds, rate: o.callRate });
      floors = { broadcast: summarize(sock.broadcast), ack: summarize(sock.ack), missed: sock.missed, sqlite };
    }

    log(`hall: demo hall widened to ${o.windows} windows and ${o.windows} staff, ${o.kiosks} kiosks, ${o.displays} displays`);
    const hall = await prepareBenchHall({ dir, windows: o.windows, kiosks: o.kiosks, displays: o.displays });
    const hub = await startHubProcess({ config: hall.yamlPath, db: hall.dbPath, ...(o.cpuProfDir && { cpuProfDir: o.cpuProfDir }) });
    log(`hub: pid ${hub.pid} at ${hub.url}`);
    const rss = new RssSampler(hub.pid);
    const ready = rss.sample();
    let start = NaN;
    let cpuAtStart = NaN;
    let cpuAtEnd = NaN;
    let load: LoadResult;
    try {
      load = await runLoad({
        url: hub.url,
        seconds: o.seconds,
        issueRate: o.issueRate,
        callRate: o.callRate,
        prefill: o.prefill,
        ackTimeoutMs: o.ackTimeoutMs,
        password: BENCH_PASSWORD,
        staff: hall.staff,
        servicesByWindow: hall.servicesByWindow,
        kioskTokens: hall.kioskTokens,
        displayTokens: hall.displayTokens,
        phones: o.phones,
        seed: o.seed,
        log,
        onDone: () => void (cpuAtEnd = cpuMs(hub.pid)),
        onReady: () => {
          start = rss.sample();
          cpuAtStart = cpuMs(hub.pid);
          log(`load: ${o.issueRate} issues/s + ${o.callRate} calls/s for ${o.seconds} s`);
        },
      });
    } finally {
      rss.sample();
      rss.stop();
    }
    const end = rss.samples[rss.samples.length - 1] ?? NaN;
    const peak = rss.peak;
    const hubExitCode = await hub.stop();

    const ack: Record<string, Summary> = {};
    for (const kind of COMMAND_KINDS) ack[kind] = summarize(load.ack[kind]);
    const seconds = load.elapsedMs / 1000;
    const commandsPerSecond = { total: 0 } as Record<string, number> & { total: number };
    for (const kind of COMMAND_KINDS) {
      commandsPerSecond[kind] = load.ack[kind].length / seconds;
      commandsPerSecond.total += load.ack[kind].length / seconds;
    }
    // Latency drift over the run: every command's ack, per slice of the run.
    const sliceMs = Math.max(1000, Math.ceil(o.seconds / 6) * 1000);
    const slices: number[][] = [];
    for (const [at, latency] of load.timeline) (slices[Math.floor(Math.max(0, at) / sliceMs)] ??= []).push(latency);
    return {
      options: o,
      hubCpuPercent: ((cpuAtEnd - cpuAtStart) / load.elapsedMs) * 100,
      hubCpuMsPerCommand: (cpuAtEnd - cpuAtStart) / COMMAND_KINDS.reduce((n, k) => n + load.ack[k].length, 0),
      cpuPressure: { before: pressureBefore, after: cpuPressure() },
      drift: { sliceSeconds: sliceMs / 1000, slices: Array.from(slices, (l) => summarize(l ?? [])) },
      at: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model ?? 'unknown CPU', cores: cpus().length, node: process.version, loadBefore, loadAfter: loadavg() },
      load,
      ack,
      callToDisplay: summarize(load.callToDisplay),
      rss: { ready, start, peak, end },
      commandsPerSecond,
      unexpectedErrors: load.errors.total,
      ...(floors && { floors }),
      hubExitCode,
      hubStderr: hub.stderr.slice(-20),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report as Markdown: printed, and written into bench/RESULTS.md. */
export function formatReport(r: HubLoadReport, command: string): string {
  const o = r.options;
  const lines: string[] = [];
  const out = (s = '') => void lines.push(s);
  const row = (what: string, s: Summary) => out(`| ${what} | ${s.n} | ${ms(s.p50)} | ${ms(s.p90)} | ${ms(s.p99)} | ${ms(s.max)} |`);
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' / ');
  out(`Command: \`${command}\``);
  out(
    `Machine: ${r.machine.cpu} ×${r.machine.cores} (shared with the load generator and with other work on this machine: ` +
      `load average ${load(r.machine.loadBefore)} before, ${load(r.machine.loadAfter)} after; CPU pressure ` +
      `${ms(r.cpuPressure.before, 0)}% → ${ms(r.cpuPressure.after, 0)}% of the last minute with a task waiting for a core), Node ${r.machine.node}, ${r.at.slice(0, 16)}Z`,
  );
  out(
    `Load: ${o.windows} counters (one per window, staff signed in), ${o.kiosks} kiosks, ${o.displays} displays, real socket.io-client ` +
      `over loopback; ${o.issueRate} ticket:issue/s + ${o.callRate} calls/s (callNext → start → finish) for ${o.seconds} s ` +
      `after ${o.prefill} tickets issued beforehand${o.phones ? `, ${r.load.phones} of them followed on visitors' phones (/ticket)` : ''}; hub = \`node --import tsx main/cli.ts hub\` in its own process.`,
  );
  out();
  out('| Latency (ms) | n | p50 | p90 | p99 | max |');
  out('|---|---|---|---|---|---|');
  for (const kind of COMMAND_KINDS) row(`ack ${kind}`, r.ack[kind]!);
  row(`call → hall:events frame at each of ${o.displays} displays`, r.callToDisplay);
  if (r.floors) {
    row(`floor: bare Socket.IO emit → broadcast arrival (${o.displays} listeners)`, r.floors.broadcast);
    row('floor: bare Socket.IO acknowledged emit', r.floors.ack);
    row('floor: SQLite 1-row insert + commit (WAL, synchronous=FULL)', r.floors.sqlite);
  }
  out();
  const cps = r.commandsPerSecond;
  out(
    `Throughput: ${cps.total.toFixed(1)} commands/s acknowledged (` +
      COMMAND_KINDS.map((k) => `${k} ${cps[k]!.toFixed(1)}`).join(', ') +
      `); ${r.load.calls} calls made, ${r.load.callsSeenByEveryDisplay} seen by every display; ` +
      `each display received ${r.load.eventsPerDisplay.min}–${r.load.eventsPerDisplay.max} hall events` +
      (r.load.phones ? `; the phones received ${r.load.phoneUpdates} status updates.` : '.'),
  );
  out(
    `CPU during the timed run (% of one core): hub ${r.hubCpuPercent.toFixed(0)}% (${r.hubCpuMsPerCommand.toFixed(2)} ms per command), ` +
      `load generator ${r.load.generatorCpuPercent.toFixed(0)}%. ` +
      `Ack p50/p99 per ${r.drift.sliceSeconds} s of the run: ${r.drift.slices.map((s) => `${ms(s.p50, 0)}/${ms(s.p99, 0)}`).join(' · ')} ms.`,
  );
  out(`Hub RSS (VmRSS): ${ms(r.rss.ready, 0)} MiB ready · ${ms(r.rss.start, 0)} MiB with every client connected · peak ${ms(r.rss.peak, 0)} MiB · ${ms(r.rss.end, 0)} MiB at the end.`);
  const late = summarize(r.load.lateness);
  const login = summarize(r.load.loginMs);
  out(
    `Load generator: fired p50 ${ms(late.p50)} ms / p99 ${ms(late.p99)} ms / max ${ms(late.max)} ms after its planned instant; ` +
      `${o.windows} logins (scrypt) p50 ${ms(login.p50, 0)} ms; connecting every client took ${(r.load.connectMs / 1000).toFixed(1)} s.`,
  );
  const outcomes = r.load.outcomes.entries().filter(([k]) => !k.endsWith(':ok'));
  const expected = outcomes.filter(([k]) => EXPECTED_REFUSALS.has(k));
  out(
    `Expected refusals (queue-empty: a window whose services have nobody waiting): ${expected.length ? expected.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}.` +
      ` Unexpected errors: ${r.unexpectedErrors === 0 ? '0' : r.load.errors.entries().map(([k, n]) => `${k} ${n}`).join(', ')}.`,
  );
  if (r.load.reconnects.total > 0) {
    out(`Dropped and reconnected by themselves (with the last seq they saw): ${r.load.reconnects.entries().map(([k, n]) => `${k} ${n}`).join(', ')}.`);
  }
  if (r.floors?.missed) out(`Floor broadcasts not received: ${r.floors.missed}.`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      windows: { type: 'string' },
      kiosks: { type: 'string' },
      displays: { type: 'string' },
      'issue-rate': { type: 'string' },
      'call-rate': { type: 'string' },
      prefill: { type: 'string' },
      phones: { type: 'string' },
      'floor-rounds': { type: 'string' },
      profile: { type: 'boolean' },
      'no-write': { type: 'boolean' },
    },
    strict: true,
  });
  const num = (v: string | undefined, name: string, fallback: number): number => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} ${v}: expected a number ≥ 0`);
    return n;
  };
  const profileDir = values.profile ? fileURLToPath(new URL('./profiles/', import.meta.url)) : undefined;
  const report = await runHubLoad({
    seconds: num(values.seconds, 'seconds', DEFAULTS.seconds),
    windows: num(values.windows, 'windows', DEFAULTS.windows),
    kiosks: num(values.kiosks, 'kiosks', DEFAULTS.kiosks),
    displays: num(values.displays, 'displays', DEFAULTS.displays),
    issueRate: num(values['issue-rate'], 'issue-rate', DEFAULTS.issueRate),
    callRate: num(values['call-rate'], 'call-rate', DEFAULTS.callRate),
    prefill: num(values.prefill, 'prefill', DEFAULTS.prefill),
    phones: num(values.phones, 'phones', DEFAULTS.phones),
    floorRounds: num(values['floor-rounds'], 'floor-rounds', DEFAULTS.floorRounds),
    ...(profileDir && { cpuProfDir: profileDir }),
    log: (line) => console.log(line),
  });
  const command = `npm run bench -- hub-load${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
  const text = formatReport(report, command);
  console.log(`\n${text}`);
  if (report.hubExitCode !== 0) console.log(`\nhub exited with code ${report.hubExitCode}:\n${report.hubStderr.join('\n')}`);
  if (profileDir) console.log(`\nCPU profile of the hub written to ${profileDir}`);
  if (!values['no-write']) {
    writeResultsBlock(fileURLToPath(new URL('./RESULTS.md', import.meta.url)), 'hub-load', '## Hub load (main/hub)', text);
    console.log('\nwritten to bench/RESULTS.md');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
