// A year of a busy hall, for the reports bench: the bench hall (bench-hall.ts) with N windows, and
// every working day of a year filled with ticket legs (transfers, no-shows, re-queues,
// cancellations, ratings), complaints, and sign-ins, pauses and sign-outs in the event log.
// Written through db/ (the projections' upserts and the event log's append) in one big transaction
// per day, with a seeded random source so two fills of the same size are the same hall.
// The event log it writes is not an audit-chained history: it is for reading figures, nothing else.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventRow } from '../../db/event-log.js';
import { openHallDb } from '../../db/hall-db.js';
import { loadHallFile } from '../../main/config/hall-file.js';
import { instantOf, isWorkingDay, type Hall, type HallEvent, type RatingLevel, type Ticket, type WindowState } from '../../main/queue/index.js';
import { addDays } from '../../main/queue/time.js';
import { benchHallYaml } from './bench-hall.js';
import { seededRandom } from './random.js';

export interface YearHallOptions {
  readonly dir: string;
  readonly windows: number;
  /** Ticket legs over the year (first legs and transfer legs together). */
  readonly legs: number;
  /** The year's first day and the number of days from it. */
  readonly from: string;
  readonly days: number;
  readonly seed?: number;
}

export interface YearHall {
  readonly yamlPath: string;
  readonly dbPath: string;
  readonly hall: Hall;
  readonly legs: number;
  readonly workingDays: number;
}

const MIN = 60_000;
const PAUSE_REASONS = ['临时离开', '业务咨询', '系统故障', '学习'] as const;
// 好差评 as halls see them: most visitors pleased, a few not.
const LEVELS: readonly [number, RatingLevel][] = [
  [0.7, 5],
  [0.85, 4],
  [0.93, 3],
  [0.97, 2],
  [1, 1],
];

export function fillYearHall(o: YearHallOptions): YearHall {
  const yamlPath = join(o.dir, 'year-hall.yml');
  const dbPath = join(o.dir, 'year-hall.db');
  writeFileSync(yamlPath, benchHallYaml(o.windows));
  const hall = loadHallFile(yamlPath);
  const db = openHallDb(dbPath, hall);
  const rnd = seededRandom(o.seed ?? 14);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const windows = hall.config.windows;
  const staffOf = new Map(hall.config.staff.filter((s) => s.role === 'staff').map((s, i) => [windows[i]!.number, s.id]));
  const days = Array.from({ length: o.days }, (_, i) => addDays(o.from, i)).filter((d) => isWorkingDay(hall, d));
  const perDay = Math.ceil(o.legs / days.length);
  let seq = 0;
  let legs = 0;
  let n = 0;
  const id = () => `y${(++n).toString(36)}`;
  const log = (e: HallEvent) => db.events.append([eventRow({ ...e, seq: ++seq })], 'year-hall');

  try {
    for (const day of days) {
      const open = instantOf(hall, day, 9 * 60);
      db.atomically(() => {
        const ticketEvents: HallEvent[] = [];
        const numbers = new Map<string, number>();
        const windowDay = (w: WindowState, at: number, type: HallEvent['type']) => log({ type, at, windowNo: w.number, changes: { windows: [w] } });
        for (const w of windows) {
          const staffId = staffOf.get(w.number)!;
          const signedIn: WindowState = { number: w.number, staffId, signedInAt: open - 5 * MIN, normalSincePriority: 0 };
          windowDay(signedIn, open - 5 * MIN, 'window.signed-in');
          const pauseAt = open + Math.floor(rnd() * 420) * MIN;
          windowDay({ ...signedIn, paused: { reason: pick(PAUSE_REASONS), at: pauseAt } }, pauseAt, 'window.paused');
          windowDay(signedIn, pauseAt + (5 + Math.floor(rnd() * 20)) * MIN, 'window.resumed');
          windowDay({ number: w.number, normalSincePriority: 0 }, open + 8 * 60 * MIN + 5 * MIN, 'window.signed-out');
        }
        for (let i = 0; i < perDay && legs < o.legs; i++) {
          const w = windows[i % windows.length]!;
          const serviceCode = pick(w.services.flat());
          const service = hall.services.get(serviceCode)!;
          const number = (numbers.get(service.prefix) ?? 0) + 1;
          numbers.set(service.prefix, number);
          const issuedAt = open + Math.floor(rnd() * 480 * MIN);
          const calledAt = issuedAt + Math.floor(rnd() * 40 * MIN);
          const startedAt = calledAt + Math.floor(rnd() * MIN);
          const endedAt = startedAt + Math.floor((1 + rnd() * 2 * service.promisedMinutes) * MIN * 0.5);
          const roll = rnd();
          const base: Ticket = {
            id: id(),
            visitId: id(),
            leg: 1,
            day,
            number: `${service.prefix}${String(number).padStart(3, '0')}`,
            prefix: service.prefix,
            seq: number,
            serviceCode,
            kind: roll < 0.08 ? 'priority' : 'normal',
            status: 'done',
            lane: roll < 0.08 ? 'priority' : 'normal',
            issuedAt,
            queuedAt: issuedAt,
            rank: issuedAt,
            windowNo: w.number,
            staffId: staffOf.get(w.number)!,
            calledAt,
            startedAt,
            endedAt,
            recalls: 0,
            reprints: 0,
            noShows: roll > 0.95 && roll < 0.97 ? 1 : 0,
            token: id(),
          };
          const rated = (t: Ticket): Ticket => {
            if (t.status !== 'done' || rnd() > 0.6) return t;
            const r = rnd();
            return { ...t, rating: { level: LEVELS.find(([p]) => r < p)![1], at: t.endedAt! + 20_000 } };
          };
          let t: Ticket;
          if (roll > 0.97 && roll < 0.985) {
            const { windowNo: _w, staffId: _s, calledAt: _c, startedAt: _st, endedAt: _e, ...waiting } = base;
            t = { ...waiting, status: 'cancelled', endedAt: calledAt };
          } else if (roll >= 0.985) {
            t = { ...base, status: 'no-show', noShows: 1, endedAt: calledAt + 3 * MIN };
          } else if (roll > 0.9 && roll < 0.93 && legs + 1 < o.legs) {
            // Transferred on: the next leg at another window, later that day.
            const to = windows[(i + 7) % windows.length]!;
            const toService = pick(to.services.flat());
            const next: Ticket = {
              ...base,
              id: id(),
              leg: 2,
              kind: 'transfer',
              serviceCode: toService,
              queuedAt: endedAt,
              rank: endedAt,
              windowNo: to.number,
              staffId: staffOf.get(to.number)!,
              calledAt: endedAt + 2 * MIN,
              startedAt: endedAt + 3 * MIN,
              endedAt: endedAt + 12 * MIN,
              fromTicketId: base.id,
            };
            ticketEvents.push({ type: 'ticket.finished', at: next.endedAt!, changes: { tickets: [rated(next)] } });
            legs++;
            t = { ...base, status: 'transferred' };
          } else {
            t = rated(base);
          }
          ticketEvents.push({ type: 'ticket.finished', at: t.endedAt ?? calledAt, changes: { tickets: [t] } });
          legs++;
        }
        db.projections.apply(ticketEvents, () => undefined);
        for (let c = 0; c < 2; c++) {
          const w = pick(windows);
          const at = open + Math.floor(rnd() * 480) * MIN;
          db.projections.apply(
            [{ type: 'complaint.filed', at, changes: { complaints: [{ id: id(), at, windowNo: w.number, staffId: staffOf.get(w.number)!, text: '等候时间过长' }] } }],
            () => undefined,
          );
        }
      });
    }
  } finally {
    db.close();
  }
  return { yamlPath, dbPath, hall, legs, workingDays: days.length };
}
