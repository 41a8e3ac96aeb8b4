// The bench hall: config/demo-hall.yml widened to N windows (the demo's serving windows repeated)
// with one staff member each, open all day every day (so the bench runs at any hour), caps and the
// kiosk rate limit raised so the offered load is not refused by hall rules. Written to a temp YAML
// and provisioned (devices paired, staff passwords set) through db/access.ts before the hub starts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { openHallDb } from '../../db/hall-db.js';
import { loadHallFile } from '../../main/config/hall-file.js';
import { hashPassword } from '../../main/hub/passwords.js';

export const DEMO_HALL = fileURLToPath(new URL('../../config/demo-hall.yml', import.meta.url));
export const BENCH_PASSWORD = 'bench-pass-1';
export const BENCH_SUPERVISOR = '19001';

interface WindowEntry {
  number: number;
  name: string;
  kind: string;
  department?: string;
  services?: string[][];
  strategy?: unknown;
}

export interface BenchHall {
  readonly yamlPath: string;
  readonly dbPath: string;
  /** Window number → its staff number. */
  readonly staff: readonly { readonly id: string; readonly windowNo: number }[];
  /** Per window, every service it serves (a kiosk picks a window's service, so demand follows capacity). */
  readonly servicesByWindow: readonly (readonly string[])[];
  readonly kioskTokens: readonly string[];
  readonly displayTokens: readonly string[];
  /** A device agent (hall PC) paired as PC1. */
  readonly agentToken: string;
}

/** UTC dates from two days back to two days ahead: whatever the hall's timezone, today is a working day. */
function datesAroundToday(now = Date.now()): string[] {
  return [-2, -1, 0, 1, 2].map((d) => new Date(now + d * 86_400_000).toISOString().slice(0, 10));
}

export function benchHallYaml(windows: number, demoPath = DEMO_HALL): string {
  const doc = parse(readFileSync(demoPath, 'utf8')) as Record<string, unknown> & {
    hall: Record<string, unknown>;
    services: Record<string, unknown>[];
    windows: WindowEntry[];
  };
  doc.hall.hours = [{ from: '00:00', to: '23:59' }];
  doc.hall.stopIssuingMinutesBeforeClose = 0;
  // Kept on, so its check costs what it costs in a real hall; high enough never to refuse 1/s per kiosk.
  doc.hall.kioskRateLimit = { max: 1000, perSeconds: 60 };
  doc.calendar = { holidays: [], workdays: datesAroundToday() };
  for (const s of doc.services) {
    delete s.hours;
    s.dailyCap = 9999;
  }
  const templates = doc.windows.filter((w) => (w.services ?? []).length > 0);
  doc.windows = Array.from({ length: windows }, (_, i) => ({ ...templates[i % templates.length]!, number: i + 1 }));
  // A small bench hall (the smoke test's) keeps only the services its windows serve.
  const served = new Set(doc.windows.flatMap((w) => (w.services ?? []).flat()));
  doc.services = doc.services.filter((s) => served.has(s.code as string));
  doc.staff = [
    ...doc.windows.map((w) => ({
      id: String(10001 + w.number - 1),
      name: `工作人员${w.number}`,
      role: 'staff',
      ...(w.department !== undefined && { department: w.department }),
    })),
    // Not at a window: the supervise channel's client.
    { id: BENCH_SUPERVISOR, name: '监察员', role: 'supervisor' },
  ];
  return stringify(doc);
}

export async function prepareBenchHall(options: { dir: string; windows: number; kiosks: number; displays: number }): Promise<BenchHall> {
  const yamlPath = join(options.dir, 'bench-hall.yml');
  const dbPath = join(options.dir, 'hall.db');
  writeFileSync(yamlPath, benchHallYaml(options.windows));
  const hall = loadHallFile(yamlPath);
  const store = openHallDb(dbPath, hall);
  try {
    const access = store.access;
    const pair = (role: 'kiosk' | 'display', prefix: string, name: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        access.pairDevice({ id: `${prefix}${String(i + 1).padStart(2, '0')}`, role, name: `${i + 1}号${name}`, hasPrinter: false }),
      );
    const kioskTokens = pair('kiosk', 'K', '取号机', options.kiosks);
    const displayTokens = pair('display', 'D', '综合屏', options.displays);
    const agentToken = access.pairDevice({ id: 'PC1', role: 'agent', name: '1号工控机', hasPrinter: false, binding: { windows: [1], kiosks: [] } });
    // One scrypt hash for everyone: the hub still verifies each login in full.
    const hash = await hashPassword(BENCH_PASSWORD);
    for (const id of hall.staff.keys()) access.setPasswordHash(id, hash);
    const windows = hall.config.windows;
    return {
      yamlPath,
      dbPath,
      staff: hall.config.staff.filter((s) => s.role === 'staff').map((s, i) => ({ id: s.id, windowNo: windows[i]!.number })),
      servicesByWindow: windows.map((w) => w.services.flat()),
      kioskTokens,
      displayTokens,
      agentToken,
    };
  } finally {
    store.close();
  }
}
