// Two hall days in the small hall, run through the hub's real store (CommandRunner on a SQLite
// temp file), for the reports' fixed-data tests. The hall resets at 04:00 and keeps Thursday
// 2026-12-03 as a public holiday. What happens (Asia/Shanghai):
//
// Tue 2026-12-01 (hall day 12-01)
//   09:00 李明 0101 signs in at window 1, 王芳 0102 at window 2; A001 (GS-01), B001 (DS-01) issued
//   09:05 A002 (GS-01) issued
//   09:10 W1 calls A001 · 09:11 starts · 09:21 transfers it to DS-01 (leg 2 queues at 09:21)
//   09:12 W2 calls B001, starts · 09:20 finishes · rated 5 (非常满意)
//   09:22 W1 calls A002 · W2 calls A001 leg 2 · 09:23 W2 starts · 09:25 W1 skips A002 (过号)
//   09:30 A002 re-queued (过号重排) · 09:38 W2 finishes A001 leg 2 · rated 2 (不满意)
//   09:40 W1 calls A002, starts · 10:05 finishes · rated 3 (基本满意)
//   10:10 W1 pauses (学习) · 10:40 resumes · 10:50 A003 (GS-02) issued · 11:00 W1 calls it
//   11:00 a complaint about window 2 and 王芳 · 11:02 W1 skips A003 (a no-show for good)
//   11:30 both sign out
// Wed 2026-12-02 02:00: A004 (GS-01) issued — before the 04:00 reset, so on hall day 12-01;
//   02:10 cancelled
// Wed 2026-12-02 (hall day 12-02)
//   09:00 赵强 0103 signs in at window 3; B001 (DS-01) issued · 09:10 W3 calls and starts it
//   09:15 finishes · rated 4 (满意) · 09:30 signs out
// Thu 2026-12-03: a holiday; issuing is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HubStore } from '../../../main/hub/core.js';
import { openHubStore } from '../../../main/hub/store.js';
import type { Actor, Command, Hall, Ticket } from '../../../main/queue/index.js';
import type { DistributiveOmit } from '../../helpers/queue-harness.js';
import { at, countingIds, smallHall } from '../../helpers/small-hall.js';

export const twoDaysHall = (): Hall =>
  smallHall((c) => {
    c.hall.dayResetTime = '04:00';
    c.calendar = { holidays: ['2026-12-03'], workdays: [] };
  });

const kiosk: Actor = { role: 'kiosk', id: 'K1' };
const staff = (id: string): Actor => ({ role: 'staff', id });

export interface TwoDays {
  readonly store: HubStore;
  readonly hall: Hall;
  /** The refusal issuing got on the holiday. */
  readonly holidayRefusal: string;
  close(): void;
}

export function twoDays(): TwoDays {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-reports-'));
  const hall = twoDaysHall();
  const store = openHubStore({ path: join(dir, 'hall.db'), hall, ids: countingIds('r'), now: at('08:00') });
  let request = 0;
  const run = (cmd: DistributiveOmit<Command, 'requestId'>, actor: Actor, now: number) => {
    const r = store.execute({ ...cmd, requestId: `q${++request}` }, actor, now);
    if (!r.ok) throw new Error(`${cmd.type} at ${new Date(now).toISOString()} refused: ${r.code} ${r.message}`);
    return r.reply;
  };
  const issue = (serviceCode: string, now: number) => run({ type: 'issue', serviceCode, kind: 'normal' }, kiosk, now).ticket as Ticket;
  const w = (windowNo: number, who: string, type: 'callNext' | 'start' | 'finish' | 'skip' | 'signOut' | 'resumeWindow', now: number) =>
    run({ type, windowNo }, staff(who), now).ticket as Ticket;
  const rate = (ticketId: string, level: 1 | 2 | 3 | 4 | 5, now: number) => run({ type: 'rate', ticketId, level }, { role: 'agent', id: 'PC1' }, now);

  const t = (hhmm: string) => at(hhmm, '2026-12-01');
  run({ type: 'signIn', windowNo: 1, staffId: '0101' }, staff('0101'), t('09:00'));
  run({ type: 'signIn', windowNo: 2, staffId: '0102' }, staff('0102'), t('09:00'));
  issue('GS-01', t('09:00'));
  const b001 = issue('DS-01', t('09:00'));
  const a002 = issue('GS-01', t('09:05'));
  w(1, '0101', 'callNext', t('09:10'));
  w(1, '0101', 'start', t('09:11'));
  w(2, '0102', 'callNext', t('09:12'));
  w(2, '0102', 'start', t('09:12'));
  w(2, '0102', 'finish', t('09:20'));
  rate(b001.id, 5, t('09:20'));
  const leg2 = run({ type: 'transfer', windowNo: 1, to: { serviceCode: 'DS-01' }, position: 'tail' }, staff('0101'), t('09:21')).ticket as Ticket;
  w(1, '0101', 'callNext', t('09:22'));
  w(2, '0102', 'callNext', t('09:22'));
  w(2, '0102', 'start', t('09:23'));
  w(1, '0101', 'skip', t('09:25'));
  run({ type: 'requeue', ticketId: a002.id }, staff('0101'), t('09:30'));
  w(2, '0102', 'finish', t('09:38'));
  rate(leg2.id, 2, t('09:38'));
  w(1, '0101', 'callNext', t('09:40'));
  w(1, '0101', 'start', t('09:40'));
  w(1, '0101', 'finish', t('10:05'));
  rate(a002.id, 3, t('10:05'));
  run({ type: 'pause', windowNo: 1, reason: '学习' }, staff('0101'), t('10:10'));
  w(1, '0101', 'resumeWindow', t('10:40'));
  issue('GS-02', t('10:50'));
  w(1, '0101', 'callNext', t('11:00'));
  run({ type: 'complain', text: '办理时态度生硬', windowNo: 2, staffId: '0102' }, { role: 'supervisor', id: '0902' }, t('11:00'));
  w(1, '0101', 'skip', t('11:02'));
  w(1, '0101', 'signOut', t('11:30'));
  w(2, '0102', 'signOut', t('11:30'));

  const night = issue('GS-01', at('02:00', '2026-12-02'));
  run({ type: 'cancel', ticketId: night.id }, staff('0101'), at('02:10', '2026-12-02'));

  const d = (hhmm: string) => at(hhmm, '2026-12-02');
  run({ type: 'signIn', windowNo: 3, staffId: '0103' }, staff('0103'), d('09:00'));
  const b001b = issue('DS-01', d('09:00'));
  w(3, '0103', 'callNext', d('09:10'));
  w(3, '0103', 'start', d('09:10'));
  w(3, '0103', 'finish', d('09:15'));
  rate(b001b.id, 4, d('09:15'));
  w(3, '0103', 'signOut', d('09:30'));

  const holiday = store.execute({ type: 'issue', serviceCode: 'GS-01', kind: 'normal', requestId: 'holiday' }, kiosk, at('10:00', '2026-12-03'));
  return {
    store,
    hall,
    holidayRefusal: holiday.ok ? 'issued' : holiday.code,
    close: () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
