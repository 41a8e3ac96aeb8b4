// Which devices an agent may run: printers and ID card readers only for the kiosks it is bound to, LED displays,
// keypads and caller keypads only for its windows, and never a device id another agent holds.
// Also the `--windows 1-12 --kiosks K1` syntax the command line pairs and binds agents with.
import type { AgentBinding } from '../../db/access.js';
import type { Hall } from '../queue/index.js';
import { deviceLabel, type AnnouncedDevice } from './devices.js';
import { refusalText } from '../protocol/index.js';

export type { AgentBinding } from '../../db/access.js';

/** The paired agent as staff read it: "1号工控机（PC1）". */
export interface AgentName {
  readonly id: string;
  readonly name: string;
}
const named = (a: AgentName) => (a.name === a.id ? a.id : `${a.name}（${a.id}）`);

export interface DeviceRefusal {
  readonly device: AnnouncedDevice;
  readonly code: 'device-not-bound' | 'device-taken';
  /** zh-CN, naming the device and its window or kiosk. */
  readonly message: string;
  /** For the audit row: the agent and the device. */
  readonly detail: string;
}

/** The window or kiosk a device serves, as its binding would name it; undefined: it names none. */
function servedBy(d: AnnouncedDevice): { window: number } | { kiosk: string } | undefined {
  if (d.kind === 'printer' || d.kind === 'idcard' || d.kind === 'scanner') return d.kioskId !== undefined ? { kiosk: d.kioskId } : undefined;
  return d.windowNo !== undefined ? { window: d.windowNo } : undefined;
}

export function bindingCovers(binding: AgentBinding, d: AnnouncedDevice): boolean {
  const s = servedBy(d);
  if (!s) return false;
  return 'window' in s ? binding.windows.includes(s.window) : binding.kiosks.includes(s.kiosk);
}

/** Why an agent may not serve kiosk `kioskId`'s `device` (zh-CN), or undefined if it may. */
export function kioskRefusal(agent: AgentName, binding: AgentBinding, kioskId: string, device: string): string | undefined {
  return binding.kiosks.includes(kioskId) ? undefined : refusalText('device-not-bound.kiosk', { agent: named(agent), kioskId, device });
}

/** Why an agent may not serve window `windowNo` (zh-CN), or undefined if it may. */
export function windowRefusal(agent: AgentName, binding: AgentBinding, windowNo: number): string | undefined {
  return binding.windows.includes(windowNo) ? undefined : refusalText('device-not-bound.window', { agent: named(agent), windowNo });
}

/** Every device of an announcement the agent may not run, with why. */
export function refusedDevices(
  agent: AgentName,
  binding: AgentBinding,
  devices: readonly AnnouncedDevice[],
  holderOf: (deviceId: string) => string | undefined,
): DeviceRefusal[] {
  const out: DeviceRefusal[] = [];
  for (const d of devices) {
    const label = `${deviceLabel(d)}（${d.deviceId}）`;
    const holder = holderOf(d.deviceId);
    if (holder !== undefined && holder !== agent.id) {
      out.push({
        device: d,
        code: 'device-taken',
        message: refusalText('device-taken', { deviceId: d.deviceId, holder, agent: named(agent), label }),
        detail: `agent ${agent.id}: device ${d.deviceId} is held by agent ${holder}`,
      });
    } else if (!bindingCovers(binding, d)) {
      const s = servedBy(d);
      const what = !s ? '未指定窗口或取号机' : 'window' in s ? `未绑定${s.window}号窗口` : `未绑定取号机${s.kiosk}`;
      out.push({
        device: d,
        code: 'device-not-bound',
        message: refusalText('device-not-bound.device', { agent: named(agent), what, label }),
        detail: `agent ${agent.id}: device ${d.deviceId} (${d.kind}${s ? ` for ${'window' in s ? `window ${s.window}` : `kiosk ${s.kiosk}`}` : ''}) is not in its binding`,
      });
    }
  }
  return out;
}

/** "1-3,5" → [1, 2, 3, 5]. */
function parseWindows(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new Error(`--windows ${text}: "${part}" is not a window number or a range like 1-12`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) throw new Error(`--windows ${text}: the range ${part} runs backwards`);
    for (let w = from; w <= to; w++) out.push(w);
  }
  return out;
}

/**
 * The binding `hallq pair --role agent … --windows 1-12 --kiosks K1` and `hallq bind` give: windows
 * as numbers and ranges ("1-12,14"), kiosks as ids ("K1,K2"); either may be left out (none).
 * Every window must be in the hall file. Throws an Error whose message names the option.
 */
export function parseAgentBinding(options: { readonly windows?: string | undefined; readonly kiosks?: string | undefined }, hall: Hall): AgentBinding {
  const windows = options.windows === undefined ? [] : parseWindows(options.windows);
  const unknown = windows.filter((w) => !hall.windows.has(w));
  if (unknown.length > 0) throw new Error(`--windows ${options.windows}: the hall file has no window ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ' …' : ''}`);
  const kiosks = (options.kiosks ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  const bad = kiosks.find((k) => !/^[A-Za-z0-9_-]{1,64}$/.test(k));
  if (bad !== undefined) throw new Error(`--kiosks ${options.kiosks}: "${bad}" is not a kiosk id (1–64 letters, digits, "-" or "_")`);
  return { windows: [...new Set(windows)].sort((a, b) => a - b), kiosks: [...new Set(kiosks)] };
}

/** "windows 1-12, 14; kiosks K1" (what `hallq pair`/`bind` prints back), or "nothing". */
export function bindingText(b: AgentBinding): string {
  const ranges: string[] = [];
  const ws = [...new Set(b.windows)].sort((x, y) => x - y);
  for (let i = 0; i < ws.length; ) {
    let j = i;
    while (j + 1 < ws.length && ws[j + 1] === ws[j]! + 1) j++;
    ranges.push(i === j ? String(ws[i]) : `${ws[i]}-${ws[j]}`);
    i = j + 1;
  }
  const parts = [...(ranges.length > 0 ? [`windows ${ranges.join(', ')}`] : []), ...(b.kiosks.length > 0 ? [`kiosks ${b.kiosks.join(', ')}`] : [])];
  return parts.length > 0 ? parts.join('; ') : 'nothing';
}
