// Ticket layout → ESC/POS bytes (GB18030) and an SVG preview of the same layout.
// receiptline lays the text out (CJK at double width, wrapping, alignment); we replace a few of its
// ESC/POS commands so the output suits Chinese clone printers: a native GS ( k QR instead of its
// GS 8 L raster, Chinese mode set once, FS ! alongside GS ! so Chinese glyphs scale too, no GS r
// (its reply would mix with our status bytes) and no Epson-only kanji font commands.
import receiptline from 'receiptline';
import iconv from 'iconv-lite';
import { dateTimeText, DEFAULT_TIME_ZONE } from '../../main/rules/index.js';
import { FEED_AND_CUT, INIT, CHINESE_ON, nativeQr, bytesToBinaryString, binaryStringToBytes, type QrLevel } from './escpos.js';

export interface TicketPrint {
  hallName: string;
  departmentName: string;
  serviceName: string;
  /** 'A012' */
  ticketNumber: string;
  peopleAhead: number;
  estimatedWaitMinutes: number;
  /** Shown in `timeZone` as 2026-11-28 09:31. */
  issuedAt: string | Date;
  /** The hall's time zone (hall.timezone), whatever the PC's own zone is. */
  timeZone: string;
  /** QR payload: where the visitor follows the queue on a phone. */
  statusUrl: string;
  /** '请留意叫号，过号需重新取号' */
  notice: string;
  /** Prints a 补打 mark: the ticket was printed again for the same number. */
  reprint?: boolean;
  /** '优先' / '预约' / '绿色通道' */
  kindLabel?: string;
}

export type PaperWidth = 58 | 80;
export type QrMode = 'native' | 'raster';

export interface TicketLayoutOptions {
  paperWidth: PaperWidth;
  /** 'native' (default): the printer draws the QR from GS ( k. 'raster': a GS 8 L image, for printers without it. */
  qr: QrMode;
}

export const DEFAULT_LAYOUT: TicketLayoutOptions = { paperWidth: 58, qr: 'native' };

/** Characters per line with the 12×24 font: 384 dots on 58 mm paper, 576 on 80 mm. */
export function charsPerLine(paperWidth: PaperWidth): number {
  return paperWidth === 80 ? 48 : 32;
}

const QR_CELL: Record<PaperWidth, number> = { 58: 6, 80: 7 };
const QR_LEVEL: QrLevel = 'M';

/**
 * User text as receiptline text: its markup characters are escaped, line breaks and control
 * characters become spaces, and the half-width ¥ (4 bytes in GB18030, '?' in GBK) becomes ￥.
 */
export function escapeText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\u00a5/g, '\uffe5')
    .replace(/[\\|{}\-=_"`^~]/g, (c) => `\\${c}`);
}

/** A value inside a receiptline property ({code: …}): different specials from text. */
export function escapePropertyValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we remove
  return value.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\\|{};]/g, (c) => `\\${c}`);
}

/** 2026-11-28 09:31 in the hall's time zone, whatever the PC's own time zone is. */
export function formatHallTime(at: string | Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const ms = (typeof at === 'string' ? new Date(at) : at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`issuedAt is not a valid time: ${String(at)}`);
  return dateTimeText(ms, timeZone);
}

/** receiptline scale marks: `^`×k. 5 → 4× (GS ! 33), 6 → 5×, 7 → 6×. */
const SCALE_MARK = (k: number) => '^'.repeat(k);
/** The ticket number at the largest scale that keeps it on one line; never below triple size. */
function numberScaleMark(ticketNumber: string, cpl: number): string {
  // Marks 4..7 print at 3×..6×; 80 mm paper gets up to 6×, 58 mm up to 5×.
  const maxMark = cpl >= 48 ? 7 : 6;
  for (let mark = maxMark; mark > 4; mark--) {
    if (ticketNumber.length * (mark - 1) <= cpl) return SCALE_MARK(mark);
  }
  return SCALE_MARK(4);
}

function qrLine(payload: string, cell: number): string {
  return `{code:${escapePropertyValue(payload)}; option:qrcode,${cell},${QR_LEVEL.toLowerCase()}}`;
}

function dashedRule(cpl: number): string {
  return '\\-'.repeat(cpl);
}

/** The ticket as a receiptline document. Exported so tests and the admin preview can show it. */
export function ticketDocument(ticket: TicketPrint, options: TicketLayoutOptions = DEFAULT_LAYOUT): string {
  const cpl = charsPerLine(options.paperWidth);
  const lines: string[] = [];
  if (ticket.reprint) lines.push(`^^^"${escapeText('【补打】')}"`);
  lines.push(`^^"${escapeText(ticket.hallName)}"`);
  lines.push(escapeText(ticket.departmentName));
  lines.push(`^^"${escapeText(ticket.serviceName)}"`);
  if (ticket.kindLabel) lines.push(`^^^${escapeText(`【${ticket.kindLabel}】`)}`);
  lines.push('');
  lines.push(escapeText('您的号码'));
  lines.push(`${numberScaleMark(ticket.ticketNumber, cpl)}"${escapeText(ticket.ticketNumber)}"`);
  lines.push('');
  lines.push(escapeText(`前面还有 ${ticket.peopleAhead} 人等候`));
  lines.push(escapeText(`预计等候约 ${ticket.estimatedWaitMinutes} 分钟`));
  lines.push(dashedRule(cpl));
  lines.push(`|${escapeText(`取号时间：${formatHallTime(ticket.issuedAt, ticket.timeZone)}`)}`);
  lines.push(qrLine(ticket.statusUrl, QR_CELL[options.paperWidth]));
  lines.push(escapeText('微信扫码查看排队进度'));
  lines.push(dashedRule(cpl));
  lines.push(escapeText(ticket.notice));
  return lines.join('\n');
}

export interface TestPageInfo {
  /** The hall's name, or the hall PC's (agent.yml `name`) when the hall is not known. */
  hallName: string;
  /** How the hall PC knows the printer: "kiosk-1 前台打印机 (tcp 10.0.0.7:9100)". */
  printerName: string;
  /** How the printer is connected, when not in `printerName`: "tcp 10.0.0.7:9100". */
  connection?: string;
  /** The printer's status as read just before printing: "正常", "纸将尽". */
  status?: string;
  printedAt?: string | Date;
  /** The hall's zone when known; a test page printed before the PC meets its hub uses the hall file's default. */
  timeZone?: string;
  /** QR payload of the test page; any short text. */
  qrPayload?: string;
}

export function testPageDocument(info: TestPageInfo, options: TicketLayoutOptions = DEFAULT_LAYOUT): string {
  const cpl = charsPerLine(options.paperWidth);
  return [
    `^^^"${escapeText('打印测试')}"`,
    `^^"${escapeText(info.hallName)}"`,
    dashedRule(cpl),
    `|${escapeText(`打印机：${info.printerName}`)}`,
    ...(info.connection === undefined ? [] : [`|${escapeText(`连接：${info.connection}`)}`]),
    ...(info.status === undefined ? [] : [`|${escapeText(`状态：${info.status}`)}`]),
    `|${escapeText(`时间：${formatHallTime(info.printedAt ?? new Date(), info.timeZone)}`)}`,
    `|${escapeText(`纸宽：${options.paperWidth} mm  二维码：${options.qr === 'native' ? '原生' : '图像'}`)}`,
    `|${escapeText('中文测试：政务服务欢迎您 ￥0.00')}`,
    `|${escapeText('ASCII 0123456789 ABCxyz')}`,
    `${SCALE_MARK(4)}A000`,
    qrLine(info.qrPayload ?? 'HallQ 打印测试', QR_CELL[options.paperWidth]),
    escapeText('若二维码和以上中文清晰可读，打印机设置正确'),
  ].join('\n');
}

type BaseCommand = (typeof receiptline.commands)['escpos'];
type QrSymbol = { data: string; cell: number; level: 'l' | 'm' | 'q' | 'h' };

/** Our changes to receiptline's ESC/POS command set (see the note at the top of this file). */
function escposCommands(qr: QrMode): BaseCommand {
  const base = receiptline.commands.escpos;
  const overrides: Partial<BaseCommand> = {
    open(this: BaseCommand, printer: Record<string, unknown>): string {
      // receiptline's own open() keeps its print-area state in `this`: run it, drop its bytes.
      base.open.call(this, printer);
      return bytesToBinaryString(Buffer.concat([INIT, CHINESE_ON, Uint8Array.of(0x1b, 0x32)]));
    },
    close(): string {
      return bytesToBinaryString(Buffer.concat([Uint8Array.of(0x1b, 0x64, 0x02), FEED_AND_CUT]));
    },
    cut: () => '',
    normal: () => '\x1bE\x00\x1d!\x00\x1c!\x00',
    em: () => '\x1bE\x01',
    wh(scale: number): string {
      // receiptline's GS ! mapping: 1 wide, 2 tall, 3 → 2×, k ≥ 4 → (k−1)×.
      const n = scale < 3 ? ((scale & 1) << 4) | ((scale >> 1) & 1) : ((scale - 2) << 4) | (scale - 2);
      // FS ! only knows double width (0x04) and double height (0x08) for Chinese glyphs.
      const fs = ((n & 0xf0) !== 0 ? 0x04 : 0) | ((n & 0x0f) !== 0 ? 0x08 : 0);
      return `\x1d!${String.fromCharCode(n)}\x1c!${String.fromCharCode(fs)}`;
    },
    text: (text: string) => iconv.encode(text, 'gb18030').toString('latin1'),
  };
  if (qr === 'native') {
    overrides.qrcode = function (this: BaseCommand, symbol: QrSymbol): string {
      if (symbol.data.length === 0) return '';
      const level = symbol.level.toUpperCase() as QrLevel;
      return bytesToBinaryString(nativeQr(symbol.data, { moduleSize: symbol.cell, level })) + '\n';
    };
  }
  return { ...base, ...overrides };
}

function toEscpos(doc: string, options: TicketLayoutOptions): Buffer {
  const out = receiptline.transform(doc, {
    command: escposCommands(options.qr),
    encoding: 'gb18030',
    cpl: charsPerLine(options.paperWidth),
    cutting: true,
  });
  return binaryStringToBytes(out);
}

function toSvg(doc: string, options: TicketLayoutOptions): string {
  const svg = receiptline.transform(doc, { command: 'svg', encoding: 'gb18030', cpl: charsPerLine(options.paperWidth) });
  // receiptline asks for "monospace" only; name the CJK fonts hall PCs have (Windows, Noto on Linux).
  return svg.replace(
    /font-family="monospace"/,
    `font-family="'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'Microsoft YaHei', 'SimHei', monospace"`,
  );
}

/** The ticket as ESC/POS bytes: init, Chinese mode, GB18030 text, the number at ≥3× size, QR, one cut. */
export function renderTicket(ticket: TicketPrint, options: TicketLayoutOptions = DEFAULT_LAYOUT): Buffer {
  return toEscpos(ticketDocument(ticket, options), options);
}

/** The same ticket as an SVG image (receiptline's renderer) for an on-screen preview. */
export function renderTicketSvg(ticket: TicketPrint, options: TicketLayoutOptions = DEFAULT_LAYOUT): string {
  return toSvg(ticketDocument(ticket, options), options);
}

/** A test page: hall name, printer name, time, Chinese text, a QR, one cut. */
export function testPage(info: TestPageInfo, options: TicketLayoutOptions = DEFAULT_LAYOUT): Buffer {
  return toEscpos(testPageDocument(info, options), options);
}

export function renderTestPageSvg(info: TestPageInfo, options: TicketLayoutOptions = DEFAULT_LAYOUT): string {
  return toSvg(testPageDocument(info, options), options);
}
