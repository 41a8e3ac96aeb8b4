// Supervisors (效能监察): watch the hall live, receive device alarms, record complaints.
import { roles, superviseCommands } from '../../protocol/index.js';
import { mayConnectSupervise } from '../authorize.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { interests } from '../interest.js';
import { authenticate, onConnection, refused, staffActor, useGuarded } from './auth.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';

export function registerSupervise(hub: HubCore): RoleNamespace<'supervise'> {
  const ns = roleNamespace(hub.io, 'supervise');
  useGuarded(hub, ns, (socket, next) => {
    const auth = authenticate(hub, 'supervise', socket, next);
    if (!auth) return;
    const { staff } = auth;
    const verdict = mayConnectSupervise({ kind: 'staff', staff });
    if (!verdict.ok) {
      hub.auditRefusal(staffActor(staff), 'connect supervise', verdict.code, verdict.detail ?? verdict.message);
      return next(refused(verdict.code, verdict.message));
    }
    socket.data = { staff, ...(auth.lastSeq !== undefined && { lastSeq: auth.lastSeq }) };
    next();
  });
  onConnection(hub, ns, (socket) => {
    const actor = staffActor(socket.data.staff);
    const who = { kind: 'staff', staff: socket.data.staff } as const;
    hub.feed.attach(socket, socket.data.lastSeq, interests.everything(roles.supervise.follows === 'hall+complaints'));
    void socket.join('supervise');
    bindCommands(
      socket,
      superviseCommands,
      {
        'complaint:file': (p) =>
          hub.denied(actor, who, 'supervise', 'complaint:file') ??
          hub.run(
            {
              type: 'complain',
              requestId: p.requestId,
              text: p.text,
              ...(p.ticketId !== undefined && { ticketId: p.ticketId }),
              ...(p.windowNo !== undefined && { windowNo: p.windowNo }),
              ...(p.staffId !== undefined && { staffId: p.staffId }),
              ...(p.contact !== undefined && { contact: p.contact }),
            },
            actor,
          ),
      },
      hub.bindOptions(actor),
    );
  });
  return ns;
}
