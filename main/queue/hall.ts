// The hall model: what a hall file (YAML) may say, checked with zod, then cross-checked
// (every reference resolves) and compiled into lookup maps the engine uses.
import { z } from 'zod';
import { ConfigError, zodProblems, type ConfigPath, type ConfigProblem } from '../rules/config-problem.js';
import { DEFAULT_TIME_ZONE, PREFIX_PATTERN } from '../rules/index.js';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day as HH:MM, e.g. "09:00"');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD, e.g. "2026-10-01"');
const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'expected a code of letters, digits, "-" or "_", e.g. "GS-01"');

export const timeRangeSchema = z
  .object({ from: hhmm, to: hhmm })
  .strict()
  .refine((r) => r.from < r.to, { message: '"from" must be before "to"' });

const hoursSchema = z.array(timeRangeSchema).min(1, 'give at least one time range');

export const strategySchema = z
  .object({
    /** strict: tiers in order, longest wait first within a tier; weighted: longest weighted wait across tiers. */
    order: z.enum(['strict', 'weighted']).default('strict'),
    /** weighted: one weight per tier; a tier's waiting time is multiplied by its weight. */
    weights: z.array(z.number().positive().max(100)).optional(),
    /** One priority ticket to every N normal ones (absent: priority tickets always go first). */
    normalPerPriority: z.number().int().min(1).max(20).optional(),
    /** Tickets past their service's target wait are called before the tier order. */
    breachFirst: z.boolean().default(false),
  })
  .strict();

export const windowKinds = ['department', 'comprehensive', 'green', 'complaints', 'consultation'] as const;
export const staffRoles = ['staff', 'chief', 'supervisor', 'admin'] as const;

const serviceSchema = z
  .object({
    code,
    name: z.string().min(1).max(60),
    department: code,
    /** Ticket number prefix; several services may share one (numbers are unique per prefix per day). */
    prefix: z.string().regex(PREFIX_PATTERN, 'expected one or two capital letters, e.g. "A"'),
    /** Promised on-the-spot handling time (承诺时限), minutes. */
    promisedMinutes: z.number().int().min(1).max(480),
    /** A waiting ticket past this is "breached" (target wait), minutes. */
    targetWaitMinutes: z.number().int().min(1).max(480).default(30),
    dailyCap: z.number().int().min(1).max(9999),
    /** Issuing hours; absent: the hall's. */
    hours: hoursSchema.optional(),
    appointment: z
      .object({
        slotMinutes: z.number().int().min(5).max(240).default(30),
        capacity: z.number().int().min(1).max(100).default(2),
      })
      .strict()
      .optional(),
    guide: z
      .object({
        materials: z.array(z.string().min(1)).default([]),
        legalTimeLimit: z.string().optional(),
        promisedTimeLimit: z.string().optional(),
        fee: z.string().default('不收费'),
        basis: z.string().optional(),
      })
      .strict()
      .default({ materials: [], fee: '不收费' }),
  })
  .strict();

const windowSchema = z
  .object({
    number: z.number().int().min(1).max(999),
    name: z.string().min(1).max(40),
    kind: z.enum(windowKinds),
    department: code.optional(),
    /** The services it serves, in priority tiers: `[[GS-01, GS-02], [DS-01]]` — tier 0 first. */
    services: z.array(z.array(code).min(1, 'a tier lists at least one service')).default([]),
    strategy: strategySchema.default({ order: 'strict', breachFirst: false }),
  })
  .strict();

const staffSchema = z
  .object({
    id: z.string().regex(/^\d{3,8}$/, 'expected a staff number of 3 to 8 digits, e.g. "0101"'),
    name: z.string().min(1).max(20),
    role: z.enum(staffRoles),
    department: code.optional(),
    /** scrypt hash "scrypt$N$r$p$salt$hash"; absent: the staff member cannot sign in until one is set. */
    passwordHash: z.string().optional(),
  })
  .strict();

const voiceDefaults = { template: '请{number}号到{window}号窗口办理', repeat: 2, engine: 'speech', minShowSeconds: 5, maxAgeSeconds: 60 } as const;
const displayDefaults = { notice: '', voice: voiceDefaults };
const displaySchema = z
  .object({
    notice: z.string().max(500).default(''),
    voice: z
      .object({
        /** {number} is read letter by letter and digit by digit, {window} as a number. */
        template: z
          .string()
          .max(100)
          .refine((t) => t.includes('{number}') && t.includes('{window}'), 'the template must contain {number} and {window}')
          .default(voiceDefaults.template),
        repeat: z.number().int().min(1).max(5).default(voiceDefaults.repeat),
        /** speech: the PC's zh-CN voice (falls back to clips when it has none); clips: recorded clips. */
        engine: z.enum(['speech', 'clips']).default(voiceDefaults.engine),
        /** Kept so older hall files load; the big panel now always shows the newest call at once. */
        minShowSeconds: z.number().min(1).max(60).default(voiceDefaults.minShowSeconds),
        /** A call still unannounced this long after it was made is only listed: the voice never falls minutes behind. */
        maxAgeSeconds: z.number().int().min(5).max(600).default(voiceDefaults.maxAgeSeconds),
        /** A folder of replacement clips (请.wav … chime.wav), relative to the hall file. */
        clipsDir: z.string().min(1).max(500).optional(),
      })
      .strict()
      .default(voiceDefaults),
  })
  .strict();

/** 好差评 levels: 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意. */
export const ratingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

/**
 * The supervision console's alarm thresholds (效能监察) and the bad-review deadline. Every key has a
 * default, so a hall file without this section gets the usual hall's rules. Lists and records default
 * through a function: zod hands a default value out as it is, and halls must not share one array.
 */
const supervisionSchema = z
  .object({
    /** A service alarms once its longest wait is past its targetWaitMinutes by this much, seconds. */
    waitBreachGraceSeconds: z.number().int().min(0).max(3600).default(0),
    /** A ticket at a window turns amber at this share of its service's promisedMinutes, red past all of it. */
    overtimeWarnPercent: z.number().int().min(10).max(100).default(80),
    /** A window paused longer than this alarms, minutes. */
    pauseLimitMinutes: z.number().int().min(1).max(480).default(30),
    /** Longer limits for some pause reasons, as the counter names them: 午休 lasts the lunch break. */
    pauseLimitsByReason: z
      .record(z.string().min(1).max(40), z.number().int().min(1).max(480))
      .default(() => ({ 午休: 90 })),
    /** A signed-in window with nobody at it while its services have people waiting, this long, seconds. */
    idleWhileWaitingSeconds: z.number().int().min(10).max(3600).default(120),
    /** A device unheard of this long alarms (a short network blip does not), seconds. */
    deviceOfflineSeconds: z.number().int().min(5).max(3600).default(60),
    /** This many failed sign-ins for one staff number or from one address within the window alarm. */
    loginFailures: z
      .object({
        count: z.number().int().min(2).max(100).default(5),
        withinMinutes: z.number().int().min(1).max(1440).default(10),
      })
      .strict()
      .prefault({}),
    /** The ratings that raise an alarm and open a 差评整改 item. */
    badRatingLevels: z.array(ratingLevelSchema).min(1, 'list at least one level, e.g. [1, 2]').default(() => [1, 2] as (1 | 2 | 3 | 4 | 5)[]),
    /** A 差评整改 item is due this many working days (the hall's calendar) after the rating. */
    followUpWorkingDays: z.number().int().min(1).max(60).default(15),
  })
  .strict();

// The ranking's score: weighted rates out of 100, minus points per complaint and bad review.
const rankingDefaults = { satisfaction: 40, onTime: 30, waitWithinTarget: 10, volume: 20, complaintPoints: 5, badReviewPoints: 2 } as const;
const reportsDefaults = { ranking: rankingDefaults };
const weight = z.number().min(0).max(100);
const reportsSchema = z
  .object({
    ranking: z
      .object({
        satisfaction: weight.default(rankingDefaults.satisfaction),
        onTime: weight.default(rankingDefaults.onTime),
        waitWithinTarget: weight.default(rankingDefaults.waitWithinTarget),
        volume: weight.default(rankingDefaults.volume),
        complaintPoints: z.number().min(0).max(100).default(rankingDefaults.complaintPoints),
        badReviewPoints: z.number().min(0).max(100).default(rankingDefaults.badReviewPoints),
      })
      .strict()
      .refine((r) => r.satisfaction + r.onTime + r.waitWithinTarget + r.volume > 0, 'give at least one weight above 0')
      .default(rankingDefaults),
  })
  .strict();

export const hallConfigSchema = z
  .object({
    hall: z
      .object({
        name: z.string().min(1).max(60),
        timezone: z.string().default(DEFAULT_TIME_ZONE),
        /** Numbers restart at this time every day. */
        dayResetTime: hhmm.default('04:00'),
        hours: hoursSchema,
        stopIssuingMinutesBeforeClose: z.number().int().min(0).max(120).default(30),
        kioskRateLimit: z
          .object({ max: z.number().int().min(1).max(1000), perSeconds: z.number().int().min(1).max(3600) })
          .strict()
          .default({ max: 10, perSeconds: 60 }),
        recallLimit: z.number().int().min(0).max(10).default(3),
        /** Where a returning no-show re-enters its queue (过号重排). */
        noShowRequeue: z
          .union([z.enum(['head', 'tail']), z.object({ after: z.number().int().min(0).max(100) }).strict()])
          .default({ after: 3 }),
        /** No waiting ticket is passed over once it has waited this long. */
        starvationMinutes: z.number().int().min(5).max(480).default(90),
        appointments: z
          .object({
            earlyMinutes: z.number().int().min(0).max(240).default(30),
            lateMinutes: z.number().int().min(0).max(240).default(15),
            bookingDaysAhead: z.number().int().min(1).max(60).default(7),
          })
          .strict()
          .default({ earlyMinutes: 30, lateMinutes: 15, bookingDaysAhead: 7 }),
        /** Weight of the newest service time in the moving average. */
        serviceTimeSmoothing: z.number().gt(0).max(1).default(0.2),
        numberDigits: z.number().int().min(2).max(4).default(3),
      })
      .strict(),
    calendar: z
      .object({
        /** Public holidays (法定节假日): closed even on a weekday. */
        holidays: z.array(isoDate).default([]),
        /** Swapped working days (调休): open even on a weekend. */
        workdays: z.array(isoDate).default([]),
      })
      .strict()
      .default({ holidays: [], workdays: [] }),
    departments: z
      .array(z.object({ code, name: z.string().min(1).max(40), shortName: z.string().max(8).optional() }).strict())
      .min(1),
    services: z.array(serviceSchema).min(1),
    windows: z.array(windowSchema).min(1),
    staff: z.array(staffSchema).default([]),
    /** Kiosks' settings panel: the admin PIN as a scrypt hash (`hallq pin-hash`); absent: no panel. */
    kiosk: z
      .object({ adminPinHash: z.string().regex(/^scrypt\$/, 'expected a scrypt hash from `hallq pin-hash`, e.g. "scrypt$16384$8$1$…"') })
      .strict()
      .optional(),
    /**
     * What a 居民身份证 swiped at a kiosk changes. `dailyLimitPerPerson`: tickets one person may take
     * per service per hall day (一人一号 is 1; 0, the default, is off). `priorityAge`: from this age
     * (by the card's birth date) a swipe takes a priority ticket; null turns that off.
     */
    identity: z
      .object({
        dailyLimitPerPerson: z.number().int().min(0).max(10).default(0),
        priorityAge: z.number().int().min(50).max(100).nullable().default(60),
      })
      .strict()
      .default({ dailyLimitPerPerson: 0, priorityAge: 60 }),
    /** The hall display (综合屏): its scrolling notice and how calls are announced. */
    display: displaySchema.default(displayDefaults),
    /** The supervision console's alarms and the bad-review follow-up deadline. */
    supervision: supervisionSchema.prefault({}),
    /** Reports (绩效考核): the monthly ranking's weights (main/reports/ranking.ts writes the formula out). */
    reports: reportsSchema.default(reportsDefaults),
  })
  .strict();

export type HallConfig = z.infer<typeof hallConfigSchema>;
export type DisplayConfig = z.infer<typeof displaySchema>;
export type SupervisionSettings = z.infer<typeof supervisionSchema>;
export type RankingWeights = z.infer<typeof reportsSchema>['ranking'];
export type HallConfigInput = z.input<typeof hallConfigSchema>;
export type ServiceConfig = HallConfig['services'][number];
export type WindowConfig = HallConfig['windows'][number];
export type StaffConfig = HallConfig['staff'][number];
export type DepartmentConfig = HallConfig['departments'][number];
export type TimeRange = z.infer<typeof timeRangeSchema>;
export type Strategy = z.infer<typeof strategySchema>;
export type WindowKind = (typeof windowKinds)[number];
export type StaffRole = (typeof staffRoles)[number];

/** A hall config with its references resolved, ready for the engine. */
export interface Hall {
  readonly config: HallConfig;
  readonly services: ReadonlyMap<string, ServiceConfig>;
  readonly windows: ReadonlyMap<number, WindowConfig & { readonly tierOf: ReadonlyMap<string, number> }>;
  readonly staff: ReadonlyMap<string, StaffConfig>;
  readonly departments: ReadonlyMap<string, DepartmentConfig>;
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

// The hub formats the paths of refused wire payloads the same way.
export { formatPath } from '../rules/config-problem.js';

function listKnown(values: Iterable<string>): string {
  const all = [...values];
  return all.length <= 6 ? all.join(', ') : `${all.slice(0, 3).join(', ')} … ${all.slice(-2).join(', ')}`;
}

/** Checks a parsed hall file and compiles it; throws ConfigError naming every problem's path in `source`. */
export function compileHall(input: unknown, source = 'hall config'): Hall {
  const parsed = hallConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      zodProblems(parsed.error, {
        file: source,
        describe: (i, key) =>
          key !== undefined
            ? `unknown key '${key}' (check its spelling and indentation)`
            : i.code === 'invalid_type' && i.message.endsWith('received undefined')
              ? `missing (expected ${i.expected})`
              : i.message,
      }),
    );
  }
  const config = parsed.data;
  const problems: ConfigProblem[] = [];
  const problem = (path: ConfigPath, message: string): void => void problems.push({ file: source, path, message });
  const unique = <T>(items: readonly T[], key: (t: T) => string | number, what: string, path: string) => {
    const seen = new Map<string | number, number>();
    items.forEach((item, i) => {
      const k = key(item);
      const first = seen.get(k);
      if (first !== undefined) problem([path, i], `duplicate ${what} '${k}' (also ${path}[${first}])`);
      else seen.set(k, i);
    });
  };
  unique(config.departments, (d) => d.code, 'department code', 'departments');
  unique(config.services, (s) => s.code, 'service code', 'services');
  unique(config.windows, (w) => w.number, 'window number', 'windows');
  unique(config.staff, (s) => s.id, 'staff number', 'staff');

  const departments = new Map(config.departments.map((d) => [d.code, d]));
  const services = new Map(config.services.map((s) => [s.code, s]));
  config.services.forEach((s, i) => {
    if (!departments.has(s.department)) {
      problem(['services', i, 'department'], `unknown department '${s.department}' (known: ${listKnown(departments.keys())})`);
    }
  });
  const windows = new Map<number, WindowConfig & { tierOf: Map<string, number> }>();
  config.windows.forEach((w, i) => {
    if (w.department && !departments.has(w.department)) {
      problem(['windows', i, 'department'], `unknown department '${w.department}' (known: ${listKnown(departments.keys())})`);
    }
    const tierOf = new Map<string, number>();
    w.services.forEach((tier, t) =>
      tier.forEach((svc, j) => {
        if (!services.has(svc)) {
          problem(['windows', i, 'services', t, j], `unknown service '${svc}' (known: ${listKnown(services.keys())})`);
        } else if (tierOf.has(svc)) {
          problem(['windows', i, 'services', t, j], `service '${svc}' is already in tier ${tierOf.get(svc)}`);
        } else tierOf.set(svc, t);
      }),
    );
    const serves = w.kind === 'department' || w.kind === 'comprehensive' || w.kind === 'green';
    if (serves && w.services.length === 0) problem(['windows', i, 'services'], `a ${w.kind} window must serve at least one service`);
    if (w.strategy.order === 'weighted' && w.strategy.weights && w.strategy.weights.length !== w.services.length) {
      problem(['windows', i, 'strategy', 'weights'], `give one weight per tier (${w.services.length} tiers, ${w.strategy.weights.length} weights)`);
    }
    if (w.strategy.order === 'strict' && w.strategy.weights) {
      problem(['windows', i, 'strategy', 'weights'], 'weights apply only with order: weighted (they would be ignored)');
    }
    windows.set(w.number, { ...w, tierOf });
  });
  config.staff.forEach((s, i) => {
    if (s.department && !departments.has(s.department)) {
      problem(['staff', i, 'department'], `unknown department '${s.department}' (known: ${listKnown(departments.keys())})`);
    }
  });
  const served = new Set(config.windows.flatMap((w) => w.services.flat()));
  config.services.forEach((s, i) => {
    if (!served.has(s.code)) problem(['services', i], `no window serves '${s.code}' (add it to a window's services)`);
  });
  const overlap = (ranges: readonly TimeRange[], path: ConfigPath) =>
    [...ranges]
      .sort((a, b) => a.from.localeCompare(b.from))
      .forEach((r, i, all) => {
        const next = all[i + 1];
        if (next && next.from < r.to) problem(path, `time ranges ${r.from}–${r.to} and ${next.from}–${next.to} overlap`);
      });
  const realDate = (d: string) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  };
  const holidays = new Set(config.calendar.holidays);
  config.calendar.holidays.forEach((d, i) => {
    if (!realDate(d)) problem(['calendar', 'holidays', i], `'${d}' is not a calendar date`);
  });
  config.calendar.workdays.forEach((d, i) => {
    if (!realDate(d)) problem(['calendar', 'workdays', i], `'${d}' is not a calendar date`);
    else if (holidays.has(d)) problem(['calendar', 'workdays', i], `'${d}' is also listed as a holiday`);
  });
  const badLevels = new Set<number>();
  config.supervision.badRatingLevels.forEach((level, i) => {
    const path = ['supervision', 'badRatingLevels', i];
    if (badLevels.has(level)) problem(path, `level ${level} is listed twice`);
    else if (level >= 4) problem(path, `level ${level} (${level === 5 ? '非常满意' : '满意'}) is a good rating, not a bad one (1 非常不满意 … 3 基本满意)`);
    badLevels.add(level);
  });
  overlap(config.hall.hours, ['hall', 'hours']);
  config.services.forEach((s, i) => s.hours && overlap(s.hours, ['services', i, 'hours']));
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: config.hall.timezone });
  } catch {
    problem(['hall', 'timezone'], `unknown time zone '${config.hall.timezone}' (e.g. Asia/Shanghai)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    config,
    services,
    windows,
    staff: new Map(config.staff.map((s) => [s.id, s])),
    departments,
    holidays: new Set(config.calendar.holidays),
    workdays: new Set(config.calendar.workdays),
  };
}

/** The service's issuing hours (its own or the hall's). */
export function serviceHours(hall: Hall, service: ServiceConfig): readonly TimeRange[] {
  return service.hours ?? hall.config.hall.hours;
}
