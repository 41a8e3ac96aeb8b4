// Who may send which command, decided in one place for every role's commands (the rule table is in
// docs/decisions.md): staff act on their own window's tickets only, green tickets need an admin or a
// chief of the service's department, only overseers use the supervise channel, an agent acts only for
// the windows its devices serve. Pure: the hall state and who is asking in, a verdict out. The
// engine still checks each command against the ticket's state afterwards.
import {
  agentCommands,
  counterCommands,
  kioskCommands,
  publicCommands,
  refusal,
  superviseCommands,
  type RefusalKey,
  type RefusalParams,
} from '../protocol/index.js';
import type { AgentBinding } from '../../db/access.js';
import { elsewhere, greenAuthority, type HallState, type Refusal, type StaffConfig, type Ticket } from '../queue/index.js';
import { kioskRefusal, windowRefusal } from './agent-binding.js';

/** Who is asking, as the handshake established it. */
export type Principal =
  /** Staff of any role; `windowNo` is the window a counter session signed them in at. */
  | { readonly kind: 'staff'; readonly staff: StaffConfig; readonly windowNo?: number }
  | { readonly kind: 'kiosk'; readonly id: string }
  /** `binding`: the windows and kiosks an administrator bound it to; `devices`: what it announced. */
  | {
      readonly kind: 'agent';
      readonly id: string;
      readonly name?: string;
      readonly binding: AgentBinding;
      readonly devices: readonly { readonly kind: string; readonly windowNo?: number; readonly kioskId?: string }[];
    }
  | { readonly kind: 'visitor' };

export const commandTables = {
  kiosk: kioskCommands,
  counter: counterCommands,
  agent: agentCommands,
  supervise: superviseCommands,
  public: publicCommands,
} as const;
export type Channel = keyof typeof commandTables;
export type ChannelCommand<C extends Channel> = keyof (typeof commandTables)[C] & string;

/** What the command names, as far as the decision needs it. */
export interface Subject {
  readonly ticketId?: string;
  /** Agent commands: the window the device serves. */
  readonly windowNo?: number;
  /** Agent commands: the kiosk the device serves (an ID card reader). */
  readonly kioskId?: string;
  /** Green tickets: the service and who authorises it (a kiosk passes the staff id once the password is checked). */
  readonly serviceCode?: string;
  readonly authorizer?: string;
  /** Supervision commands: the department the alarm or 差评整改 item belongs to (none: the whole hall's). */
  readonly department?: string;
}

export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly detail?: string };

type Rule = (state: HallState, who: Principal, subject: Subject) => Verdict;

const allow: Verdict = { ok: true };
const deny = (code: string, message: string, detail?: string): Verdict =>
  detail === undefined ? { ok: false, code, message } : { ok: false, code, message, detail };
const verdictOf = (r: Refusal | undefined): Verdict => (r ? deny(r.code, r.message) : allow);
/** A refusal from the table, with the detail the audit keeps. */
const denyAs = (key: RefusalKey, params?: RefusalParams, detail?: string): Verdict => {
  const r = refusal(key, params);
  return deny(r.code, r.message, detail);
};
const notThisChannel = (who: Principal, channel: Channel): Verdict => denyAs('forbidden', undefined, `${who.kind} on ${channel}`);

/** Supervisors, chiefs and admins watch the hall (效能监察, exports); ordinary staff do not. */
export function mayOversee(staff: StaffConfig): boolean {
  return staff.role !== 'staff';
}

/** What of the hall's reports and exports a staff member may read (绩效考核). */
export type ReportScope =
  | { readonly ok: true; readonly department?: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/**
 * Supervisors and admins read the whole hall; a chief representative (窗口首席代表) only their
 * department's services, windows and staff; ordinary staff nothing. Every report route and export
 * asks here, so the rule is one.
 */
export function reportScope(staff: StaffConfig): ReportScope {
  if (staff.role === 'supervisor' || staff.role === 'admin') return { ok: true };
  if (staff.role === 'chief' && staff.department !== undefined) return { ok: true, department: staff.department };
  const r = refusal('forbidden.export');
  return { ok: false, code: r.code, message: r.message };
}

const ticketOf = (state: HallState, s: Subject): Ticket | undefined => (s.ticketId === undefined ? undefined : state.tickets.get(s.ticketId));

type AtWindow = { readonly staff: StaffConfig; readonly windowNo: number };
/** Counter commands: staff signed in at a window; `rule` decides the rest. */
const atCounter =
  (rule?: (state: HallState, who: AtWindow, s: Subject) => Verdict): Rule =>
  (state, who, s) => {
    if (who.kind !== 'staff' || who.windowNo === undefined) return notThisChannel(who, 'counter');
    return rule ? rule(state, { staff: who.staff, windowNo: who.windowNo }, s) : allow;
  };

/** A ticket the window may call, or one standing at it — never another window's. */
const ownTicket = atCounter((state, who, s) => {
  const t = ticketOf(state, s);
  if (!t) return denyAs('unknown-ticket');
  return verdictOf(elsewhere(state, t, who.windowNo));
});

const kiosk =
  (rule?: Rule): Rule =>
  (state, who, s) =>
    who.kind !== 'kiosk' ? notThisChannel(who, 'kiosk') : rule ? rule(state, who, s) : allow;

const overseerOnly = (who: Principal): Verdict => {
  if (who.kind !== 'staff') return notThisChannel(who, 'supervise');
  return mayOversee(who.staff) ? allow : denyAs('forbidden.supervise', undefined, `role ${who.staff.role}`);
};
const overseer: Rule = (_state, who) => overseerOnly(who);

/**
 * Supervision: who may act on a department's alarm or 差评整改 item. `hall`: the roles that act on
 * any department's; `chief`: a chief representative, only on their own department's.
 */
const supervision =
  (hall: readonly StaffConfig['role'][], chief: boolean, notHall: RefusalKey = 'forbidden'): Rule =>
  (state, who, s) => {
    const seen = overseerOnly(who);
    if (!seen.ok || who.kind !== 'staff') return seen;
    const { staff } = who;
    if (hall.includes(staff.role)) return allow;
    if (chief && staff.role === 'chief') {
      if (s.department !== undefined && s.department === staff.department) return allow;
      const own = staff.department === undefined ? '' : (state.hall.departments.get(staff.department)?.name ?? staff.department);
      return denyAs('forbidden.department', { department: own }, `chief ${staff.id} (${staff.department ?? 'none'}) on ${s.department ?? 'hall'}`);
    }
    return denyAs(notHall, undefined, `role ${staff.role}`);
  };
/** Overseers of the whole hall, and a chief for their own department. */
const ownDepartmentOrHall = supervision(['supervisor', 'admin'], true);
/** The department's own chief (or an admin): 回访, 整改, 申诉. */
const departmentChief = supervision(['admin'], true);
/** Supervisors approve and decide. */
const supervisorDecides = supervision(['supervisor', 'admin'], false, 'forbidden.supervisor');

const deviceNames = { keypad: '评价器', caller: '呼叫器' } as const;
/** Agent commands: any agent; with `device`, only for a window it is bound to and one of its
 * devices of that kind serves. */
const agent =
  (device?: keyof typeof deviceNames, rule?: Rule): Rule =>
  (state, who, s) => {
    if (who.kind !== 'agent') return notThisChannel(who, 'agent');
    if (device === undefined) return allow;
    const windowNo = s.windowNo;
    const notBound = windowNo === undefined ? undefined : windowRefusal({ id: who.id, name: who.name ?? who.id }, who.binding, windowNo);
    if (notBound) return deny('device-not-bound', notBound, `agent ${who.id} is not bound to window ${windowNo}`);
    if (windowNo === undefined || !who.devices.some((d) => d.kind === device && d.windowNo === windowNo)) {
      return denyAs('forbidden.window-device', { windowNo: windowNo ?? '', device: deviceNames[device] }, `agent ${who.id} has no ${device} for window ${windowNo}`);
    }
    return rule ? rule(state, who, s) : allow;
  };

const kioskDeviceNames = { idcard: '身份证阅读器', scanner: '扫码枪' } as const;
/** An ID card read or a scan reaches the hub only from such a device the agent announced at that kiosk. */
const atKiosk =
  (kind: keyof typeof kioskDeviceNames): Rule =>
  (_state, who, s) => {
    if (who.kind !== 'agent') return notThisChannel(who, 'agent');
    const notBound = s.kioskId === undefined ? undefined : kioskRefusal({ id: who.id, name: who.name ?? who.id }, who.binding, s.kioskId, kioskDeviceNames[kind]);
    if (notBound) return deny('device-not-bound', notBound, `agent ${who.id} is not bound to kiosk ${s.kioskId}`);
    if (s.kioskId !== undefined && who.devices.some((d) => d.kind === kind && d.kioskId === s.kioskId)) return allow;
    return denyAs('forbidden.kiosk-device', { kioskId: s.kioskId ?? '', device: kioskDeviceNames[kind] }, `agent ${who.id} has no ${kind} for kiosk ${s.kioskId}`);
  };

/** A rating goes to a ticket of the keypad's window (the prompted one, or the window's last finished). */
const ratedHere: Rule = (state, _who, s) => {
  if (s.ticketId === undefined) return denyAs('not-rateable.none');
  const t = ticketOf(state, s);
  if (!t) return denyAs('unknown-ticket');
  return verdictOf(elsewhere(state, t, s.windowNo as number));
};

const visitor: Rule = (_state, who) => (who.kind === 'visitor' ? allow : notThisChannel(who, 'public'));

/** One rule per command of every role: a new command without a rule does not compile. */
const rules: { readonly [C in Channel]: { readonly [K in ChannelCommand<C>]: Rule } } = {
  kiosk: {
    'ticket:issue': kiosk((state, _who, s) =>
      s.authorizer === undefined ? allow : verdictOf(greenAuthority(state.hall, s.authorizer, s.serviceCode ?? '')),
    ),
    'appointment:checkIn': kiosk(),
    'kiosk:unlock': kiosk(),
  },
  counter: {
    'window:signIn': atCounter(),
    'window:callNext': atCounter(),
    // The engine decides which numbers this window may call (the same ownership rule: `elsewhere`).
    'window:callNumber': atCounter(),
    'window:recall': atCounter(),
    'window:start': atCounter(),
    'window:finish': atCounter(),
    'window:skip': atCounter(),
    'window:transfer': atCounter(),
    'window:suspend': atCounter(),
    'window:resumeTicket': ownTicket,
    'window:pause': atCounter(),
    'window:resume': atCounter(),
    'window:signOut': atCounter(),
    'ticket:requeue': ownTicket,
    'ticket:reprint': ownTicket,
    'ticket:cancel': ownTicket,
    'ticket:issueGreen': atCounter((state, who, s) => verdictOf(greenAuthority(state.hall, who.staff.id, s.serviceCode ?? ''))),
  },
  agent: {
    'agent:devices': agent(),
    'device:health': agent(),
    'keypad:rate': agent('keypad', ratedHere),
    'caller:key': agent('caller'),
    'identity:read': atKiosk('idcard'),
    'scan:code': atKiosk('scanner'),
  },
  supervise: {
    'complaint:file': overseer,
    'alarm:acknowledge': ownDepartmentOrHall,
    'followUp:callback': departmentChief,
    'followUp:rectify': departmentChief,
    'followUp:close': supervisorDecides,
    'rating:appeal': departmentChief,
    'rating:decideAppeal': supervisorDecides,
  },
  public: {
    'appointment:slots': visitor,
    'appointment:book': visitor,
    'appointment:cancel': visitor,
  },
};

/** May `who` send this command about this subject now? */
export function authorize<C extends Channel>(state: HallState, who: Principal, channel: C, command: ChannelCommand<C>, subject: Subject = {}): Verdict {
  const table = rules[channel] as Readonly<Record<string, Rule>>;
  const rule = Object.hasOwn(table, command) ? table[command] : undefined;
  return rule ? rule(state, who, subject) : denyAs('unknown-command', { command: command.slice(0, 40) });
}

/** May this overseer see an alarm or item of `department` (a chief: only their own)? */
export function maySeeDepartment(staff: StaffConfig, department: string | undefined): boolean {
  return staff.role !== 'chief' || (department !== undefined && department === staff.department);
}

/** May `who` open the supervise channel at all? The same rule as its commands. */
export function mayConnectSupervise(who: Principal): Verdict {
  return overseerOnly(who);
}
