// Handshake checks shared by the roles: a refused connection gets a connect_error whose `data`
// says why ({ code, message } in Chinese), and the refusal is audited.
import type { ExtendedError, Socket } from 'socket.io';
import type { PairedDevice } from '../../../db/access.js';
import type { Actor, StaffConfig, Ticket } from '../../queue/index.js';
import { refusalText, roles, type Authentication, type ParsedHandshake, type RefusalKey, type Role } from '../../protocol/index.js';
import type { HubCore } from '../core.js';
import { latestLeg, tokenMatches } from '../visits.js';
import type { RoleNamespace, RoleSocket } from './namespace.js';

export type Next = (err?: ExtendedError) => void;

export function refused(code: string, message: string): ExtendedError {
  return Object.assign(new Error(message), { data: { code, message } });
}

/** A refused handshake with its text from the refusal table. */
export function refusedAs(key: RefusalKey): ExtendedError {
  return refused(key.split('.')[0]!, refusalText(key));
}

/** A client not (yet) known: named by its address, so the refusal audit can budget per source. */
export function clientActor(socket: Socket): Actor {
  return { role: 'visitor', id: socket.handshake.address || 'unknown' };
}

/** Parse the handshake's auth for a role; refuses (and audits) a malformed one. */
function handshake<R extends Role>(hub: HubCore, role: R, socket: Socket, next: Next): ParsedHandshake<R> | undefined {
  const parsed = roles[role].handshake.safeParse(socket.handshake.auth ?? {});
  if (!parsed.success) {
    hub.auditRefusal(clientActor(socket), `connect ${role}`, 'bad-handshake', parsed.error.issues[0]?.message ?? 'invalid');
    next(refusedAs('bad-handshake'));
    return undefined;
  }
  return parsed.data as ParsedHandshake<R>;
}

/** What each way of authenticating (a role's `authentication` in main/protocol/roles.ts) proves. */
interface Credentials {
  device: { readonly device: PairedDevice };
  staff: { readonly staff: StaffConfig };
  visit: { readonly visit: Ticket };
  none: object;
}
export type Authenticated<R extends Role> = ParsedHandshake<R> & Credentials[(typeof roles)[R]['authentication']];

/**
 * The handshake parsed and proven the way the role is declared to authenticate, so no role can check
 * its clients any other way; a refusal is audited and answered with a code and a Chinese message.
 */
export function authenticate<R extends Role>(hub: HubCore, role: R, socket: Socket, next: Next): Authenticated<R> | undefined {
  const auth = handshake(hub, role, socket, next);
  if (!auth) return undefined;
  const how: Authentication = roles[role].authentication;
  const proven = ((): object | undefined => {
    switch (how) {
      case 'device': {
        // The roles declared `device` are exactly the paired devices' roles.
        const device = deviceByToken(hub, role as PairedDevice['role'], socket, (auth as { token: string }).token, next);
        return device && { device };
      }
      case 'staff': {
        const staff = staffBySession(hub, `connect ${role}`, socket, (auth as { token: string }).token, next);
        return staff && { staff };
      }
      case 'visit': {
        const { visitId, token } = auth as { visitId: string; token: string };
        const visit = latestLeg(hub.state, visitId);
        if (visit && tokenMatches(visit, token)) return { visit };
        hub.auditRefusal(clientActor(socket), `connect ${role}`, 'unknown-ticket', visit ? 'wrong token' : 'no such visit');
        next(refusedAs('unknown-ticket.visit'));
        return undefined;
      }
      case 'none':
        return {};
    }
  })();
  return proven && ({ ...auth, ...proven } as Authenticated<R>);
}

function deviceByToken(hub: HubCore, role: PairedDevice['role'], socket: Socket, token: string, next: Next): PairedDevice | undefined {
  const device = hub.access.deviceByToken(token);
  if (!device || device.role !== role) {
    hub.auditRefusal(clientActor(socket), `connect ${role}`, 'unauthorized', device ? `device ${device.id} is a ${device.role}` : 'unknown token');
    next(refusedAs('unauthorized.device'));
    return undefined;
  }
  return device;
}

function staffBySession(hub: HubCore, what: string, socket: Socket, token: string, next: Next): StaffConfig | undefined {
  const staffId = hub.access.sessionStaff(token, hub.clock());
  const staff = staffId === undefined ? undefined : hub.state.hall.staff.get(staffId);
  if (!staff) {
    hub.auditRefusal(clientActor(socket), what, 'unauthorized', 'no such session');
    next(refusedAs('unauthorized.session'));
    return undefined;
  }
  return staff;
}

export function staffActor(staff: StaffConfig): Actor {
  return { role: staff.role, id: staff.id };
}

/** ns.use, except that a handshake check that throws refuses the client instead of crashing the hub. */
export function useGuarded<R extends Role>(hub: HubCore, ns: RoleNamespace<R>, check: (socket: RoleSocket<R>, next: Next) => void): void {
  ns.use((socket, next) => {
    try {
      check(socket, next);
    } catch (err) {
      hub.log.error({ err, nsp: ns.name }, 'handshake check failed');
      next(refusedAs('internal-error'));
    }
  });
}

/** ns.on('connection'), except that a setup that throws drops that client instead of crashing the hub. */
export function onConnection<R extends Role>(hub: HubCore, ns: RoleNamespace<R>, setup: (socket: RoleSocket<R>) => void): void {
  ns.on('connection', (socket) => {
    try {
      setup(socket);
    } catch (err) {
      hub.log.error({ err, nsp: ns.name }, 'connection setup failed');
      socket.disconnect(true);
    }
  });
}
