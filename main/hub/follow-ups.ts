// 差评整改: every rating at one of the hall's bad levels opens a follow-up item owned by the chief
// representative of the service's department, due on the hall's working-day calendar
// (followUpDue). Opened from the published events, so only committed ratings count; the table's
// one item per ticket makes a replayed or repeated rating open nothing more.
import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../../db/event-log.js';
import type { FollowUpView } from '../protocol/index.js';
import { followUpDue, type Hall, type Ticket } from '../queue/index.js';
import type { HubCore } from './core.js';

/** The department's chief representative, if it has one (the first listed in the hall file). */
export function chiefOf(hall: Hall, department: string | undefined): string | undefined {
  if (department === undefined) return undefined;
  for (const s of hall.staff.values()) if (s.role === 'chief' && s.department === department) return s.id;
  return undefined;
}

/** Open the item for a badly rated ticket; undefined when it is not bad or has one already. */
export function openFollowUpFor(hub: HubCore, t: Ticket): FollowUpView | undefined {
  const hall = hub.state.hall;
  const rating = t.rating;
  if (!rating || !hall.config.supervision.badRatingLevels.includes(rating.level)) return undefined;
  if (hub.store.supervision.followUpOfTicket(t.id)) return undefined;
  const department = hall.services.get(t.serviceCode)?.department;
  const ownerId = chiefOf(hall, department);
  return hub.store.supervision.openFollowUp(
    {
      id: randomUUID(),
      ticketId: t.id,
      ticketNumber: t.number,
      level: rating.level,
      serviceCode: t.serviceCode,
      ...(department !== undefined && { department }),
      ...(t.windowNo !== undefined && { windowNo: t.windowNo }),
      ...(t.staffId !== undefined && { staffId: t.staffId }),
      ...(ownerId !== undefined && { ownerId }),
      openedAt: rating.at,
      dueDay: followUpDue(hall, rating.at),
    },
    { role: 'system', id: 'follow-ups' },
  );
}

/** The rated tickets among committed events. */
function ratedTickets(events: readonly StoredEvent[]): Ticket[] {
  return events.flatMap((e) => (e.changes.tickets ?? []).filter((t) => t.rating !== undefined));
}

/**
 * Open items for bad ratings as they are published, and at start-up for today's bad ratings the hub
 * may have committed and not published (a crash between the two). `opened` tells the overseers.
 */
export function watchBadRatings(hub: HubCore, opened: (item: FollowUpView) => void): void {
  const open = (t: Ticket) => {
    try {
      const item = openFollowUpFor(hub, t);
      if (item) opened(item);
    } catch (err) {
      hub.log.error({ err, ticketId: t.id }, 'could not open a follow-up item');
    }
  };
  for (const t of hub.state.tickets.values()) if (t.rating) open(t);
  hub.onPublished((events) => ratedTickets(events).forEach(open));
}
