// A hall PC without hardware: a real hub, and an agent whose devices are the drivers' simulators —
// a network printer on loopback TCP, an LED display and a keypad line each over a socat pty pair.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createPtyPair, type PtyPair } from '../../helpers/pty.js';
import { PrinterSimulator } from '../../../drivers/sim/printer-sim.js';
import { DisplaySimulator } from '../../../drivers/sim/display-sim.js';
import { FrameKeypadSim, type SimKeypadKind } from '../../../drivers/sim/keypad-sim.js';
import { parseAgentConfig, type AgentConfig } from '../../../main/agent/index.js';

export interface HallDevices {
  readonly printer: PrinterSimulator & { readonly port: number };
  readonly displayLine: PtyPair;
  readonly display: DisplaySimulator;
  readonly keypadLine: PtyPair;
  readonly keypads: FrameKeypadSim;
  readonly dir: string;
  /** agent.yml text for these devices and a hub. */
  yaml(hubUrl: string, token: string, extra?: string): string;
  config(hubUrl: string, token: string, extra?: string): AgentConfig;
  close(): Promise<void>;
}

/** LED displays at addresses 1–4 for windows 1–4; evaluation keypads 1–4 and callers 11–14 for windows 1–4. */
export async function hallDevices(name: string): Promise<HallDevices> {
  const dir = mkdtempSync(join(tmpdir(), `hallq-agent-${name}-`));
  const printer = await PrinterSimulator.listenTcp(0, '127.0.0.1');
  const displayLine = await createPtyPair(`${name}-led`);
  const display = new DisplaySimulator({ path: displayLine.device });
  await display.start();
  const keypadLine = await createPtyPair(`${name}-pad`);
  const pads: { address: number; kind: SimKeypadKind }[] = [1, 2, 3, 4].flatMap((w) => [
    { address: w, kind: 'evaluation' as const },
    { address: 10 + w, kind: 'caller' as const },
  ]);
  const keypads = new FrameKeypadSim({ path: keypadLine.device, devices: pads });
  await keypads.open();
  const yaml = (hubUrl: string, token: string, extra = '') => `hub:
  url: ${hubUrl}
  token: ${token}
name: 测试工控机
outbox: outbox.db
${extra}
devices:
  - id: printer-k2
    kind: printer
    kioskId: K2
    transport: { kind: tcp, host: 127.0.0.1, port: ${printer.port} }
    paperWidth: 80
${[1, 2, 3, 4]
  .map(
    (w) => `  - id: led-${w}
    kind: led
    windowNo: ${w}
    transport: { kind: serial, path: ${displayLine.host}, baudRate: 9600 }
    display: { codec: onbon, address: ${w}, charsPerLine: 16, replyTimeoutMs: 1000 }
`,
  )
  .join('')}  - id: pads
    kind: keypad-line
    transport: { kind: serial, path: ${keypadLine.host}, baudRate: 9600 }
    keypads: { evaluation: [1, 2, 3, 4], caller: [11, 12, 13, 14], pollIntervalMs: 20, replyTimeoutMs: 300 }
    windows: { 1: 1, 2: 2, 3: 3, 4: 4, 11: 1, 12: 2, 13: 3, 14: 4 }
`;
  return {
    printer,
    displayLine,
    display,
    keypadLine,
    keypads,
    dir,
    yaml,
    config: (hubUrl, token, extra) => parseAgentConfig(yaml(hubUrl, token, extra), 'test-agent.yml'),
    async close() {
      await keypads.close();
      await display.stop();
      await printer.close();
      await keypadLine.close();
      await displayLine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const agentLog = () => pino({ name: 'agent', level: process.env.HALLQ_LOG ?? 'silent' });

/** Poll `probe` until it returns something truthy; fail with `what` after `timeoutMs`. */
export async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}
