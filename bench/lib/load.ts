// The load generator: real socket.io clients as the hall's screens would open them — counters
// (one per window, staff signed in over POST /api/login), kiosks and hall displays — and two paced
// streams of commands: ticket:issue spread over the kiosks, and calls (window:callNext, then
// window:start and window:finish on the same window, so it is free again) spread over the windows.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type {
  CounterClientEvents,
  CounterServerEvents,
  DisplayServerEvents,
  HallFrame,
  KioskClientEvents,
  KioskServerEvents,
  LoginReply,
  Result,
  TicketServerEvents,
} from '../../main/protocol/index.js';
import { pace } from './pacer.js';
import { seededRandom } from './random.js';
import { Tally } from './stats.js';

type CounterSocket = Socket<CounterServerEvents, CounterClientEvents>;
type KioskSocket = Socket<KioskServerEvents, KioskClientEvents>;
type DisplaySocket = Socket<DisplayServerEvents, Record<string, never>>;
type TicketSocket = Socket<TicketServerEvents, Record<string, never>>;

export type CommandKind = 'ticket:issue' | 'window:callNext' | 'window:start' | 'window:finish';
export const COMMAND_KINDS: readonly CommandKind[] = ['ticket:issue', 'window:callNext', 'window:start', 'window:finish'];
/** Refusals the load itself causes and a hall sees every day; anything else counts as unexpected. */
export const EXPECTED_REFUSALS: ReadonlySet<string> = new Set(['window:callNext:queue-empty']);

export interface LoadOptions {
  readonly url: string;
  readonly seconds: number;
  readonly issueRate: number;
  readonly callRate: number;
  /** Tickets issued before the timed run (unmeasured): the morning's queue, so calls find someone. */
  readonly prefill: number;
  readonly ackTimeoutMs: number;
  readonly password: string;
  readonly staff: readonly { readonly id: string; readonly windowNo: number }[];
  readonly servicesByWindow: readonly (readonly string[])[];
  readonly kioskTokens: readonly string[];
  readonly displayTokens: readonly string[];
  /** Visitors' phones following their ticket page (/ticket), one per prefilled ticket up to this many. */
  readonly phones: number;
  readonly seed: number;
  /** Called once every client is connected and the queue is prefilled, just before the timed run. */
  readonly onReady?: () => void;
  /** Called when the last command of the timed run is answered. */
  readonly onDone?: () => void;
  readonly log?: (line: string) => void;
}

export interface LoadResult {
  readonly ack: Record<CommandKind, number[]>;
  /** [ms since the timed run began, ack latency] of every command, for the drift over the run. */
  readonly timeline: [number, number][];
  /** CPU time of this process (the load generator) during the timed run, as % of one core. */
  readonly generatorCpuPercent: number;
  /** callNext emit → the matching hall:event at each display (ms), one sample per display per call. */
  readonly callToDisplay: number[];
  readonly calls: number;
  readonly callsSeenByEveryDisplay: number;
  readonly outcomes: Tally;
  readonly errors: Tally;
  readonly lateness: number[];
  readonly elapsedMs: number;
  readonly phones: number;
  /** Sockets that were dropped and came back by themselves, by namespace. */
  readonly reconnects: Tally;
  /** ticket:status pushes the phones received during the timed run. */
  readonly phoneUpdates: number;
  readonly loginMs: number[];
  readonly connectMs: number;
  readonly eventsPerDisplay: { readonly min: number; readonly max: number };
}

async function inBatches<T, R>(items: readonly T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const log = o.log ?? (() => {});
  const sockets: Socket[] = [];
  const errors = new Tally();
  const outcomes = new Tally();
  const rnd = seededRandom(o.seed);
  const reconnects = new Tally();
  /** Like a hall's screens: a dropped socket reconnects by itself, and one that follows the hall
   * sends the last seq it saw so the hub replays what it missed. */
  const connect = <S extends Socket>(nsp: string, auth: object, followsHall = true): Promise<S> =>
    new Promise((resolve, reject) => {
      let lastSeq: number | undefined;
      let connected = false;
      const s = io(`${o.url}${nsp}`, {
        auth: (cb) => cb(followsHall && lastSeq !== undefined ? { ...auth, lastSeq } : auth),
        transports: ['websocket'],
        reconnectionDelay: 500,
        reconnectionDelayMax: 2000,
        forceNew: true,
        timeout: 60_000,
      });
      sockets.push(s);
      if (followsHall) {
        // Like a screen's mirror: a frame must start at or before the seq held (else one was missed),
        // and no event may come twice.
        s.on('hall:events', (f: HallFrame) => {
          if (lastSeq !== undefined && f.after > lastSeq) errors.add(`feed-gap:${nsp}`);
          let last = lastSeq ?? 0;
          for (const e of f.events) {
            if (e.seq <= last) errors.add(`feed-repeat:${nsp}`);
            last = Math.max(last, e.seq);
          }
          lastSeq = Math.max(lastSeq ?? 0, f.seq);
        });
        s.on('hall:snapshot', (snap: { seq: number }) => void (lastSeq = snap.seq));
      }
      s.on('connect', () => {
        if (connected) reconnects.add(nsp);
        connected = true;
        resolve(s as unknown as S);
      });
      s.once('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
        if (connected) return;
        s.close();
        reject(new Error(`${nsp}: ${err.data?.code ?? ''} ${err.data?.message ?? err.message}`));
      });
      s.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') errors.add(`disconnect:${nsp}:${reason}`);
      });
    });

  try {
    // Staff sign in over HTTP; the hub verifies each password with scrypt.
    const loginMs: number[] = [];
    const sessions = await inBatches(o.staff, 4, async (s) => {
      const t0 = performance.now();
      const res = await fetch(`${o.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ staffId: s.id, password: o.password }),
      });
      const body = (await res.json()) as LoginReply & { ok: boolean; message?: string };
      loginMs.push(performance.now() - t0);
      if (!body.ok) throw new Error(`login ${s.id}: ${body.message}`);
      return body.token;
    });
    log(`  ${o.staff.length} staff signed in over /api/login`);

    const t0 = performance.now();
    // Displays: record when each ticket.called event arrives, by its seq.
    const arrivals = new Map<number, number[]>();
    const eventCounts: number[] = [];
    const displays = await inBatches(o.displayTokens, 10, async (token, i) => {
      const d = await connect<DisplaySocket>('/display', { token });
      eventCounts[i] = 0;
      d.on('hall:events', (f: HallFrame) => {
        const at = performance.now();
        for (const e of f.events) {
          eventCounts[i]!++;
          if (e.type !== 'ticket.called') continue;
          const list = arrivals.get(e.seq);
          if (list) list.push(at);
          else arrivals.set(e.seq, [at]);
        }
      });
      return d;
    });
    const kiosks = await inBatches(o.kioskTokens, 10, (token) => connect<KioskSocket>('/kiosk', { token }));
    const counters = await inBatches(o.staff, 10, async (s, i) => {
      const c = await connect<CounterSocket>('/counter', { token: sessions[i]!, windowNo: s.windowNo });
      await c.timeout(30_000).emitWithAck('window:signIn', { requestId: randomUUID() });
      return c;
    });
    const connectMs = performance.now() - t0;
    log(`  connected ${counters.length} counters, ${kiosks.length} kiosks, ${displays.length} displays in ${(connectMs / 1000).toFixed(1)} s`);

    const ack: Record<CommandKind, number[]> = { 'ticket:issue': [], 'window:callNext': [], 'window:start': [], 'window:finish': [] };
    let measuring = false;
    const timeline: [number, number][] = [];
    let runStart = 0;
    /** One acknowledged command; its latency and outcome recorded only during the timed run. */
    const send = async (kind: CommandKind, emit: (timeoutMs: number) => Promise<Result>): Promise<Result | undefined> => {
      const start = performance.now();
      const counted = measuring;
      try {
        const r = await emit(o.ackTimeoutMs);
        if (counted) {
          ack[kind].push(performance.now() - start);
          timeline.push([start - runStart, performance.now() - start]);
          outcomes.add(r.ok ? `${kind}:ok` : `${kind}:${r.code}`);
          if (!r.ok && !EXPECTED_REFUSALS.has(`${kind}:${r.code}`)) errors.add(`${kind}:${r.code}`);
        } else if (!r.ok) errors.add(`prefill:${kind}:${r.code}`);
        return r;
      } catch {
        errors.add(`${kind}:ack-timeout`);
        return undefined;
      }
    };

    let issued = 0;
    const issue = () => {
      const kiosk = kiosks[issued++ % kiosks.length]!;
      const services = o.servicesByWindow[Math.floor(rnd() * o.servicesByWindow.length)]!;
      const serviceCode = services[Math.floor(rnd() * services.length)]!;
      const kind = rnd() < 0.1 ? 'priority' : 'normal';
      return send('ticket:issue', (ms) => kiosk.timeout(ms).emitWithAck('ticket:issue', { requestId: randomUUID(), serviceCode, kind }));
    };

    // Prefill the queue (unmeasured), a few at a time.
    const prefilled = await inBatches(Array.from({ length: o.prefill }), 4, () => issue());
    log(`  prefilled ${o.prefill} tickets`);
    // Visitors follow their tickets on their phones: the page's socket, opened from the QR code's address.
    let phoneUpdates = 0;
    const pages = prefilled.flatMap((r) => (r?.ok && r.statusUrl ? [new URL(r.statusUrl)] : [])).slice(0, o.phones);
    await inBatches(pages, 10, async (page) => {
      const p = await connect<TicketSocket>('/ticket', { visitId: decodeURIComponent(page.pathname.split('/').pop()!), token: page.searchParams.get('k')! }, false);
      p.on('ticket:status', () => void (measuring && phoneUpdates++));
    });
    if (o.phones > 0) log(`  ${pages.length} phones follow their tickets`);

    // Calls: each window is in at most one call at a time; windows take turns.
    const free = counters.map((_, i) => i);
    const callEmits = new Map<number, number>();
    let calls = 0;
    const call = async () => {
      const w = free.shift();
      if (w === undefined) return void errors.add('no-free-window');
      const counter = counters[w]!;
      const start = performance.now();
      const r = await send('window:callNext', (ms) => counter.timeout(ms).emitWithAck('window:callNext', { requestId: randomUUID() }));
      // A window whose command went unanswered may still hold a ticket: it takes no more calls.
      if (!r) return;
      if (r.ok) {
        calls++;
        if (r.seq !== undefined) callEmits.set(r.seq, start);
        const started = await send('window:start', (ms) => counter.timeout(ms).emitWithAck('window:start', { requestId: randomUUID() }));
        if (!started?.ok) return;
        const finished = await send('window:finish', (ms) => counter.timeout(ms).emitWithAck('window:finish', { requestId: randomUUID() }));
        if (!finished?.ok) return;
      }
      free.push(w);
    };

    await new Promise((r) => setTimeout(r, 500));
    o.onReady?.();
    measuring = true;
    const inFlight: Promise<unknown>[] = [];
    const lateness: number[] = [];
    const startAt = performance.now() + 20;
    runStart = startAt;
    const cpuBefore = process.cpuUsage();
    const durationMs = o.seconds * 1000;
    await Promise.all([
      pace({ rate: o.issueRate, durationMs, startAt, lateness, fire: () => void inFlight.push(issue()) }),
      pace({ rate: o.callRate, durationMs, startAt, offsetMs: 500 / o.callRate, lateness, fire: () => void inFlight.push(call()) }),
    ]);
    await Promise.all(inFlight);
    const elapsedMs = performance.now() - startAt;
    const cpu = process.cpuUsage(cpuBefore);
    measuring = false;
    o.onDone?.();

    // Let the displays receive the last calls (they are in order behind the acks, but on other sockets).
    const deadline = performance.now() + 5000;
    const allSeen = () => [...callEmits.keys()].every((seq) => (arrivals.get(seq)?.length ?? 0) >= displays.length);
    while (!allSeen() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const callToDisplay: number[] = [];
    let callsSeenByEveryDisplay = 0;
    for (const [seq, emittedAt] of callEmits) {
      const got = arrivals.get(seq) ?? [];
      for (const at of got) callToDisplay.push(at - emittedAt);
      if (got.length >= displays.length) callsSeenByEveryDisplay++;
      else errors.add('display-missed-call', displays.length - got.length);
    }
    return {
      ack,
      timeline,
      generatorCpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
      callToDisplay,
      calls,
      callsSeenByEveryDisplay,
      outcomes,
      errors,
      lateness,
      elapsedMs,
      phones: pages.length,
      reconnects,
      phoneUpdates,
      loginMs,
      connectMs,
      eventsPerDisplay: { min: Math.min(...eventCounts), max: Math.max(...eventCounts) },
    };
  } finally {
    for (const s of sockets) s.close();
  }
}
