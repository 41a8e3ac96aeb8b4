// A visit's legs and the token printed in its QR code: how a phone (the /ticket namespace and
// GET /api/ticket) proves which visit it follows.
import { timingSafeEqual } from 'node:crypto';
import type { HallState, Ticket } from '../queue/index.js';

/** The newest leg of a visit (a transfer moves the visit to a new leg). */
export function latestLeg(state: HallState, visitId: string): Ticket | undefined {
  return latestLegs(state, new Set([visitId])).get(visitId);
}

/** The newest leg of each of these visits (the ticket book keeps each visit's legs). */
export function latestLegs(state: HallState, visitIds: Iterable<string>): Map<string, Ticket> {
  const latest = new Map<string, Ticket>();
  for (const visitId of visitIds) {
    let newest: Ticket | undefined;
    for (const t of state.tickets.legsOf(visitId)) if (!newest || t.leg > newest.leg) newest = t;
    if (newest) latest.set(visitId, newest);
  }
  return latest;
}

/** The QR code's token, compared in constant time. */
export function tokenMatches(t: Ticket, token: string): boolean {
  const a = Buffer.from(t.token);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
