// A real hub on a free loopback port with a fresh SQLite file, and real socket.io clients.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { startHub, type Hub, type HubOptions } from '../../main/hub/server.js';
import { hashPassword } from '../../main/hub/passwords.js';
import type {
  AgentClientEvents,
  AgentServerEvents,
  CounterClientEvents,
  CounterServerEvents,
  DisplayServerEvents,
  HallFrame,
  KioskClientEvents,
  KioskServerEvents,
  KioskState,
  LoginReply,
  PublicClientEvents,
  SuperviseClientEvents,
  SuperviseServerEvents,
  TicketServerEvents,
} from '../../main/protocol/index.js';
import { ask } from '../../main/protocol/index.js';
import { testHallConfig } from './queue-harness.js';
import { closeSql, sql } from './sql.js';
import { compileHall, type Hall, type HallConfigInput } from '../../main/queue/index.js';

export const PASSWORD = 'hallq-test-1';

export interface TestHub {
  readonly hub: Hub;
  readonly url: string;
  readonly dir: string;
  readonly dbPath: string;
  readonly tokens: { kiosk: string; kioskWithPrinter: string; display: string; agent: string };
  login(staffId: string, password?: string): Promise<LoginReply>;
  kiosk(token?: string, lastSeq?: number): Promise<Socket<KioskServerEvents, KioskClientEvents>>;
  /** Connect a counter session and sign in at the window (window:signIn), as the counter screen does;
   * a refused sign-in rejects like a refused handshake (`data`: { code, message }). */
  counter(staffId: string, windowNo: number, lastSeq?: number): Promise<Socket<CounterServerEvents, CounterClientEvents>>;
  /** Connect a counter session without signing in. */
  counterSession(staffId: string, windowNo: number, lastSeq?: number): Promise<Socket<CounterServerEvents, CounterClientEvents>>;
  display(lastSeq?: number): Promise<Socket<DisplayServerEvents, Record<string, never>>>;
  agent(): Promise<Socket<AgentServerEvents, AgentClientEvents>>;
  /** A supervisor's console: it follows the whole hall (every event, as it is). */
  supervise(staffId: string, lastSeq?: number): Promise<Socket<SuperviseServerEvents, SuperviseClientEvents>>;
  publicClient(): Promise<Socket<Record<string, never>, PublicClientEvents>>;
  ticket(visitId: string, token: string): Promise<Socket<TicketServerEvents, Record<string, never>>>;
  close(): Promise<void>;
}

const sockets: Socket[] = [];

/** Every event a test socket received, from the moment it was created, so none is missed between
 * `connect` resolving and a `waitFor` being set up. */
interface Received {
  readonly event: string;
  readonly payload: unknown;
  consumed: boolean;
}
const inbox = new WeakMap<Socket, { received: Received[]; wake: Set<() => void> }>();

/** Connect and resolve once connected; reject with the hub's reason ({code, message}) if refused. */
export function connect<S extends Socket>(url: string, nsp: string, auth: object): Promise<S> {
  const socket = io(`${url}${nsp}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(socket);
  const box = { received: [] as Received[], wake: new Set<() => void>() };
  inbox.set(socket, box);
  socket.onAny((event: string, payload: unknown) => {
    box.received.push({ event, payload, consumed: false });
    // Each event of a frame as an entry of its own too ('hall:event', a name the hub never sends):
    // a test waits for an event, not for the frame that happened to bring it.
    if (event === 'hall:events') for (const e of (payload as HallFrame).events) box.received.push({ event: 'hall:event', payload: e, consumed: false });
    for (const wake of [...box.wake]) wake();
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket as unknown as S));
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.close();
      reject(Object.assign(new Error(err.message), { data: err.data }));
    });
  });
}

export const rid = () => randomUUID();

/** Sign a counter session in at its window; a refusal closes it and rejects with the hub's reason. */
export async function signIn(socket: Socket<CounterServerEvents, CounterClientEvents>): Promise<Socket<CounterServerEvents, CounterClientEvents>> {
  const r = await ask(socket, 10_000, 'window:signIn', { requestId: rid() });
  if (r.ok) return socket;
  socket.close();
  throw Object.assign(new Error(r.message), { data: { code: r.code, message: r.message } });
}

/** The test hall's config as hub tests use it: open 00:00–23:59 on every day of 2026–2027, then `edit`. */
export function hubHallConfig(edit: (c: HallConfigInput) => void = () => {}): HallConfigInput {
  const c = testHallConfig();
  c.hall.hours = [{ from: '00:00', to: '23:59' }];
  c.hall.stopIssuingMinutesBeforeClose = 0;
  c.calendar = { holidays: [], workdays: everyDay() };
  edit(c);
  return c;
}

export function hubHall(edit: (c: HallConfigInput) => void = () => {}): Hall {
  return compileHall(hubHallConfig(edit));
}

export async function startTestHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-hub-'));
  const dbPath = options.dbPath ?? join(dir, 'hall.db');
  const hub = await startHub({
    hall: hubHall(),
    dbPath,
    port: 0,
    log: pino({ level: process.env.HALLQ_LOG ?? 'silent' }),
    delivery: { timeoutMs: 500, retries: 2, backoffMs: 50 },
    ...options,
  });
  const access = hub.core.access;
  const hash = await hashPassword(PASSWORD);
  for (const id of hub.core.state.hall.staff.keys()) access.setPasswordHash(id, hash);
  const tokens = {
    kiosk: access.pairDevice({ id: 'K1', role: 'kiosk', name: '1号取号机', hasPrinter: false }),
    kioskWithPrinter: access.pairDevice({ id: 'K2', role: 'kiosk', name: '2号取号机', hasPrinter: true }),
    display: access.pairDevice({ id: 'D1', role: 'display', name: '大厅综合屏', hasPrinter: false }),
    // The hall PC serves every window and both kiosks.
    agent: access.pairDevice({
      id: 'PC1',
      role: 'agent',
      name: '1号工控机',
      hasPrinter: false,
      binding: { windows: [...hub.core.state.hall.windows.keys()], kiosks: ['K1', 'K2'] },
    }),
  };
  const url = hub.url;
  const login = async (staffId: string, password = PASSWORD): Promise<LoginReply> => {
    const res = await fetch(`${url}/api/login`, { method: 'POST', body: JSON.stringify({ staffId, password }), headers: { 'content-type': 'application/json' } });
    const body = (await res.json()) as LoginReply & { ok: boolean; message?: string };
    if (!body.ok) throw new Error(`login ${staffId}: ${body.message}`);
    return body;
  };
  const withSeq = (auth: object, lastSeq?: number) => (lastSeq === undefined ? auth : { ...auth, lastSeq });
  const counterSession = async (staffId: string, windowNo: number, lastSeq?: number) =>
    connect<Socket<CounterServerEvents, CounterClientEvents>>(url, '/counter', withSeq({ token: (await login(staffId)).token, windowNo }, lastSeq));
  return {
    hub,
    url,
    dir,
    dbPath,
    tokens,
    login,
    kiosk: (token = tokens.kiosk, lastSeq) => connect(url, '/kiosk', withSeq({ token }, lastSeq)),
    counter: async (staffId, windowNo, lastSeq) => signIn(await counterSession(staffId, windowNo, lastSeq)),
    counterSession,
    display: (lastSeq) => connect(url, '/display', withSeq({ token: tokens.display }, lastSeq)),
    agent: () => connect(url, '/agent', { token: tokens.agent }),
    supervise: async (staffId, lastSeq) => connect(url, '/supervise', withSeq({ token: (await login(staffId)).token }, lastSeq)),
    publicClient: () => connect(url, '/public', {}),
    ticket: (visitId, token) => connect(url, '/ticket', { visitId, token }),
    close: async () => {
      for (const s of sockets.splice(0)) s.close();
      await hub.close();
      closeSql(dbPath);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every date of 2026–2027 as a swapped working day, so hub tests pass on any weekday or weekend. */
function everyDay(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Every event the socket has received so far, in order, whether a waitFor took it or not. */
export function received(socket: Socket): { event: string; payload: unknown }[] {
  return inbox.get(socket)?.received.map(({ event, payload }) => ({ event, payload })) ?? [];
}

/** Resolve once what the socket has received satisfies `done` (checked again on every event). */
export function until(socket: Socket, done: (list: { event: string; payload: unknown }[]) => boolean, timeoutMs = 10_000): Promise<void> {
  const box = inbox.get(socket);
  if (!box) throw new Error('until: socket was not made by connect()');
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!done(received(socket))) return false;
      box.wake.delete(wake);
      clearTimeout(timer);
      resolve();
      return true;
    };
    const wake = () => void check();
    const timer = setTimeout(() => {
      box.wake.delete(wake);
      reject(new Error(`condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    if (!check()) box.wake.add(wake);
  });
}

/** Resolve with the first event (received since the socket was made, not yet taken by another
 * waitFor) that satisfies the predicate; reject after a timeout. */
export function waitFor<T>(socket: Socket, event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = 3000): Promise<T> {
  const box = inbox.get(socket);
  if (!box) throw new Error('waitFor: socket was not made by connect()');
  return new Promise((resolve, reject) => {
    const check = () => {
      const hit = box.received.find((r) => !r.consumed && r.event === event && predicate(r.payload as T));
      if (!hit) return false;
      hit.consumed = true;
      box.wake.delete(wake);
      clearTimeout(timer);
      resolve(hit.payload as T);
      return true;
    };
    const wake = () => void check();
    const timer = setTimeout(() => {
      box.wake.delete(wake);
      reject(new Error(`no '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    if (!check()) box.wake.add(wake);
  });
}

/**
 * How many refusals the audit log accounts for, per outcome code, after closing the refusal audit's
 * window: a row each for those written as they happened, and each summary row's count (the budget
 * of main/hub/refusal-audit.ts). Every refusal is in here exactly once.
 */
export function auditedRefusals(h: TestHub, where = '1 = 1'): Record<string, number> {
  h.hub.core.refusals.flush();
  const rows = sql(h).prepare(`SELECT outcome, command FROM audit_log WHERE ${where} ORDER BY id`).all() as { outcome: string; command: string }[];
  const counts: Record<string, number> = {};
  for (const r of rows) {
    if (r.outcome === 'repeated-refusals') {
      const { detail } = JSON.parse(r.command) as { detail: string };
      const { codes } = JSON.parse(detail) as { codes: Record<string, number> };
      for (const [code, n] of Object.entries(codes)) counts[code] = (counts[code] ?? 0) + n;
    } else {
      counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
    }
  }
  return counts;
}

/** The total of auditedRefusals. */
export function auditedRefusalTotal(h: TestHub, where?: string): number {
  return Object.values(auditedRefusals(h, where)).reduce((a, b) => a + b, 0);
}

/** Kiosk K2 ready to issue: its printer prn-k2 announced by agent PC1, which acknowledges every job as done. */
export async function printingKiosk(h: TestHub): Promise<{ agent: Socket<AgentServerEvents, AgentClientEvents>; kiosk: Socket<KioskServerEvents, KioskClientEvents> }> {
  const agent = await h.agent();
  agent.on('job:run', (_job, ack) => ack({ ok: true }));
  const kiosk = await h.kiosk(h.tokens.kioskWithPrinter);
  const announced = await agent.emitWithAck('agent:devices', { devices: [{ deviceId: 'prn-k2', kind: 'printer', kioskId: 'K2' }] });
  if (!announced.ok) throw new Error(`printer not announced: ${announced.message}`);
  await waitFor<KioskState>(kiosk, 'kiosk:state', (s) => s.canIssue, 10_000);
  return { agent, kiosk };
}
