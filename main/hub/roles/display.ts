// Hall displays (综合屏): listen only.
import { roles } from '../../protocol/index.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { interests } from '../interest.js';
import { authenticate, onConnection, useGuarded } from './auth.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';

export function registerDisplay(hub: HubCore): RoleNamespace<'display'> {
  const ns = roleNamespace(hub.io, 'display');
  useGuarded(hub, ns, (socket, next) => {
    const auth = authenticate(hub, 'display', socket, next);
    if (!auth) return;
    socket.data = { device: auth.device, follow: auth.follow, ...(auth.lastSeq !== undefined && { lastSeq: auth.lastSeq }) };
    next();
  });
  onConnection(hub, ns, (socket) => {
    const actor = { role: 'display' as const, id: socket.data.device.id };
    const { follow } = socket.data;
    hub.feed.attach(socket, socket.data.lastSeq, follow.view === 'window' ? interests.windows(follow.windows) : interests.calls(follow.windows));
    bindCommands(socket, roles.display.commands, {}, hub.bindOptions(actor));
  });
  return ns;
}
