// The reports' HTTP routes (绩效考核, issue 14): figures as JSON, the month's ranking, the XLSX
// workbook and the tickets CSV. Sessions as for every staff route (a Bearer token from /api/login);
// who reads what is decided once, in authorize.ts reportScope. Everything reads over the hall's
// read-only reports connection, in slices that yield to the hub's commands (reports/slices.ts), and
// one report at a time (reports/one-at-a-time.ts): a supervisor's click never freezes the hall.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { refusalText } from '../protocol/index.js';
import type { StaffConfig } from '../queue/index.js';
import { parseQuery, monthPeriod, rangeQuery, rankingQuery, summaryQuery, ticketsQuery, type Parsed } from '../reports/query.js';
import { formulaText, rank } from '../reports/ranking.js';
import { ReportQueue } from '../reports/one-at-a-time.js';
import { Slices } from '../reports/slices.js';
import { buildReport, rowsOf } from '../reports/summary.js';
import { legPagesInOrder, TICKET_HEADERS, ticketCells, ticketFilter } from '../reports/tickets-export.js';
import { writeReportXlsx } from '../reports/xlsx.js';
import { reportScope } from './authorize.js';
import type { HubCore } from './core.js';
import { csvField, failure, json, type HttpHandler, type HttpRoutes } from './http.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportRoutes(hub: HubCore, staffOf: (req: IncomingMessage) => StaffConfig | undefined): HttpRoutes {
  /** The reader's department scope, or a refusal already answered: 401 without a session, 403 for ordinary staff. */
  const scopeOf = (req: IncomingMessage, res: ServerResponse): { department?: string } | undefined => {
    const staff = staffOf(req);
    if (!staff) return void failure(res, 401, 'unauthorized', refusalText('unauthorized.login'));
    const scope = reportScope(staff);
    if (!scope.ok) return void failure(res, 403, scope.code, scope.message);
    return scope.department === undefined ? {} : { department: scope.department };
  };
  const checked = <T>(res: ServerResponse, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.data;
    failure(res, 400, parsed.code, parsed.message);
    return undefined;
  };
  const reportOf = (period: { from: string; to: string }, department: string | undefined, slices: Slices) =>
    buildReport(hub.store.reports, hub.state.hall, period, { now: hub.clock(), department }, slices);
  const queue = new ReportQueue();
  /** Run a report's work in its turn; 429 in Chinese when too many are already waiting. */
  const inTurn = async (res: ServerResponse, work: (slices: Slices) => Promise<void>): Promise<void> => {
    const done = queue.run(() => work(new Slices()));
    if (!done) return failure(res, 429, 'reports-busy', '报表正在生成，排队的请求已满，请稍后再试');
    await done;
  };

  /** The reader's scope and their checked query, or undefined when already refused (401, 403, 400). */
  const asked = <T>(req: IncomingMessage, res: ServerResponse, parsed: Parsed<T>): { department?: string; q: T } | undefined => {
    const scope = scopeOf(req, res);
    if (!scope) return undefined;
    const q = checked(res, parsed);
    return q === undefined ? undefined : { ...scope, q };
  };

  const summary: HttpHandler = (req, res, url) => {
    const a = asked(req, res, parseQuery(summaryQuery, url));
    if (!a) return;
    const { q, department } = a;
    return inTurn(res, async (slices) => {
      const report = await reportOf(q, department, slices);
      const weights = hub.state.hall.config.reports.ranking;
      const ranked = q.by === 'window' || q.by === 'department' ? rank(report, q.by, weights) : undefined;
      json(res, 200, {
        ok: true,
        hall: hub.state.hall.config.hall.name,
        from: q.from,
        to: q.to,
        by: q.by,
        ...(department !== undefined && { department }),
        workingDays: report.current.workingDays,
        previous: { ...report.previous.period, workingDays: report.previous.workingDays },
        rows: rowsOf(report, q.by),
        heatmap: report.heatmap,
        ...(ranked && { ranking: { formula: formulaText(weights), rows: ranked } }),
      });
    });
  };

  const ranking: HttpHandler = (req, res, url) => {
    const a = asked(req, res, parseQuery(rankingQuery, url));
    if (!a) return;
    const { q, department } = a;
    const period = monthPeriod(q.month);
    const weights = hub.state.hall.config.reports.ranking;
    return inTurn(res, async (slices) => {
      const rows = rank(await reportOf(period, department, slices), q.by, weights);
      json(res, 200, { ok: true, month: q.month, ...period, by: q.by, formula: formulaText(weights), rows });
    });
  };

  const xlsx: HttpHandler = (req, res, url) => {
    const a = asked(req, res, parseQuery(rangeQuery, url));
    if (!a) return;
    const { q, department } = a;
    return inTurn(res, async (slices) => {
      const report = await reportOf(q, department, slices);
      const keep = ticketFilter(hub.state.hall, {}, department);
      res.writeHead(200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="report-${q.from}-${q.to}.xlsx"`,
        'cache-control': 'no-store',
      });
      // Streamed: the workbook is written to the response as its sheets are made.
      const out = new PassThrough();
      const sent = pipeline(out, res);
      try {
        await writeReportXlsx(report, legPagesInOrder(hub.store.reports, q, slices), keep, out, slices);
        out.end();
      } catch (err) {
        // Too late for a refusal: the client sees a cut-off download, not a workbook that looks whole.
        out.destroy(err as Error);
      }
      await sent;
    });
  };

  const ticketsCsv: HttpHandler = (req, res, url) => {
    const a = asked(req, res, parseQuery(ticketsQuery, url));
    if (!a) return;
    const { q, department } = a;
    const from = q.day ?? q.from ?? hub.state.day;
    const to = q.day ?? q.to ?? from;
    const hall = hub.state.hall;
    const keep = ticketFilter(hall, q, department);
    return inTurn(res, async (slices) => {
      res.writeHead(200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="tickets-${from === to ? from : `${from}-${to}`}.csv"`,
        'cache-control': 'no-store',
      });
      // A BOM so Excel opens the Chinese correctly; then a page of lines at a time.
      res.write(`\uFEFF${TICKET_HEADERS.join(',')}\r\n`);
      try {
        for await (const page of legPagesInOrder(hub.store.reports, { from, to }, slices)) {
          let text = '';
          for (const leg of page) if (keep(leg)) text += `${ticketCells(hall, leg).map(csvField).join(',')}\r\n`;
          if (text && !res.write(text)) await new Promise((resolve) => res.once('drain', resolve));
        }
        res.end();
      } catch (err) {
        // Too late for a refusal: a cut-off download, not a file that looks whole.
        res.destroy(err as Error);
      }
    });
  };

  return {
    'GET /api/reports/summary': summary,
    'GET /api/reports/ranking': ranking,
    'GET /api/reports/export.xlsx': xlsx,
    'GET /api/reports/tickets.csv': ticketsCsv,
    // The day's export as it has always been reached, now with names, ratings and ranges.
    'GET /api/export/tickets.csv': ticketsCsv,
  };
}
