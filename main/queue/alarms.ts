// The supervision console's alarms (效能监察), decided from the hall state as it is now: pure, the
// clock passed in, no memory of its own. The same conditions give the same alarms (by `key`), so the
// hub evaluates as often as it likes and stores only what `diffAlarms` says changed. What the state
// does not hold — device health, complaints still open, failed sign-ins — the hub passes in.
import { addDays, addWorkingDays, byRank } from '../rules/index.js';
import type { Hall, SupervisionSettings, WindowConfig } from './hall.js';
import type { Complaint, HallState, Instant, RatingLevel, Ticket, WindowState } from './model.js';
import { isEligible } from './strategy.js';
import { hallDay, instantOf, toMinutes } from './time.js';

export type AlarmKind =
  | 'wait-breach'
  | 'service-overtime'
  | 'pause-too-long'
  | 'idle-while-waiting'
  | 'device-offline'
  | 'out-of-paper'
  | 'cover-open'
  | 'bad-rating'
  | 'complaint-filed'
  | 'login-failures'
  | 'follow-up-overdue';

/** amber: look at it soon; red: act now. */
export type AlarmSeverity = 'amber' | 'red';

export type AlarmSubject =
  | { readonly kind: 'service'; readonly serviceCode: string }
  | { readonly kind: 'window'; readonly windowNo: number; readonly staffId?: string }
  | { readonly kind: 'ticket'; readonly ticketId: string; readonly number: string; readonly windowNo?: number; readonly staffId?: string }
  | { readonly kind: 'device'; readonly deviceId: string; readonly windowNo?: number; readonly kioskId?: string }
  | { readonly kind: 'complaint'; readonly complaintId: string; readonly windowNo?: number; readonly staffId?: string }
  | { readonly kind: 'staff'; readonly staffId: string }
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'follow-up'; readonly followUpId: string; readonly ticketId: string };

/** A window that could open for a breached service now, and why it is not serving it. */
export interface OpenableWindow {
  readonly windowNo: number;
  /** idle: signed in with nobody at it; paused: staff there, on a pause; signed-out: nobody signed in. */
  readonly state: 'idle' | 'paused' | 'signed-out';
  readonly pauseReason?: string;
  /** Signed out: staff of its department who are not signed in at any window (who could come). */
  readonly availableStaff?: readonly { readonly id: string; readonly name: string }[];
}

export interface Alarm {
  /** Kind and subject: the same condition is the same alarm from one evaluation to the next. */
  readonly key: string;
  readonly kind: AlarmKind;
  readonly severity: AlarmSeverity;
  readonly subject: AlarmSubject;
  /** The department it concerns, where there is one: a chief sees their department's alarms. */
  readonly department?: string;
  /**
   * When the condition began, as the state shows it now (e.g. when the longest wait now waiting
   * passed its target). The hub keeps the moment it first saw the key raised.
   */
  readonly since: Instant;
  /** What a supervisor reads, zh-CN. */
  readonly text: string;
  /** Wait breaches: the windows that could open for the service, quickest help first. */
  readonly suggestion?: { readonly windows: readonly OpenableWindow[]; readonly text: string };
}

/** A device as the hub knows it (main/hub/devices.ts maps its registry to this). */
export interface DeviceStatus {
  readonly deviceId: string;
  readonly kind: 'printer' | 'led' | 'keypad' | 'caller' | 'idcard' | 'scanner';
  /** As staff name it ("3号窗口显示屏", "取号机K2打印机"): the hub's deviceLabel. */
  readonly label: string;
  readonly windowNo?: number;
  readonly kioskId?: string;
  /** Present while it is unreachable (its agent gone, or reported offline): since when. */
  readonly offlineSince?: Instant;
  /** Printers: paper running low or out, since when. */
  readonly paper?: { readonly state: 'near-end' | 'out'; readonly since: Instant };
  /** Printers: cover open since when. */
  readonly coverOpenSince?: Instant;
}

/** One failed sign-in, as the hub saw it: the staff number tried (if any) and the peer address. */
export interface LoginFailure {
  readonly at: Instant;
  readonly staffId?: string;
  readonly address: string;
}

/** What the hub knows outside the hall state. */
export interface AlarmSignals {
  /** Complaints not yet closed. */
  readonly complaints?: readonly Complaint[];
  /** Recent failed sign-ins (older than the window are ignored). */
  readonly loginFailures?: readonly LoginFailure[];
  /** 差评整改 items not yet closed: those past their due day alarm. */
  readonly followUps?: readonly OpenFollowUp[];
}

/** A 差评整改 item still open, as the hub stores it. */
export interface OpenFollowUp {
  readonly id: string;
  readonly ticketId: string;
  readonly ticketNumber: string;
  readonly department?: string;
  readonly ownerId?: string;
  /** The last working day to close it on (YYYY-MM-DD). */
  readonly dueDay: string;
}

const MINUTE = 60_000;
const minutesText = (ms: number) => `${Math.max(0, Math.floor(ms / MINUTE))}分钟`;
const severityRank: Record<AlarmSeverity, number> = { red: 0, amber: 1 };
const ratingNames: Record<RatingLevel, string> = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' };
/** Text a visitor or a client typed, cut short for one line of an alarm. */
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

type CompiledWindow = WindowConfig & { readonly tierOf: ReadonlyMap<string, number> };

const ticketSubject = (t: Ticket): AlarmSubject => ({
  kind: 'ticket',
  ticketId: t.id,
  number: t.number,
  ...(t.windowNo !== undefined && { windowNo: t.windowNo }),
  ...(t.staffId !== undefined && { staffId: t.staffId }),
});

/** When handling began: the engine's own rule at 办结 (started, or else called). */
const handlingBegan = (t: Ticket): Instant | undefined => t.startedAt ?? t.calledAt;

/** When a waiting ticket's wait counts from: an appointment waits from its slot, not its early check-in. */
const waitingFrom = (t: Ticket): Instant => Math.max(t.queuedAt, t.dueAt ?? 0);
/** Longest wait first; equal waits in their lane's order. */
const longestWaitFirst = (a: Ticket, b: Ticket): number => waitingFrom(a) - waitingFrom(b) || byRank(a, b);

/** The date a 差评整改 item for a rating given at `ratedAt` is due, on the hall's calendar. */
export function followUpDue(hall: Hall, ratedAt: Instant, settings: SupervisionSettings = hall.config.supervision): string {
  return addWorkingDays(hallDay(hall, ratedAt), settings.followUpWorkingDays, hall);
}

/** The pause limit for a reason, ms: the reason's own, or the hall's. */
export function pauseLimitMs(settings: SupervisionSettings, reason: string): number {
  return (settings.pauseLimitsByReason[reason] ?? settings.pauseLimitMinutes) * MINUTE;
}

/** Every alarm the hall has now, most urgent first (red, then the oldest). */
export function hallAlarms(
  state: HallState,
  devices: readonly DeviceStatus[],
  now: Instant,
  settings: SupervisionSettings = state.hall.config.supervision,
  signals: AlarmSignals = {},
): Alarm[] {
  const view = new HallView(state);
  const alarms = [
    ...waitBreaches(view, now, settings),
    ...overtimes(view, now, settings),
    ...windowAlarms(view, now, settings),
    ...deviceAlarms(view, devices, now, settings),
    ...badRatings(view, settings),
    ...complaintAlarms(view, signals.complaints ?? []),
    ...loginAlarms(view, signals.loginFailures ?? [], now, settings),
    ...overdueFollowUps(view, signals.followUps ?? [], now),
  ];
  return alarms.sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.since - b.since || a.key.localeCompare(b.key));
}

/** What the diff reads of an alarm: its key and how severe it is (the hub's stored alarms will do). */
type Keyed = Pick<Alarm, 'key' | 'severity'>;

export interface AlarmDiff<A extends Keyed = Alarm, P extends Keyed = A> {
  /** New conditions. */
  readonly raised: readonly A[];
  /** Conditions that hold still, as they read now (text and severity may have moved). */
  readonly stillActive: readonly A[];
  /** Still active, now more severe than before (amber → red): worth a sound again. */
  readonly escalated: readonly A[];
  /** Conditions gone, as they last read. */
  readonly resolved: readonly P[];
}

/** What changed between the alarms active before (as evaluated or as stored) and the ones active now, by key. */
export function diffAlarms<A extends Keyed, P extends Keyed = A>(previousActive: readonly P[], next: readonly A[]): AlarmDiff<A, P> {
  const before = new Map(previousActive.map((a) => [a.key, a]));
  const nextKeys = new Set(next.map((a) => a.key));
  const raised: A[] = [];
  const stillActive: A[] = [];
  const escalated: A[] = [];
  for (const a of next) {
    const was = before.get(a.key);
    if (!was) raised.push(a);
    else {
      stillActive.push(a);
      if (severityRank[a.severity] < severityRank[was.severity]) escalated.push(a);
    }
  }
  return { raised, stillActive, escalated, resolved: previousActive.filter((a) => !nextKeys.has(a.key)) };
}

interface ServiceLine {
  /** Every waiting ticket of the service. */
  readonly all: Ticket[];
  /** The longest waiting of them. */
  oldest: Ticket;
  /** Of those any serving window may call (not aimed at one window): how many, and the longest waiting. */
  open: number;
  oldestOpen?: Ticket;
}

/**
 * The state read once for every rule: one pass over the tickets sorts out who waits for which
 * service or window, who stands at a window, the day's bad ratings and when each window last let a
 * visitor go. Names as supervisors read them.
 */
class HallView {
  readonly hall: Hall;
  readonly lines = new Map<string, ServiceLine>();
  /** Waiting tickets aimed at one window (a transfer to it, a resumed suspension). */
  readonly aimedAt = new Map<number, Ticket[]>();
  readonly atWindow: Ticket[] = [];
  readonly rated: Ticket[] = [];
  /** When each window's last visitor left it (done, no-show, transferred). */
  readonly lastLeft = new Map<number, Instant>();
  /** Staff signed in at some window. */
  readonly signedIn = new Set<string>();

  constructor(readonly state: HallState) {
    this.hall = state.hall;
    for (const t of state.tickets.values()) {
      if (t.day !== state.day) continue;
      if (t.status === 'waiting') this.addWaiting(t);
      else if (t.status === 'called' || t.status === 'serving') this.atWindow.push(t);
      else if (t.windowNo !== undefined && t.endedAt !== undefined && t.endedAt > (this.lastLeft.get(t.windowNo) ?? -Infinity)) {
        this.lastLeft.set(t.windowNo, t.endedAt);
      }
      if (t.rating) this.rated.push(t);
    }
    for (const ws of state.windows.values()) if (ws.staffId !== undefined) this.signedIn.add(ws.staffId);
  }

  private addWaiting(t: Ticket): void {
    let line = this.lines.get(t.serviceCode);
    if (!line) this.lines.set(t.serviceCode, (line = { all: [], oldest: t, open: 0 }));
    line.all.push(t);
    if (longestWaitFirst(t, line.oldest) < 0) line.oldest = t;
    if (t.targetWindow !== undefined) return push(this.aimedAt, t.targetWindow, t);
    line.open++;
    if (!line.oldestOpen || longestWaitFirst(t, line.oldestOpen) < 0) line.oldestOpen = t;
  }

  department(code: string | undefined): string {
    if (code === undefined) return '';
    const d = this.hall.departments.get(code);
    return d?.shortName ?? d?.name ?? code;
  }
  serviceName(code: string): string {
    return this.hall.services.get(code)?.name ?? code;
  }
  /** "企业设立登记（市场监管）" */
  serviceLabel(code: string): string {
    const dept = this.department(this.hall.services.get(code)?.department);
    return dept ? `${this.serviceName(code)}（${dept}）` : this.serviceName(code);
  }
  staffName(id: string | undefined): string {
    return id === undefined ? '' : (this.hall.staff.get(id)?.name ?? `工号${clip(id, 12)}`);
  }
  /** "12号窗口" or "12号窗口 李明" */
  windowLabel(windowNo: number, staffId?: string): string {
    const who = this.staffName(staffId);
    return who ? `${windowNo}号窗口 ${who}` : `${windowNo}号窗口`;
  }
  /** A window's department; a comprehensive window has none. */
  windowDepartment(windowNo: number | undefined): string | undefined {
    return windowNo === undefined ? undefined : this.hall.windows.get(windowNo)?.department;
  }
  serviceDepartment(code: string): string | undefined {
    return this.hall.services.get(code)?.department;
  }
  /** The oldest waiting ticket this window may call, if anyone waits for it. */
  oldestFor(win: CompiledWindow): Ticket | undefined {
    let oldest: Ticket | undefined;
    const consider = (t: Ticket | undefined) => {
      if (t && isEligible(win, t) && (oldest === undefined || longestWaitFirst(t, oldest) < 0)) oldest = t;
    };
    for (const code of win.tierOf.keys()) consider(this.lines.get(code)?.oldestOpen);
    for (const t of this.aimedAt.get(win.number) ?? []) consider(t);
    return oldest;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A service whose longest wait is past its target wait: amber, red past twice the target. */
function waitBreaches(view: HallView, now: Instant, settings: SupervisionSettings): Alarm[] {
  const out: Alarm[] = [];
  for (const [code, line] of view.lines) {
    const service = view.hall.services.get(code);
    const { oldest } = line;
    if (!service) continue;
    const targetMs = service.targetWaitMinutes * MINUTE;
    const thresholdMs = targetMs + settings.waitBreachGraceSeconds * 1000;
    const waitedMs = now - waitingFrom(oldest);
    if (waitedMs < thresholdMs) continue;
    const late = line.all.filter((t) => now - waitingFrom(t) >= targetMs).length;
    const suggestion = openableWindows(view, code);
    out.push({
      key: `wait-breach:service:${code}`,
      kind: 'wait-breach',
      severity: waitedMs >= 2 * targetMs ? 'red' : 'amber',
      subject: { kind: 'service', serviceCode: code },
      department: service.department,
      since: waitingFrom(oldest) + thresholdMs,
      text:
        `${view.serviceLabel(code)}：${late}人等候超过目标${service.targetWaitMinutes}分钟，` +
        `最长${oldest.number}已等${minutesText(waitedMs)}（共${line.all.length}人等候）`,
      suggestion,
    });
  }
  return out;
}

const openOrder: Record<OpenableWindow['state'], number> = { idle: 0, paused: 1, 'signed-out': 2 };

/**
 * Windows that serve the service and are not busy with a visitor: idle ones can call at once, paused
 * ones have their staff at hand, signed-out ones need someone to come (named, where any is free).
 * Within each, windows that hold the service in an earlier tier call it sooner.
 */
function openableWindows(view: HallView, serviceCode: string): NonNullable<Alarm['suggestion']> {
  const found: { win: OpenableWindow; tier: number }[] = [];
  for (const ws of view.state.windows.values()) {
    const win = view.hall.windows.get(ws.number);
    const tier = win?.tierOf.get(serviceCode);
    if (!win || tier === undefined || ws.currentTicketId !== undefined) continue;
    if (ws.staffId === undefined) {
      const availableStaff = freeStaff(view, win.department ?? view.serviceDepartment(serviceCode));
      found.push({ win: { windowNo: ws.number, state: 'signed-out', availableStaff }, tier });
    } else if (ws.paused) found.push({ win: { windowNo: ws.number, state: 'paused', pauseReason: ws.paused.reason }, tier });
    else found.push({ win: { windowNo: ws.number, state: 'idle' }, tier });
  }
  found.sort((a, b) => openOrder[a.win.state] - openOrder[b.win.state] || a.tier - b.tier || a.win.windowNo - b.win.windowNo);
  const windows = found.map((f) => f.win);
  if (windows.length === 0) return { windows, text: '办理该事项的窗口都在接待群众，暂无可开启的窗口' };
  const shown = windows.slice(0, 4).map((w) => `${w.windowNo}号窗口（${openableText(w)}）`);
  const more = windows.length > shown.length ? `等${windows.length}个窗口` : '';
  return { windows, text: `可开启 ${shown.join('、')}${more}` };
}

function openableText(w: OpenableWindow): string {
  switch (w.state) {
    case 'idle':
      return '空闲，可立即叫号';
    case 'paused':
      return `暂停中：${clip(w.pauseReason ?? '', 20)}`;
    case 'signed-out': {
      const names = (w.availableStaff ?? []).map((s) => s.name);
      if (names.length === 0) return '无人签到';
      return `无人签到，可安排${names.slice(0, 3).join('、')}${names.length > 3 ? '等' : ''}`;
    }
    default: {
      const never: never = w.state;
      throw new Error(`unknown window state ${String(never)}`);
    }
  }
}

/** Window staff of a department (or with none, for a window of none) not signed in anywhere. */
function freeStaff(view: HallView, department: string | undefined): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  for (const s of view.hall.staff.values()) {
    if ((s.role !== 'staff' && s.role !== 'chief') || view.signedIn.has(s.id)) continue;
    if (s.department === department || s.department === undefined) out.push({ id: s.id, name: s.name });
  }
  // Those of the department itself first: they know the matter.
  const general = (id: string) => Number(view.hall.staff.get(id)?.department === undefined);
  return out.sort((a, b) => general(a.id) - general(b.id));
}

/** A visitor at a window longer than the service's promised minutes: amber at the warning share, red past it. */
function overtimes(view: HallView, now: Instant, settings: SupervisionSettings): Alarm[] {
  const out: Alarm[] = [];
  for (const t of view.atWindow) {
    const service = view.hall.services.get(t.serviceCode);
    const began = handlingBegan(t);
    if (!service || began === undefined) continue;
    const promisedMs = service.promisedMinutes * MINUTE;
    const warnMs = (promisedMs * settings.overtimeWarnPercent) / 100;
    const elapsed = now - began;
    if (elapsed < warnMs) continue;
    const red = elapsed >= promisedMs;
    const where = t.windowNo === undefined ? '' : `${view.windowLabel(t.windowNo, t.staffId)} `;
    out.push({
      key: `service-overtime:ticket:${t.id}`,
      kind: 'service-overtime',
      severity: red ? 'red' : 'amber',
      subject: ticketSubject(t),
      department: service.department,
      since: began + warnMs,
      text: `${where}办理${t.number} ${view.serviceName(t.serviceCode)}已${minutesText(elapsed)}，${red ? '超过' : '接近'}承诺时限${service.promisedMinutes}分钟`,
    });
  }
  return out;
}

/** Windows paused too long, and signed-in windows nobody is at while people wait for them. */
function windowAlarms(view: HallView, now: Instant, settings: SupervisionSettings): Alarm[] {
  const out: Alarm[] = [];
  for (const ws of view.state.windows.values()) {
    const win = view.hall.windows.get(ws.number);
    if (!win || ws.staffId === undefined) continue;
    const subject = { kind: 'window', windowNo: ws.number, staffId: ws.staffId } as const;
    const department = win.department;
    if (ws.paused) {
      const limit = pauseLimitMs(settings, ws.paused.reason);
      const paused = now - ws.paused.at;
      if (paused < limit) continue;
      out.push({
        key: `pause-too-long:window:${ws.number}`,
        kind: 'pause-too-long',
        severity: paused >= 2 * limit ? 'red' : 'amber',
        subject,
        ...(department !== undefined && { department }),
        since: ws.paused.at + limit,
        text: `${view.windowLabel(ws.number, ws.staffId)}暂停已${minutesText(paused)}（${clip(ws.paused.reason, 20)}），超过${limit / MINUTE}分钟上限`,
      });
      continue;
    }
    if (ws.currentTicketId !== undefined) continue;
    const oldest = view.oldestFor(win);
    if (!oldest) continue;
    const idleFrom = idleSince(view, ws, oldest);
    const limit = settings.idleWhileWaitingSeconds * 1000;
    if (now - idleFrom < limit) continue;
    const waiting = waitingCount(view, win);
    out.push({
      key: `idle-while-waiting:window:${ws.number}`,
      kind: 'idle-while-waiting',
      severity: 'amber',
      subject,
      ...(department !== undefined && { department }),
      since: idleFrom + limit,
      text: `${view.windowLabel(ws.number, ws.staffId)}空闲${minutesText(now - idleFrom)}未叫号，本窗口事项有${waiting}人等候（最早${oldest.number}）`,
    });
  }
  return out;
}

/**
 * Since when a window has been idle with someone waiting for it: the latest of its sign-in, its last
 * visitor leaving and the oldest waiter's arrival. (The state keeps no resume time, so a window
 * just back from a pause counts from its last visitor too.)
 */
function idleSince(view: HallView, ws: WindowState, oldest: Ticket): Instant {
  return Math.max(ws.signedInAt ?? -Infinity, view.lastLeft.get(ws.number) ?? -Infinity, waitingFrom(oldest));
}

function waitingCount(view: HallView, win: CompiledWindow): number {
  let n = (view.aimedAt.get(win.number) ?? []).length;
  for (const code of win.tierOf.keys()) n += view.lines.get(code)?.open ?? 0;
  return n;
}

/**
 * Devices offline past the grace, printers out of paper (amber when low) or with the cover open. An
 * offline device's last report is stale: only its being offline counts.
 */
function deviceAlarms(view: HallView, devices: readonly DeviceStatus[], now: Instant, settings: SupervisionSettings): Alarm[] {
  const out: Alarm[] = [];
  for (const d of devices) {
    const subject: AlarmSubject = {
      kind: 'device',
      deviceId: d.deviceId,
      ...(d.windowNo !== undefined && { windowNo: d.windowNo }),
      ...(d.kioskId !== undefined && { kioskId: d.kioskId }),
    };
    const department = view.windowDepartment(d.windowNo);
    const base = { subject, ...(department !== undefined && { department }) };
    const label = clip(d.label, 40);
    if (d.offlineSince !== undefined) {
      const grace = settings.deviceOfflineSeconds * 1000;
      if (now - d.offlineSince >= grace) {
        out.push({
          ...base,
          key: `device-offline:device:${d.deviceId}`,
          kind: 'device-offline',
          severity: 'red',
          since: d.offlineSince + grace,
          text: `${label}离线已${minutesText(now - d.offlineSince)}`,
        });
      }
      continue;
    }
    if (d.paper) {
      const out_ = d.paper.state === 'out';
      out.push({
        ...base,
        key: `out-of-paper:device:${d.deviceId}`,
        kind: 'out-of-paper',
        severity: out_ ? 'red' : 'amber',
        since: d.paper.since,
        text: out_ ? `${label}缺纸，暂停取号，请更换纸卷` : `${label}纸将用尽，请准备更换纸卷`,
      });
    }
    if (d.coverOpenSince !== undefined) {
      const text = `${label}机盖未关${d.kind === 'printer' ? '，无法出票' : ''}`;
      out.push({ ...base, key: `cover-open:device:${d.deviceId}`, kind: 'cover-open', severity: 'red', since: d.coverOpenSince, text });
    }
  }
  return out;
}

/** Today's 不满意 / 非常不满意 ratings: one alarm each, for the service's department. */
function badRatings(view: HallView, settings: SupervisionSettings): Alarm[] {
  const bad = new Set<number>(settings.badRatingLevels);
  const out: Alarm[] = [];
  for (const t of view.rated) {
    const rating = t.rating;
    if (!rating || !bad.has(rating.level)) continue;
    const department = view.serviceDepartment(t.serviceCode);
    const where = t.windowNo === undefined ? '' : `${view.windowLabel(t.windowNo, t.staffId)} `;
    const comment = rating.comment ? `：「${clip(rating.comment, 40)}」` : '';
    out.push({
      key: `bad-rating:ticket:${t.id}`,
      kind: 'bad-rating',
      severity: rating.level === 1 ? 'red' : 'amber',
      subject: ticketSubject(t),
      ...(department !== undefined && { department }),
      since: rating.at,
      text: `${view.department(department)}差评：${where}${t.number} ${view.serviceName(t.serviceCode)}被评为「${ratingNames[rating.level]}」${comment}，${settings.followUpWorkingDays}个工作日内整改`,
    });
  }
  return out;
}

/** Each complaint not yet closed, for the department of its window, staff member or ticket. */
function complaintAlarms(view: HallView, complaints: readonly Complaint[]): Alarm[] {
  return complaints.map((c) => {
    const ticket = c.ticketId === undefined ? undefined : view.state.tickets.get(c.ticketId);
    const department =
      view.windowDepartment(c.windowNo) ??
      (c.staffId === undefined ? undefined : view.hall.staff.get(c.staffId)?.department) ??
      (ticket ? view.serviceDepartment(ticket.serviceCode) : undefined);
    const about = [c.windowNo === undefined ? '' : view.windowLabel(c.windowNo, c.staffId), ticket?.number ?? '']
      .filter(Boolean)
      .join(' ');
    return {
      key: `complaint-filed:complaint:${c.id}`,
      kind: 'complaint-filed',
      severity: 'amber',
      subject: { kind: 'complaint', complaintId: c.id, ...(c.windowNo !== undefined && { windowNo: c.windowNo }), ...(c.staffId !== undefined && { staffId: c.staffId }) },
      ...(department !== undefined && { department }),
      since: c.at,
      text: `收到投诉${about ? `（${about}）` : ''}：${clip(c.text, 60)}`,
    } satisfies Alarm;
  });
}

/** Repeated failed sign-ins for one staff number, or from one address, within the window. */
function loginAlarms(view: HallView, failures: readonly LoginFailure[], now: Instant, settings: SupervisionSettings): Alarm[] {
  const { count, withinMinutes } = settings.loginFailures;
  const from = now - withinMinutes * MINUTE;
  const byStaff = new Map<string, Instant[]>();
  const byAddress = new Map<string, Instant[]>();
  for (const f of failures) {
    if (f.at < from || f.at > now) continue;
    if (f.staffId !== undefined) push(byStaff, f.staffId, f.at);
    push(byAddress, f.address, f.at);
  }
  const out: Alarm[] = [];
  const raise = (times: Instant[], key: string, subject: AlarmSubject, who: string, department?: string) => {
    if (times.length < count) return;
    times.sort((a, b) => a - b);
    out.push({
      key,
      kind: 'login-failures',
      severity: 'red',
      subject,
      ...(department !== undefined && { department }),
      since: times[count - 1] ?? now,
      text: `${who}${withinMinutes}分钟内登录失败${times.length}次，请核实是否有人冒用`,
    });
  };
  for (const [staffId, times] of byStaff) {
    const staff = view.hall.staff.get(staffId);
    const who = staff ? `工号${staffId}（${staff.name}）` : `工号${clip(staffId, 12)}`;
    raise(times, `login-failures:staff:${staffId}`, { kind: 'staff', staffId }, who, staff?.department);
  }
  for (const [address, times] of byAddress) {
    raise(times, `login-failures:address:${address}`, { kind: 'address', address }, `地址${clip(address, 45)}`);
  }
  return out;
}

/** 差评整改 items past their due day (the hall day after it has begun), for their department. */
function overdueFollowUps(view: HallView, items: readonly OpenFollowUp[], now: Instant): Alarm[] {
  const today = hallDay(view.hall, now);
  const out: Alarm[] = [];
  for (const f of items) {
    if (today <= f.dueDay) continue;
    const owner = f.ownerId === undefined ? '（该部门无首席代表）' : `，责任人${view.staffName(f.ownerId)}`;
    out.push({
      key: `follow-up-overdue:follow-up:${f.id}`,
      kind: 'follow-up-overdue',
      severity: 'red',
      subject: { kind: 'follow-up', followUpId: f.id, ticketId: f.ticketId },
      ...(f.department !== undefined && { department: f.department }),
      // The first instant of the day after the due day, as the hall reckons days.
      since: startOfDayAfter(view.hall, f.dueDay),
      text: `${view.department(f.department)}差评整改逾期：${clip(f.ticketNumber, 12)}应于${f.dueDay}前整改完毕${owner}`,
    });
  }
  return out;
}

/** When the hall day after `day` begins (its reset time, in the hall's time zone). */
function startOfDayAfter(hall: Hall, day: string): Instant {
  return instantOf(hall, addDays(day, 1), toMinutes(hall.config.hall.dayResetTime));
}
