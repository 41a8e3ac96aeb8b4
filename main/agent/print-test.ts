// `hallq print-test`: after installing a ticket printer, a technician prints one test page through
// the very driver and transport the agent will use, and reads one line saying whether it worked.
import type { Logger } from 'pino';
import { formatHallTime, type EscposPrinter, type PrinterStatusReport } from '../../drivers/printer/index.js';
import type { AgentConfig } from './config.js';
import { createPrinterDevice } from './devices.js';

type PrinterConfig = Extract<AgentConfig['devices'][number], { kind: 'printer' }>;

/** The printer `id` of agent.yml with its index, or a message listing the printers the file has. */
export function findPrinter(config: AgentConfig, id: string): { printer: PrinterConfig; index: number } | { problem: string } {
  const index = config.devices.findIndex((d) => d.id === id);
  const printers = config.devices.filter((d) => d.kind === 'printer').map((d) => d.id);
  const known = printers.length > 0 ? `its printers: ${printers.join(', ')}` : 'it has no printer';
  const d = config.devices[index];
  if (d === undefined) return { problem: `no device "${id}" in the agent file; ${known}` };
  if (d.kind !== 'printer') return { problem: `"${id}" is a ${d.kind}, not a printer; ${known}` };
  return { printer: d, index };
}

export interface PrintTestOptions {
  /** Give up (and say so) when the printer is not reachable and answering within this time. */
  timeoutMs: number;
  log: Logger;
  /** The PC's name (agent.yml `name`) for the page's heading. */
  title?: string;
  now?: () => Date;
}

export interface PrintTestResult {
  ok: boolean;
  /** One line for the technician, in Chinese. */
  summary: string;
}

const PAPER_TEXT = { ok: '纸张正常', 'near-end': '纸将尽（请备好新纸卷）', out: '缺纸' } as const;

/** What was known of the printer when the page went out, as the summary says it. */
function printedSummary(report: PrinterStatusReport): string {
  if (!report.known) return `打印测试已发送：${report.text}；请查看打印出的测试页`;
  const s = report.status;
  return `打印测试完成：${PAPER_TEXT[s.paper]}，${s.coverOpen ? '盖未关' : '盖已关'}`;
}

/** Open the printer, read its status, print the test page with it, close. Never throws. */
export async function printTest(config: PrinterConfig, index: number, options: PrintTestOptions): Promise<PrintTestResult> {
  const device = createPrinterDevice(config, `devices[${index}]`, options.log);
  const { printer, transport } = device;
  const fail = (why: string): PrintTestResult => ({ ok: false, summary: `打印测试失败：${why}` });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<PrintTestResult>((resolve) => {
    timer = setTimeout(() => {
      const report = printer.status();
      const seconds = Math.round(options.timeoutMs / 100) / 10;
      resolve(fail(`${seconds} 秒内未能连接打印机并读到状态（${transport.name}：${report.text}）`));
    }, options.timeoutMs);
  });

  const run = async (): Promise<PrintTestResult> => {
    try {
      await printer.open();
    } catch (err) {
      return fail(`无法连接打印机（${err instanceof Error ? err.message : String(err)}）`);
    }
    // The first status round may still be under way when open() resolves: wait for its answer.
    const report = await knownReport(printer);
    if (report.known && !report.canPrint) return fail(report.text);
    const printedAt = options.now?.() ?? new Date();
    const result = await printer.print({
      kind: 'test-page',
      info: {
        hallName: options.title ?? 'HallQ',
        printerName: `${config.id}（${config.kioskId} 取号机）`,
        connection: transport.name,
        status: report.text,
        printedAt,
        qrPayload: `HallQ 打印测试 ${config.id} ${formatHallTime(printedAt)}`,
      },
    });
    if (!result.ok) return fail(result.message);
    return { ok: true, summary: printedSummary(report) };
  };

  try {
    return await Promise.race([run(), timedOut]);
  } finally {
    clearTimeout(timer);
    await printer.close();
  }
}

/** The printer's report once it is known (or known to be unknowable: a write-only connection). */
function knownReport(printer: EscposPrinter): Promise<PrinterStatusReport> {
  const settled = (r: PrinterStatusReport) => r.known || r.reason === 'write-only';
  const now = printer.status();
  if (settled(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const onStatus = (r: PrinterStatusReport) => {
      if (!settled(r)) return;
      printer.off('status', onStatus);
      resolve(r);
    };
    printer.on('status', onStatus);
  });
}
