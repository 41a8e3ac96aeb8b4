// Tickets, appointments, windows and service times ↔ table rows (absent fields are NULL columns).
// Each table's columns are listed once here; the SQL that writes them is derived (db/sql.ts).
import type { Appointment, CallReason, ServiceStats, Ticket, WindowState } from '../main/queue/index.js';
import type { NamesEvery } from './sql.js';

export interface TicketRowData {
  id: string;
  visit_id: string;
  leg: number;
  day: string;
  number: string;
  prefix: string;
  seq: number;
  service_code: string;
  kind: Ticket['kind'];
  status: Ticket['status'];
  lane: Ticket['lane'];
  issued_at: number;
  queued_at: number;
  rank: number;
  target_window: number | null;
  due_at: number | null;
  appointment_id: string | null;
  kiosk_id: string | null;
  id_hash: string | null;
  authorized_by: string | null;
  window_no: number | null;
  staff_id: string | null;
  called_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  recalls: number;
  reprints: number;
  no_shows: number;
  token: string;
  note: string | null;
  from_ticket_id: string | null;
  call_reason: string | null;
  rating_level: number | null;
  rated_at: number | null;
  rating_comment: string | null;
}

export const TICKET_COLUMNS = [
  'id', 'visit_id', 'leg', 'day', 'number', 'prefix', 'seq', 'service_code', 'kind', 'status', 'lane',
  'issued_at', 'queued_at', 'rank', 'target_window', 'due_at', 'appointment_id', 'kiosk_id', 'id_hash', 'authorized_by',
  'window_no', 'staff_id', 'called_at', 'started_at', 'ended_at', 'recalls', 'reprints', 'no_shows', 'token', 'note',
  'from_ticket_id', 'call_reason', 'rating_level', 'rated_at', 'rating_comment',
] as const satisfies readonly (keyof TicketRowData)[];
const _ticketColumns: NamesEvery<TicketRowData, typeof TICKET_COLUMNS> = true;

export function ticketRow(t: Ticket): TicketRowData {
  return {
    id: t.id,
    visit_id: t.visitId,
    leg: t.leg,
    day: t.day,
    number: t.number,
    prefix: t.prefix,
    seq: t.seq,
    service_code: t.serviceCode,
    kind: t.kind,
    status: t.status,
    lane: t.lane,
    issued_at: t.issuedAt,
    queued_at: t.queuedAt,
    rank: t.rank,
    target_window: t.targetWindow ?? null,
    due_at: t.dueAt ?? null,
    appointment_id: t.appointmentId ?? null,
    kiosk_id: t.kioskId ?? null,
    id_hash: t.idHash ?? null,
    authorized_by: t.authorizedBy ?? null,
    window_no: t.windowNo ?? null,
    staff_id: t.staffId ?? null,
    called_at: t.calledAt ?? null,
    started_at: t.startedAt ?? null,
    ended_at: t.endedAt ?? null,
    recalls: t.recalls,
    reprints: t.reprints,
    no_shows: t.noShows,
    token: t.token,
    note: t.note ?? null,
    from_ticket_id: t.fromTicketId ?? null,
    call_reason: t.callReason ? JSON.stringify(t.callReason) : null,
    rating_level: t.rating?.level ?? null,
    rated_at: t.rating?.at ?? null,
    rating_comment: t.rating?.comment ?? null,
  };
}

const opt = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } =>
  (value === null ? {} : { [key]: value }) as { [P in K]?: V };

export function ticketFromRow(r: TicketRowData): Ticket {
  return {
    id: r.id,
    visitId: r.visit_id,
    leg: r.leg,
    day: r.day,
    number: r.number,
    prefix: r.prefix,
    seq: r.seq,
    serviceCode: r.service_code,
    kind: r.kind,
    status: r.status,
    lane: r.lane,
    issuedAt: r.issued_at,
    queuedAt: r.queued_at,
    rank: r.rank,
    ...opt('targetWindow', r.target_window),
    ...opt('dueAt', r.due_at),
    ...opt('appointmentId', r.appointment_id),
    ...opt('kioskId', r.kiosk_id),
    ...opt('idHash', r.id_hash),
    ...opt('authorizedBy', r.authorized_by),
    ...opt('windowNo', r.window_no),
    ...opt('staffId', r.staff_id),
    ...opt('calledAt', r.called_at),
    ...opt('startedAt', r.started_at),
    ...opt('endedAt', r.ended_at),
    recalls: r.recalls,
    reprints: r.reprints,
    noShows: r.no_shows,
    token: r.token,
    ...opt('note', r.note),
    ...opt('fromTicketId', r.from_ticket_id),
    ...(r.call_reason !== null && { callReason: JSON.parse(r.call_reason) as CallReason }),
    ...(r.rating_level !== null && {
      rating: {
        level: r.rating_level as 1 | 2 | 3 | 4 | 5,
        at: r.rated_at ?? 0,
        ...opt('comment', r.rating_comment),
      },
    }),
  };
}

export interface AppointmentRowData {
  id: string;
  code: string;
  service_code: string;
  day: string;
  slot_start: number;
  slot_minutes: number;
  name_masked: string;
  phone_masked: string;
  id_hash: string | null;
  status: Appointment['status'];
  booked_at: number;
  ticket_id: string | null;
}

export const APPOINTMENT_COLUMNS = [
  'id', 'code', 'service_code', 'day', 'slot_start', 'slot_minutes', 'name_masked', 'phone_masked', 'id_hash', 'status', 'booked_at', 'ticket_id',
] as const satisfies readonly (keyof AppointmentRowData)[];
const _appointmentColumns: NamesEvery<AppointmentRowData, typeof APPOINTMENT_COLUMNS> = true;

export function appointmentRow(a: Appointment): AppointmentRowData {
  return {
    id: a.id,
    code: a.code,
    service_code: a.serviceCode,
    day: a.day,
    slot_start: a.slotStart,
    slot_minutes: a.slotMinutes,
    name_masked: a.nameMasked,
    phone_masked: a.phoneMasked,
    id_hash: a.idHash ?? null,
    status: a.status,
    booked_at: a.bookedAt,
    ticket_id: a.ticketId ?? null,
  };
}

export function appointmentFromRow(r: AppointmentRowData): Appointment {
  return {
    id: r.id,
    code: r.code,
    serviceCode: r.service_code,
    day: r.day,
    slotStart: r.slot_start,
    slotMinutes: r.slot_minutes,
    nameMasked: r.name_masked,
    phoneMasked: r.phone_masked,
    ...opt('idHash', r.id_hash),
    status: r.status,
    bookedAt: r.booked_at,
    ...opt('ticketId', r.ticket_id),
  };
}

export interface WindowRowData {
  number: number;
  staff_id: string | null;
  signed_in_at: number | null;
  paused_reason: string | null;
  paused_at: number | null;
  current_ticket_id: string | null;
  normal_since_priority: number;
}

export const WINDOW_COLUMNS = [
  'number', 'staff_id', 'signed_in_at', 'paused_reason', 'paused_at', 'current_ticket_id', 'normal_since_priority',
] as const satisfies readonly (keyof WindowRowData)[];
const _windowColumns: NamesEvery<WindowRowData, typeof WINDOW_COLUMNS> = true;

export function windowRow(w: WindowState): WindowRowData {
  return {
    number: w.number,
    staff_id: w.staffId ?? null,
    signed_in_at: w.signedInAt ?? null,
    paused_reason: w.paused?.reason ?? null,
    paused_at: w.paused?.at ?? null,
    current_ticket_id: w.currentTicketId ?? null,
    normal_since_priority: w.normalSincePriority,
  };
}

export function windowFromRow(w: WindowRowData): WindowState {
  return {
    number: w.number,
    ...opt('staffId', w.staff_id),
    ...opt('signedInAt', w.signed_in_at),
    ...(w.paused_reason !== null && { paused: { reason: w.paused_reason, at: w.paused_at ?? 0 } }),
    ...opt('currentTicketId', w.current_ticket_id),
    normalSincePriority: w.normal_since_priority,
  };
}

export interface StatsRowData {
  service_code: string;
  avg_service_ms: number;
  samples: number;
}

export const STATS_COLUMNS = ['service_code', 'avg_service_ms', 'samples'] as const satisfies readonly (keyof StatsRowData)[];
const _statsColumns: NamesEvery<StatsRowData, typeof STATS_COLUMNS> = true;

export function statsRow(s: ServiceStats): StatsRowData {
  return { service_code: s.serviceCode, avg_service_ms: s.avgServiceMs, samples: s.samples };
}

export function statsFromRow(s: StatsRowData): ServiceStats {
  return { serviceCode: s.service_code, avgServiceMs: s.avg_service_ms, samples: s.samples };
}
