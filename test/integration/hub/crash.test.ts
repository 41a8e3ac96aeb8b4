// The hub process killed (kill -9) in the middle of a burst of commands, then started again on the
// same database file: nothing acknowledged is lost or doubled, a retried requestId is answered the
// same or applied for the first time, and clients that reconnect by themselves resync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openHubStore } from '../../../main/hub/store.js';
import { closeSql, sql } from '../../helpers/sql.js';
import { loadHallFile } from '../../../main/config/hall-file.js';
import { io, type Socket } from 'socket.io-client';
import type { HallFrame, SnapshotView } from '../../../main/protocol/index.js';
import { applyFrame, callsView, fromSnapshot, hallView, type Folded } from '../../helpers/fold.js';
import { cliHall, pair, passwd, startCliHub, type CliHub } from '../../helpers/cli-hub.js';
import { PASSWORD, rid } from '../../helpers/hub.js';

interface Client {
  readonly name: string;
  readonly socket: Socket;
  fold?: Folded;
  connects: number;
  readonly problems: string[];
  /** Another client of the same kind, connecting fresh (a snapshot of what it follows). */
  again(): Client;
}

/** A client as the screens build it: reconnects by itself, presenting the last seq it folded. */
function follow(url: string, nsp: string, name: string, auth: Record<string, unknown>): Client {
  const client = { name, connects: 0, problems: [] as string[] } as { -readonly [K in keyof Client]: Client[K] };
  client.socket = io(`${url}${nsp}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 400,
    auth: (cb) => cb(client.fold ? { ...auth, lastSeq: client.fold.seq } : auth),
  });
  client.socket.on('connect', () => client.connects++);
  // A counter screen signs in at its window after every connect.
  if (nsp === '/counter') client.socket.on('connect', () => void client.socket.emit('window:signIn', { requestId: rid() }, () => {}));
  client.socket.on('hall:snapshot', (s: SnapshotView) => (client.fold = fromSnapshot(s)));
  client.socket.on('hall:events', (f: HallFrame) => {
    if (!client.fold) return void client.problems.push(`frame (${f.after}, ${f.seq}] before any snapshot`);
    try {
      applyFrame(client.fold, f);
    } catch (err) {
      client.problems.push(String(err));
    }
  });
  client.again = () => follow(url, nsp, `a fresh ${name}`, auth);
  return client;
}

const until = async (what: string, done: () => boolean, timeoutMs = 60_000) => {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

interface Sent {
  readonly client: Client;
  readonly event: string;
  readonly payload: { requestId: string } & Record<string, unknown>;
  reply?: { ok: boolean } & Record<string, unknown>;
}

test('kill -9 mid-burst, restart on the same file: acknowledged commands are there once, retries never double, clients resync', { timeout: 240_000 }, async (t) => {
  const hall = cliHall((c) => (c.hall.kioskRateLimit = { max: 1000, perSeconds: 1 }));
  t.after(() => rmSync(hall.dir, { recursive: true, force: true }));
  const kioskToken = pair(hall, 'kiosk', 'K1');
  const displayToken = pair(hall, 'display', 'D1');
  passwd(hall, '0101', '0102');
  let hub: CliHub = await startCliHub(hall);
  t.after(() => hub.child.kill('SIGKILL'));
  const session = async (staffId: string) => {
    const r = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId, password: PASSWORD }) });
    return ((await r.json()) as { token: string }).token;
  };

  const kiosk = follow(hub.url, '/kiosk', 'kiosk', { token: kioskToken });
  const display = follow(hub.url, '/display', 'display', { token: displayToken });
  const w1 = follow(hub.url, '/counter', 'window 1', { token: await session('0101'), windowNo: 1 });
  const w2 = follow(hub.url, '/counter', 'window 2', { token: await session('0102'), windowNo: 2 });
  const clients = [kiosk, display, w1, w2];
  t.after(() => clients.forEach((c) => c.socket.close()));
  await until('every client connected', () => clients.every((c) => c.socket.connected && c.fold));

  // The burst: three kiosk streams issuing, two windows calling and finishing, each command awaited
  // before its stream sends the next; the hub is killed once enough have been acknowledged.
  const sent: Sent[] = [];
  let killed = false;
  const send = async (client: Client, event: string, payload: Sent['payload']) => {
    const s: Sent = { client, event, payload };
    sent.push(s);
    try {
      s.reply = (await client.socket.timeout(10_000).emitWithAck(event, payload)) as typeof s.reply;
    } catch {
      // Lost with the hub: retried below.
    }
  };
  const stream = async (next: (i: number) => [Client, string, Sent['payload']]) => {
    for (let i = 0; !killed; i++) await send(...next(i));
  };
  const services = ['GS-01', 'GS-02', 'DS-01'];
  const acked = () => sent.filter((s) => s.reply).length;
  const burst = Promise.all([
    ...[0, 1, 2].map((k) => stream((i) => [kiosk, 'ticket:issue', { requestId: rid(), serviceCode: services[(i + k) % 2]!, kind: i % 5 === 0 ? 'priority' : 'normal' }])),
    ...[w1, w2].map((w) => stream((i) => [w, i % 2 === 0 ? 'window:callNext' : 'window:finish', { requestId: rid() }])),
  ]);
  await until('40 acknowledged commands', () => acked() >= 40);
  hub.child.kill('SIGKILL');
  killed = true;
  assert.equal(await hub.exited, 'SIGKILL');
  await burst;
  const lost = sent.filter((s) => !s.reply);
  const okBefore = sent.filter((s) => s.reply?.ok);
  assert.ok(okBefore.length >= 20, `acknowledged ok before the kill: ${okBefore.length}`);

  // Same file, same port: the clients find it by themselves.
  hub = await startCliHub(hall, hub.port);
  const head = async () => ((await (await fetch(`${hub.url}/healthz`)).json()) as { seq: number }).seq;
  await until('every client reconnected', () => clients.every((c) => c.connects >= 2 && c.socket.connected));

  // Every acknowledged command is in the store exactly once.
  const db = new Database(hall.db, { readonly: true, fileMustExist: true });
  t.after(() => db.close());
  const eventsOf = db.prepare<[string], { type: string }>('SELECT type FROM event_log WHERE request_id = ?');
  const commandRow = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM commands WHERE request_id = ?');
  for (const s of okBefore) {
    assert.equal(commandRow.get(s.payload.requestId)?.n, 1, `${s.event} ${s.payload.requestId} recorded`);
    const types = eventsOf.all(s.payload.requestId).map((e) => e.type);
    if (s.event === 'ticket:issue') {
      assert.deepEqual(types, ['ticket.issued']);
      const ticket = s.reply!.ticket as { id: string };
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE id = ?').get(ticket.id) as { n: number }).n, 1);
    } else {
      assert.deepEqual(types, [s.event === 'window:callNext' ? 'ticket.called' : 'ticket.finished']);
    }
  }

  const lostButCommitted = lost.filter((s) => commandRow.get(s.payload.requestId)?.n === 1).length;

  // Re-send everything: acknowledged ones are answered the same; lost ones are replayed or applied now.
  for (const s of sent) {
    const again = (await s.client.socket.timeout(10_000).emitWithAck(s.event, s.payload)) as { ok: boolean } & Record<string, unknown>;
    if (s.reply) assert.deepEqual(again, s.reply, `${s.client.name} ${s.event} answered the same`);
    else s.reply = again;
    const twice = (await s.client.socket.timeout(10_000).emitWithAck(s.event, s.payload)) as Record<string, unknown>;
    assert.deepEqual(twice, s.reply, 'and the same again');
  }
  const issues = sent.filter((s) => s.event === 'ticket:issue' && s.reply?.ok);
  const ticketIds = issues.map((s) => (s.reply!.ticket as { id: string }).id);
  assert.equal(new Set(ticketIds).size, issues.length, 'one ticket per issuing requestId');
  const tickets = (db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number }).n;
  assert.equal(tickets, issues.length, 'no second ticket for any requestId');
  const numbers = db.prepare('SELECT number, COUNT(*) AS n FROM tickets GROUP BY day, number HAVING n > 1').all();
  assert.deepEqual(numbers, [], 'no number given out twice');
  const seqs = (db.prepare('SELECT seq FROM event_log ORDER BY seq').all() as { seq: number }[]).map((r) => r.seq);
  assert.deepEqual(seqs, Array.from({ length: seqs.length }, (_, i) => i + 1), 'the event log is gapless across the crash');

  // The clients resynced: what each folded equals a fresh snapshot.
  const last = await head();
  await until('every client caught up', () => clients.every((c) => c.fold?.seq === last));
  // Each client folded what it follows: compare it with a fresh client of its kind.
  const fresh = clients.map((c) => c.again());
  t.after(() => fresh.forEach((f) => f.socket.close()));
  await until('fresh snapshots', () => fresh.every((f) => f.fold?.seq === last));
  clients.forEach((c, i) => {
    assert.deepEqual(c.problems, [], `${c.name}: no gaps`);
    // A hall display follows calls (not what became of the visitors after): compare those.
    const view = c.name === 'display' ? callsView : hallView;
    assert.deepEqual(view(c.fold!), view(fresh[i]!.fold!), `${c.name} resynced`);
  });
  t.diagnostic(`sent ${sent.length}, acknowledged before the kill ${okBefore.length} ok / ${sent.length - lost.length} in all, lost ${lost.length} (${lostButCommitted} of them committed before the kill), tickets ${tickets}, seq ${last}`);
  hub.child.kill('SIGTERM');
  assert.equal(await hub.exited, 0);
  // The audit chain survived the kill: every row chains, and together they account for every event.
  const store = openHubStore({ path: hall.db, hall: loadHallFile(hall.config), now: Date.now() });
  try {
    assert.deepEqual(store.verifyAuditChain().ok, true);
    assert.equal(sql(hall.db).pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    closeSql(hall.db);
    store.close();
  }
});
