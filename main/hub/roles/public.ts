// The public booking page (网上预约): free slots, book, cancel. No sign-in, so each connection is
// rate limited.
import type { Namespace } from 'socket.io';
import { publicCommands, type PublicClientEvents, type PublicServerEvents, type Result } from '../../protocol/index.js';
import { availability, type Actor } from '../../queue/index.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { idHash } from './kiosk.js';

type PublicNamespace = Namespace<PublicClientEvents, PublicServerEvents>;

export function registerPublic(hub: HubCore, idSalt: string, limit = { max: 30, perMs: 60_000 }): PublicNamespace {
  const ns = hub.io.of('/public') as unknown as PublicNamespace;
  ns.on('connection', (socket) => {
    const actor: Actor = { role: 'visitor', id: socket.handshake.address || 'unknown' };
    const recent: number[] = [];
    const throttled = (): Result | undefined => {
      const now = hub.clock();
      while (recent.length && (recent[0] as number) <= now - limit.perMs) recent.shift();
      if (recent.length >= limit.max) return hub.refuse(actor, 'public command', 'rate-limited', '操作过于频繁，请稍后再试');
      recent.push(now);
      return undefined;
    };
    bindCommands(
      socket,
      publicCommands,
      {
        'appointment:slots': (p) =>
          throttled() ?? { ok: true, slots: availability(hub.state, p.serviceCode, p.date, hub.clock()) },
        'appointment:book': (p) =>
          throttled() ??
          hub.run(
            {
              type: 'book',
              requestId: p.requestId,
              serviceCode: p.serviceCode,
              slotStart: p.slotStart,
              name: p.name,
              phone: p.phone,
              ...(p.idNumber !== undefined && { idHash: idHash(idSalt, p.idNumber) }),
            },
            actor,
          ),
        'appointment:cancel': (p) => throttled() ?? hub.run({ type: 'cancelAppointment', requestId: p.requestId, code: p.code }, actor),
      },
      { log: hub.log, onRejected: (event, code, detail) => hub.store.auditRefusal(actor, event, code, detail, hub.clock()) },
    );
  });
  return ns;
}
