// The Socket.IO contract: one namespace per role, each with its client→server command map
// (derived from commands.ts) and its server→client event map. The hub is
// `Server<…>` over these maps; every client is `io<…>()` with the same maps.
import { z } from 'zod';
import {
  agentCommands,
  counterCommands,
  kioskCommands,
  publicCommands,
  superviseCommands,
  type CommandTable,
  type PayloadOf,
} from './commands.js';
import type { CommandReply, HallCountsView, HallFrame, Result, SnapshotView, TicketView } from './views.js';
import type { AlarmView, FollowUpView, SupervisionReply } from './supervision.js';

export type Ack<R> = (result: R) => void;
export type CommandEvents<T extends CommandTable, R = Result> = {
  [K in keyof T]: (payload: PayloadOf<T, K>, ack: Ack<R>) => void;
};

/** Every client that follows the hall receives these: a snapshot or a catch-up frame on connect,
 * then frames of the events that concern it, and the waiting counts. */
export interface HallFeedEvents {
  'hall:events': (frame: HallFrame) => void;
  'hall:snapshot': (snapshot: SnapshotView) => void;
  'hall:counts': (counts: HallCountsView) => void;
}

export interface KioskState {
  /** False while its printer cannot print or the hall is closed; `message` says why (zh-CN). */
  readonly canIssue: boolean;
  readonly message?: string;
  /** Whether this kiosk prints tickets (paired with a printer); without one it shows the QR on screen. */
  readonly hasPrinter: boolean;
}

export interface PrintJob {
  readonly kind: 'print';
  readonly kioskId: string;
  readonly ticket: TicketView;
  readonly serviceName: string;
  readonly departmentName: string;
  readonly hallName: string;
  /** The hall's time zone (hall.timezone): the ticket's time is printed in it. */
  readonly timeZone: string;
  readonly peopleAhead: number;
  readonly estimatedWaitMinutes: number;
  readonly statusUrl: string;
  readonly reprint: boolean;
}
export type DisplayJobContent =
  | { readonly kind: 'idle'; readonly windowNo: number; readonly windowName: string }
  | { readonly kind: 'calling'; readonly windowNo: number; readonly ticketNumber: string }
  | { readonly kind: 'paused'; readonly windowNo: number; readonly reason?: string };
export interface DisplayJob {
  readonly kind: 'display';
  readonly windowNo: number;
  readonly content: DisplayJobContent;
}
export interface KeypadJob {
  readonly kind: 'keypad';
  readonly windowNo: number;
  readonly prompt: 'welcome' | 'rate' | 'thanks';
  readonly ticketId?: string;
  readonly staffId?: string;
  readonly staffName?: string;
}
/** A job for one device; the agent that announced the device runs it and acknowledges. */
export type DeviceJob = { readonly id: string; readonly deviceId: string } & (PrintJob | DisplayJob | KeypadJob);
export type JobResult = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

export interface TicketStatusView {
  readonly ticket: TicketView;
  readonly serviceName: string;
  readonly peopleAhead: number;
  readonly estimatedWaitMinutes: number;
  readonly windowName?: string;
  /** The hall's time zone (IANA): the page shows times as the hall's clocks read. Absent in statuses a page stored before. */
  readonly timeZone?: string;
}

export interface SlotView {
  readonly slotStart: number;
  readonly capacity: number;
  readonly booked: number;
}

export type KioskClientEvents = CommandEvents<typeof kioskCommands>;
export interface PrintResult {
  readonly ticketId: string;
  readonly ok: boolean;
  /** zh-CN, when it failed: "打印机缺纸，请联系工作人员". */
  readonly message?: string;
}
/** A card swiped at this kiosk's reader, as the page may know it: never the number or the full name. */
export interface KioskIdentity {
  /** Pass as identityRef with ticket:issue or appointment:checkIn; good for a few minutes, once. */
  readonly ref: string;
  /** 张* */
  readonly maskedName: string;
  /** Old enough for the priority lane (the hall file's identity.priorityAge). */
  readonly priority: boolean;
  /** The card is past its last valid day: the page says so instead of offering a number. */
  readonly expired: boolean;
  /** A booking today for this card: its check-in code is not sent, only that there is one. */
  readonly hasAppointment: boolean;
}
export interface KioskServerEvents extends HallFeedEvents {
  'kiosk:state': (state: KioskState) => void;
  'kiosk:identity': (identity: KioskIdentity) => void;
  /** What the kiosk's serial code scanner read (a keyboard-wedge scanner types into the page itself). */
  'kiosk:scan': (scan: { readonly text: string }) => void;
  'ticket:printed': (result: PrintResult) => void;
}

export type CounterClientEvents = CommandEvents<typeof counterCommands>;
export type CounterServerEvents = HallFeedEvents;

export type DisplayClientEvents = Record<string, never>;
export type DisplayServerEvents = HallFeedEvents;

export type AgentClientEvents = CommandEvents<typeof agentCommands>;
export interface AgentServerEvents extends HallFeedEvents {
  'job:run': (job: DeviceJob, ack: Ack<JobResult>) => void;
}

export interface DeviceAlarm {
  readonly deviceId: string;
  readonly kind: string;
  readonly windowNo?: number;
  readonly kioskId?: string;
  readonly at: number;
  /** zh-CN: "3号窗口显示屏无响应". */
  readonly message: string;
}
/** Supervision commands answer with the alarm or 差评整改 item as it now stands. */
export type SuperviseClientEvents = CommandEvents<typeof superviseCommands, Result<CommandReply & SupervisionReply>>;
export interface SuperviseServerEvents extends HallFeedEvents {
  'device:alarm': (alarm: DeviceAlarm) => void;
  /** On connect: the active alarms this overseer may see (a chief: their department's). */
  'alarm:list': (alarms: readonly AlarmView[]) => void;
  /** An alarm raised, escalated, acknowledged or resolved. */
  'alarm:changed': (alarm: AlarmView) => void;
  /** On connect: the open 差评整改 items this overseer may see. */
  'followUp:list': (items: readonly FollowUpView[]) => void;
  'followUp:changed': (item: FollowUpView) => void;
}

export type PublicClientEvents = Omit<CommandEvents<typeof publicCommands>, 'appointment:slots'> & {
  'appointment:slots': (
    payload: PayloadOf<typeof publicCommands, 'appointment:slots'>,
    ack: Ack<Result<{ readonly slots: readonly SlotView[] }>>,
  ) => void;
};
export type PublicServerEvents = Record<string, never>;

export type TicketClientEvents = Record<string, never>;
export interface TicketServerEvents {
  'ticket:status': (status: TicketStatusView) => void;
}

/** Staff sign in over HTTP (POST /api/login) and get a session token for the sockets. */
export const loginSchema = z
  .object({ staffId: z.string().regex(/^\d{3,8}$/, '工号为3–8位数字'), password: z.string().min(1, '请输入密码').max(128) })
  .strict();
export interface LoginReply {
  readonly token: string;
  readonly staffId: string;
  readonly name: string;
  readonly role: 'staff' | 'chief' | 'supervisor' | 'admin';
}

export type { CommandReply };
