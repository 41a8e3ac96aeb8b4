// The authorisation drill: a hall with tickets standing at windows 2…N in every state a window can
// leave them in (called, serving, suspended, no-show, done, transferred), then window 1's counter
// reaching for them with every ticket command and an agent bound to window 1 reaching for the
// other windows' keypads and callers — over and over, as fast as the hub answers. Every attempt
// must be refused with a code and a Chinese message; nothing may change.
import type { Socket } from 'socket.io-client';
import { openSocket } from '../../test/helpers/hostile.js';

type Loose = Socket<Record<string, (...args: unknown[]) => void>, Record<string, (...args: unknown[]) => void>>;
type Reply = { ok: boolean; code?: string; message?: string; ticket?: { id: string; number: string } };

export interface DrillHall {
  readonly url: string;
  readonly kioskToken: string;
  readonly agentToken: string;
  /** Signed-in sessions: window number → its staff's session token. */
  readonly sessions: ReadonlyMap<number, string>;
  /** Per window, every service it serves (window 1 first). */
  readonly servicesByWindow: readonly (readonly string[])[];
}

export interface DrillTally {
  attempts: number;
  refused: number;
  /** Answered ok, or without a code and a Chinese message: each one a hole. */
  readonly holes: string[];
  /** Tickets standing at other windows the drill reached for, by status. */
  readonly targets: Record<string, number>;
}

const zh = /[\u4e00-\u9fff]/;
const TICKET_COMMANDS = ['ticket:requeue', 'ticket:reprint', 'ticket:cancel', 'window:resumeTicket'] as const;
const KEYS = ['next', 'recall', 'skip', 'start', 'finish', 'pause', 'resume'] as const;

let n = 0;
const rid = () => `drill-${process.pid}-${++n}`;

async function must(socket: Loose, event: string, payload: object): Promise<Reply> {
  const r = (await socket.timeout(10_000).emitWithAck(event, { requestId: rid(), ...payload })) as Reply;
  if (!r.ok) throw new Error(`drill set-up: ${event} refused: ${r.message}`);
  return r;
}

/** Leave tickets standing at windows 2…N: suspended, no-show, done, and one called or being served. */
async function setUp(hall: DrillHall, counters: Map<number, Loose>): Promise<{ id: string; number: string; status: string }[]> {
  const kiosk = (await openSocket(hall.url, '/kiosk', { token: hall.kioskToken })) as unknown as Loose;
  const targets: { id: string; number: string; status: string }[] = [];
  for (const [windowNo, counter] of counters) {
    if (windowNo === 1) continue;
    const service = hall.servicesByWindow[windowNo - 1]![0]!;
    const finals: [string, readonly [string, object][]][] = [
      ['suspended', [['window:suspend', { reason: '补交材料' }]]],
      ['no-show', [['window:skip', {}]]],
      ['done', [['window:start', {}], ['window:finish', {}]]],
      [windowNo % 2 === 0 ? 'serving' : 'called', windowNo % 2 === 0 ? [['window:start', {}]] : []],
    ];
    for (const [status, steps] of finals) {
      const issued = await must(kiosk, 'ticket:issue', { serviceCode: service, kind: 'normal' });
      await must(counter, 'window:callNumber', { number: issued.ticket!.number });
      for (const [event, payload] of steps) await must(counter, event, payload);
      targets.push({ id: issued.ticket!.id, number: issued.ticket!.number, status });
    }
  }
  kiosk.close();
  return targets;
}

/** `ready` is called once the hall is set up, just before the attempts (the caller's snapshot). */
export async function runAuthzDrill(hall: DrillHall, attempts: number, ready: () => void = () => {}): Promise<DrillTally> {
  const counters = new Map<number, Loose>();
  for (const [windowNo, token] of hall.sessions) {
    const counter: Loose = await openSocket(hall.url, '/counter', { token, windowNo });
    await must(counter, 'window:signIn', {});
    counters.set(windowNo, counter);
  }
  const targets = await setUp(hall, counters);
  const agent = (await openSocket(hall.url, '/agent', { token: hall.agentToken })) as unknown as Loose;
  agent.on('job:run', (...args: unknown[]) => (args[1] as (r: object) => void)({ ok: true }));
  const announced = (await agent.timeout(10_000).emitWithAck('agent:devices', {
    devices: [
      { deviceId: 'drill-pad-1', kind: 'keypad', windowNo: 1 },
      { deviceId: 'drill-caller-1', kind: 'caller', windowNo: 1 },
    ],
  })) as Reply;
  if (!announced.ok) throw new Error(`drill set-up: the agent's own devices were refused: ${announced.message}`);

  ready();
  const tally: DrillTally = { attempts: 0, refused: 0, holes: [], targets: {} };
  for (const t of targets) tally.targets[t.status] = (tally.targets[t.status] ?? 0) + 1;
  const w1 = counters.get(1)!;
  const others = [...counters.keys()].filter((w) => w !== 1);
  const judge = (r: Reply, what: string) => {
    tally.attempts++;
    if (!r.ok && typeof r.code === 'string' && typeof r.message === 'string' && zh.test(r.message)) tally.refused++;
    else if (tally.holes.length < 20) tally.holes.push(`${what}: ${JSON.stringify(r).slice(0, 200)}`);
  };
  // Two streams in parallel: the counter of window 1 and the agent of window 1.
  const half = Math.ceil(attempts / 2);
  await Promise.all([
    (async () => {
      for (let i = 0; i < half; i++) {
        const t = targets[i % targets.length]!;
        const command = i % 5 === 4 ? 'window:callNumber' : TICKET_COMMANDS[i % TICKET_COMMANDS.length]!;
        const payload = command === 'window:callNumber' ? { number: t.number } : { ticketId: t.id };
        judge((await w1.timeout(10_000).emitWithAck(command, { requestId: rid(), ...payload })) as Reply, `window 1 ${command} ${t.number} (${t.status})`);
      }
    })(),
    (async () => {
      for (let i = 0; i < attempts - half; i++) {
        const windowNo = others[i % others.length]!;
        const [event, payload] =
          i % 2 === 0 ? ['keypad:rate', { windowNo, level: 1 + (i % 5) }] : ['caller:key', { windowNo, key: KEYS[i % KEYS.length]! }];
        judge((await agent.timeout(10_000).emitWithAck(event, { requestId: rid(), ...payload })) as Reply, `agent of window 1 ${event} for window ${windowNo}`);
      }
    })(),
  ]);
  for (const s of [...counters.values(), agent]) s.close();
  return tally;
}
