// What a swiped 居民身份证 changes at the kiosk: 一人一号, automatic priority by age, an expired
// card refused. Pure: the hub has hashed the ID number; the engine sees the hash, the birth date
// and the card's last valid day, never the number or the name.
import type { HallState, Instant, Ticket } from './model.js';
import { refuse, type Refusal } from './refusals.js';
import type { ServiceConfig } from './hall.js';
import { localTime } from './time.js';

/** What the engine is told about a card swiped at the kiosk. */
export interface CardIdentity {
  /** Salted sha256 of the ID number (main/hub/roles/kiosk.ts idHash). */
  readonly idHash: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  /** YYYY-MM-DD, null for 长期. */
  readonly validTo: string | null;
}

/** Full years between a birth date and a date (both YYYY-MM-DD); a 29 February birthday turns on 1 March. */
export function ageOn(birthDate: string, date: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The visitor's age on the hall's local date at `now`. */
export function ageAt(state: HallState, birthDate: string, now: Instant): number {
  return ageOn(birthDate, localTime(now, state.hall.config.hall.timezone).date);
}

/** Old enough for the priority lane by the hall's threshold (null: no automatic priority). */
export function isPriorityAge(state: HallState, birthDate: string, now: Instant): boolean {
  const threshold = state.hall.config.identity.priorityAge;
  return threshold !== null && ageAt(state, birthDate, now) >= threshold;
}

/** Refuses an expired card, or a person who already holds today's limit of tickets for this service. */
export function checkIdentity(state: HallState, service: ServiceConfig, identity: CardIdentity, now: Instant): Refusal | undefined {
  const today = localTime(now, state.hall.config.hall.timezone).date;
  if (identity.validTo !== null && identity.validTo < today) return refuse('id-card-expired');
  const limit = state.hall.config.identity.dailyLimitPerPerson;
  if (limit === 0) return undefined;
  const held = [...state.tickets.values()]
    .filter((t: Ticket) => t.day === state.day && t.idHash === identity.idHash && t.serviceCode === service.code && t.status !== 'cancelled')
    .sort((a, b) => a.issuedAt - b.issuedAt);
  if (held.length < limit) return undefined;
  return refuse('one-per-person', { number: held.at(-1)!.number });
}
