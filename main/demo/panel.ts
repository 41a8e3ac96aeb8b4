// The demo hall's device panel for the launcher page: what each simulated device shows right now
// (the printed tickets, the LED lines, the keypads' screens) and buttons that act as the visitor's
// finger (press a keypad key, lay an ID card on the reader) or the hall technician (paper out, cover open).
import { z } from 'zod';
import { receiptToSvg } from '../../drivers/sim/printer-render.js';
import { CALLER_KEYS } from '../../drivers/keypad/types.js';
import { SAMPLE_CARDS, type SampleCardName } from '../../drivers/sim/idcard-cards.js';
import { failure, json, readJson, type HttpRoutes } from '../hub/http.js';
import type { DemoSims } from './sims.js';
import { CALLER_BASE } from './sims.js';

export interface DemoLink {
  readonly label: string;
  readonly href: string;
}

const pressSchema = z
  .object({ address: z.number().int().min(0).max(65535), key: z.union([z.literal([1, 2, 3, 4, 5]), z.enum(CALLER_KEYS).exclude(['digits'])]) })
  .strict();
const cardNames = Object.keys(SAMPLE_CARDS) as [SampleCardName, ...SampleCardName[]];
const idcardSchema = z.object({ card: z.enum(cardNames).nullable() }).strict();
const printerSchema = z.object({ paper: z.enum(['ok', 'near-end', 'out']).optional(), coverOpen: z.boolean().optional() }).strict();

export function demoPanelRoutes(sims: DemoSims, links: () => readonly DemoLink[]): HttpRoutes {
  // Which sample card lies on K1's reader (the simulator holds the card itself).
  let card: SampleCardName | null = null;
  return {
    'GET /api/demo/devices': (_req, res) => {
      const state = sims.printer.state;
      json(res, 200, {
        ok: true,
        links: links(),
        printer: {
          paper: state.paper,
          coverOpen: state.coverOpen,
          receipts: sims.receipts.map((r) => ({ at: r.at, svg: receiptToSvg(r.receipt, { widthDots: 576 }) })),
        },
        leds: sims.windows.map((w) => ({
          windowNo: w,
          lines: sims.leds.state(w)?.lines ?? [],
          svg: sims.leds.renderSvg(w, { charsPerLine: 12, lines: 1, cell: 20 }),
        })),
        keypads: [
          ...sims.windows.map((w) => ({ windowNo: w, address: w, kind: 'evaluation' })),
          ...sims.callerWindows.map((w) => ({ windowNo: w, address: CALLER_BASE + w, kind: 'caller' })),
        ].map((k) => ({ ...k, screen: sims.keypads.device(k.address).screen, svg: sims.keypads.svg(k.address) })),
        idcard: { card, cards: cardNames },
      });
    },
    'POST /api/demo/press': async (req, res) => {
      const parsed = pressSchema.safeParse(await readJson(req).catch(() => undefined));
      if (!parsed.success) return failure(res, 400, 'invalid-payload', '按键请求格式不正确');
      try {
        // The sim checks the key suits the keypad (a rating on a caller keypad is refused).
        sims.keypads.press(parsed.data.address, parsed.data.key);
      } catch (err) {
        return failure(res, 400, 'invalid-key', (err as Error).message);
      }
      json(res, 200, { ok: true });
    },
    'POST /api/demo/idcard': async (req, res) => {
      const parsed = idcardSchema.safeParse(await readJson(req).catch(() => undefined));
      if (!parsed.success) return failure(res, 400, 'invalid-payload', '读卡请求格式不正确');
      card = parsed.data.card;
      if (card === null) sims.idcard.remove();
      else sims.idcard.place(card);
      json(res, 200, { ok: true });
    },
    'POST /api/demo/printer': async (req, res) => {
      const parsed = printerSchema.safeParse(await readJson(req).catch(() => undefined));
      if (!parsed.success) return failure(res, 400, 'invalid-payload', '打印机设置格式不正确');
      sims.printer.setState({
        ...(parsed.data.paper !== undefined && { paper: parsed.data.paper }),
        ...(parsed.data.coverOpen !== undefined && { coverOpen: parsed.data.coverOpen }),
      });
      json(res, 200, { ok: true });
    },
  };
}
