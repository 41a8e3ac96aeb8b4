// Cards swiped at kiosk readers, between the read and the ticket: the agent sends the ID number to
// the hub (never to a page), the hub hashes it at once and keeps only the hash, the birth date and
// the last valid day, under a random reference it gives that kiosk's page with the masked name.
// In memory, a few minutes, one use: nothing of a card outlives the visitor at the kiosk.
import { randomBytes } from 'node:crypto';
import type { KioskIdentity } from '../protocol/index.js';
import { isPriorityAge, localTime, maskName, type CardIdentity, type HallState, type Instant } from '../queue/index.js';
import { idHash } from './roles/kiosk.js';

/** What the agent reads off the card and sends (agentCommands 'identity:read'). */
export interface CardRead {
  readonly idNumber: string;
  readonly name: string;
  readonly birthDate: string;
  readonly validTo: string | null;
}

interface Held {
  readonly kioskId: string;
  readonly identity: CardIdentity;
  readonly expiresAt: Instant;
}

export class IdentityDesk {
  readonly #salt: string;
  readonly #ttlMs: number;
  readonly #held = new Map<string, Held>();
  /** The newest swipe per kiosk: a new card replaces the last one there. */
  readonly #latest = new Map<string, string>();

  constructor(salt: string, ttlMs = 3 * 60_000) {
    this.#salt = salt;
    this.#ttlMs = ttlMs;
  }

  /** Take a card read at `kioskId`; what the page may be told about it. */
  swiped(state: HallState, kioskId: string, card: CardRead, now: Instant): KioskIdentity {
    this.#sweep(now);
    const previous = this.#latest.get(kioskId);
    if (previous !== undefined) this.#held.delete(previous);
    const ref = randomBytes(18).toString('base64url');
    const identity: CardIdentity = { idHash: idHash(this.#salt, card.idNumber), birthDate: card.birthDate, validTo: card.validTo };
    this.#held.set(ref, { kioskId, identity, expiresAt: now + this.#ttlMs });
    this.#latest.set(kioskId, ref);
    const today = localTime(now, state.hall.config.hall.timezone).date;
    return {
      ref,
      maskedName: maskName(card.name),
      priority: isPriorityAge(state, card.birthDate, now),
      expired: card.validTo !== null && card.validTo < today,
      hasAppointment: [...state.appointments.values()].some((a) => a.day === state.day && a.idHash === identity.idHash && a.status === 'booked'),
    };
  }

  /** The identity behind `ref`, if it was swiped at this kiosk and is still fresh. */
  resolve(kioskId: string, ref: string, now: Instant): CardIdentity | undefined {
    this.#sweep(now);
    const held = this.#held.get(ref);
    return held && held.kioskId === kioskId ? held.identity : undefined;
  }

  /** A ticket was taken with it: the swipe is spent. */
  used(ref: string): void {
    const held = this.#held.get(ref);
    if (!held) return;
    this.#held.delete(ref);
    if (this.#latest.get(held.kioskId) === ref) this.#latest.delete(held.kioskId);
  }

  #sweep(now: Instant): void {
    for (const [ref, held] of this.#held) if (held.expiresAt <= now) this.used(ref);
  }
}
