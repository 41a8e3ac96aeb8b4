// Visitors' phones: the hub's work after each change to resend every watched ticket's status —
// the scan per watched visit it used to do (latestLeg + estimate, each a pass over the day's
// tickets) against one pass plus sorted lines (latestLegs + estimator). In-process, CPU time only,
// so it is comparable even on a busy machine.
// Run: npm run bench -- ticket-status [--tickets 2600] [--phones 300] [--rounds 50]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomIds } from '../main/hub/ids.js';
import { loadHallFile } from '../main/config/hall-file.js';
import { ticketStatus } from '../main/hub/roles/ticket.js';
import { latestLeg, latestLegs } from '../main/hub/visits.js';
import { applyAll, createState, decide, estimator, hallDay, type Command, type HallState } from '../main/queue/index.js';
import { benchHallYaml } from './lib/bench-hall.js';

const { values } = parseArgs({ options: { tickets: { type: 'string' }, phones: { type: 'string' }, rounds: { type: 'string' } } });
const TICKETS = Number(values.tickets ?? 2600);
const PHONES = Number(values.phones ?? 300);
const ROUNDS = Number(values.rounds ?? 50);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function hallWithTickets(): HallState {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-bench-'));
  try {
    writeFileSync(join(dir, 'hall.yml'), benchHallYaml(200));
    const hall = loadHallFile(join(dir, 'hall.yml'));
    const now = Date.now();
    const state = createState(hall, hallDay(hall, now));
    const ids = randomIds();
    let n = 0;
    const run = (cmd: DistributiveOmit<Command, 'requestId'>, actor = { role: 'staff' as const, id: 'bench' }) => {
      const d = decide(state, { ...cmd, requestId: `bench-${++n}` }, { now: now + n, ids, actor });
      if (d.ok) applyAll(state, d.events);
      return d;
    };
    const windows = hall.config.windows;
    hall.config.staff.forEach((s, i) => run({ type: 'signIn', windowNo: windows[i]!.number, staffId: s.id }));
    for (let i = 0; i < TICKETS; i++) {
      const services = windows[i % windows.length]!.services.flat();
      const kioskId = `K${String((i % 20) + 1).padStart(2, '0')}`;
      run({ type: 'issue', serviceCode: services[i % services.length]!, kind: i % 10 === 0 ? 'priority' : 'normal', kioskId }, { role: 'kiosk' as never, id: kioskId });
    }
    // Two in three are called and finished, as by mid-afternoon.
    for (let i = 0; i < Math.floor((TICKETS * 2) / 3); i++) {
      const windowNo = windows[i % windows.length]!.number;
      run({ type: 'callNext', windowNo });
      run({ type: 'start', windowNo });
      run({ type: 'finish', windowNo });
    }
    return state;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cpuMsPer(rounds: number, work: () => void): number {
  work(); // warm up
  const before = process.cpuUsage();
  for (let i = 0; i < rounds; i++) work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / rounds;
}

const state = hallWithTickets();
const waiting = [...state.tickets.values()].filter((t) => t.status === 'waiting');
const watched = new Map(waiting.slice(0, PHONES).map((t) => [t.visitId, '']));
let sink = 0;
const perVisit = cpuMsPer(ROUNDS, () => {
  for (const visitId of watched.keys()) {
    const t = latestLeg(state, visitId);
    if (t) sink += JSON.stringify(ticketStatus(state, t)).length;
  }
});
const onePass = cpuMsPer(ROUNDS, () => {
  const legs = latestLegs(state, watched.keys());
  const estimateOf = estimator(state);
  for (const visitId of watched.keys()) {
    const t = legs.get(visitId);
    if (t) sink += JSON.stringify(ticketStatus(state, t, estimateOf)).length;
  }
});
console.log(`Command: \`npm run bench -- ticket-status --tickets ${TICKETS} --phones ${PHONES} --rounds ${ROUNDS}\``);
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} ×${cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z (CPU time, not wall time)`);
console.log();
console.log(`Hall: 200 windows, ${state.tickets.size} tickets today (${waiting.length} waiting), ${watched.size} phones watching.`);
console.log();
console.log('| Resend every watched status after one change | CPU ms |');
console.log('|---|---|');
console.log(`| per watched visit: latestLeg + estimate (scans) | ${perVisit.toFixed(2)} |`);
console.log(`| one pass: latestLegs + estimator (sorted lines) | ${onePass.toFixed(2)} |`);
if (sink < 0) console.log(sink);
