// Window staff (窗口): signed in at one window by connecting to it; every command acts on that
// window only.
import type { Namespace } from 'socket.io';
import { counterCommands, type CounterClientEvents, type CounterServerEvents, type Result } from '../../protocol/index.js';
import type { Actor, Command, StaffConfig } from '../../queue/index.js';
import type { Principal } from '../authorize.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { handshake, onConnection, refused, staffActor, staffBySession, useGuarded } from './auth.js';

interface CounterData {
  staff: StaffConfig;
  windowNo: number;
  lastSeq?: number;
}
type CounterNamespace = Namespace<CounterClientEvents, CounterServerEvents, Record<string, never>, CounterData>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function registerCounter(hub: HubCore): CounterNamespace {
  const ns = hub.io.of('/counter') as unknown as CounterNamespace;
  hub.feed.follow(ns as never);

  useGuarded(hub, ns, (socket, next) => {
    const auth = handshake(hub, 'counter', socket, next);
    if (!auth) return;
    const staff = staffBySession(hub, 'connect counter', socket, auth.token, next);
    if (!staff) return;
    // Connecting signs the staff member in at the window; a reconnect while signed in there is
    // nothing to record (a flapping line must not write a command row each time).
    if (hub.state.windows.get(auth.windowNo)?.staffId !== staff.id) {
      const signIn = hub.run(
        { type: 'signIn', requestId: `signin-${socket.id}`, windowNo: auth.windowNo, staffId: staff.id },
        staffActor(staff),
      );
      if (!signIn.ok) return next(refused(signIn.code, signIn.message));
    }
    socket.data = { staff, windowNo: auth.windowNo, ...(auth.lastSeq !== undefined && { lastSeq: auth.lastSeq }) };
    next();
  });

  onConnection(hub, ns, (socket) => {
    const { staff, windowNo } = socket.data;
    const actor: Actor = staffActor(staff);
    hub.feed.attach(socket as never, socket.data.lastSeq);
    void socket.join(`window:${windowNo}`);
    const who: Principal = { kind: 'staff', staff, windowNo };
    const run = (cmd: DistributiveOmit<Command, never>): Result => hub.run(cmd, actor);
    /** Ticket commands name a ticket: it must be this window's (one it may call, or one standing here). */
    const mine = (command: 'window:resumeTicket' | 'ticket:requeue' | 'ticket:reprint' | 'ticket:cancel', ticketId: string) =>
      hub.denied(actor, who, 'counter', command, { ticketId });
    bindCommands(
      socket,
      counterCommands,
      {
        'window:callNext': (p) => run({ type: 'callNext', requestId: p.requestId, windowNo }),
        'window:callNumber': (p) => run({ type: 'callNumber', requestId: p.requestId, windowNo, number: p.number }),
        'window:recall': (p) => run({ type: 'recall', requestId: p.requestId, windowNo }),
        'window:start': (p) => run({ type: 'start', requestId: p.requestId, windowNo }),
        'window:finish': (p) => run({ type: 'finish', requestId: p.requestId, windowNo }),
        'window:skip': (p) => run({ type: 'skip', requestId: p.requestId, windowNo }),
        'window:transfer': (p) =>
          run({
            type: 'transfer',
            requestId: p.requestId,
            windowNo,
            to: p.to,
            position: p.position,
            ...(p.note !== undefined && { note: p.note }),
          }),
        'window:suspend': (p) => run({ type: 'suspend', requestId: p.requestId, windowNo, reason: p.reason }),
        'window:resumeTicket': (p) =>
          hub.runChecked({ type: 'resumeTicket', requestId: p.requestId, windowNo, ticketId: p.ticketId }, actor, () => mine('window:resumeTicket', p.ticketId)),
        'window:pause': (p) => run({ type: 'pause', requestId: p.requestId, windowNo, reason: p.reason }),
        'window:resume': (p) => run({ type: 'resumeWindow', requestId: p.requestId, windowNo }),
        'window:signOut': (p) => {
          const result = run({ type: 'signOut', requestId: p.requestId, windowNo });
          if (result.ok) setImmediate(() => socket.disconnect(true));
          return result;
        },
        'ticket:requeue': (p) => hub.runChecked({ type: 'requeue', requestId: p.requestId, ticketId: p.ticketId }, actor, () => mine('ticket:requeue', p.ticketId)),
        'ticket:reprint': (p) => hub.runChecked({ type: 'reprint', requestId: p.requestId, ticketId: p.ticketId }, actor, () => mine('ticket:reprint', p.ticketId)),
        'ticket:cancel': (p) => hub.runChecked({ type: 'cancel', requestId: p.requestId, ticketId: p.ticketId }, actor, () => mine('ticket:cancel', p.ticketId)),
        'ticket:issueGreen': (p) =>
          hub.runChecked({ type: 'issue', requestId: p.requestId, serviceCode: p.serviceCode, kind: 'green', authorizedBy: staff.id }, actor, () =>
            hub.denied(actor, who, 'counter', 'ticket:issueGreen', { serviceCode: p.serviceCode }),
          ),
      },
      hub.bindOptions(actor),
    );
  });
  return ns;
}
