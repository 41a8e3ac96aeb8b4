// A ticket as the kiosk would print it, shared by the printer tests.
import type { TicketPrint } from '../../drivers/printer/ticket.js';
import type { PrinterStatusReport, TicketPrinter } from '../../drivers/printer/types.js';

export function sampleTicket(overrides: Partial<TicketPrint> = {}): TicketPrint {
  return {
    hallName: '北京市朝阳区政务服务中心',
    departmentName: '不动产登记中心',
    serviceName: '不动产登记（抵押）',
    ticketNumber: 'A012',
    peopleAhead: 3,
    estimatedWaitMinutes: 15,
    issuedAt: '2026-11-28T01:31:00Z',
    timeZone: 'Asia/Shanghai',
    statusUrl: 'https://hall.example.cn/t/20261128-A012?k=7f3a',
    notice: '过号请回原窗口重排，无需重新取号',
    ...overrides,
  };
}

/** Index of `needle` in `haystack`, -1 when absent. */
export function indexOfBytes(haystack: Uint8Array, needle: ArrayLike<number>, from = 0): number {
  return Buffer.from(haystack).indexOf(Buffer.from(Array.from(needle)), from);
}

export function countBytes(haystack: Uint8Array, needle: ArrayLike<number>): number {
  let count = 0;
  for (let i = indexOfBytes(haystack, needle); i >= 0; i = indexOfBytes(haystack, needle, i + 1)) count++;
  return count;
}

/** Resolves with the first report (current or coming) that passes `check`, and how long it took. */
export function waitForStatus(
  printer: TicketPrinter,
  check: (r: PrinterStatusReport) => boolean,
  timeoutMs: number,
): Promise<{ report: PrinterStatusReport; ms: number }> {
  const started = Date.now();
  if (check(printer.status())) return Promise.resolve({ report: printer.status(), ms: 0 });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      printer.off('status', onStatus);
      reject(new Error(`no matching printer status within ${timeoutMs} ms; last: ${JSON.stringify(printer.status())}`));
    }, timeoutMs);
    const onStatus = (report: PrinterStatusReport) => {
      if (!check(report)) return;
      clearTimeout(timer);
      printer.off('status', onStatus);
      resolve({ report, ms: Date.now() - started });
    };
    printer.on('status', onStatus);
  });
}

