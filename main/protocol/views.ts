// What the hub sends: plain views of the hall's state. They mirror the queue engine's model but are
// declared here so the wire contract depends on nothing else of ours; the hub maps domain objects
// to views (and leaves out what a client must not see, such as a ticket's status-page token).

export type TicketKind = 'normal' | 'priority' | 'appointment' | 'green' | 'transfer';
export type TicketStatus =
  | 'waiting'
  | 'called'
  | 'serving'
  | 'done'
  | 'no-show'
  | 'transferred'
  | 'suspended'
  | 'cancelled'
  | 'expired';
export type Lane = 'green' | 'appointment' | 'transfer' | 'priority' | 'normal';

export interface CallReasonView {
  readonly rule: string;
  readonly waitedMinutes: number;
  readonly candidates: number;
  readonly tier?: number;
  readonly weight?: number;
  readonly score?: number;
  readonly detail?: string;
}

export interface TicketView {
  readonly id: string;
  readonly visitId: string;
  readonly leg: number;
  readonly day: string;
  readonly number: string;
  readonly serviceCode: string;
  readonly kind: TicketKind;
  readonly status: TicketStatus;
  readonly lane: Lane;
  readonly issuedAt: number;
  readonly queuedAt: number;
  readonly rank: number;
  readonly targetWindow?: number;
  readonly dueAt?: number;
  readonly windowNo?: number;
  readonly staffId?: string;
  readonly calledAt?: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly recalls: number;
  readonly reprints: number;
  readonly callReason?: CallReasonView;
  readonly note?: string;
  readonly rating?: { readonly level: number; readonly at: number };
}

export interface WindowView {
  readonly number: number;
  readonly staffId?: string;
  readonly staffName?: string;
  readonly signedInAt?: number;
  readonly paused?: { readonly reason: string; readonly at: number };
  readonly currentTicketId?: string;
}

export interface AppointmentView {
  readonly id: string;
  readonly code: string;
  readonly serviceCode: string;
  readonly day: string;
  readonly slotStart: number;
  readonly slotMinutes: number;
  readonly nameMasked: string;
  readonly phoneMasked: string;
  readonly status: 'booked' | 'checked-in' | 'cancelled' | 'missed';
}

export interface ComplaintView {
  readonly id: string;
  readonly at: number;
  readonly ticketId?: string;
  readonly windowNo?: number;
  readonly staffId?: string;
  readonly text: string;
  readonly contactMasked?: string;
}

export interface ChangesView {
  readonly tickets?: readonly TicketView[];
  readonly windows?: readonly WindowView[];
  readonly appointments?: readonly AppointmentView[];
  readonly complaints?: readonly ComplaintView[];
  readonly day?: string;
}

/** One committed change, numbered by the hall's gapless sequence. */
export interface HallEventView {
  readonly seq: number;
  readonly type: string;
  readonly at: number;
  readonly windowNo?: number;
  readonly changes: ChangesView;
}

/** The whole picture, for a client that connects fresh or fell too far behind to replay. */
export interface SnapshotView {
  readonly seq: number;
  readonly day: string;
  /** The hall's time zone (hall.timezone): screens show every time in it. */
  readonly timeZone: string;
  readonly tickets: readonly TicketView[];
  readonly windows: readonly WindowView[];
}

/** What a successful command answers. */
export interface CommandReply {
  readonly ticket?: TicketView;
  readonly window?: WindowView;
  readonly appointment?: AppointmentView;
  readonly complaint?: ComplaintView;
  readonly peopleAhead?: number;
  readonly estimatedWaitMinutes?: number;
  readonly becameNoShow?: boolean;
  /** Kiosk issue: the status page address printed as the ticket's QR code. */
  readonly statusUrl?: string;
  /** The seq of the last event the command caused (wait for it on the event stream). */
  readonly seq?: number;
}

export interface Failure {
  readonly ok: false;
  /** Stable code, the i18n key. */
  readonly code: string;
  /** zh-CN text, shown to the person as is. */
  readonly message: string;
}
export type Result<T = CommandReply> = ({ readonly ok: true } & T) | Failure;
