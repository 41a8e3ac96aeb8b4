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

export function registerTicket(hub: HubCore): RoleNamespace<'ticket'> {
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

  // A change may move the visitors of the services it touched: resend each of their watched visits
  // whose status changed. One pass finds every watched visit's leg and the lines are sorted once,
  // not scanned per visitor; visitors of other services are not looked at (their status cannot move).
  hub.onPublished((events) => {
    if (watched.size === 0) return;
    const touched = servicesTouched(hub.state, events);
    if (touched.size === 0) return;
    const legs = latestLegs(hub.state, watched);
    const estimateOf = estimator(hub.state);
    for (const [visitId, last] of watched) {
      const t = legs.get(visitId);
      if (!t || !touched.has(t.serviceCode)) continue;
      const status = ticketStatus(hub.state, t, estimateOf);
      const json = JSON.stringify(status);
      if (json !== last) {
        watched.set(visitId, json);
        ns.to(`visit:${visitId}`).emit('ticket:status', status);
      }
    }
  });
  return ns;
}
