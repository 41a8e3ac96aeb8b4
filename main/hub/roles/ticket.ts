// A visitor's phone (扫码查看): the ticket's position and estimated wait, live, and a clear word
// when it is called and where. Opened with the unguessable token printed in the QR code.
import { roles, type TicketStatusView } from '../../protocol/index.js';
import { estimate, estimator, type Estimate, type HallState, type Ticket } from '../../queue/index.js';
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

  // Any change may move a visitor forward: resend each watched visit whose status changed. One pass
  // finds every watched visit's leg and the lines are sorted once, not scanned per visitor.
  hub.onPublished((events) => {
    if (watched.size === 0 || !events.some((e) => e.changes.tickets?.length || e.changes.windows?.length)) return;
    const legs = latestLegs(hub.state, watched);
    const estimateOf = estimator(hub.state);
    for (const [visitId, last] of watched) {
      const t = legs.get(visitId);
      if (!t) continue;
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
