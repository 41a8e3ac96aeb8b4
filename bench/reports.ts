// Reports on a year of a busy hall (issue 14): fills a database with a year of ticket legs over N
// windows (bench/lib/year-hall.ts), then times, over the hall's read-only reports connection, a
// month's hall report, a year's, and a month's XLSX workbook (every sheet, every leg), best of a
// few runs. Targets: ≤ 300 ms, ≤ 2 s, ≤ 5 s. Prints a Markdown table; it writes no file of ours.
// Run: npm run bench -- reports [--legs 2500000] [--windows 60] [--runs 3] [--db <file to reuse>]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openHallReader } from '../db/hall-db.js';
import { Reports } from '../db/reports.js';
import { loadHallFile } from '../main/config/hall-file.js';
import { dimensions } from '../main/reports/figures.js';
import { Slices } from '../main/reports/slices.js';
import { buildReport, rowsOf } from '../main/reports/summary.js';
import { legPagesInOrder } from '../main/reports/tickets-export.js';
import { writeReportXlsx } from '../main/reports/xlsx.js';
import { benchHallYaml } from './lib/bench-hall.js';
import { ms } from './lib/stats.js';
import { fillYearHall } from './lib/year-hall.js';

const { values } = parseArgs({
  options: { legs: { type: 'string' }, windows: { type: 'string' }, runs: { type: 'string' }, db: { type: 'string' }, keep: { type: 'boolean' } },
});
const LEGS = Number(values.legs ?? 2_500_000);
const WINDOWS = Number(values.windows ?? 60);
const RUNS = Number(values.runs ?? 3);
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const MONTH = { from: '2025-06-01', to: '2025-06-30' };

const dir = mkdtempSync(join(tmpdir(), 'hallq-reports-bench-'));
let dbPath: string;
let yamlPath: string;
let fill = '';
if (values.db) {
  dbPath = values.db;
  yamlPath = join(dir, 'year-hall.yml');
  writeFileSync(yamlPath, benchHallYaml(WINDOWS));
} else {
  const t0 = performance.now();
  const filled = fillYearHall({ dir, windows: WINDOWS, legs: LEGS, from: YEAR.from, days: 365 });
  dbPath = filled.dbPath;
  yamlPath = filled.yamlPath;
  fill = `Filled ${filled.legs.toLocaleString('en')} legs over ${filled.workingDays} working days and ${WINDOWS} windows in ${ms((performance.now() - t0) / 1000, 1)} s.`;
}
const hall = loadHallFile(yamlPath);
const reader = openHallReader(dbPath);
const reports = new Reports(reader);
const now = Date.parse('2026-01-01T00:00:00Z');

type Timing = { best: number; worst: number; cpu: number; stall: number };

/**
 * Best and worst wall time of RUNS, the CPU time of the best run (comparable on a busy machine), and
 * the longest the event loop was held over all runs (the hub's commands wait at most that), ms.
 */
async function time(work: () => unknown): Promise<Timing> {
  const took: { wall: number; cpu: number }[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await work();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    took.push({ wall, cpu: (c.user + c.system) / 1000 });
  }
  loop.disable();
  const best = took.reduce((a, b) => (b.wall < a.wall ? b : a));
  return { best: best.wall, worst: Math.max(...took.map((t) => t.wall)), cpu: best.cpu, stall: loop.max / 1e6 };
}

/** A report as the summary route makes it, every dimension's rows. */
const report = async (period: { from: string; to: string }) => {
  const r = await buildReport(reports, hall, period, { now });
  for (const d of dimensions) rowsOf(r, d);
  return r;
};
let xlsxBytes = 0;
const xlsx = async () => {
  xlsxBytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      xlsxBytes += chunk.length;
      done();
    },
  });
  const finished = new Promise((resolve) => sink.on('finish', resolve));
  const slices = new Slices();
  await writeReportXlsx(await report(MONTH), legPagesInOrder(reports, MONTH, slices), () => true, sink, slices);
  sink.end();
  await finished;
};

try {
  const monthLegs = reader.prepare<[string, string], number>('SELECT COUNT(*) FROM tickets WHERE day BETWEEN ? AND ?').pluck().get(MONTH.from, MONTH.to);
  const month = await time(() => report(MONTH));
  const year = await time(() => report(YEAR));
  const book = await time(xlsx);
  const rows: [string, Timing, number][] = [
    [`month's hall report (${MONTH.from}…${MONTH.to}, ${monthLegs?.toLocaleString('en')} legs, all dimensions + previous month)`, month, 300],
    [`year's hall report (${YEAR.from}…${YEAR.to}, all dimensions + previous year)`, year, 2000],
    [`month's XLSX (every sheet and every leg, ${(xlsxBytes / 1e6).toFixed(1)} MB)`, book, 5000],
  ];
  console.log(fill);
  console.log(`\n| measure | best ms | worst ms | CPU ms (best run) | longest event-loop stall ms | target ms | within |\n|---|---|---|---|---|---|---|`);
  for (const [what, t, target] of rows) console.log(`| ${what} | ${ms(t.best, 0)} | ${ms(t.worst, 0)} | ${ms(t.cpu, 0)} | ${ms(t.stall, 0)} | ${target} | ${t.best <= target ? 'yes' : 'no'} |`);
  console.log(`\nRuns: ${RUNS} each; node ${process.version}; ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; read-only connection on ${values.db ? dbPath : 'a fresh file'}.`);
} finally {
  reader.close();
  if (!values.keep && !values.db) rmSync(dir, { recursive: true, force: true });
  else if (!values.db) console.log(`kept ${dbPath}`);
}
