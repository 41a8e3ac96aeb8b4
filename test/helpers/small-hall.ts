// A small hall for store tests: two departments, three services, three windows, a few staff, open
// 00:00–23:59 so any clock time issues; tests pass explicit instants on a weekday (`at`).
import { compileHall, type Hall, type HallConfigInput, type IdSource } from '../../main/queue/index.js';

export const smallHallConfig = (): HallConfigInput => ({
  hall: {
    name: '测试政务服务中心',
    hours: [{ from: '00:00', to: '23:59' }],
    dayResetTime: '00:00',
    stopIssuingMinutesBeforeClose: 0,
    kioskRateLimit: { max: 1000, perSeconds: 1 },
  },
  departments: [
    { code: 'GS', name: '市场监管局' },
    { code: 'DS', name: '税务局' },
  ],
  services: [
    { code: 'GS-01', name: '企业设立登记', department: 'GS', prefix: 'A', promisedMinutes: 20, dailyCap: 9999 },
    { code: 'GS-02', name: '企业变更登记', department: 'GS', prefix: 'A', promisedMinutes: 15, dailyCap: 9999 },
    { code: 'DS-01', name: '发票领用', department: 'DS', prefix: 'B', promisedMinutes: 10, dailyCap: 9999 },
  ],
  windows: [
    { number: 1, name: '企业登记', kind: 'department', department: 'GS', services: [['GS-01', 'GS-02']] },
    { number: 2, name: '税务', kind: 'department', department: 'DS', services: [['DS-01']] },
    { number: 3, name: '综合受理', kind: 'comprehensive', services: [['GS-02', 'DS-01'], ['GS-01']] },
  ],
  staff: [
    { id: '0101', name: '李明', role: 'staff', department: 'GS' },
    { id: '0102', name: '王芳', role: 'staff', department: 'DS' },
    { id: '0103', name: '赵强', role: 'staff' },
    { id: '0901', name: '周建国', role: 'chief', department: 'GS' },
  ],
});

export function smallHall(edit: (c: HallConfigInput) => void = () => {}): Hall {
  const config = smallHallConfig();
  edit(config);
  return compileHall(config);
}

/** 2026-12-01 (a Tuesday) at hh:mm in Asia/Shanghai, plus `ms`. */
export function at(hhmm: string, date = '2026-12-01', ms = 0): number {
  return Date.parse(`${date}T${hhmm}:00+08:00`) + ms;
}

/** Deterministic ids; `prefix` keeps two stores (or two opens of one file) from colliding. */
export function countingIds(prefix = 'id'): IdSource {
  let n = 0;
  return {
    id: () => `${prefix}-${++n}`,
    token: () => `${prefix}-token-${++n}`,
    code: () => String(100000 + ++n).slice(-6),
  };
}
