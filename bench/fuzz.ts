// Hostile-client drill: the real hub (its CLI, in its own process) under 100,000 and more hostile
// messages — event names and payloads of every type, with and without acks — on every namespace
// (kiosk, counter, display, agent, supervise, public, ticket). Reports what a hall would ask: did
// the hub crash, did the hall change, did every acknowledged message get a refusal, how much did
// the audit log and the file grow, how much memory did the hub take.
// Then the authorisation drill (bench/lib/authz-drill.ts): window 1's counter and an agent bound to
// window 1 reach, again and again, for what stands at the other windows.
// Run: npm run bench -- fuzz [--payloads 100000] [--authz 100000] [--seed N] [--no-write]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { BENCH_PASSWORD, BENCH_SUPERVISOR, prepareBenchHall } from './lib/bench-hall.js';
import { cpuMs, RssSampler, startHubProcess } from './lib/hub-process.js';
import { writeResultsBlock } from './lib/results-file.js';
import { openSocket, runStorm, type StormClient, type StormTally } from '../test/helpers/hostile.js';
import { runAuthzDrill, type DrillTally } from './lib/authz-drill.js';

const { values } = parseArgs({
  options: { payloads: { type: 'string', default: '100000' }, authz: { type: 'string', default: '100000' }, seed: { type: 'string', default: '20261201' }, 'no-write': { type: 'boolean', default: false } },
  strict: true,
});
const payloads = Number(values.payloads);
const seed = Number(values.seed);
const authzAttempts = Number(values.authz);
if (!Number.isInteger(payloads) || payloads < 1) throw new Error('--payloads: a positive whole number');
if (!Number.isInteger(authzAttempts) || authzAttempts < 0) throw new Error('--authz: a whole number');

const dir = mkdtempSync(join(tmpdir(), 'hallq-fuzz-'));
const hall = await prepareBenchHall({ dir, windows: 12, kiosks: 2, displays: 1 });
const hub = await startHubProcess({ config: hall.yamlPath, db: hall.dbPath });
const rss = new RssSampler(hub.pid);
let crashed = false;
hub.child.once('exit', (code, signal) => {
  if (code !== 0) crashed = true;
  console.error(`hub exited: code ${code} signal ${signal}`);
});

const login = async (staffId: string) => {
  const res = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId, password: BENCH_PASSWORD }) });
  const body = (await res.json()) as { ok: boolean; token: string };
  if (!body.ok) throw new Error(`login ${staffId} failed`);
  return body.token;
};
const kiosk = await openSocket(hub.url, '/kiosk', { token: hall.kioskTokens[0] });
const serviceCode = hall.servicesByWindow[0]![0]!;
const issued = (await kiosk.emitWithAck('ticket:issue', { requestId: 'fuzz-seed-ticket-1', serviceCode, kind: 'normal' })) as { ok: boolean; statusUrl?: string };
if (!issued.ok || !issued.statusUrl) throw new Error(`could not issue the visit the phone follows: ${JSON.stringify(issued)}`);
kiosk.close();
const status = new URL(issued.statusUrl);
const staff = hall.staff[0]!;
const auth: Record<string, object> = {
  '/kiosk': { token: hall.kioskTokens[0] },
  '/counter': { token: await login(staff.id), windowNo: staff.windowNo },
  '/display': { token: hall.displayTokens[0] },
  '/agent': { token: hall.agentToken },
  '/supervise': { token: await login(BENCH_SUPERVISOR) },
  '/public': {},
  '/ticket': { visitId: decodeURIComponent(status.pathname.split('/').pop()!), token: status.searchParams.get('k') },
};
const clients: StormClient[] = Object.entries(auth).map(([nsp, a]) => ({ nsp, connect: () => openSocket(hub.url, nsp, a) }));
const counter = await clients.find((c) => c.nsp === '/counter')!.connect(); // signed in before the snapshot
await counter.timeout(10_000).emitWithAck('window:signIn', { requestId: `fuzz-sign-in-${Date.now()}` });
counter.close();

const db = new Database(hall.dbPath, { readonly: true, fileMustExist: true });
const hallNow = () => {
  const n = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    seq: n('SELECT COALESCE(MAX(seq), 0) FROM event_log'),
    tickets: n('SELECT COUNT(*) FROM tickets'),
    appointments: n('SELECT COUNT(*) FROM appointments'),
    complaints: n('SELECT COUNT(*) FROM complaints'),
    ratings: n('SELECT COUNT(*) FROM ratings'),
    // Applied commands (a refusal by the engine is kept too, for its idempotency, but changes nothing).
    appliedCommands: n(`SELECT COUNT(*) FROM commands WHERE response LIKE '{"ok":true%'`),
  };
};
/** The database's logical size (pages in use, WAL included), which file sizes hide behind checkpoints. */
const fileBytes = () => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
const auditRows = () => db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;

const before = hallNow();
const rowsBefore = auditRows();
const bytesBefore = fileBytes();
const cpuBefore = cpuMs(hub.pid);
const started = Date.now();
let tally: StormTally | undefined;
let stormError: string | undefined;
try {
  tally = await runStorm(clients, payloads, { seed, ackTimeoutMs: 10_000 });
} catch (err) {
  stormError = (err as Error).message;
}
const seconds = (Date.now() - started) / 1000;
const cpu = cpuMs(hub.pid) - cpuBefore;
const health = await fetch(`${hub.url}/healthz`).then((r) => r.status, () => 0);
const after = hallNow();
const grown = fileBytes() - bytesBefore;
const auditWritten = auditRows() - rowsBefore;

// The authorisation drill: its set-up changes the hall on purpose; the attempts must not.
let drill: DrillTally | undefined;
let drillError: string | undefined;
let drillChanged: string[] = [];
let drillSeconds = 0;
if (authzAttempts > 0 && !crashed) {
  try {
    const sessions = new Map<number, string>();
    for (const s of hall.staff) sessions.set(s.windowNo, await login(s.id));
    const drillHall = { url: hub.url, kioskToken: hall.kioskTokens[1]!, agentToken: hall.agentToken, sessions, servicesByWindow: hall.servicesByWindow };
    let beforeDrill: ReturnType<typeof hallNow> | undefined;
    const t0 = Date.now();
    drill = await runAuthzDrill(drillHall, authzAttempts, () => void (beforeDrill = hallNow()));
    drillSeconds = (Date.now() - t0) / 1000;
    const afterDrill = hallNow();
    drillChanged = Object.entries(afterDrill)
      .filter(([k, v]) => beforeDrill![k as keyof typeof afterDrill] !== v)
      .map(([k, v]) => `${k} ${beforeDrill![k as keyof typeof afterDrill]} → ${v}`);
  } catch (err) {
    drillError = (err as Error).message;
  }
}
const changed = Object.entries(after).filter(([k, v]) => before[k as keyof typeof before] !== v).map(([k, v]) => `${k} ${before[k as keyof typeof before]} → ${v}`);
rss.stop();
db.close();
const exit = await hub.stop();
rmSync(dir, { recursive: true, force: true });

const t = tally ?? { sent: 0, refused: 0, accepted: 0, unanswered: 0, dropped: 0, unsendable: 0, problems: [] };
const drillOk = authzAttempts === 0 || (!!drill && !drillError && drill.refused === drill.attempts && drillChanged.length === 0);
const ok = !crashed && !stormError && health === 200 && changed.length === 0 && t.accepted === 0 && t.unanswered === 0 && t.problems.length === 0 && drillOk;
const command = `npm run bench -- fuzz${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(' ')}` : ''}`;
const block = `Command: \`${command}\`
Machine: ${cpus()[0]?.model ?? 'unknown'} ×${cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z

| What | Result |
|---|---|
| hostile messages sent (seed ${seed}) over 7 namespaces | ${t.sent.toLocaleString('en')} in ${seconds.toFixed(1)} s (${Math.round(t.sent / seconds)}/s); ${t.unsendable} more that socket.io-client refused to send |
| acknowledged ones refused with a code and a Chinese message | ${t.refused.toLocaleString('en')} |
| accepted / left unanswered | ${t.accepted} / ${t.unanswered} |
| connections the hub dropped (names the wire cannot carry as events) | ${t.dropped.toLocaleString('en')}, each reconnected |
| hub crashes | ${crashed ? 'yes' : 0}${stormError ? ` (storm stopped: ${stormError})` : ''}; /healthz after: ${health}; exit on SIGTERM: ${exit} |
| hall state changes (seq, tickets, appointments, complaints, ratings, applied commands) | ${changed.length === 0 ? 'none' : changed.join(', ')} |
| audit rows written | ${auditWritten.toLocaleString('en')} (budget: a few per source per minute plus one summary with the count) |
| database file growth | ${(grown / 1024).toFixed(0)} KiB |
| hub RSS | peak ${rss.peak.toFixed(0)} MiB |
| hub CPU | ${(cpu / 1000).toFixed(1)} s, ${((cpu * 1000) / Math.max(1, t.sent)).toFixed(0)} µs per message |
${t.problems.length ? `\nProblems (first ${t.problems.length}):\n${t.problems.map((p) => `- ${p}`).join('\n')}\n` : ''}
Authorisation drill: window 1's counter (requeue, reprint, cancel, resume, call by number) on tickets standing at windows 2–${hall.staff.length} (${
  drill ? Object.entries(drill.targets).map(([k, v]) => `${v} ${k}`).join(', ') : '—'
}), and an agent bound to window 1 pressing the other windows' keypads and caller keys.

| What | Result |
|---|---|
| attempts | ${drill ? `${drill.attempts.toLocaleString('en')} in ${drillSeconds.toFixed(1)} s (${Math.round(drill.attempts / Math.max(drillSeconds, 0.001))}/s)` : `not run${drillError ? ` (${drillError})` : ''}`} |
| refused with a code and a Chinese message | ${drill ? drill.refused.toLocaleString('en') : '—'} |
| hall state changes during the attempts | ${drill ? (drillChanged.length === 0 ? 'none' : drillChanged.join(', ')) : '—'} |
${drill?.holes.length ? `\nHoles (first ${drill.holes.length}):\n${drill.holes.map((p) => `- ${p}`).join('\n')}\n` : ''}
Verdict: ${ok ? 'pass' : 'FAIL'}`;
console.log(block);
if (!values['no-write']) writeResultsBlock(new URL('RESULTS.md', import.meta.url).pathname, 'fuzz', '## Hostile clients (main/hub boundary)', block);
process.exit(ok ? 0 : 1);
