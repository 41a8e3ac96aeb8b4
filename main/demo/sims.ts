// The demo hall's simulated hardware, on TCP lines so it needs no socat: a ticket printer for kiosk
// K1 (a network printer, port 9100 in a real hall), one RS-485 bus of LED window displays behind a
// serial device server, one bus of evaluation keypads (评价器) and caller keypads (呼叫器), and kiosk
// K1's 居民身份证 reader (a USB CDC line in a real kiosk; the launcher lays the cards on it). The agent
// drives them with the same drivers as real hardware; the launcher shows what they show.
import { DisplaySimulator } from '../../drivers/sim/display-sim.js';
import { IdCardSim } from '../../drivers/sim/idcard-sim.js';
import { FrameKeypadSim } from '../../drivers/sim/keypad-sim.js';
import { PrinterSimulator } from '../../drivers/sim/printer-sim.js';
import type { Receipt } from '../../drivers/sim/receipt.js';

/** Caller keypads sit at 200 + window number on the keypad bus; evaluation keypads at the window number. */
export const CALLER_BASE = 200;

export interface DemoSims {
  readonly printer: PrinterSimulator & { readonly port: number };
  readonly leds: DisplaySimulator;
  readonly ledPort: number;
  readonly keypads: FrameKeypadSim;
  readonly keypadPort: number;
  /** Kiosk K1's ID card reader. */
  readonly idcard: IdCardSim;
  readonly idcardPort: number;
  /** Windows with an LED display and an evaluation keypad. */
  readonly windows: readonly number[];
  /** Windows that also have a caller keypad. */
  readonly callerWindows: readonly number[];
  /** The newest printed tickets first. */
  readonly receipts: readonly { readonly receipt: Receipt; readonly at: number }[];
  close(): Promise<void>;
}

export async function startDemoSims(windows: readonly number[], callerWindows: readonly number[]): Promise<DemoSims> {
  const printer = await PrinterSimulator.listenTcp(0);
  const receipts: { receipt: Receipt; at: number }[] = [];
  printer.on('receipt', (receipt) => {
    receipts.unshift({ receipt, at: Date.now() });
    receipts.length = Math.min(receipts.length, 8);
  });
  const leds = new DisplaySimulator({ addresses: [...windows] });
  const ledPort = await leds.listenTcp(0);
  const keypads = new FrameKeypadSim({
    devices: [
      ...windows.map((w) => ({ address: w, kind: 'evaluation' as const })),
      ...callerWindows.map((w) => ({ address: CALLER_BASE + w, kind: 'caller' as const })),
    ],
  });
  const keypadPort = await keypads.listenTcp(0);
  const idcard = new IdCardSim();
  const idcardPort = await idcard.listenTcp(0);
  return {
    printer,
    leds,
    ledPort,
    keypads,
    keypadPort,
    idcard,
    idcardPort,
    windows,
    callerWindows,
    receipts,
    async close() {
      await idcard.close();
      await keypads.close();
      await leds.stop();
      await printer.close();
    },
  };
}
