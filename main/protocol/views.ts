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

/** Every kind of hall event (the queue engine's EventType, which must stay equal to it). */
export type HallEventType = keyof HallEventShapes;

/** What each hall event really carries: `windowNo` when it happened at a window, and the changes
 * it always holds (others may be absent). `window: 'maybe'`: at a window when there was one. */
interface HallEventShapes {
  'day.opened': { window: 'no'; changes: 'day' | 'tickets' | 'windows' | 'appointments' };
  'ticket.issued': { window: 'no'; changes: 'tickets' };
  'ticket.called': { window: 'yes'; changes: 'tickets' | 'windows' };
  'ticket.recalled': { window: 'yes'; changes: 'tickets' };
  'ticket.started': { window: 'yes'; changes: 'tickets' };
  'ticket.finished': { window: 'yes'; changes: 'tickets' | 'windows' };
  'ticket.no-show': { window: 'yes'; changes: 'tickets' | 'windows' };
  'ticket.requeued': { window: 'maybe'; changes: 'tickets' };
  'ticket.transferred': { window: 'yes'; changes: 'tickets' | 'windows' };
  'ticket.suspended': { window: 'yes'; changes: 'tickets' | 'windows' };
  'ticket.resumed': { window: 'yes'; changes: 'tickets' };
  'ticket.cancelled': { window: 'no'; changes: 'tickets' };
  'ticket.reprinted': { window: 'no'; changes: 'tickets' };
  'ticket.rated': { window: 'maybe'; changes: 'tickets' };
  'window.signed-in': { window: 'yes'; changes: 'windows' };
  'window.signed-out': { window: 'yes'; changes: 'windows' };
  'window.paused': { window: 'yes'; changes: 'windows' };
  'window.resumed': { window: 'yes'; changes: 'windows' };
  'appointment.booked': { window: 'no'; changes: 'appointments' };
  'appointment.cancelled': { window: 'no'; changes: 'appointments' };
  'appointment.checked-in': { window: 'no'; changes: 'tickets' | 'appointments' };
  /** Its complaints reach supervisors only: other clients get the event without them. */
  'complaint.filed': { window: 'maybe'; changes: never };
}

type WindowField<W> = W extends 'yes' ? { readonly windowNo: number } : W extends 'maybe' ? { readonly windowNo?: number } : { readonly windowNo?: undefined };

/** One committed change, numbered by the hall's gapless sequence: one member per event type, so
 * `e.type === 'ticket.caled'` does not compile and `e.type === 'ticket.called'` narrows to a call. */
export type HallEventView = {
  readonly [T in HallEventType]: {
    readonly seq: number;
    readonly type: T;
    readonly at: number;
    readonly changes: ChangesView & { readonly [K in HallEventShapes[T]['changes']]-?: NonNullable<ChangesView[K]> };
  } & WindowField<HallEventShapes[T]['window']>;
}[HallEventType];

/** The event of one type. */
export type HallEventOf<T extends HallEventType> = Extract<HallEventView, { readonly type: T }>;

/** An event as a client that follows part of the hall gets it (main/hub/interest.ts): its type,
 * seq and window as they are, and of its changes only those that concern the client — any may be
 * absent (a hall display gets a call's ticket, not the window's new state). */
export type FollowedEvent = {
  readonly [T in HallEventType]: Omit<HallEventOf<T>, 'changes'> & { readonly changes: ChangesView };
}[HallEventType];

/**
 * The hall events that concern one client, several at once (main/hub/feed.ts): every event with a seq
 * in (after, seq] that touches what the client follows, and of each only the tickets and windows it
 * follows. Frames to one client never overlap and never leave a hole: a client holding a seq below
 * `after` missed a frame and resyncs.
 */
export interface HallFrame {
  /** The seq the previous frame (or the catch-up) brought this client to. */
  readonly after: number;
  /** The hall's seq this frame brings the client to (events it does not follow are left out). */
  readonly seq: number;
  readonly events: readonly FollowedEvent[];
}

/** One service's waiting line as the kiosks and hall displays show it. */
export interface ServiceCountView {
  readonly serviceCode: string;
  readonly waiting: number;
  /** When the longest-waiting visitor joined the line (absent when nobody waits). */
  readonly oldestQueuedAt?: number;
}

/** Every service's waiting count, sent when a client connects and then when they change (at most
 * a few times a second): each one is the whole picture, so none can be missed. */
export interface HallCountsView {
  readonly day: string;
  readonly services: readonly ServiceCountView[];
}

/** The whole picture of what a client follows, for one that connects fresh or fell too far behind to replay. */
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
