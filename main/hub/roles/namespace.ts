// Each role's Socket.IO namespace, typed with that role's maps from main/protocol/roles.ts and the
// data its handshake check leaves on the socket. The one place a namespace gets its types.
import type { Namespace, Server, Socket } from 'socket.io';
import type { PairedDevice } from '../../../db/access.js';
import { roles, type ClientToServer, type DisplayFollow, type InterServer, type Role, type ServerToClient } from '../../protocol/index.js';
import type { StaffConfig } from '../../queue/index.js';

/** What each role's handshake check leaves on socket.data. */
export interface RoleData {
  kiosk: { device: PairedDevice; lastSeq?: number };
  display: { device: PairedDevice; follow: DisplayFollow; lastSeq?: number };
  agent: { device: PairedDevice };
  counter: { staff: StaffConfig; windowNo: number; lastSeq?: number };
  supervise: { staff: StaffConfig; lastSeq?: number };
  public: Record<string, never>;
  ticket: { visitId: string };
}

// socket.io's event-map types are structural and lenient (any namespace passes for any other), so
// each role's namespace and sockets carry their role as a type-only mark: the hall feed accepts
// only those of roles that follow it.
declare const roleMark: unique symbol;
type Marked<T, R extends Role> = T & { readonly [roleMark]?: R };

export type RoleNamespace<R extends Role> = Marked<Namespace<ClientToServer<R>, ServerToClient<R>, InterServer, RoleData[R]>, R>;
export type RoleSocket<R extends Role> = Marked<Socket<ClientToServer<R>, ServerToClient<R>, InterServer, RoleData[R]>, R>;

/** The role's namespace on the hub's server, typed as the role says. */
export function roleNamespace<R extends Role>(io: Server, role: R): RoleNamespace<R> {
  return io.of(roles[role].namespace) as unknown as RoleNamespace<R>;
}
