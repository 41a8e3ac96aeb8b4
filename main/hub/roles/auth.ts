// Handshake checks shared by the roles: a refused connection gets a connect_error whose `data`
// says why ({ code, message } in Chinese), and the refusal is audited.
import type { ExtendedError, Namespace, Socket } from 'socket.io';
import type { z } from 'zod';
import type { PairedDevice } from '../../../db/access.js';
import type { Actor, StaffConfig } from '../../queue/index.js';
import { handshakeSchemas, type Role } from '../../protocol/index.js';
import type { HubCore } from '../core.js';

export type Next = (err?: ExtendedError) => void;

export function refused(code: string, message: string): ExtendedError {
  return Object.assign(new Error(message), { data: { code, message } });
}

/** A client not (yet) known: named by its address, so the refusal audit can budget per source. */
export function clientActor(socket: Socket): Actor {
  return { role: 'visitor', id: socket.handshake.address || 'unknown' };
}

/** Parse the handshake's auth for a role; refuses (and audits) a malformed one. */
export function handshake<R extends Role>(hub: HubCore, role: R, socket: Socket, next: Next): z.infer<(typeof handshakeSchemas)[R]> | undefined {
  const parsed = handshakeSchemas[role].safeParse(socket.handshake.auth ?? {});
  if (!parsed.success) {
    hub.auditRefusal(clientActor(socket), `connect ${role}`, 'bad-handshake', parsed.error.issues[0]?.message ?? 'invalid');
    next(refused('bad-handshake', '连接参数不正确'));
    return undefined;
  }
  return parsed.data as z.infer<(typeof handshakeSchemas)[R]>;
}

export function deviceByToken(hub: HubCore, role: PairedDevice['role'], socket: Socket, token: string, next: Next): PairedDevice | undefined {
  const device = hub.access.deviceByToken(token);
  if (!device || device.role !== role) {
    hub.auditRefusal(clientActor(socket), `connect ${role}`, 'unauthorized', device ? `device ${device.id} is a ${device.role}` : 'unknown token');
    next(refused('unauthorized', '设备未配对或令牌无效，请在管理后台重新配对'));
    return undefined;
  }
  return device;
}

export function staffBySession(hub: HubCore, what: string, socket: Socket, token: string, next: Next): StaffConfig | undefined {
  const staffId = hub.access.sessionStaff(token, hub.clock());
  const staff = staffId === undefined ? undefined : hub.state.hall.staff.get(staffId);
  if (!staff) {
    hub.auditRefusal(clientActor(socket), what, 'unauthorized', 'no such session');
    next(refused('unauthorized', '登录已失效，请重新登录'));
    return undefined;
  }
  return staff;
}

export function staffActor(staff: StaffConfig): Actor {
  return { role: staff.role, id: staff.id };
}

/** socket.io's own event-map constraint (not exported by the package). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type EventsMap = Record<string, any>;

/** ns.use, except that a handshake check that throws refuses the client instead of crashing the hub. */
export function useGuarded<C extends EventsMap, S extends EventsMap, I extends EventsMap, D>(
  hub: HubCore,
  ns: Namespace<C, S, I, D>,
  check: (socket: Socket<C, S, I, D>, next: Next) => void,
): void {
  ns.use((socket, next) => {
    try {
      check(socket, next);
    } catch (err) {
      hub.log.error({ err, nsp: ns.name }, 'handshake check failed');
      next(refused('internal-error', '系统繁忙，请稍后重试'));
    }
  });
}

/** ns.on('connection'), except that a setup that throws drops that client instead of crashing the hub. */
export function onConnection<C extends EventsMap, S extends EventsMap, I extends EventsMap, D>(
  hub: HubCore,
  ns: Namespace<C, S, I, D>,
  setup: (socket: Socket<C, S, I, D>) => void,
): void {
  ns.on('connection', (socket) => {
    try {
      setup(socket);
    } catch (err) {
      hub.log.error({ err, nsp: ns.name }, 'connection setup failed');
      socket.disconnect(true);
    }
  });
}
