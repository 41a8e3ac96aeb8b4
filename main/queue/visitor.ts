// What visitors (through kiosks, phones and the booking page) ask of the hall.
import { accept, event, type Decision, type Handler } from './decision.js';
import { checkCap, checkHours, checkKioskRate, estimate, greenAuthority, nextNumber } from './issuing.js';
import { checkIdentity, isPriorityAge } from './identity.js';
import { maskName, maskPhone } from '../rules/index.js';
import { activeStatuses, type Appointment, type Complaint, type Context, type HallState, type Instant, type Lane, type Ticket, type TicketKind } from './model.js';
import { refuse } from './refusals.js';
import { serviceHours, type ServiceConfig } from './hall.js';
import { addDays, formatClock, hallDay, instantOf, isWorkingDay, localTime, toMinutes } from './time.js';
import { whereabouts } from './whereabouts.js';

function newTicket(
  state: HallState,
  service: ServiceConfig,
  kind: TicketKind,
  lane: Lane,
  ctx: Context,
  extra: Partial<Ticket> = {},
): Ticket {
  const { seq, number } = nextNumber(state, service.prefix);
  const id = ctx.ids.id();
  return {
    id,
    visitId: id,
    leg: 1,
    day: state.day,
    number,
    prefix: service.prefix,
    seq,
    serviceCode: service.code,
    kind,
    status: 'waiting',
    lane,
    issuedAt: ctx.now,
    queuedAt: ctx.now,
    // The fraction keeps tickets issued within one millisecond apart, in number order.
    rank: ctx.now + seq / 1000,
    recalls: 0,
    reprints: 0,
    noShows: 0,
    token: ctx.ids.token(),
    ...extra,
  };
}

function issued(state: HallState, ticket: Ticket, ctx: Context, more: Partial<Parameters<typeof event>[2]> = {}): Decision {
  return accept(
    { ticket, ...estimate(state, ticket) },
    event('ticket.issued', ctx, { tickets: [ticket], ...more }),
  );
}

export const issue: Handler<'issue'> = (state, cmd, ctx) => {
  const service = state.hall.services.get(cmd.serviceCode);
  if (!service) return refuse('unknown-service');
  if (cmd.kind === 'green') {
    if (!cmd.authorizedBy) return refuse('green-needs-authorization');
    const notAuthorized = greenAuthority(state.hall, cmd.authorizedBy, service.code);
    if (notAuthorized) return notAuthorized;
  }
  const identity = cmd.identity;
  const refusal =
    checkHours(state, service, ctx.now) ??
    (identity && checkIdentity(state, service, identity, ctx.now)) ??
    checkCap(state, service) ??
    checkKioskRate(state, cmd.kioskId, ctx.now);
  if (refusal) return refusal;
  // A swiped card old enough takes the priority lane without asking.
  const kind = cmd.kind === 'normal' && identity && isPriorityAge(state, identity.birthDate, ctx.now) ? 'priority' : cmd.kind;
  const lane: Lane = kind === 'green' ? 'green' : kind === 'priority' ? 'priority' : 'normal';
  const ticket = newTicket(state, service, kind, lane, ctx, {
    ...(cmd.kioskId !== undefined && { kioskId: cmd.kioskId }),
    ...(identity && { idHash: identity.idHash }),
    ...(cmd.authorizedBy !== undefined && { authorizedBy: cmd.authorizedBy }),
  });
  return issued(state, ticket, ctx);
};

const appointmentStatusText = { booked: '预约', 'checked-in': '签到', cancelled: '取消', missed: '过期' } as const;

export const checkIn: Handler<'checkIn'> = (state, cmd, ctx) => {
  const today = [...state.appointments.values()].filter((a) => a.day === state.day);
  const found = cmd.code
    ? today.find((a) => a.code === cmd.code)
    : cmd.idHash
      ? today
          .filter((a) => a.idHash === cmd.idHash)
          .sort((a, b) => Number(b.status === 'booked') - Number(a.status === 'booked') || a.slotStart - b.slotStart)[0]
      : undefined;
  if (!found) return refuse('appointment-not-found');
  if (found.status !== 'booked') return refuse('appointment-not-booked', { status: appointmentStatusText[found.status] });
  const service = state.hall.services.get(found.serviceCode);
  if (!service) return refuse('unknown-service');
  const { earlyMinutes, lateMinutes } = state.hall.config.hall.appointments;
  if (ctx.now < found.slotStart - earlyMinutes * 60_000) {
    return refuse('checkin-too-early', {
      slot: formatClock(state.hall, found.slotStart),
      from: formatClock(state.hall, found.slotStart - earlyMinutes * 60_000),
    });
  }
  if (ctx.now > found.slotStart + lateMinutes * 60_000) return refuse('checkin-too-late');
  const ticket = newTicket(state, service, 'appointment', 'appointment', ctx, {
    dueAt: found.slotStart,
    rank: found.slotStart,
    appointmentId: found.id,
    ...(cmd.kioskId !== undefined && { kioskId: cmd.kioskId }),
  });
  const appointment: Appointment = { ...found, status: 'checked-in', ticketId: ticket.id };
  return accept(
    { ticket, appointment, ...estimate(state, ticket) },
    event('appointment.checked-in', ctx, { tickets: [ticket], appointments: [appointment] }),
  );
};

/** Start instants of the bookable slots of a service on a date (any capacity left or not). */
export function slotsOn(state: HallState, service: ServiceConfig, date: string): Instant[] {
  const slot = service.appointment;
  if (!slot || !isWorkingDay(state.hall, date)) return [];
  const out: Instant[] = [];
  for (const r of serviceHours(state.hall, service)) {
    for (let m = toMinutes(r.from); m + slot.slotMinutes <= toMinutes(r.to); m += slot.slotMinutes) {
      out.push(instantOf(state.hall, date, m));
    }
  }
  return out;
}

const activeBooking = (a: Appointment) => a.status === 'booked' || a.status === 'checked-in';

export interface SlotAvailability {
  readonly slotStart: Instant;
  readonly capacity: number;
  readonly booked: number;
}

/** The booking page's view: each slot of a date with its capacity and bookings. */
export function availability(state: HallState, serviceCode: string, date: string, now: Instant): SlotAvailability[] {
  const service = state.hall.services.get(serviceCode);
  if (!service?.appointment) return [];
  const capacity = service.appointment.capacity;
  return slotsOn(state, service, date)
    .filter((s) => s > now)
    .map((slotStart) => ({
      slotStart,
      capacity,
      booked: [...state.appointments.values()].filter(
        (a) => a.serviceCode === serviceCode && a.slotStart === slotStart && activeBooking(a),
      ).length,
    }));
}

export const book: Handler<'book'> = (state, cmd, ctx) => {
  const service = state.hall.services.get(cmd.serviceCode);
  if (!service) return refuse('unknown-service');
  if (!service.appointment) return refuse('not-appointable', { service: service.name });
  // Slots are listed by calendar date; the booking belongs to the hall day its slot falls in (a
  // slot before the day-reset time belongs to the day before), which is where check-in looks.
  const date = localTime(cmd.slotStart, state.hall.config.hall.timezone).date;
  const day = hallDay(state.hall, cmd.slotStart);
  if (cmd.slotStart <= ctx.now) return refuse('slot-past');
  const { bookingDaysAhead } = state.hall.config.hall.appointments;
  if (day > addDays(hallDay(state.hall, ctx.now), bookingDaysAhead)) return refuse('slot-too-far', { days: bookingDaysAhead });
  if (!slotsOn(state, service, date).includes(cmd.slotStart)) return refuse('slot-invalid');
  const taken = [...state.appointments.values()].filter(
    (a) => a.serviceCode === service.code && a.slotStart === cmd.slotStart && activeBooking(a),
  ).length;
  if (taken >= service.appointment.capacity) return refuse('slot-full');
  if (cmd.idHash) {
    const twice = [...state.appointments.values()].find(
      (a) => a.idHash === cmd.idHash && a.serviceCode === service.code && a.day === day && a.status === 'booked',
    );
    if (twice) return refuse('already-booked', { slot: `${twice.day} ${formatClock(state.hall, twice.slotStart)}` });
  }
  const inUse = new Set([...state.appointments.values()].filter((a) => a.status === 'booked').map((a) => a.code));
  let code = ctx.ids.code();
  for (let i = 0; inUse.has(code) && i < 20; i++) code = ctx.ids.code();
  const appointment: Appointment = {
    id: ctx.ids.id(),
    code,
    serviceCode: service.code,
    day,
    slotStart: cmd.slotStart,
    slotMinutes: service.appointment.slotMinutes,
    nameMasked: maskName(cmd.name),
    phoneMasked: maskPhone(cmd.phone),
    ...(cmd.idHash !== undefined && { idHash: cmd.idHash }),
    status: 'booked',
    bookedAt: ctx.now,
  };
  return accept({ appointment }, event('appointment.booked', ctx, { appointments: [appointment] }));
};

export const cancelAppointment: Handler<'cancelAppointment'> = (state, cmd, ctx) => {
  const found = [...state.appointments.values()].find((a) => a.code === cmd.code && a.status === 'booked');
  if (!found) return refuse('appointment-not-found');
  const appointment: Appointment = { ...found, status: 'cancelled' };
  return accept({ appointment }, event('appointment.cancelled', ctx, { appointments: [appointment] }));
};

export const reprint: Handler<'reprint'> = (state, cmd, ctx) => {
  const found = state.tickets.get(cmd.ticketId);
  if (!found) return refuse('unknown-ticket');
  if (found.day !== state.day) return refuse('ticket-old', { number: found.number });
  // Any ticket still in the visit's hands: waiting, called, being served or suspended.
  if (!activeStatuses.has(found.status)) return refuse('ticket-state', { number: found.number, state: whereabouts(found), action: '补打' });
  const ticket: Ticket = { ...found, reprints: found.reprints + 1 };
  return accept({ ticket, ...estimate(state, ticket) }, event('ticket.reprinted', ctx, { tickets: [ticket] }));
};

export const cancel: Handler<'cancel'> = (state, cmd, ctx) => {
  const found = state.tickets.get(cmd.ticketId);
  if (!found) return refuse('unknown-ticket');
  // A called or served ticket is ended at its window (过号 or 办结), never cancelled under it.
  if (found.status !== 'waiting' && found.status !== 'suspended') {
    return refuse('ticket-state', { number: found.number, state: whereabouts(found), action: '取消' });
  }
  const ticket: Ticket = { ...found, status: 'cancelled', endedAt: ctx.now };
  return accept({ ticket }, event('ticket.cancelled', ctx, { tickets: [ticket] }));
};

export const rate: Handler<'rate'> = (state, cmd, ctx) => {
  const found = state.tickets.get(cmd.ticketId);
  if (!found) return refuse('unknown-ticket');
  if (found.rating) return refuse('already-rated');
  if (found.status !== 'done') {
    // Still on its way to 办结 ("not yet"), or ended without a service to rate.
    return activeStatuses.has(found.status)
      ? refuse('not-rateable', { number: found.number })
      : refuse('ticket-state', { number: found.number, state: whereabouts(found), action: '评价' });
  }
  const ticket: Ticket = {
    ...found,
    rating: { level: cmd.level, at: ctx.now, ...(cmd.comment !== undefined && { comment: cmd.comment }) },
  };
  return accept({ ticket }, event('ticket.rated', ctx, { tickets: [ticket] }, found.windowNo));
};

export const complain: Handler<'complain'> = (state, cmd, ctx) => {
  const text = cmd.text.trim();
  if (!text) return refuse('empty-text');
  if (cmd.ticketId !== undefined && !state.tickets.has(cmd.ticketId)) return refuse('unknown-ticket');
  if (cmd.windowNo !== undefined && !state.hall.windows.has(cmd.windowNo)) {
    return refuse('unknown-window', { windowNo: cmd.windowNo });
  }
  if (cmd.staffId !== undefined && !state.hall.staff.has(cmd.staffId)) return refuse('unknown-staff', { staffId: cmd.staffId });
  const complaint: Complaint = {
    id: ctx.ids.id(),
    at: ctx.now,
    text,
    ...(cmd.ticketId !== undefined && { ticketId: cmd.ticketId }),
    ...(cmd.windowNo !== undefined && { windowNo: cmd.windowNo }),
    ...(cmd.staffId !== undefined && { staffId: cmd.staffId }),
    ...(cmd.contact !== undefined && { contactMasked: maskPhone(cmd.contact) }),
    recordedBy: ctx.actor.id,
  };
  return accept({ complaint }, event('complaint.filed', ctx, { complaints: [complaint] }, cmd.windowNo));
};
