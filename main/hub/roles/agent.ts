// Device agents (one per hall PC or rating pad): announce their devices, report health, run device
// jobs, and turn keypad presses and caller keys into commands — only for the windows and kiosks the
// agent is bound to (db/access.ts), and only through devices it announced.
import { agentCommands, refusalText, type Result } from '../../protocol/index.js';
import { refuse } from '../../queue/index.js';
import type { Actor, Command, RatingLevel } from '../../queue/index.js';
import type { Principal } from '../authorize.js';
import { refusedDevices } from '../agent-binding.js';
import { bindCommands, fail } from '../bind.js';
import type { HubCore } from '../core.js';
import type { IdentityDesk } from '../identity-desk.js';
import { displayJob, keypadJob, lastUnrated } from '../jobs.js';
import { authenticate, onConnection, useGuarded } from './auth.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';

export function registerAgent(hub: HubCore, identities: IdentityDesk): RoleNamespace<'agent'> {
  const ns = roleNamespace(hub.io, 'agent');
  useGuarded(hub, ns, (socket, next) => {
    const auth = authenticate(hub, 'agent', socket, next);
    if (!auth) return;
    socket.data = { device: auth.device };
    next();
  });

  onConnection(hub, ns, (socket) => {
    const agent = socket.data.device;
    const agentId = agent.id;
    const actor: Actor = { role: 'agent', id: agentId };
    socket.on('disconnect', () => hub.devices.agentGone(agentId, socket));

    /** The agent's devices of `kind` at the window, as the audit names them ("PC1/pads:11"). */
    const via = (kind: 'keypad' | 'caller', windowNo: number): string =>
      `${agentId}/${hub.devices
        .devicesOf(agentId)
        .filter((d) => d.kind === kind && d.windowNo === windowNo)
        .map((d) => d.deviceId)
        .join(',')}`;
    // The binding is read afresh for each command: an administrator may have changed it.
    const who = (): Principal => ({ kind: 'agent', id: agentId, name: agent.name, binding: hub.access.agentBinding(agentId), devices: hub.devices.devicesOf(agentId) });

    bindCommands(
      socket,
      agentCommands,
      {
        'agent:devices': (p) => {
          // All or nothing: a list with a device the agent may not run is refused whole and changes nothing.
          const refusals = refusedDevices(agent, hub.access.agentBinding(agentId), p.devices, (id) => hub.devices.holderOf(id));
          if (refusals.length > 0) {
            for (const r of refusals) {
              hub.auditRefusal(actor, 'agent:devices', r.code, r.detail);
              hub.devices.refused(r.device, r.message);
            }
            const first = refusals[0]!;
            return fail(first.code, refusals.length > 1 ? refusalText('devices-refused', { first: first.message, more: refusals.length - 1 }) : first.message);
          }
          hub.devices.announce(agentId, socket, p.devices);
          // Bring each LED display and evaluation keypad up to date (after a restart of either side):
          // one job for each announced device, not one for each device of its window per device.
          for (const d of p.devices) {
            if (d.windowNo === undefined) continue;
            const job = d.kind === 'led' ? displayJob(hub.state, d.windowNo) : d.kind === 'keypad' ? keypadJob(hub.state, d.windowNo, hub.clock()) : undefined;
            if (job) hub.devices.dispatch(job, d.deviceId);
          }
          return { ok: true };
        },
        'device:health': (p) =>
          hub.devices.report(agentId, p) ? { ok: true } : hub.refuse(actor, 'device:health', 'unknown-device', refusalText('unknown-device', { deviceId: p.deviceId })),
        'keypad:rate': (p): Result => {
          const again = hub.answered(p.requestId, 'rate', (key) => key.startsWith(`agent:${agentId}/`));
          if (again) return again;
          const ticketId = p.ticketId ?? lastUnrated(hub.state, p.windowNo, hub.clock())?.id;
          return (
            hub.denied(actor, who(), 'agent', 'keypad:rate', { windowNo: p.windowNo, ...(ticketId !== undefined && { ticketId }) }) ??
            // authorize refuses when the agent has no keypad there or there is no ticket to rate.
            hub.run({ type: 'rate', requestId: p.requestId, ticketId: ticketId as string, level: p.level as RatingLevel }, { role: 'agent', id: via('keypad', p.windowNo) })
          );
        },
        // Nothing of the card goes into a log or an audit row: the refusal details name the kiosk only.
        'identity:read': (p): Result => {
          const denied = hub.denied(actor, who(), 'agent', 'identity:read', { kioskId: p.kioskId });
          if (denied) return denied;
          const identity = identities.swiped(hub.state, p.kioskId, p.card, hub.clock());
          hub.io.of('/kiosk').to(`kiosk:${p.kioskId}`).emit('kiosk:identity', identity);
          return { ok: true };
        },
        'scan:code': (p): Result => {
          const denied = hub.denied(actor, who(), 'agent', 'scan:code', { kioskId: p.kioskId });
          if (denied) return denied;
          hub.io.of('/kiosk').to(`kiosk:${p.kioskId}`).emit('kiosk:scan', { text: p.text });
          return { ok: true };
        },
        'caller:key': (p): Result => {
          const base = { requestId: p.requestId, windowNo: p.windowNo };
          const commands: Record<typeof p.key, Command> = {
            next: { type: 'callNext', ...base },
            recall: { type: 'recall', ...base },
            skip: { type: 'skip', ...base },
            start: { type: 'start', ...base },
            finish: { type: 'finish', ...base },
            pause: { type: 'pause', ...base, reason: '暂停服务' },
            resume: { type: 'resumeWindow', ...base },
          };
          const cmd = commands[p.key];
          // The outbox resends a key whose answer was lost: the first answer, even if the window signed out since.
          const again = hub.answered(p.requestId, cmd.type, (key) => key.includes(` via agent ${agentId}/`));
          if (again) return again;
          const denied = hub.denied(actor, who(), 'agent', 'caller:key', { windowNo: p.windowNo });
          if (denied) return denied;
          const ws = hub.state.windows.get(p.windowNo);
          if (!ws?.staffId) return hub.refuse(actor, 'caller:key', 'window-signed-out', refuse('window-signed-out', { windowNo: p.windowNo }).message);
          const staff = hub.state.hall.staff.get(ws.staffId);
          // The window's staff member acts (as if at the counter); the audit row says through which agent and key.
          const as: Actor = { role: staff?.role ?? 'staff', id: `${ws.staffId} via agent ${via('caller', p.windowNo)}` };
          return hub.run(cmd, as);
        },
      },
      hub.bindOptions(actor),
    );
  });
  return ns;
}
