// Hall displays (综合屏): listen only.
import type { Namespace } from 'socket.io';
import type { DisplayServerEvents } from '../../protocol/index.js';
import type { PairedDevice } from '../../../db/access.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { deviceByToken, handshake, onConnection, useGuarded } from './auth.js';

interface DisplayData {
  device: PairedDevice;
  lastSeq?: number;
}
type DisplayNamespace = Namespace<Record<string, never>, DisplayServerEvents, Record<string, never>, DisplayData>;

export function registerDisplay(hub: HubCore): DisplayNamespace {
  const ns = hub.io.of('/display') as unknown as DisplayNamespace;
  hub.feed.follow(ns as never);
  useGuarded(hub, ns, (socket, next) => {
    const auth = handshake(hub, 'display', socket, next);
    if (!auth) return;
    const device = deviceByToken(hub, 'display', socket, auth.token, next);
    if (!device) return;
    socket.data = { device, ...(auth.lastSeq !== undefined && { lastSeq: auth.lastSeq }) };
    next();
  });
  onConnection(hub, ns, (socket) => {
    const actor = { role: 'display' as const, id: socket.data.device.id };
    hub.feed.attach(socket as never, socket.data.lastSeq);
    bindCommands(socket, {}, {}, hub.bindOptions(actor));
  });
  return ns;
}
