// Handshake checks shared by the roles: a refused connection gets a connect_error whose `data`
// says why ({ code, message } in Chinese), and the refusal is audited.
import type { ExtendedError, Socket } from 'socket.io';
import type { z } from 'zod';
import type { PairedDevice } from '../../../db/access.js';
import type { Actor, StaffConfig } from '../../queue/index.js';
import { handshakeSchemas, type Role } from '../../protocol/index.js';
import type { HubCore } from '../core.js';

export type Next = (err?: ExtendedError) => void;

export function refused(code: string, message: string): ExtendedError {
  return Object.assign(new Error(message), { data: { code, message } });
}

const anonymous: Actor = { role: 'system', id: 'anonymous' };

/** Parse the handshake's auth for a role; refuses (and audits) a malformed one. */
export function handshake<R extends Role>(hub: HubCore, role: R, socket: Socket, next: Next): z.infer<(typeof handshakeSchemas)[R]> | undefined {
  const parsed = handshakeSchemas[role].safeParse(socket.handshake.auth ?? {});
  if (!parsed.success) {
    hub.store.auditRefusal(anonymous, `connect ${role}`, 'bad-handshake', parsed.error.issues[0]?.message ?? 'invalid', hub.clock());
    next(refused('bad-handshake', '连接参数不正确'));
    return undefined;
  }
  return parsed.data as z.infer<(typeof handshakeSchemas)[R]>;
}

export function deviceByToken(hub: HubCore, role: PairedDevice['role'], token: string, next: Next): PairedDevice | undefined {
  const device = hub.access.deviceByToken(token);
  if (!device || device.role !== role) {
    hub.store.auditRefusal(anonymous, `connect ${role}`, 'unauthorized', device ? `device ${device.id} is a ${device.role}` : 'unknown token', hub.clock());
    next(refused('unauthorized', '设备未配对或令牌无效，请在管理后台重新配对'));
    return undefined;
  }
  return device;
}

export function staffBySession(hub: HubCore, what: string, token: string, next: Next): StaffConfig | undefined {
  const staffId = hub.access.sessionStaff(token, hub.clock());
  const staff = staffId === undefined ? undefined : hub.state.hall.staff.get(staffId);
  if (!staff) {
    hub.store.auditRefusal(anonymous, what, 'unauthorized', 'no such session', hub.clock());
    next(refused('unauthorized', '登录已失效，请重新登录'));
    return undefined;
  }
  return staff;
}

export function staffActor(staff: StaffConfig): Actor {
  return { role: staff.role, id: staff.id };
}
