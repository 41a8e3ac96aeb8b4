// The two floors the hub is judged against, measured in the same run on the same machine:
// (a) a bare Socket.IO server in a child process: one client emits, the server broadcasts to the
//     listeners, emit → arrival at each; and a bare acknowledged emit (no work) for the ack floor;
// (b) better-sqlite3, one single-row insert per transaction, WAL + synchronous=FULL, on a temp file
//     in the same kind of directory as the hub's database: the cost of one durable commit.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { pace } from './pacer.js';
import { REPO } from './hub-process.js';

/** A hall event's typical shape and size (a ticket.called event with its ticket and window). */
export function sampleEvent(seq: number): object {
  return {
    seq,
    type: 'ticket.called',
    at: Date.now(),
    windowNo: 17,
    changes: {
      tickets: [
        {
          id: 'mihx3k2a9f3c1d7e0b',
          visitId: 'mihx3k2a9f3c1d7e0b',
          leg: 1,
          day: '2026-11-29',
          number: 'A123',
          serviceCode: 'GS-01',
          kind: 'normal',
          status: 'called',
          lane: 'normal',
          issuedAt: 1795900000000,
          queuedAt: 1795900000000,
          rank: 1795900000000.001,
          windowNo: 17,
          staffId: '10017',
          calledAt: 1795900060000,
          recalls: 0,
          reprints: 0,
          callReason: { rule: 'tier', waitedMinutes: 1, candidates: 12, tier: 0 },
        },
      ],
      windows: [{ number: 17, staffId: '10017', staffName: '工作人员17', signedInAt: 1795899000000, currentTicketId: 'mihx3k2a9f3c1d7e0b' }],
    },
  };
}

export interface SocketFloor {
  /** emit → arrival at each listener (ms), one sample per listener per broadcast. */
  readonly broadcast: number[];
  /** acknowledged emit round trip (ms). */
  readonly ack: number[];
  readonly missed: number;
}

export async function socketFloor(options: { listeners: number; rounds: number; rate: number }): Promise<SocketFloor> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/bare-io-server.ts'], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  const sockets: Socket[] = [];
  try {
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (l) => {
        const u = /listening on (\S+)/.exec(l)?.[1];
        if (u) resolve(u);
      });
      child.once('exit', (code) => reject(new Error(`bare socket.io server exited (${code})`)));
    });
    const open = (auth: object) =>
      new Promise<Socket>((resolve, reject) => {
        const s = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
        sockets.push(s);
        s.once('connect', () => resolve(s));
        s.once('connect_error', reject);
      });
    const sent = new Map<number, number>();
    const broadcast: number[] = [];
    let arrivals = 0;
    for (let i = 0; i < options.listeners; i++) {
      const s = await open({ listen: true });
      s.on('event', (e: { seq: number }) => {
        arrivals++;
        const t0 = sent.get(e.seq);
        if (t0 !== undefined) broadcast.push(performance.now() - t0);
      });
    }
    const emitter = await open({});
    // Warm up both paths before measuring.
    for (let i = 0; i < 20; i++) await emitter.timeout(5000).emitWithAck('cmd', { i });
    const ack: number[] = [];
    const inFlight: Promise<void>[] = [];
    let seq = 0;
    await pace({
      rate: options.rate,
      durationMs: (options.rounds / options.rate) * 1000,
      startAt: performance.now() + 50,
      lateness: [],
      fire: () => {
        const n = ++seq;
        sent.set(n, performance.now());
        emitter.emit('cast', sampleEvent(n));
        const t0 = performance.now();
        inFlight.push(emitter.timeout(5000).emitWithAck('cmd', sampleEvent(n)).then(() => void ack.push(performance.now() - t0)));
      },
    });
    await Promise.allSettled(inFlight);
    const deadline = performance.now() + 5000;
    while (arrivals < seq * options.listeners && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return { broadcast, ack, missed: seq * options.listeners - arrivals };
  } finally {
    for (const s of sockets) s.close();
    child.kill('SIGTERM');
  }
}

/** ms per commit of a single-row insert, WAL + synchronous=FULL (as db/connection.ts opens the hall). */
export function sqliteFloor(options: { dir: string; commits: number }): number[] {
  const db = new Database(join(options.dir, 'floor.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE event_log (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, type TEXT NOT NULL, changes TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO event_log (seq, at, type, changes) VALUES (?, ?, ?, ?)');
    const commit = db.transaction((seq: number) => insert.run(seq, Date.now(), 'ticket.called', JSON.stringify(sampleEvent(seq))));
    for (let i = 1; i <= 20; i++) commit(i); // warm up
    const out: number[] = [];
    for (let i = 21; i < 21 + options.commits; i++) {
      const t0 = performance.now();
      commit(i);
      out.push(performance.now() - t0);
    }
    return out;
  } finally {
    db.close();
  }
}
