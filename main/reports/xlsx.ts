// The report as an XLSX workbook (exceljs, streamed: a month's tickets never sit in memory as a
// workbook): one sheet per dimension with Chinese headers, the window and department rankings with
// their formula, the arrivals heatmap, and every leg of the period.
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { LegRow } from '../../db/reports.js';
import { columnsFor, DIMENSION_SHEETS, type ColumnFormat } from './columns.js';
import { dimensions } from './figures.js';
import { WEEKDAY_NAMES } from './heatmap.js';
import { formulaText, rank } from './ranking.js';
import type { Slices } from './slices.js';
import { rowsOf, type Report } from './summary.js';
import { TICKET_HEADERS, ticketCells } from './tickets-export.js';

const NUM_FMT: Readonly<Record<ColumnFormat, string | undefined>> = { text: undefined, count: '0', seconds: '0', share: '0.0%' };

type Sheet = ExcelJS.Worksheet;

function header(sheet: Sheet, columns: readonly { header: string; width?: number; format?: ColumnFormat }[]): void {
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.max(8, c.header.length * 2 + 2),
    ...(c.format && NUM_FMT[c.format] && { style: { numFmt: NUM_FMT[c.format] } }),
  }));
  sheet.getRow(1).font = { bold: true };
}

/**
 * Write the workbook of `report` to `out`; `legs`: pages of the period's legs for the tickets sheet,
 * `keep`: which of them it lists. Rows are committed in slices (`slices`), resting between them.
 */
export async function writeReportXlsx(
  report: Report,
  legs: AsyncIterable<readonly LegRow[]>,
  keep: (leg: LegRow) => boolean,
  out: Writable,
  slices: Slices,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const { hall } = report;
  const { period } = report.current;
  wb.creator = 'HallQ';
  wb.title = `${hall.config.hall.name} ${period.from}至${period.to} 绩效报表`;

  for (const d of dimensions) {
    const sheet = wb.addWorksheet(DIMENSION_SHEETS[d], { views: [{ state: 'frozen', ySplit: 1 }] });
    const columns = columnsFor(d);
    header(sheet, columns.map((c) => ({ header: c.header, format: c.format, ...(c.header === '名称' && { width: 24 }) })));
    await slices.maybeRest();
    for (const r of rowsOf(report, d)) {
      sheet.addRow(columns.map((c) => c.value(r))).commit();
      await slices.maybeRest();
    }
    sheet.commit();
  }

  const weights = hall.config.reports.ranking;
  for (const [by, title] of [['window', '窗口排名'], ['department', '部门排名']] as const) {
    const sheet = wb.addWorksheet(title);
    header(sheet, [
      { header: '名次', format: 'count' },
      { header: '编码' },
      { header: '名称', width: 24 },
      { header: '综合得分' },
      { header: '办件量', format: 'count' },
      { header: '满意率', format: 'share' },
      { header: '按时办结率', format: 'share' },
      { header: '候时达标率', format: 'share' },
      { header: '投诉', format: 'count' },
      { header: '差评', format: 'count' },
    ]);
    await slices.maybeRest();
    for (const r of rank(report, by, weights)) {
      await slices.maybeRest();
      sheet.addRow([r.rank, r.key, r.name, r.score, r.served, r.satisfiedShare, r.onTimeShare, r.waitWithinShare, r.complaints, r.badReviews]).commit();
    }
    sheet.addRow([]).commit();
    sheet.addRow([formulaText(weights)]).commit();
    sheet.commit();
  }

  const heat = wb.addWorksheet('到达热力');
  header(heat, [{ header: '星期' }, ...Array.from({ length: 24 }, (_, h) => ({ header: `${h}时`, width: 6, format: 'count' as const }))]);
  report.heatmap.forEach((row, d) => heat.addRow([WEEKDAY_NAMES[d], ...row]).commit());
  heat.commit();

  const tickets = wb.addWorksheet('号票明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  header(tickets, TICKET_HEADERS.map((h) => ({ header: h, ...(h.endsWith('时间') || h === '开始办理' ? { width: 20 } : {}) })));
  for await (const page of legs) {
    for (const leg of page) {
      if (keep(leg)) tickets.addRow(ticketCells(hall, leg)).commit();
      if (slices.due()) await slices.rest();
    }
  }
  tickets.commit();
  await wb.commit();
}
