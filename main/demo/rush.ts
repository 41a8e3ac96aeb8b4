// `hallq demo --rush`: simulated visitors and staff so the demo hall looks alive. Visitors take
// numbers at their own kiosks; staff at most windows call, serve and finish, and their visitors
// press the evaluation keypad. Everything goes through the hub's real sockets and the simulated
// keypads, exactly as people in a hall would; windows 1–3 are left for you to staff yourself.
import { io, type Socket } from 'socket.io-client';
import type { CounterClientEvents, CounterServerEvents, KioskClientEvents, KioskServerEvents, Result } from '../protocol/index.js';
import { randomUUID } from 'node:crypto';
import type { Hall } from '../queue/index.js';

export interface RushOptions {
  readonly url: string;
  readonly hall: Hall;
  readonly kioskTokens: readonly string[];
  /** Session tokens of the staff who work the rushed windows. */
  readonly staffAt: ReadonlyMap<number, string>;
  /** Press the window's evaluation keypad (if it has one). */
  readonly rate: (windowNo: number, level: 1 | 2 | 3 | 4 | 5) => void;
  /** Mean seconds between two visitors; default 2.5. */
  readonly arrivalSeconds?: number;
  /** Multiplies every pause of the simulated people (tests run the rush fast); default 1. */
  readonly timeScale?: number;
}

export interface Rush {
  stop(): Promise<void>;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const between = (lo: number, hi: number) => lo + Math.random() * (hi - lo);
/** Mostly satisfied visitors, a few unhappy ones (what halls report). */
function someRating(): 1 | 2 | 3 | 4 | 5 {
  const r = Math.random();
  return r < 0.62 ? 5 : r < 0.87 ? 4 : r < 0.96 ? 3 : r < 0.99 ? 2 : 1;
}

export function startRush(options: RushOptions): Rush {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const scale = options.timeScale ?? 1;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => (timers.delete(t), resolve()), ms * scale);
      timers.add(t);
    });
  const sockets: Socket[] = [];
  const ask = async (socket: Socket, event: string, payload: object): Promise<Result> => {
    try {
      return (await socket.timeout(8000).emitWithAck(event, { requestId: randomUUID(), ...payload })) as Result;
    } catch {
      return { ok: false, code: 'timeout', message: '超时' };
    }
  };

  // Visitors: a service at random, now and then a priority visitor.
  const services = options.hall.config.services;
  const kiosks = options.kioskTokens.map((token) => {
    const socket: Socket<KioskServerEvents, KioskClientEvents> = io(`${options.url}/kiosk`, { auth: { token }, transports: ['websocket'] });
    sockets.push(socket);
    return socket;
  });
  void (async () => {
    const mean = (options.arrivalSeconds ?? 2.5) * 1000;
    while (!stopped) {
      await sleep(between(0.3, 1.7) * mean);
      if (stopped || kiosks.length === 0) break;
      const kiosk = pick(kiosks);
      if (kiosk.connected) await ask(kiosk, 'ticket:issue', { serviceCode: pick(services).code, kind: Math.random() < 0.1 ? 'priority' : 'normal' });
    }
  })();

  // Staff: call, wait for the visitor to walk over, serve, finish; the visitor rates.
  for (const [windowNo, token] of options.staffAt) {
    const socket: Socket<CounterServerEvents, CounterClientEvents> = io(`${options.url}/counter`, {
      auth: { token, windowNo },
      transports: ['websocket'],
    });
    sockets.push(socket);
    socket.on('connect', () => void ask(socket, 'window:signIn', {})); // after every connect, as the counter screen does
    void (async () => {
      await sleep(between(1, 6) * 1000);
      while (!stopped) {
        if (!socket.connected) {
          await sleep(1000);
          continue;
        }
        const called = await ask(socket, 'window:callNext', {});
        if (!called.ok && called.code === 'window-signed-out') {
          // The hall day turned over (windows start it signed out): connecting signs in again.
          socket.disconnect().connect();
          await sleep(1000);
          continue;
        }
        if (!called.ok) {
          await sleep(between(4, 8) * 1000);
          continue;
        }
        await sleep(between(3, 8) * 1000);
        if (Math.random() < 0.05) {
          await ask(socket, 'window:skip', {}); // nobody came
          continue;
        }
        await ask(socket, 'window:start', {});
        await sleep(between(25, 80) * 1000);
        const finished = await ask(socket, 'window:finish', {});
        if (finished.ok && Math.random() < 0.85) {
          await sleep(between(1.5, 4) * 1000);
          if (!stopped) options.rate(windowNo, someRating());
        }
        await sleep(between(2, 6) * 1000);
      }
    })();
  }

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.disconnect();
    },
  };
}

/** Who works which window in the rush: a member of the window's department, else anyone free. */
export function rushStaffing(hall: Hall, windows: readonly number[]): Map<number, string> {
  const free = [...hall.staff.values()].filter((s) => s.role === 'staff' || s.role === 'chief');
  const taken = new Set<string>();
  const staffing = new Map<number, string>();
  for (const w of hall.config.windows) {
    if (!windows.includes(w.number)) continue;
    const staff = free.find((s) => !taken.has(s.id) && s.department === w.department) ?? free.find((s) => !taken.has(s.id));
    if (!staff) continue;
    taken.add(staff.id);
    staffing.set(w.number, staff.id);
  }
  return staffing;
}
