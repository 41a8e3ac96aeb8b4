// The device agent of one hall PC: a Socket.IO client of the hub's /agent namespace that owns the
// local devices. On every connect it announces its devices and their health, then delivers the
// outbox; it runs the hub's device jobs; keypad presses and caller keys go through the outbox.
// While the hub is away the LED displays keep the last call, then show a maintenance line.
import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { CallerKey } from '../../drivers/keypad/index.js';
import type { AgentClientEvents, AgentServerEvents, DeviceHealth, Result } from '../protocol/index.js';
import { ask } from '../protocol/ask.js';
import { resolveOutbox, type AgentConfig } from './config.js';
import { AgentDevices } from './devices.js';
import { JobRunner } from './jobs.js';
import { Outbox, type OutboxItem } from './outbox.js';

export interface AgentStatus {
  hub: 'connecting' | 'online' | 'offline' | 'refused';
  /** zh-CN: why the hub is away or refused us. */
  hubMessage?: string;
  /** Ratings and caller keys not yet acknowledged by the hub. */
  outboxPending: number;
  devices: { id: string; kind: string; online: boolean; message?: string }[];
}

export interface RunningAgent {
  close(): Promise<void>;
  status(): AgentStatus;
  /** Called on every change of the status; returns the unsubscribe function. */
  onStatus(listener: (s: AgentStatus) => void): () => void;
}

export interface AgentOptions {
  log?: Logger;
  /** Where agent.yml is: a relative outbox path is resolved against it (default: the working directory). */
  configDir?: string;
  /** Tests: how often health is re-sent (default 30 s) and how long a remote call may take. */
  healthEveryMs?: number;
  ackTimeoutMs?: number;
  /** Tests: how soon a refused connection or device list is tried again (default 10 s). */
  refusedRetryMs?: number;
}

export const MAINTENANCE_TEXT = '系统维护中，请稍候';
const REFUSED_RETRY_MS = 10_000;
const TRANSIENT_RETRY_MS = 2_000;
/** Refusals that may pass if tried again later; any other refusal is final (logged, dropped). */
const TRANSIENT_CODES = new Set(['internal-error']);

const callerKeys: Record<CallerKey, 'next' | 'recall' | 'skip' | 'finish' | 'pause' | undefined> = {
  next: 'next',
  recall: 'recall',
  skip: 'skip',
  finish: 'finish',
  pause: 'pause',
  // Transfer and call-by-number need a target the keypad cannot give: staff use the counter screen.
  transfer: undefined,
  digits: undefined,
};

type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export async function runAgent(config: AgentConfig, options: AgentOptions = {}): Promise<RunningAgent> {
  const log = options.log ?? pino({ name: 'agent', level: process.env.HALLQ_LOG ?? 'info' });
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  const refusedRetryMs = options.refusedRetryMs ?? REFUSED_RETRY_MS;
  const outbox = new Outbox(resolveOutbox(config, options.configDir ?? process.cwd()));
  let devices: AgentDevices;
  try {
    devices = new AgentDevices(config, log);
  } catch (err) {
    outbox.close();
    throw err;
  }
  const jobs = new JobRunner(devices, log);
  const listeners = new Set<(s: AgentStatus) => void>();
  const timers = new Set<NodeJS.Timeout>();
  let hub: AgentStatus['hub'] = 'connecting';
  let hubMessage: string | undefined;
  let ready = false;
  let closed = false;
  let maintenanceTimer: NodeJS.Timeout | undefined;

  const status = (): AgentStatus => ({
    hub,
    ...(hubMessage !== undefined && { hubMessage }),
    outboxPending: closed ? 0 : outbox.pending,
    devices: devices.list.map((d) => {
      const h = devices.health(d);
      return { id: d.deviceId, kind: d.kind, online: h.online, ...(h.message !== undefined && { message: h.message }) };
    }),
  });
  const changed = () => {
    if (closed) return;
    const s = status();
    for (const l of listeners) l(s);
  };
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };

  const socket: AgentSocket = io(`${config.hub.url.replace(/\/$/, '')}/agent`, {
    auth: { token: config.hub.token },
    transports: ['websocket'],
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.3,
    timeout: 10_000,
  });

  // --- hub away: keep the last call, then the maintenance line ---
  const startMaintenanceTimer = () => {
    if (maintenanceTimer || closed) return;
    maintenanceTimer = setTimeout(() => {
      maintenanceTimer = undefined;
      if (ready || closed) return;
      log.warn({ afterSeconds: config.maintenanceAfterSeconds }, 'hub still away: LED displays show the maintenance line');
      for (const d of devices.list) {
        if (d.kind === 'led') d.display.show({ kind: 'text', lines: [MAINTENANCE_TEXT] }).catch(() => undefined);
      }
    }, config.maintenanceAfterSeconds * 1000);
  };
  const stopMaintenanceTimer = () => {
    clearTimeout(maintenanceTimer);
    maintenanceTimer = undefined;
  };

  // --- outbox delivery, one at a time, in order ---
  let flushing = false;
  const flush = async (): Promise<void> => {
    if (flushing) return;
    flushing = true;
    try {
      while (ready && !closed) {
        const item = outbox.first();
        if (!item) break;
        let result: Result<object>;
        try {
          result = await send(item);
        } catch {
          // No answer in time: keep it; the next connect (or this retry) sends it again, same requestId.
          log.warn({ seq: item.seq, event: item.event }, 'outbox item not acknowledged; will resend');
          later(TRANSIENT_RETRY_MS, () => void flush());
          break;
        }
        if (closed) break;
        if (!result.ok && TRANSIENT_CODES.has(result.code)) {
          log.warn({ seq: item.seq, event: item.event, result }, 'hub could not take an outbox item now; will resend');
          later(TRANSIENT_RETRY_MS, () => void flush());
          break;
        }
        if (!result.ok) log.warn({ seq: item.seq, event: item.event, payload: item.payload, result }, 'hub refused an outbox item: dropped');
        else log.info({ seq: item.seq, event: item.event }, 'outbox item delivered');
        outbox.remove(item.seq);
        changed();
      }
    } finally {
      flushing = false;
    }
  };
  const send = (item: OutboxItem): Promise<Result<object>> =>
    item.event === 'keypad:rate'
      ? socket.timeout(ackTimeoutMs).emitWithAck('keypad:rate', item.payload)
      : socket.timeout(ackTimeoutMs).emitWithAck('caller:key', item.payload);

  const enqueue = (add: () => OutboxItem) => {
    if (closed) return;
    try {
      const item = add();
      log.info({ seq: item.seq, event: item.event, payload: item.payload }, 'outboxed');
    } catch (err) {
      log.error({ err }, 'could not store a keypad press in the outbox: it is lost');
      return;
    }
    changed();
    void flush();
  };

  // --- health ---
  const sendHealth = (h: DeviceHealth) => {
    if (!ready) return;
    ask(socket, ackTimeoutMs, 'device:health', h)
      .then(
        (r) => !r.ok && log.warn({ health: h, result: r }, 'hub refused a health report'),
        () => log.debug({ deviceId: h.deviceId }, 'health report not acknowledged'),
      );
  };

  devices.on('health', (h) => {
    sendHealth(h);
    changed();
  });
  devices.on('rating', ({ windowNo, level }) => {
    const ticketId = jobs.promptedTicket(windowNo);
    enqueue(() => outbox.add('keypad:rate', { windowNo, level, ...(ticketId !== undefined && { ticketId }) }));
  });
  // A card goes straight to the hub, never through the outbox (a file): offline, the visitor swipes
  // again. Nothing of it is logged.
  devices.on('card', ({ kioskId, deviceId, card }) => {
    if (!ready) {
      log.warn({ deviceId }, 'card read while the hub is away: dropped');
      return;
    }
    ask(socket, ackTimeoutMs, 'identity:read', {
        requestId: randomUUID(),
        deviceId,
        kioskId,
        card: { idNumber: card.idNumber, name: card.name, birthDate: card.birthDate, validTo: card.validTo },
      })
      .then(
        (r) => !r.ok && log.warn({ deviceId, code: r.code }, 'hub refused a card read'),
        () => log.warn({ deviceId }, 'card read not acknowledged'),
      );
  });
  devices.on('scan', ({ kioskId, deviceId, text }) => {
    if (!ready) return void log.warn({ deviceId }, 'scan while the hub is away: dropped');
    ask(socket, ackTimeoutMs, 'scan:code', { requestId: randomUUID(), deviceId, kioskId, text })
      .then(
        (r) => !r.ok && log.warn({ deviceId, code: r.code }, 'hub refused a scan'),
        () => log.warn({ deviceId }, 'scan not acknowledged'),
      );
  });
  devices.on('key', ({ windowNo, key, deviceId }) => {
    const mapped = callerKeys[key];
    if (!mapped) {
      log.warn({ deviceId, key }, 'caller key not supported from a keypad (use the counter screen)');
      return;
    }
    enqueue(() => outbox.add('caller:key', { windowNo, key: mapped }));
  });

  const healthEvery = setInterval(() => {
    if (ready) for (const h of devices.healthAll()) sendHealth(h);
  }, options.healthEveryMs ?? 30_000);

  // --- the hub connection ---
  const announce = () => {
    const connection = socket.id;
    ask(socket, ackTimeoutMs, 'agent:devices', { devices: devices.announced() })
      .then(
        (r) => {
          if (!r.ok) {
            // A device not bound to this agent, or an id another agent uses: an administrator may
            // fix it (hallq bind) while we run, so ask again now and then on this connection.
            log.error({ result: r }, 'hub refused the device list');
            hub = 'refused';
            hubMessage = r.message;
            changed();
            later(refusedRetryMs, () => {
              if (socket.connected && socket.id === connection && !ready) announce();
            });
            return;
          }
          ready = true;
          hub = 'online';
          hubMessage = undefined;
          changed();
          log.info({ devices: devices.list.length }, 'connected to the hub; devices announced');
          for (const h of devices.healthAll()) sendHealth(h);
          void flush();
        },
        () => {
          log.warn('hub did not acknowledge the device list; reconnecting');
          socket.disconnect().connect();
        },
      );
  };
  socket.on('connect', () => {
    hub = 'online';
    hubMessage = undefined;
    stopMaintenanceTimer();
    changed();
    announce();
  });
  socket.on('disconnect', (reason) => {
    ready = false;
    // socket.io would send what was emitted while down as soon as it reconnects — before our device
    // list, so a new hub would refuse those keys as "not your device". Drop them: their acks time
    // out and the outbox resends them, in order, after the announce.
    socket.sendBuffer = [];
    if (closed) return;
    hub = 'offline';
    hubMessage = '与服务器的连接已断开，正在重连';
    log.warn({ reason }, 'hub connection lost');
    startMaintenanceTimer();
    changed();
    // The hub closing our socket on purpose does not reconnect by itself: we always want the hub.
    if (reason === 'io server disconnect') later(TRANSIENT_RETRY_MS, () => socket.connect());
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
    if (closed) return;
    startMaintenanceTimer();
    if (!socket.active) {
      // Refused by the hub (bad token, device unpaired): try again now and then, an admin may re-pair.
      hub = 'refused';
      hubMessage = err.data?.message ?? err.message;
      log.error({ reason: hubMessage }, 'hub refused this agent');
      later(refusedRetryMs, () => socket.connect());
    } else {
      hub = hub === 'connecting' ? 'connecting' : 'offline';
      hubMessage = `无法连接服务器（${config.hub.url}），正在重试`;
    }
    changed();
  });
  socket.on('job:run', (job, ack) => {
    if (typeof ack !== 'function') return;
    void jobs.run(job).then(ack);
  });

  devices.start();
  startMaintenanceTimer();

  return {
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      ready = false;
      stopMaintenanceTimer();
      clearInterval(healthEvery);
      for (const t of timers) clearTimeout(t);
      socket.close();
      await devices.close();
      outbox.close();
      log.info('agent stopped');
    },
  };
}
