// Device agents (one per hall PC): announce their devices, report health, run device jobs, and
// turn keypad presses and caller keys into commands — only for the windows their devices serve.
import type { Namespace } from 'socket.io';
import { agentCommands, type AgentClientEvents, type AgentServerEvents, type Result } from '../../protocol/index.js';
import type { PairedDevice } from '../../../db/access.js';
import type { Actor, Command, RatingLevel } from '../../queue/index.js';
import type { Principal } from '../authorize.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { displayJob, keypadJob, lastUnrated } from '../jobs.js';
import { deviceByToken, handshake } from './auth.js';

interface AgentData {
  device: PairedDevice;
}
type AgentNamespace = Namespace<AgentClientEvents, AgentServerEvents, Record<string, never>, AgentData>;

export function registerAgent(hub: HubCore): AgentNamespace {
  const ns = hub.io.of('/agent') as unknown as AgentNamespace;
  ns.use((socket, next) => {
    const auth = handshake(hub, 'agent', socket, next);
    if (!auth) return;
    const device = deviceByToken(hub, 'agent', auth.token, next);
    if (!device) return;
    socket.data = { device };
    next();
  });

  ns.on('connection', (socket) => {
    const agentId = socket.data.device.id;
    const actor: Actor = { role: 'agent', id: agentId };
    socket.on('disconnect', () => hub.devices.agentGone(agentId, socket));
    const who = (): Principal => ({ kind: 'agent', id: agentId, devices: hub.devices.devicesOf(agentId) });

    bindCommands(
      socket,
      agentCommands,
      {
        'agent:devices': (p) => {
          hub.devices.announce(agentId, socket, p.devices);
          // Bring every LED display and evaluation keypad it owns up to date (after a restart of either side).
          for (const d of p.devices) {
            if (d.windowNo === undefined) continue;
            const job = d.kind === 'led' ? displayJob(hub.state, d.windowNo) : d.kind === 'keypad' ? keypadJob(hub.state, d.windowNo, hub.clock()) : undefined;
            if (job) hub.devices.dispatch(job);
          }
          return { ok: true };
        },
        'device:health': (p) =>
          hub.devices.report(agentId, p) ? { ok: true } : hub.refuse(actor, 'device:health', 'unknown-device', `设备${p.deviceId}不属于本机`),
        'keypad:rate': (p): Result => {
          const ticketId = p.ticketId ?? lastUnrated(hub.state, p.windowNo, hub.clock())?.id;
          return (
            hub.denied(actor, who(), 'agent', 'keypad:rate', { windowNo: p.windowNo, ...(ticketId !== undefined && { ticketId }) }) ??
            // authorize refuses when there is no ticket to rate.
            hub.run({ type: 'rate', requestId: p.requestId, ticketId: ticketId as string, level: p.level as RatingLevel }, actor)
          );
        },
        'caller:key': (p): Result => {
          const denied = hub.denied(actor, who(), 'agent', 'caller:key', { windowNo: p.windowNo });
          if (denied) return denied;
          const ws = hub.state.windows.get(p.windowNo);
          if (!ws?.staffId) return hub.refuse(actor, 'caller:key', 'window-signed-out', `${p.windowNo}号窗口尚未签到`);
          const staff = hub.state.hall.staff.get(ws.staffId);
          const as: Actor = { role: staff?.role ?? 'staff', id: ws.staffId };
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
          return hub.run(commands[p.key], as);
        },
      },
      { log: hub.log, onRejected: (event, code, detail) => hub.store.auditRefusal(actor, event, code, detail, hub.clock()) },
    );
  });
  return ns;
}
