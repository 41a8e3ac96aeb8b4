// `kill -9` of the agent process (the real CLI, `hallq agent --config …`) in the middle of
// delivering a queue of caller keys: after a restart nothing is lost and nothing is applied twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { startHub, type Hub } from '../../../main/hub/server.js';
import { rid, startTestHub } from '../../helpers/hub.js';
import { hallDevices, until } from './harness.js';
import { sql } from '../../helpers/sql.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function startAgent(configPath: string): ChildProcess & { output: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'agent', '--config', configPath], {
    cwd: root,
    env: { ...process.env, HALLQ_LOG: process.env.HALLQ_LOG ?? 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
  return Object.assign(child, { output });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** Items waiting in the agent's outbox file, read beside the running agent (WAL allows it). */
function pending(path: string): number {
  if (!existsSync(path)) return -1;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'outbox'").get() as { n: number }).n === 0
      ? -1
      : (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

test('kill -9 of the agent mid-delivery: after a restart every caller key is applied exactly once', { timeout: 180_000 }, async (t) => {
  const h = await startTestHub();
  const dev = await hallDevices('kill');
  const restarted: { hub?: Hub } = {};
  const children: ChildProcess[] = [];
  t.after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await restarted.hub?.close();
    await h.close();
    await dev.close();
  });
  const configPath = join(dev.dir, 'agent.yml');
  writeFileSync(configPath, dev.yaml(h.url, h.tokens.agent));
  const outboxPath = join(dev.dir, 'outbox.db');

  // Four windows signed in, a visitor waiting for each.
  const kiosk = await h.kiosk();
  for (const service of ['GS-01', 'GS-01', 'DS-01', 'ZJ-01']) {
    assert.ok((await kiosk.emitWithAck('ticket:issue', { requestId: rid(), serviceCode: service, kind: 'normal' })).ok);
  }
  for (const [staff, windowNo] of [['0101', 1], ['0102', 2], ['0103', 3], ['0104', 4]] as const) await h.counter(staff, windowNo);
  const seqBefore = (sql(h).prepare('SELECT MAX(seq) AS s FROM event_log').get() as { s: number }).s;

  // The hub is away while the staff press next, then recall, at each window: 8 keys queue up.
  await h.hub.close();
  const first = startAgent(configPath);
  children.push(first);
  await until('the agent to start', () => first.output.join('').includes('hallq agent running'), 30_000);
  // A keypad's first report is its baseline (older presses are stale): press after it was read.
  await until('the agent polling the caller keypads', () => [11, 12, 13, 14].every((a) => dev.keypads.device(a).polls > 1), 30_000);
  let n = 0;
  for (const address of [11, 12, 13, 14]) {
    for (const key of ['next', 'recall'] as const) {
      dev.keypads.press(address, key);
      n++;
      await until(`key ${n} in the outbox`, () => pending(outboxPath) === n, 15_000);
    }
  }

  // The hub returns; when the third key reaches it, the agent is killed (its ack never arrives).
  const hub2 = (restarted.hub = await startHub({
    hall: h.hub.core.state.hall,
    dbPath: h.dbPath,
    port: h.hub.port,
    log: pino({ level: process.env.HALLQ_LOG ?? 'silent' }),
  }));
  let received = 0;
  hub2.io.of('/agent').on('connection', (socket) => {
    socket.use(([event], next) => {
      if (event === 'caller:key' && ++received === 3) first.kill('SIGKILL');
      next();
    });
  });
  await exited(first);
  assert.equal(first.signalCode, 'SIGKILL');
  const left = pending(outboxPath);
  assert.ok(left >= 6 && left < 8, `the kill came mid-delivery (${left} of 8 keys still queued)`);

  // Restarted, the agent sends what is left (the third key again, with its requestId).
  const second = startAgent(configPath);
  children.push(second);
  await until('the outbox to empty', () => pending(outboxPath) === 0, 60_000);

  const events = sql(hub2)
    .prepare("SELECT type, window_no AS windowNo FROM event_log WHERE seq > ? AND type IN ('ticket.called', 'ticket.recalled') ORDER BY seq")
    .all(seqBefore);
  assert.deepEqual(
    events,
    [1, 2, 3, 4].flatMap((w) => [
      { type: 'ticket.called', windowNo: w },
      { type: 'ticket.recalled', windowNo: w },
    ]),
  );
  for (const w of [1, 2, 3, 4]) {
    const current: string | undefined = hub2.core.state.windows.get(w)?.currentTicketId;
    assert.equal(current && hub2.core.state.tickets.get(current)?.recalls, 1, `window ${w}: recalled exactly once`);
  }

  // SIGTERM closes the agent cleanly.
  second.kill('SIGTERM');
  await exited(second);
  assert.equal(second.exitCode, 0, second.output.join(''));
});
