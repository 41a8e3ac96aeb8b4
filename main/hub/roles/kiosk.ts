// Kiosks (取号机): issue numbers and check in appointments; told when their printer cannot print.
import { createHash } from 'node:crypto';
import { kioskCommands, refusalText, type Result } from '../../protocol/index.js';
import type { PairedDevice } from '../../../db/access.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { statusUrl } from '../jobs.js';
import { verifyPassword } from '../passwords.js';
import { Lockout } from '../lockout.js';
import type { IdentityDesk } from '../identity-desk.js';
import { interests } from '../interest.js';
import { authenticate, onConnection, useGuarded } from './auth.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';

export function registerKiosk(hub: HubCore, idSalt: string, identities: IdentityDesk, pinLock = new Lockout()): RoleNamespace<'kiosk'> {
  const ns = roleNamespace(hub.io, 'kiosk');
  const kioskState = (d: PairedDevice) => hub.devices.kioskState(d.id, d.hasPrinter);

  useGuarded(hub, ns, (socket, next) => {
    const auth = authenticate(hub, 'kiosk', socket, next);
    if (!auth) return;
    socket.data = { device: auth.device, ...(auth.lastSeq !== undefined && { lastSeq: auth.lastSeq }) };
    next();
  });

  onConnection(hub, ns, (socket) => {
    const { device } = socket.data;
    const actor = { role: 'kiosk' as const, id: device.id };
    hub.feed.attach(socket, socket.data.lastSeq, interests.counts());
    void socket.join(`kiosk:${device.id}`);
    socket.emit('kiosk:state', kioskState(device));
    // A kiosk that was away when its last ticket printed (its answer lost, say) still learns how it went.
    const printed = hub.devices.lastPrinted(device.id);
    if (printed) socket.emit('ticket:printed', printed);

    /** The card swiped at this kiosk behind `ref`; a stale or foreign ref is refused, never guessed. */
    const swiped = (what: string, ref: string | undefined) => {
      if (ref === undefined) return { identity: undefined };
      const identity = identities.resolve(device.id, ref, hub.clock());
      return identity ? { identity } : { refused: hub.refuse(actor, what, 'identity-expired', refusalText('identity-expired'), 'unknown or expired identityRef') };
    };
    const open = (): Result | undefined => {
      const state = kioskState(device);
      return state.canIssue ? undefined : hub.refuse(actor, 'kiosk command', 'printer-unavailable', state.message ?? refusalText('printer-unavailable'));
    };
    bindCommands(
      socket,
      kioskCommands,
      {
        'ticket:issue': async (p) => {
          // A resend after a lost answer gets the ticket already issued, even if the printer has run out since.
          const again = hub.answered(p.requestId, 'issue', actor);
          if (again) return withStatusUrl(hub, again);
          const closed = open();
          if (closed) return closed;
          const card = swiped('ticket:issue', p.identityRef);
          if (card.refused) return card.refused;
          let authorizedBy: string | undefined;
          if (p.kind === 'green') {
            if (!p.authorization) return hub.refuse(actor, 'ticket:issue', 'green-needs-authorization', refusalText('green-needs-authorization'));
            const check = await hub.credentials.check(p.authorization.staffId, p.authorization.password, `kiosk:${device.id}`, hub.clock());
            if (!check.ok) return hub.refuse(actor, 'ticket:issue', check.code, check.message, `green authorization by ${p.authorization.staffId}`);
            const chief = check.staff;
            // Only once the password is right: a wrong one never learns who is a chief.
            const notChief = hub.denied(actor, { kind: 'kiosk', id: device.id }, 'kiosk', 'ticket:issue', { serviceCode: p.serviceCode, authorizer: chief.id });
            if (notChief) return notChief;
            authorizedBy = chief.id;
          }
          const result = hub.run(
            {
              type: 'issue',
              requestId: p.requestId,
              serviceCode: p.serviceCode,
              kind: p.kind,
              kioskId: device.id,
              ...(authorizedBy !== undefined && { authorizedBy }),
              ...(card.identity && { identity: card.identity }),
            },
            actor,
          );
          if (result.ok && p.identityRef !== undefined) identities.used(p.identityRef);
          return withStatusUrl(hub, result);
        },
        'appointment:checkIn': (p) => {
          const again = hub.answered(p.requestId, 'checkIn', actor);
          if (again) return withStatusUrl(hub, again);
          const closed = open();
          if (closed) return closed;
          const card = swiped('appointment:checkIn', p.identityRef);
          if (card.refused) return card.refused;
          const hash = card.identity?.idHash ?? (p.idNumber !== undefined ? idHash(idSalt, p.idNumber) : undefined);
          const result = hub.run(
            {
              type: 'checkIn',
              requestId: p.requestId,
              kioskId: device.id,
              ...(p.code !== undefined && { code: p.code }),
              ...(hash !== undefined && { idHash: hash }),
            },
            actor,
          );
          if (result.ok && p.identityRef !== undefined) identities.used(p.identityRef);
          return withStatusUrl(hub, result);
        },
        // Not behind open(): staff need the settings most when the kiosk cannot issue.
        'kiosk:unlock': async (p) => {
          const hash = hub.state.hall.config.kiosk?.adminPinHash;
          if (!hash) return hub.refuse(actor, 'kiosk:unlock', 'no-admin-pin', refusalText('no-admin-pin'));
          const lockedMessage = () => refusalText('pin-locked', { minutes: pinLock.minutesLeft(device.id, hub.clock()) });
          if (pinLock.lockedFor(device.id, hub.clock()) > 0) return hub.refuse(actor, 'kiosk:unlock', 'pin-locked', lockedMessage());
          // Counted before the slow check, so parallel guesses cannot slip past the lock.
          const left = pinLock.failed(device.id, hub.clock());
          if (!(await verifyPassword(p.pin, hash))) {
            return left > 0
              ? hub.refuse(actor, 'kiosk:unlock', 'bad-pin', refusalText('bad-pin', { left }))
              : hub.refuse(actor, 'kiosk:unlock', 'pin-locked', lockedMessage(), 'wrong PIN: locked');
          }
          pinLock.succeeded(device.id);
          // Not a refusal, but the same audit trail: who opened the settings and when.
          hub.store.auditRefusal(actor, 'kiosk:unlock', 'unlocked', 'admin PIN accepted', hub.clock());
          return { ok: true };
        },
      },
      hub.bindOptions(actor),
    );
  });
  return ns;
}

/** The kiosk prints the status page address as the ticket's QR code. */
function withStatusUrl(hub: HubCore, result: Result): Result {
  if (!result.ok || !result.ticket) return result;
  const t = hub.state.tickets.get(result.ticket.id);
  return t ? { ...result, statusUrl: statusUrl(hub.publicUrl, t) } : result;
}

/** ID numbers are never stored in clear: a salted sha256, upper-cased X. */
export function idHash(salt: string, idNumber: string): string {
  return createHash('sha256').update(`${salt}:${idNumber.toUpperCase()}`).digest('hex');
}
