// The hub's side of the contract: each role's namespace and sockets are typed by its maps, the hall
// feed takes only roles that follow it, and hall events are a union by type.
// Compiled, never run: the root tsconfig includes test/, so `npm run typecheck` checks these; an
// expect-error directive that no longer errors (a misuse that started to compile) fails it (TS2578).
import type { Server } from 'socket.io';
import type { HallEventOf, HallEventView } from '../../main/protocol/index.js';
import { HallFeed } from '../../main/hub/feed.js';
import { interests } from '../../main/hub/interest.js';
import { roleNamespace, type RoleSocket } from '../../main/hub/roles/namespace.js';

declare const io: Server;
declare const feed: HallFeed;
declare const e: HallEventView;

const counter = roleNamespace(io, 'counter');
const kiosk = roleNamespace(io, 'kiosk');

// Sockets of roles that follow the hall are accepted, with what they follow.
declare const counterSocket: RoleSocket<'counter'>;
declare const kioskSocket: RoleSocket<'kiosk'>;
declare const ticketSocket: RoleSocket<'ticket'>;
declare const agentSocket: RoleSocket<'agent'>;
feed.attach(counterSocket, 3, interests.counter(1, ['A']));
feed.attach(kioskSocket, undefined, interests.counts());
// @ts-expect-error a phone's socket gets no hall feed
feed.attach(ticketSocket, 3, interests.counts());
// @ts-expect-error nor does an agent's
feed.attach(agentSocket, 3, interests.counts());
// @ts-expect-error what it follows is always said
feed.attach(counterSocket, 3);

// The server→client map of each role.
counter.to('hall').emit('hall:events', { after: 0, seq: 1, events: [e] });
// @ts-expect-error a frame says which seqs it covers
counter.to('hall').emit('hall:events', { events: [e] });
// @ts-expect-error a counter is not sent kiosk events
counter.to('hall').emit('kiosk:state', { canIssue: true, hasPrinter: false });
// @ts-expect-error a wrong payload
kiosk.emit('kiosk:scan', { code: 'x' });
kiosk.emit('kiosk:scan', { text: 'x' });
// The data each role's handshake leaves on the socket.
counterSocket.data.windowNo satisfies number;
// @ts-expect-error a counter session has no device
void counterSocket.data.device;
void ticketSocket.data.visitId;

// Hall events narrow by type; a typo'd type does not compile.
if (e.type === 'ticket.called') {
  e.windowNo satisfies number;
  e.changes.tickets satisfies readonly unknown[];
}
// @ts-expect-error no such event type
if (e.type === 'ticket.caled') void e;
// @ts-expect-error a call always names its window
export const called: HallEventOf<'ticket.called'> = { seq: 1, type: 'ticket.called', at: 0, changes: { tickets: [], windows: [] } };
// @ts-expect-error a call carries its ticket
export const bare: HallEventOf<'ticket.called'> = { seq: 1, type: 'ticket.called', at: 0, windowNo: 1, changes: { windows: [] } };
