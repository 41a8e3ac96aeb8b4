// The demo hall (`npm start`): the demo hall file (open around the clock), a fresh SQLite file,
// devices paired and staff passwords set, simulated hardware (printer, LED window displays,
// keypads) driven by a real device agent, and a launcher page that links every screen and shows
// the simulated devices live. `--rush` adds simulated visitors and staff.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { AgentBinding } from '../../db/access.js';
import { startHub, type Hub } from '../hub/server.js';
import { hashPassword } from '../hub/passwords.js';
import { demoHall } from './hall.js';
import { startDemoAgent, type DemoAgent } from './agent.js';
import { demoPanelRoutes, type DemoLink } from './panel.js';
import { startRush, rushStaffing, type Rush } from './rush.js';
import { startDemoSims, type DemoSims } from './sims.js';

export { DEMO_HALL } from './hall.js';
export const DEMO_PASSWORD = 'hallq123';
/** Windows with simulated LED displays and evaluation keypads; the first three also have caller keypads. */
const DEVICE_WINDOWS = Array.from({ length: 12 }, (_, i) => i + 1);
const CALLER_WINDOWS = [1, 2, 3];
/** Windows you staff yourself in --rush mode (the rest are simulated). */
const YOUR_WINDOWS = [1, 2, 3];
const RUSH_KIOSKS = ['K2', 'K3', 'K4', 'K5', 'K6'];

export interface DemoOptions {
  readonly port: number;
  readonly rush: boolean;
  readonly host?: string;
  /** Quiet logs (tests). */
  readonly quiet?: boolean;
}

export interface Demo {
  /** The running hub (a new one after restartHub). */
  readonly hub: Hub;
  readonly sims: DemoSims;
  readonly agent: DemoAgent;
  readonly tokens: Readonly<Record<string, string>>;
  readonly links: readonly DemoLink[];
  /** Stop the hub and start it again on the same port and database, as after a power cut mid-day. */
  restartHub(downMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const hall = demoHall({ aroundTheClock: true });
  const dir = mkdtempSync(join(tmpdir(), 'hallq-demo-'));
  const log = pino({ name: 'demo', level: options.quiet ? 'warn' : (process.env.HALLQ_LOG ?? 'warn') });
  const sims = await startDemoSims(DEVICE_WINDOWS, CALLER_WINDOWS);
  let links: DemoLink[] = [];
  const hubOptions = {
    hall,
    dbPath: join(dir, 'hall.db'),
    host: options.host ?? '127.0.0.1',
    log: log.child({ part: 'hub' }),
    routes: demoPanelRoutes(sims, () => links),
  };
  let hub = await startHub({ ...hubOptions, port: options.port });
  const access = hub.core.access;
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const id of hall.staff.keys()) access.setPasswordHash(id, hash);
  const pair = (id: string, role: 'kiosk' | 'display' | 'agent', name: string, hasPrinter = false, binding?: AgentBinding) =>
    access.pairDevice({ id, role, name, hasPrinter, ...(binding && { binding }) });
  const tokens: Record<string, string> = {
    kiosk: pair('K1', 'kiosk', '1号取号机', true),
    display: pair('D1', 'display', '大厅综合屏'),
    windowDisplay: pair('D2', 'display', '窗口显示屏（HDMI）'),
    // The demo PC drives the LED displays and keypads of windows 1–12 and kiosk K1's printer.
    agent: pair('PC1', 'agent', '演示工控机', false, { windows: DEVICE_WINDOWS, kiosks: ['K1'] }),
  };
  // Each window's rating pad serves that window only.
  for (const w of DEVICE_WINDOWS) tokens[`pad${w}`] = pair(`PAD${w}`, 'agent', `${w}号窗口评价平板`, false, { windows: [w], kiosks: [] });
  const rushTokens = RUSH_KIOSKS.map((id, i) => pair(id, 'kiosk', `${i + 2}号取号机`));

  const agent = await startDemoAgent({ hubUrl: hub.url, token: tokens.agent!, sims, dir, log: log.child({ part: 'agent' }) });

  const q = (params: Record<string, string | number>) => new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString();
  links = [
    { label: '取号机（1号，带打印机）', href: `/kiosk/?${q({ token: tokens.kiosk! })}` },
    { label: '大厅综合屏', href: `/display/?${q({ token: tokens.display! })}` },
    { label: '窗口呼叫（员工登录）', href: '/counter/' },
    ...[1, 2, 3].map((w) => ({ label: `${w}号窗口显示屏`, href: `/window/?${q({ windowNo: w, token: tokens.windowDisplay! })}` })),
    ...[1, 2, 3].map((w) => ({ label: `${w}号窗口评价平板`, href: `/pad/?${q({ windowNo: w, token: tokens[`pad${w}`]! })}` })),
    { label: '网上预约', href: '/book/' },
  ];

  let rush: Rush | undefined;
  if (options.rush) {
    const rushed = hall.config.windows.map((w) => w.number).filter((n) => !YOUR_WINDOWS.includes(n));
    const staffAt = new Map<number, string>();
    for (const [windowNo, staffId] of rushStaffing(hall, rushed)) staffAt.set(windowNo, access.createSession(staffId, 24 * 3600_000, Date.now()));
    rush = startRush({
      url: hub.url,
      hall,
      kioskTokens: rushTokens,
      staffAt,
      rate: (windowNo, level) => {
        if (DEVICE_WINDOWS.includes(windowNo)) sims.keypads.press(windowNo, level);
      },
    });
  }

  let closing: Promise<void> | undefined;
  return {
    get hub() {
      return hub;
    },
    sims,
    agent,
    tokens,
    links,
    async restartHub(downMs = 0) {
      const port = hub.port;
      await hub.close();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      hub = await startHub({ ...hubOptions, port });
    },
    close: () =>
      (closing ??= (async () => {
        await rush?.stop();
        await agent.close();
        await hub.close();
        await sims.close();
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}

/** `hallq demo`: start it, say where everything is, stop on Ctrl+C. */
export async function runDemo(options: DemoOptions): Promise<Demo> {
  const demo = await startDemo(options);
  const { hub } = demo;
  console.log(`
HallQ 演示大厅 · demo hall: ${hub.core.state.hall.config.hall.name}
  open        ${hub.url}/        (every screen, and the simulated printer, LED displays and keypads)
  staff       any staff number in config/demo-hall.yml (e.g. 0102), password ${DEMO_PASSWORD}
  hours       open around the clock, every day (a real hall keeps its hall file's hours)
  rush        ${options.rush ? 'on: simulated visitors and staff at windows 4 and up; windows 1–3 are yours' : 'off (npm start -- --rush for a busy hall)'}
Ctrl+C stops it.`);
  const stop = () => void demo.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return demo;
}
