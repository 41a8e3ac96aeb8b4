// A report over a period: the figures of every dimension for the period and for the previous
// period of the same length, staff presence, and the arrivals heatmap — read once from the
// hall's read-only reports connection, then cut by whatever dimension is asked for.
import type { PresenceEventRow, Reports } from '../../db/reports.js';
import type { Hall } from '../queue/index.js';
import { FigureBook, type Dimension, type Figures } from './figures.js';
import { ArrivalHeatmap } from './heatmap.js';
import { daysOf, instantsOf, previousPeriod, workingDays, type Period } from './period.js';
import { PresenceTally, type Presence, type PresenceBook } from './presence.js';
import { PAGE_ROWS, pages, Slices } from './slices.js';

/** What a report reads (db/reports.ts Reports). */
export type ReportSource = Pick<Reports, 'prefixes' | 'figureGroups' | 'appointments' | 'complaints' | 'presencePage'>;

export interface ReportOptions {
  /** Ends today's still-open sign-ins and pauses. */
  readonly now: number;
  /** A chief's report: only this department's services, windows and their staff. */
  readonly department?: string | undefined;
}

export interface StaffPresence extends Presence {
  /** Service time ÷ (signed-in − paused); null without signed-in time. */
  readonly utilisation: number | null;
}

export interface ReportRow {
  readonly key: string;
  readonly name: string;
  readonly figures: Figures;
  readonly previous: Figures;
  /** Staff and window rows. */
  readonly presence?: StaffPresence;
}

interface PeriodFigures {
  readonly period: Period;
  readonly workingDays: number;
  readonly book: FigureBook;
  readonly presence: PresenceBook;
}

export interface Report {
  readonly hall: Hall;
  readonly current: PeriodFigures;
  readonly previous: PeriodFigures;
  /** Arrivals of the period, 周一 … 周日 × 0–23 h. */
  readonly heatmap: number[][];
}

async function figuresOver(source: ReportSource, hall: Hall, period: Period, o: ReportOptions, slices: Slices, heatmap?: ArrivalHeatmap): Promise<PeriodFigures> {
  const book = new FigureBook(hall);
  const dept = o.department;
  const serviceIn = (code: string) => dept === undefined || hall.services.get(code)?.department === dept;
  const windowIn = (no: number | null) => dept === undefined || (no !== null && hall.windows.get(no)?.department === dept);
  // A day and a numbering prefix at a time: SQL adds up a few hundred legs in a few ms, then the
  // hub's commands get their turn if the slice has run its time.
  for (const day of daysOf(period)) {
    for (const prefix of source.prefixes(day)) {
      await slices.maybeRest();
      for (const g of source.figureGroups(day, prefix)) {
        if (!serviceIn(g.service_code)) continue;
        book.addGroup(g);
        if (heatmap && g.arrivals !== null) for (const q of g.arrivals.split(',')) heatmap.add(Number(q));
      }
    }
    for (const a of source.appointments(day)) if (serviceIn(a.service_code)) book.addAppointment(a);
  }
  const { start, end } = instantsOf(hall, period);
  for (const c of source.complaints(start, end)) if (windowIn(c.window_no)) book.addComplaint(c);
  const tally = new PresenceTally(start, end, o.now);
  for await (const page of pages<PresenceEventRow, number>((after) => source.presencePage(start, end, after ?? 0, PAGE_ROWS), (e) => e.seq, slices)) {
    // An event carries every window's snapshot: parsing it is the costly part, so check the time per event.
    for (const e of page) {
      tally.add(e);
      await slices.maybeRest();
    }
  }
  const all = tally.book();
  const presence: PresenceBook =
    dept === undefined
      ? all
      : {
          window: new Map([...all.window].filter(([no]) => windowIn(Number(no)))),
          staff: new Map([...all.staff].filter(([id]) => hall.staff.get(id)?.department === dept)),
        };
  return { period, workingDays: workingDays(hall, period), book, presence };
}

/** Read the period and the one before it, in slices that let the hub's commands run between them. */
export async function buildReport(source: ReportSource, hall: Hall, period: Period, o: ReportOptions, slices = new Slices()): Promise<Report> {
  const heatmap = new ArrivalHeatmap(hall.config.hall.timezone);
  const current = await figuresOver(source, hall, period, o, slices, heatmap);
  const previous = await figuresOver(source, hall, previousPeriod(period), o, slices);
  return { hall, current, previous, heatmap: heatmap.counts };
}

/** What a key is called in the report: 李明, 1号窗口·企业登记, 市场监管局, 企业设立登记, the hall's name. */
export function nameOf(hall: Hall, dimension: Dimension, key: string): string {
  switch (dimension) {
    case 'staff':
      return hall.staff.get(key)?.name ?? key;
    case 'window': {
      const w = hall.windows.get(Number(key));
      return w ? `${key}号窗口·${w.name}` : `${key}号窗口`;
    }
    case 'department':
      return hall.departments.get(key)?.name ?? key;
    case 'service':
      return hall.services.get(key)?.name ?? key;
    case 'hall':
      return hall.config.hall.name;
    default: {
      const never: never = dimension;
      throw new Error(`unknown dimension ${String(never)}`);
    }
  }
}

function withUtilisation(p: Presence | undefined, figures: Figures): StaffPresence | undefined {
  if (!p) return undefined;
  const available = p.signedInSeconds - p.pausedSeconds;
  return { ...p, utilisation: available > 0 ? Math.min(1, figures.service.totalSeconds / available) : null };
}

/** One row per key seen in the period or the one before (windows by number, others by code). */
export function rowsOf(report: Report, dimension: Dimension): ReportRow[] {
  const { current, previous, hall } = report;
  const keys = new Set([...current.book.figures(dimension), ...previous.book.figures(dimension)].map((r) => r.key));
  if (dimension === 'staff' || dimension === 'window') for (const k of current.presence[dimension].keys()) keys.add(k);
  // The hall has its row even over a period with nothing in it (a holiday week).
  if (dimension === 'hall') keys.add('hall');
  const sorted = [...keys].sort(dimension === 'window' ? (a, b) => Number(a) - Number(b) : undefined);
  return sorted.map((key) => {
    const figures = current.book.figuresOf(dimension, key);
    const presence = dimension === 'staff' || dimension === 'window' ? withUtilisation(current.presence[dimension].get(key), figures) : undefined;
    return {
      key,
      name: nameOf(hall, dimension, key),
      figures,
      previous: previous.book.figuresOf(dimension, key),
      ...(presence && { presence }),
    };
  });
}
