// Window staff (窗口): a session connects to one window and signs in there with window:signIn
// (after every connect); every other command acts on that window only, and only once signed in.
import { counterCommands, type Failure, type Result } from '../../protocol/index.js';
import { refuse, type Actor, type Command } from '../../queue/index.js';
import type { Principal } from '../authorize.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { interests } from '../interest.js';
import { authenticate, onConnection, refused, staffActor, useGuarded } from './auth.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';
import { windowView } from '../views.js';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function registerCounter(hub: HubCore): RoleNamespace<'counter'> {
  const ns = roleNamespace(hub.io, 'counter');

  useGuarded(hub, ns, (socket, next) => {
    const auth = authenticate(hub, 'counter', socket, next);
    if (!auth) return;
    const { staff } = auth;
    // A window the hall does not have is refused at once: no command could ever act on it.
    if (!hub.state.hall.windows.has(auth.windowNo)) {
      const unknown = refuse('unknown-window', { windowNo: auth.windowNo });
      hub.auditRefusal(staffActor(staff), 'connect counter', unknown.code, unknown.message);
      return next(refused(unknown.code, unknown.message));
    }
    socket.data = { staff, windowNo: auth.windowNo, ...(auth.lastSeq !== undefined && { lastSeq: auth.lastSeq }) };
    next();
  });

  onConnection(hub, ns, (socket) => {
    const { staff, windowNo } = socket.data;
    const actor: Actor = staffActor(staff);
    hub.feed.attach(socket, socket.data.lastSeq, interests.counter(windowNo, hub.state.hall.windows.get(windowNo)!.tierOf.keys()));
    void socket.join(`window:${windowNo}`);
    const who: Principal = { kind: 'staff', staff, windowNo };
    /** Every command but window:signIn: this session's staff member must be signed in at the window. */
    const signedInHere = (command: string): Failure | undefined => {
      const staffId = hub.state.windows.get(windowNo)?.staffId;
      if (staffId === staff.id) return undefined;
      const r = staffId === undefined ? refuse('window-signed-out', { windowNo }) : refuse('window-occupied', { windowNo, staffId });
      return hub.refuse(actor, command, r.code, r.message);
    };
    // A resend after a lost answer gets the first answer, even if the window signed out since.
    const run = (cmd: DistributiveOmit<Command, never>, check?: () => Failure | undefined): Result =>
      hub.runChecked(cmd, actor, () => signedInHere(cmd.type) ?? check?.());
    /** Ticket commands name a ticket: it must be this window's (one it may call, or one standing here). */
    const mine = (command: 'window:resumeTicket' | 'ticket:requeue' | 'ticket:reprint' | 'ticket:cancel', ticketId: string) => () =>
      hub.denied(actor, who, 'counter', command, { ticketId });
    bindCommands(
      socket,
      counterCommands,
      {
        'window:signIn': (p) => {
          const ws = hub.state.windows.get(windowNo);
          // Signed in here already (a reconnect, a resend): nothing to record — a flapping line
          // must not write a command row each time.
          if (ws?.staffId === staff.id) return { ok: true, window: windowView(hub.state, ws) };
          return hub.run({ type: 'signIn', requestId: p.requestId, windowNo, staffId: staff.id }, actor);
        },
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
        'window:resumeTicket': (p) => run({ type: 'resumeTicket', requestId: p.requestId, windowNo, ticketId: p.ticketId }, mine('window:resumeTicket', p.ticketId)),
        'window:pause': (p) => run({ type: 'pause', requestId: p.requestId, windowNo, reason: p.reason }),
        'window:resume': (p) => run({ type: 'resumeWindow', requestId: p.requestId, windowNo }),
        'window:signOut': (p) => {
          const result = run({ type: 'signOut', requestId: p.requestId, windowNo });
          if (result.ok) setImmediate(() => socket.disconnect(true));
          return result;
        },
        'ticket:requeue': (p) => run({ type: 'requeue', requestId: p.requestId, ticketId: p.ticketId }, mine('ticket:requeue', p.ticketId)),
        'ticket:reprint': (p) => run({ type: 'reprint', requestId: p.requestId, ticketId: p.ticketId }, mine('ticket:reprint', p.ticketId)),
        'ticket:cancel': (p) => run({ type: 'cancel', requestId: p.requestId, ticketId: p.ticketId }, mine('ticket:cancel', p.ticketId)),
        'ticket:issueGreen': (p) =>
          run({ type: 'issue', requestId: p.requestId, serviceCode: p.serviceCode, kind: 'green', authorizedBy: staff.id }, () =>
            hub.denied(actor, who, 'counter', 'ticket:issueGreen', { serviceCode: p.serviceCode }),
          ),
      },
      hub.bindOptions(actor),
    );
  });
  return ns;
}
