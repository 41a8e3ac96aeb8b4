// 分区叫号: a hall display may follow one zone of the hall — a set of windows (a floor, a wing) or
// of departments — given in its URL: /display/?windows=1-4,9 or /display/?departments=GS,SW. It
// then shows, lists and announces only that zone's calls, and counts only its departments, so each
// zone's speakers carry a share of a busy hall's calls. Pure: no DOM (unit-tested).
import type { HallInfo } from '../lib/api.js';

export interface Zone {
  /** The windows whose calls this display shows and announces. */
  readonly windows: ReadonlySet<number>;
  /** The departments whose waiting counts it shows. */
  readonly departments: readonly string[];
}

/** The zone the URL asks for: undefined for the whole hall, or a Chinese sentence saying what is wrong. */
export function zoneFrom(params: URLSearchParams, hall: Pick<HallInfo, 'windows' | 'departments'>): Zone | undefined | { error: string } {
  const windowsSpec = params.get('windows')?.trim();
  const departmentsSpec = params.get('departments')?.trim();
  if (!windowsSpec && !departmentsSpec) return undefined;
  const known = new Set(hall.windows.map((w) => w.number));
  const windows = new Set<number>();
  for (const part of (windowsSpec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return { error: `分区窗口写法有误：“${part}”（例如 windows=1-4,9）` };
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) return { error: `分区窗口写法有误：“${part}”（例如 windows=1-4,9）` };
    for (let n = from; n <= to; n++) if (known.has(n)) windows.add(n);
  }
  const codes = (departmentsSpec ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  for (const code of codes) {
    if (!hall.departments.some((d) => d.code === code)) return { error: `没有部门“${code}”` };
    for (const w of hall.windows) if (w.department === code) windows.add(w.number);
  }
  if (windows.size === 0) return { error: '分区内没有本大厅的窗口' };
  const departments = codes.length
    ? codes
    : hall.departments.filter((d) => hall.windows.some((w) => windows.has(w.number) && w.department === d.code)).map((d) => d.code);
  return { windows, departments };
}

/** Whether a call at `windowNo` belongs to this display (every call does without a zone). */
export const inZone = (zone: Zone | undefined, windowNo: number): boolean => !zone || zone.windows.has(windowNo);
