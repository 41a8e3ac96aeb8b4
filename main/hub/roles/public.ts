// The public booking page (网上预约): free slots, book, cancel. No sign-in, so each client address is
// rate limited (across its connections) and its refusals are audited within the per-source budget.
import { publicCommands, refusalText, type Result } from '../../protocol/index.js';
import { availability, type Actor } from '../../queue/index.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { clientActor, onConnection } from './auth.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';
import { RateLimit } from '../rate-limit.js';
import { idHash } from './kiosk.js';

export function registerPublic(hub: HubCore, idSalt: string, limit = { max: 30, perMs: 60_000 }): RoleNamespace<'public'> {
  const ns = roleNamespace(hub.io, 'public');
  const rate = new RateLimit(limit);
  onConnection(hub, ns, (socket) => {
    const actor: Actor = clientActor(socket);
    const throttled = (): Result | undefined =>
      rate.take(actor.id, hub.clock()) ? undefined : hub.refuse(actor, 'public command', 'rate-limited', refusalText('rate-limited'));
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
      hub.bindOptions(actor),
    );
  });
  return ns;
}
