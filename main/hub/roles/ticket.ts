// A visitor's phone (扫码查看): the ticket's position and estimated wait, live, and a clear word
// when it is called and where. Opened with the unguessable token printed in the QR code.
import { roles, type TicketStatusView } from '../../protocol/index.js';
import { estimate, estimator, type Estimate, type HallEvent, type HallState, type Ticket } from '../../queue/index.js';
import type { HubCore } from '../core.js';
import { bindCommands } from '../bind.js';
import { authenticate, clientActor, onConnection, useGuarded } from './auth.js';
import { latestLeg, latestLegs } from '../visits.js';
import { ticketView } from '../views.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';

export function ticketStatus(state: HallState, t: Ticket, estimateOf: (t: Ticket) => Estimate = (x) => estimate(state, x)): TicketStatusView {
  const service = state.hall.services.get(t.serviceCode);
  const win = t.windowNo === undefined ? undefined : state.hall.windows.get(t.windowNo);
  const { peopleAhead, estimatedWaitMinutes } = t.status === 'waiting' ? estimateOf(t) : { peopleAhead: 0, estimatedWaitMinutes: 0 };
  return {
    ticket: ticketView(t),
    serviceName: service?.name ?? t.serviceCode,
    peopleAhead,
    estimatedWaitMinutes,
    ...(win && { windowName: win.name }),
    timeZone: state.hall.config.hall.timezone,
  };
}

/**
 * The services whose waiting line, open windows or service time these events changed. A visitor's
 * status is their own ticket (whose service is then touched), the people ahead in that service's line,
 * the windows open for it and its average service time: nothing else moves it.
 */
export function servicesTouched(state: HallState, events: readonly { readonly changes: HallEvent['changes'] }[]): Set<string> {
  const touched = new Set<string>();
  for (const { changes } of events) {
    for (const t of changes.tickets ?? []) touched.add(t.serviceCode);
    for (const w of changes.windows ?? []) for (const code of state.hall.windows.get(w.number)?.tierOf.keys() ?? []) touched.add(code);
    for (const st of changes.stats ?? []) touched.add(st.serviceCode);
  }
  return touched;
}

/** How often at most a visitor's phone is told that the line ahead moved (its own ticket: at once). */
export const LINE_EVERY_MS = 1000;

export function registerTicket(hub: HubCore, lineEveryMs = LINE_EVERY_MS): RoleNamespace<'ticket'> {
  const ns = roleNamespace(hub.io, 'ticket');
  const watched = new Map<string, string>(); // visitId → last status sent (JSON)

  useGuarded(hub, ns, (socket, next) => {
    const auth = authenticate(hub, 'ticket', socket, next);
    if (!auth) return;
    socket.data = { visitId: auth.visit.visitId };
    next();
  });
  onConnection(hub, ns, (socket) => {
    const { visitId } = socket.data;
    // A phone only listens; anything it sends is answered with a refusal, never left hanging.
    bindCommands(socket, roles.ticket.commands, {}, hub.bindOptions(clientActor(socket)));
    void socket.join(`visit:${visitId}`);
    const t = latestLeg(hub.state, visitId);
    if (t) {
      const status = ticketStatus(hub.state, t);
      watched.set(visitId, JSON.stringify(status));
      socket.emit('ticket:status', status);
    }
    socket.on('disconnect', () => {
      if ((ns.adapter.rooms.get(`visit:${visitId}`)?.size ?? 0) === 0) watched.delete(visitId);
    });
  });

  // A visitor's own ticket changing (called, transferred, finished) is sent at once, once per turn
  // however many commands ran in it; the people ahead and the wait, which every change in a busy
  // line moves, at most every `lineEveryMs`. Only visitors of the services the changes touched are
  // looked at (nobody else's status can move); one pass finds their legs, the lines are sorted once.
  const own = new Set<string>();
  const lines = new Set<string>();
  let ownScheduled = false;
  let linesTimer: NodeJS.Timeout | undefined;
  const resend = (visitIds: Iterable<string> | undefined, services: ReadonlySet<string> | undefined) => {
    const legs = latestLegs(hub.state, visitIds ?? watched.keys());
    const estimateOf = estimator(hub.state);
    for (const [visitId, t] of legs) {
      const last = watched.get(visitId);
      if (last === undefined || (services && !services.has(t.serviceCode))) continue;
      const status = ticketStatus(hub.state, t, estimateOf);
      const json = JSON.stringify(status);
      if (json !== last) {
        watched.set(visitId, json);
        ns.to(`visit:${visitId}`).emit('ticket:status', status);
      }
    }
  };
  hub.onPublished((events) => {
    if (watched.size === 0) return;
    for (const { changes } of events) for (const t of changes.tickets ?? []) if (watched.has(t.visitId)) own.add(t.visitId);
    for (const code of servicesTouched(hub.state, events)) lines.add(code);
    if (own.size > 0 && !ownScheduled) {
      ownScheduled = true;
      setImmediate(() => {
        ownScheduled = false;
        const visits = [...own];
        own.clear();
        resend(visits, undefined);
      });
    }
    if (lines.size > 0 && !linesTimer) {
      linesTimer = setTimeout(() => {
        linesTimer = undefined;
        const services = new Set(lines);
        lines.clear();
        resend(undefined, services);
      }, lineEveryMs);
      linesTimer.unref();
    }
  });
  return ns;
}
