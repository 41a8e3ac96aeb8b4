// Hall displays (综合屏): listen only.
import { roles } from '../../protocol/index.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { authenticate, onConnection, useGuarded } from './auth.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';

export function registerDisplay(hub: HubCore): RoleNamespace<'display'> {
  const ns = roleNamespace(hub.io, 'display');
  hub.feed.follow(ns, roles.display.follows);
  useGuarded(hub, ns, (socket, next) => {
    const auth = authenticate(hub, 'display', socket, next);
    if (!auth) return;
    socket.data = { device: auth.device, ...(auth.lastSeq !== undefined && { lastSeq: auth.lastSeq }) };
    next();
  });
  onConnection(hub, ns, (socket) => {
    const actor = { role: 'display' as const, id: socket.data.device.id };
    hub.feed.attach(socket, socket.data.lastSeq);
    bindCommands(socket, roles.display.commands, {}, hub.bindOptions(actor));
  });
  return ns;
}
