// A hall for engine tests: a small hall model, a clock we move by hand, counting ids, and a
// `run` that decides and applies like the store does (opening a new day first when due).
import {
  applyAll,
  compileHall,
  createState,
  decide,
  hallDay,
  needsNewDay,
  type Actor,
  type Command,
  type Decision,
  type Hall,
  type HallConfigInput,
  type HallEvent,
  type HallState,
  type IdSource,
  type Ticket,
} from '../../main/queue/index.js';

export const testHallConfig = (): HallConfigInput => ({
  hall: {
    name: '测试区政务服务中心',
    hours: [
      { from: '09:00', to: '12:00' },
      { from: '13:30', to: '17:00' },
    ],
    stopIssuingMinutesBeforeClose: 30,
    recallLimit: 3,
    noShowRequeue: { after: 3 },
    starvationMinutes: 90,
  },
  calendar: { holidays: ['2026-10-01'], workdays: ['2026-09-27'] },
  departments: [
    { code: 'GS', name: '市场监管局' },
    { code: 'DS', name: '税务局' },
    { code: 'ZJ', name: '质监局' },
  ],
  services: [
    { code: 'GS-01', name: '企业设立登记', department: 'GS', prefix: 'A', promisedMinutes: 20, dailyCap: 200 },
    { code: 'GS-02', name: '企业变更登记', department: 'GS', prefix: 'A', promisedMinutes: 15, dailyCap: 200 },
    { code: 'DS-01', name: '发票领用', department: 'DS', prefix: 'B', promisedMinutes: 10, dailyCap: 3 },
    {
      code: 'ZJ-01',
      name: '工业产品生产许可',
      department: 'ZJ',
      prefix: 'C',
      promisedMinutes: 30,
      dailyCap: 50,
      appointment: { slotMinutes: 30, capacity: 2 },
    },
  ],
  windows: [
    { number: 1, name: '企业登记', kind: 'department', department: 'GS', services: [['GS-01', 'GS-02']] },
    { number: 2, name: '企业变更', kind: 'department', department: 'GS', services: [['GS-02'], ['GS-01']] },
    { number: 3, name: '税务', kind: 'department', department: 'DS', services: [['DS-01']] },
    { number: 4, name: '综合受理', kind: 'comprehensive', services: [['ZJ-01'], ['GS-01']] },
    { number: 5, name: '绿色通道', kind: 'green', services: [['GS-01', 'GS-02', 'DS-01', 'ZJ-01']] },
    { number: 9, name: '效能监察投诉', kind: 'complaints' },
  ],
  staff: [
    { id: '0101', name: '李明', role: 'staff', department: 'GS' },
    { id: '0102', name: '王芳', role: 'staff', department: 'GS' },
    { id: '0103', name: '赵强', role: 'staff', department: 'DS' },
    { id: '0104', name: '陈静', role: 'staff' },
    { id: '0105', name: '刘洋', role: 'staff' },
    { id: '0901', name: '周建国', role: 'chief', department: 'GS' },
    { id: '0902', name: '吴敏', role: 'supervisor' },
  ],
});

export function testHall(edit: (c: HallConfigInput) => void = () => {}): Hall {
  const config = testHallConfig();
  edit(config);
  return compileHall(config);
}

/** 2026-12-01 (a Tuesday) at hh:mm in Asia/Shanghai. */
export function at(hhmm: string, date = '2026-12-01'): number {
  return Date.parse(`${date}T${hhmm}:00+08:00`);
}

export function countingIds(): IdSource {
  let n = 0;
  return {
    id: () => `t${++n}`,
    token: () => `token-${++n}`,
    code: () => String(100000 + ++n).slice(-6),
  };
}

export class QueueHarness {
  readonly state: HallState;
  /** Every event applied, in order. */
  readonly events: HallEvent[] = [];
  now: number;
  private readonly ids = countingIds();
  private request = 0;

  constructor(hall: Hall = testHall(), start = at('09:00')) {
    this.now = start;
    this.state = createState(hall, hallDay(hall, start));
  }

  advance(minutes: number): this {
    this.now += minutes * 60_000;
    return this;
  }

  /** Decide and apply, as the store does; a refusal changes nothing. */
  run(cmd: DistributiveOmit<Command, 'requestId'>, actor: Actor = { role: 'staff', id: 'test' }): Decision {
    if (needsNewDay(this.state, this.now)) this.apply({ type: 'openDay' }, { role: 'system', id: 'clock' });
    return this.apply(cmd, actor);
  }

  private apply(cmd: DistributiveOmit<Command, 'requestId'>, actor: Actor): Decision {
    const d = decide(this.state, { ...cmd, requestId: `r${++this.request}` }, {
      now: this.now,
      ids: this.ids,
      actor,
    });
    if (d.ok) {
      applyAll(this.state, d.events);
      this.events.push(...d.events);
    }
    return d;
  }

  /** Run and insist it was accepted; returns the reply. */
  ok(cmd: DistributiveOmit<Command, 'requestId'>): Extract<Decision, { ok: true }>['reply'] {
    const d = this.run(cmd);
    if (!d.ok) throw new Error(`${cmd.type} refused: ${d.code} ${d.message}`);
    return d.reply;
  }

  issue(serviceCode: string, kind: 'normal' | 'priority' | 'green' = 'normal', extra: { kioskId?: string; authorizedBy?: string } = {}): Ticket {
    const reply = this.ok({ type: 'issue', serviceCode, kind, ...extra });
    return reply.ticket as Ticket;
  }

  callNext(windowNo: number): Ticket {
    return this.ok({ type: 'callNext', windowNo }).ticket as Ticket;
  }

  ticket(id: string): Ticket {
    const t = this.state.tickets.get(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  signInAll(): this {
    const staff = ['0101', '0102', '0103', '0104', '0105'];
    [1, 2, 3, 4, 5].forEach((windowNo, i) => this.ok({ type: 'signIn', windowNo, staffId: staff[i] as string }));
    return this;
  }
}

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
