// The report's figures, added up leg by leg for every staff member, window, department, service and
// the hall. Pure: rows in, numbers out. How each thing counts (the hall's rules, issue 14):
//
// - A ticket belongs to its hall `day`: the range is of hall days, so a visit issued at 02:00 when
//   the hall resets at 04:00 counts on the day before.
// - issued counts visits: a visit counts once, at its first leg's service and department, however
//   often it is transferred. A visit is issued to a service, not a window: staff and window rows
//   have no `issued` (null); they have `called`.
// - A transfer ends one leg and starts the next. Each leg's service counts at the window, staff
//   member and service of that leg: the leg that was transferred on is `served` there (if it was
//   started) and `transferred` there; the next leg is served where it ends.
// - A no-show (过号) counts once per leg, at the window that marked it, if the leg is still a no-show.
//   A no-show who came back and was re-queued (过号重排) is the same leg: it counts as `requeued`
//   and then as whatever it became (served where it was served), never also as a no-show.
// - wait: a called leg's call − when it last entered the queue (issue, transfer or re-queue), within
//   target when ≤ the service's target wait. service time: finish (or transfer) − start of a served
//   leg, on time (按时办结) when ≤ the service's promised minutes.
// - ratings (好差评, one per leg): 满意率 = levels 3–5 (基本满意 and better) ÷ rated; 评价率 = rated ÷
//   served; a bad review (差评) is level 1 or 2.
// - complaints count at their window, its department, the staff member named and the hall.
// - bookings count at their service and department, on their booked day.
//
// SQL adds the legs up (db/reports.ts figureGroups, the rules above as its CASEs and SUMs) per
// staff member, window and service of each hall day; a group goes into every tally it counts in.
import type { AppointmentReportRow, ComplaintReportRow, FigureGroupRow } from '../../db/reports.js';
import type { Hall } from '../queue/index.js';
import { Durations, groupOf, type DurationSummary } from './distribution.js';

export const dimensions = ['staff', 'window', 'department', 'service', 'hall'] as const;
export type Dimension = (typeof dimensions)[number];

export interface RatingFigures {
  readonly count: number;
  /** Count per level, 1 (非常不满意) … 5 (非常满意). */
  readonly levels: Readonly<Record<1 | 2 | 3 | 4 | 5, number>>;
  readonly satisfiedShare: number | null;
  readonly ratedShare: number | null;
  readonly bad: number;
}

export interface AppointmentFigures {
  readonly booked: number;
  readonly checkedIn: number;
  readonly missed: number;
  readonly cancelled: number;
}

export interface Figures {
  readonly issued: number | null;
  readonly called: number;
  readonly served: number;
  readonly noShow: number;
  readonly requeued: number;
  readonly transferred: number;
  readonly cancelled: number;
  readonly expired: number;
  /** Bookings; null for staff and window rows (a booking is for a service). */
  readonly appointments: AppointmentFigures | null;
  readonly wait: DurationSummary;
  readonly service: DurationSummary;
  readonly ratings: RatingFigures;
  readonly complaints: number;
}

class Tally {
  issued = 0;
  called = 0;
  served = 0;
  noShow = 0;
  requeued = 0;
  transferred = 0;
  cancelled = 0;
  expired = 0;
  readonly appointments = { booked: 0, checkedIn: 0, missed: 0, cancelled: 0 };
  readonly wait = new Durations();
  readonly service = new Durations();
  readonly levels = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  complaints = 0;

  figures(dimension: Dimension): Figures {
    const l = this.levels;
    const rated = l[1] + l[2] + l[3] + l[4] + l[5];
    const perUnit = dimension === 'staff' || dimension === 'window';
    return {
      issued: perUnit ? null : this.issued,
      called: this.called,
      served: this.served,
      noShow: this.noShow,
      requeued: this.requeued,
      transferred: this.transferred,
      cancelled: this.cancelled,
      expired: this.expired,
      appointments: perUnit ? null : { ...this.appointments },
      wait: this.wait.summary(),
      service: this.service.summary(),
      ratings: {
        count: rated,
        levels: { ...l },
        satisfiedShare: rated ? (l[3] + l[4] + l[5]) / rated : null,
        ratedShare: this.served ? rated / this.served : null,
        bad: l[1] + l[2],
      },
      complaints: this.complaints,
    };
  }
}

type Keys = { readonly [D in Dimension]?: string };
const minutes = (m: number | undefined) => (m === undefined ? undefined : m * 60_000);

/** Adds up legs, bookings and complaints; `figures(dimension)` reads the totals per key. */
export class FigureBook {
  private readonly tallies: { [D in Dimension]: Map<string, Tally> } = {
    staff: new Map(),
    window: new Map(),
    department: new Map(),
    service: new Map(),
    hall: new Map(),
  };

  constructor(private readonly hall: Hall) {}

  private each(keys: Keys, add: (t: Tally) => void): void {
    for (const d of dimensions) {
      const key = keys[d];
      if (key !== undefined) add(this.tally(d, key));
    }
  }

  private tally(d: Dimension, key: string): Tally {
    const map = this.tallies[d];
    let t = map.get(key);
    if (!t) map.set(key, (t = new Tally()));
    return t;
  }

  private departmentOfService(code: string): string | undefined {
    return this.hall.services.get(code)?.department;
  }

  /** One group of a day's legs (one staff member, window and service) into every tally it counts in. */
  addGroup(g: FigureGroupRow): void {
    const svc = this.hall.services.get(g.service_code);
    const wait = groupOf(g.waits, minutes(svc?.targetWaitMinutes));
    const service = groupOf(g.services, minutes(svc?.promisedMinutes));
    const add = (t: Tally) => {
      t.issued += g.issued;
      t.called += g.called;
      t.served += g.served;
      t.noShow += g.no_show;
      t.requeued += g.requeued;
      t.transferred += g.transferred;
      t.cancelled += g.cancelled;
      t.expired += g.expired;
      t.wait.add(wait);
      t.service.add(service);
      t.levels[1] += g.r1;
      t.levels[2] += g.r2;
      t.levels[3] += g.r3;
      t.levels[4] += g.r4;
      t.levels[5] += g.r5;
    };
    if (g.staff_id !== null) add(this.tally('staff', g.staff_id));
    if (g.window_no !== null) add(this.tally('window', String(g.window_no)));
    if (svc) add(this.tally('department', svc.department));
    add(this.tally('service', g.service_code));
    add(this.tally('hall', 'hall'));
  }

  addAppointment(a: AppointmentReportRow): void {
    const department = this.departmentOfService(a.service_code);
    this.each({ service: a.service_code, ...(department !== undefined && { department }), hall: 'hall' }, (t) => {
      t.appointments.booked++;
      if (a.status === 'checked-in') t.appointments.checkedIn++;
      else if (a.status === 'missed') t.appointments.missed++;
      else if (a.status === 'cancelled') t.appointments.cancelled++;
    });
  }

  addComplaint(c: ComplaintReportRow): void {
    const department = c.window_no === null ? undefined : this.hall.windows.get(c.window_no)?.department;
    const keys: Keys = {
      ...(c.staff_id !== null && { staff: c.staff_id }),
      ...(c.window_no !== null && { window: String(c.window_no) }),
      ...(department !== undefined && { department }),
      hall: 'hall',
    };
    this.each(keys, (t) => t.complaints++);
  }

  /** Every key the dimension saw, in key order (windows by number), with its figures. */
  figures(dimension: Dimension): { key: string; figures: Figures }[] {
    const keys = [...this.tallies[dimension].keys()].sort(dimension === 'window' ? (a, b) => Number(a) - Number(b) : undefined);
    return keys.map((key) => ({ key, figures: this.tallies[dimension].get(key)!.figures(dimension) }));
  }

  /** The figures of one key (empty figures when it saw nothing). */
  figuresOf(dimension: Dimension, key: string): Figures {
    return (this.tallies[dimension].get(key) ?? new Tally()).figures(dimension);
  }
}
