// The hall's state, the commands that change it and the events that record each change.
// Events carry the new snapshots of what they changed (`changes`): the in-memory state, the
// SQLite projections and every client apply them the same way, by upserting those snapshots.
import type { Hall } from './hall.js';
import type { CardIdentity } from './identity.js';
import type { Lane } from '../rules/index.js';

/** Milliseconds since the epoch. The engine never reads a clock: every call is given `now`. */
import { TicketBook } from './ticket-book.js';
export type Instant = number;

export type TicketKind = 'normal' | 'priority' | 'appointment' | 'green' | 'transfer';
/** Every status a ticket (one leg of a visit) can have; tests iterate over this list. */
export const ticketStatuses = ['waiting', 'called', 'serving', 'done', 'no-show', 'transferred', 'suspended', 'cancelled', 'expired'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
/** Which lane a waiting ticket stands in: lanes are called in this order (see strategy.ts). */
export type { Lane } from '../rules/index.js';
export type RatingLevel = 1 | 2 | 3 | 4 | 5;

export const activeStatuses: ReadonlySet<TicketStatus> = new Set(['waiting', 'called', 'serving', 'suspended']);

/** Why a call picked this ticket: the rule and the numbers, for a supervisor. */
export interface CallReason {
  rule:
    | 'green'
    | 'appointment-due'
    | 'starved'
    | 'transfer'
    | 'target-breached'
    | 'priority'
    | 'priority-ratio'
    | 'tier'
    | 'weighted'
    | 'appointment-early'
    | 'specific';
  /** Minutes the ticket had waited when called. */
  waitedMinutes: number;
  tier?: number;
  weight?: number;
  score?: number;
  /** Other candidates the window had at that moment. */
  candidates: number;
  detail?: string;
}

/** One leg of a visit. A transfer ends a leg and starts the next with the same number and visitId. */
export interface Ticket {
  readonly id: string;
  readonly visitId: string;
  readonly leg: number;
  /** The hall day this visit belongs to (YYYY-MM-DD, local, after the reset time). */
  readonly day: string;
  readonly number: string;
  readonly prefix: string;
  readonly seq: number;
  readonly serviceCode: string;
  readonly kind: TicketKind;
  readonly status: TicketStatus;
  readonly lane: Lane;
  /** When the visit's first ticket was issued. */
  readonly issuedAt: Instant;
  /** When this leg last entered the queue; the waiting time shown to people counts from here. */
  readonly queuedAt: Instant;
  /** Order within its lane: smaller is called first. An effective enqueue instant (head = before all). */
  readonly rank: number;
  /** Only this window may call it (transfer to a window, resumed after suspension). */
  readonly targetWindow?: number;
  /** Appointments: the slot's start; the ticket is due from then. */
  readonly dueAt?: Instant;
  readonly appointmentId?: string;
  readonly kioskId?: string;
  /** Salted hash of the ID number of the card swiped for it (一人一号); never the number. */
  readonly idHash?: string;
  /** Green channel: the chief representative who authorised it. */
  readonly authorizedBy?: string;
  readonly windowNo?: number;
  readonly staffId?: string;
  readonly calledAt?: Instant;
  readonly startedAt?: Instant;
  readonly endedAt?: Instant;
  readonly recalls: number;
  readonly callReason?: CallReason;
  readonly reprints: number;
  readonly noShows: number;
  /** Unguessable token printed in the QR code: opens the ticket's status page. */
  readonly token: string;
  readonly note?: string;
  readonly rating?: { readonly level: RatingLevel; readonly at: Instant; readonly comment?: string };
  /** For a transfer leg: the leg it came from. */
  readonly fromTicketId?: string;
}

export interface WindowState {
  readonly number: number;
  readonly staffId?: string;
  readonly signedInAt?: Instant;
  readonly paused?: { readonly reason: string; readonly at: Instant };
  readonly currentTicketId?: string;
  /** For the priority ratio: normal tickets called since the last priority one. */
  readonly normalSincePriority: number;
}

export type AppointmentStatus = 'booked' | 'checked-in' | 'cancelled' | 'missed';
export interface Appointment {
  readonly id: string;
  /** Six-digit check-in code given to the visitor. */
  readonly code: string;
  readonly serviceCode: string;
  readonly day: string;
  readonly slotStart: Instant;
  readonly slotMinutes: number;
  readonly nameMasked: string;
  readonly phoneMasked: string;
  /** sha256 of the ID number (the hub hashes; the engine never sees it in clear). */
  readonly idHash?: string;
  readonly status: AppointmentStatus;
  readonly bookedAt: Instant;
  readonly ticketId?: string;
}

export interface Complaint {
  readonly id: string;
  readonly at: Instant;
  readonly ticketId?: string;
  readonly windowNo?: number;
  readonly staffId?: string;
  readonly text: string;
  readonly contactMasked?: string;
  readonly recordedBy?: string;
}

export interface ServiceStats {
  readonly serviceCode: string;
  /** Moving average of service time, ms. */
  readonly avgServiceMs: number;
  readonly samples: number;
}

/** Everything the engine decides from. Mutated only by `evolve`, after the store has committed. */
export interface HallState {
  readonly hall: Hall;
  day: string;
  /** The day's tickets (and unfinished earlier ones), indexed for the hot questions (ticket-book.ts). */
  readonly tickets: TicketBook;
  readonly windows: Map<number, WindowState>;
  readonly appointments: Map<string, Appointment>;
  readonly stats: Map<string, ServiceStats>;
  /** Last number issued per prefix on `day`. */
  readonly numberSeqs: Map<string, number>;
}

export interface Changes {
  readonly tickets?: readonly Ticket[];
  readonly windows?: readonly WindowState[];
  readonly appointments?: readonly Appointment[];
  readonly stats?: readonly ServiceStats[];
  readonly complaints?: readonly Complaint[];
  /** A new hall day begins: the number sequences restart. */
  readonly day?: string;
}

export type EventType =
  | 'day.opened'
  | 'ticket.issued'
  | 'ticket.called'
  | 'ticket.recalled'
  | 'ticket.started'
  | 'ticket.finished'
  | 'ticket.no-show'
  | 'ticket.requeued'
  | 'ticket.transferred'
  | 'ticket.suspended'
  | 'ticket.resumed'
  | 'ticket.cancelled'
  | 'ticket.reprinted'
  | 'ticket.rated'
  | 'window.signed-in'
  | 'window.signed-out'
  | 'window.paused'
  | 'window.resumed'
  | 'appointment.booked'
  | 'appointment.cancelled'
  | 'appointment.checked-in'
  | 'complaint.filed';

export interface HallEvent {
  readonly type: EventType;
  readonly at: Instant;
  /** The window it happened at, where there is one (for routing to rooms and displays). */
  readonly windowNo?: number;
  readonly changes: Changes;
}

/** Who asked. The hub authenticates; the engine checks domain rules against it. */
export interface Actor {
  readonly role: 'kiosk' | 'display' | 'staff' | 'chief' | 'supervisor' | 'admin' | 'agent' | 'visitor' | 'system';
  readonly id: string;
}

interface Base {
  readonly requestId: string;
}
export type Command = Base &
  (
    | { type: 'openDay' }
    | {
        type: 'issue';
        serviceCode: string;
        kind: 'normal' | 'priority' | 'green';
        kioskId?: string;
        /** Green channel: the chief representative's staff number. */
        authorizedBy?: string;
        /** A 居民身份证 swiped for this ticket (queue/identity.ts). */
        identity?: CardIdentity;
      }
    | { type: 'checkIn'; code?: string; idHash?: string; kioskId?: string }
    | {
        type: 'book';
        serviceCode: string;
        slotStart: Instant;
        name: string;
        phone: string;
        idHash?: string;
      }
    | { type: 'cancelAppointment'; code: string }
    | { type: 'signIn'; windowNo: number; staffId: string }
    | { type: 'signOut'; windowNo: number }
    | { type: 'pause'; windowNo: number; reason: string }
    | { type: 'resumeWindow'; windowNo: number }
    | { type: 'callNext'; windowNo: number }
    | { type: 'callNumber'; windowNo: number; number: string }
    | { type: 'recall'; windowNo: number }
    | { type: 'start'; windowNo: number }
    | { type: 'finish'; windowNo: number }
    | { type: 'skip'; windowNo: number }
    | { type: 'requeue'; ticketId: string }
    | {
        type: 'transfer';
        windowNo: number;
        to: { serviceCode: string } | { windowNo: number; serviceCode?: string };
        position: 'head' | 'tail';
        note?: string;
      }
    | { type: 'suspend'; windowNo: number; reason: string }
    | { type: 'resumeTicket'; windowNo: number; ticketId: string }
    | { type: 'cancel'; ticketId: string }
    | { type: 'reprint'; ticketId: string }
    | { type: 'rate'; ticketId: string; level: RatingLevel; comment?: string }
    | {
        type: 'complain';
        text: string;
        ticketId?: string;
        windowNo?: number;
        staffId?: string;
        contact?: string;
      }
  );
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** What a successful command answers; the fields depend on the command. */
export interface Reply {
  readonly ticket?: Ticket;
  readonly window?: WindowState;
  readonly appointment?: Appointment;
  readonly complaint?: Complaint;
  /** Issue / check-in: people ahead and the estimated wait. */
  readonly peopleAhead?: number;
  readonly estimatedWaitMinutes?: number;
  /** A recall past the limit turned the ticket into a no-show. */
  readonly becameNoShow?: boolean;
}

/** Fresh ids and codes: random in production, a counter in tests. */
export interface IdSource {
  id(): string;
  /** Unguessable token for a visitor's status page. */
  token(): string;
  /** Six-digit appointment code. */
  code(): string;
}

export interface Context {
  readonly now: Instant;
  readonly ids: IdSource;
  readonly actor: Actor;
}

export function createState(hall: Hall, day: string): HallState {
  const windows = new Map<number, WindowState>();
  for (const w of hall.windows.values()) windows.set(w.number, { number: w.number, normalSincePriority: 0 });
  return {
    hall,
    day,
    tickets: new TicketBook(),
    windows,
    appointments: new Map(),
    stats: new Map(),
    numberSeqs: new Map(),
  };
}
