// The demo hall's device agent: the same runAgent a hall PC runs, with an agent config that points
// at the simulators' TCP lines — the printer of kiosk K1, one LED bus and one keypad bus (as an
// RS-485-to-Ethernet converter would present them).
import { join } from 'node:path';
import type { Logger } from 'pino';
import { stringify } from 'yaml';
import { parseAgentConfig, runAgent, type RunningAgent } from '../agent/index.js';
import { CALLER_BASE, type DemoSims } from './sims.js';

export type DemoAgent = RunningAgent;

export function demoAgentYaml(hubUrl: string, token: string, sims: DemoSims, outbox: string): string {
  const tcp = (port: number) => ({ kind: 'tcp', host: '127.0.0.1', port });
  return stringify({
    hub: { url: hubUrl, token },
    name: '演示工控机',
    outbox,
    maintenanceAfterSeconds: 60,
    devices: [
      { id: 'printer-k1', kind: 'printer', kioskId: 'K1', transport: tcp(sims.printer.port), paperWidth: 80, qr: 'native' },
      ...sims.windows.map((w) => ({
        id: `led-${w}`,
        kind: 'led',
        windowNo: w,
        transport: tcp(sims.ledPort),
        display: { codec: 'onbon', address: w, lines: 1, charsPerLine: 12 },
      })),
      {
        id: 'keypads',
        kind: 'keypad-line',
        transport: tcp(sims.keypadPort),
        keypads: { codec: 'frame', evaluation: [...sims.windows], caller: sims.callerWindows.map((w) => CALLER_BASE + w), pollIntervalMs: 100 },
        windows: Object.fromEntries([
          ...sims.windows.map((w): [string, number] => [String(w), w]),
          ...sims.callerWindows.map((w): [string, number] => [String(CALLER_BASE + w), w]),
        ]),
      },
    ],
  });
}

export async function startDemoAgent(options: { hubUrl: string; token: string; sims: DemoSims; dir: string; log: Logger }): Promise<DemoAgent> {
  const config = parseAgentConfig(demoAgentYaml(options.hubUrl, options.token, options.sims, join(options.dir, 'agent-outbox.db')), 'demo agent (main/demo/agent.ts)');
  return runAgent(config, { log: options.log, configDir: options.dir });
}
