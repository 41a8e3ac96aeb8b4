// The hall's devices as their agents announce them: which agent owns which printer, LED display
// and keypad, their health, and the delivery of device jobs with acknowledgement, retry and alarm.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { AgentServerEvents, DeviceAlarm, DeviceHealth, DeviceJob, JobResult, KioskState, PrintResult } from '../protocol/index.js';
import type { PlannedJob } from './jobs.js';

export interface AnnouncedDevice {
  readonly deviceId: string;
  readonly kind: 'printer' | 'led' | 'keypad' | 'caller' | 'idcard' | 'scanner';
  readonly kioskId?: string;
  readonly windowNo?: number;
}

interface Known extends AnnouncedDevice {
  readonly agentId: string;
  health?: DeviceHealth;
  /** The newest job per device supersedes older ones still retrying (a display shows one thing). */
  latestJob?: string;
}

type AgentSocket = Socket<never, AgentServerEvents>;

export interface DeviceEvents {
  onAlarm(alarm: DeviceAlarm): void;
  onKioskChanged(kioskId: string): void;
  onPrinted(kioskId: string, ticketId: string, result: JobResult): void;
}

export interface DeliveryOptions {
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
}

/** What a kiosk is told about its ticket's print. */
export function printResult(ticketId: string, result: JobResult): PrintResult {
  return { ticketId, ok: result.ok, ...(!result.ok && { message: result.message }) };
}

const kindNames: Record<AnnouncedDevice['kind'], string> = { printer: '打印机', led: '显示屏', keypad: '评价器', caller: '呼叫器', idcard: '身份证阅读器', scanner: '扫码枪' };

/** A device as staff name it: "3号窗口显示屏", "取号机K2打印机". */
export function deviceLabel(d: AnnouncedDevice): string {
  const where = d.windowNo !== undefined ? `${d.windowNo}号窗口` : d.kioskId !== undefined ? `取号机${d.kioskId}` : '';
  return `${where}${kindNames[d.kind]}`;
}

export class DeviceRegistry {
  private readonly devices = new Map<string, Known>();
  private readonly agents = new Map<string, AgentSocket>();
  private jobCounter = 0;
  /** Job ids are unique across hub restarts too, so an agent never mistakes a new job for an old one. */
  private readonly jobPrefix = `j${randomBytes(4).toString('hex')}-`;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly printed = new Map<string, PrintResult>();

  constructor(
    private readonly log: Logger,
    private readonly events: DeviceEvents,
    private readonly delivery: DeliveryOptions,
    private readonly clock: () => number,
  ) {}

  /** An agent (re)announces its devices: replaces what it had. */
  announce(agentId: string, socket: Socket, devices: readonly AnnouncedDevice[]): void {
    const kiosks = new Set<string>();
    for (const [id, d] of this.devices) {
      if (d.agentId === agentId) {
        this.devices.delete(id);
        if (d.kioskId) kiosks.add(d.kioskId);
      }
    }
    this.agents.set(agentId, socket);
    for (const d of devices) {
      this.devices.set(d.deviceId, { ...d, agentId });
      if (d.kioskId) kiosks.add(d.kioskId);
    }
    kiosks.forEach((k) => this.events.onKioskChanged(k));
  }

  /** The agent that announced this device id, if any (online or not). */
  holderOf(deviceId: string): string | undefined {
    return this.devices.get(deviceId)?.agentId;
  }

  /** Tell supervisors about a device the hub would not take (not bound, id taken). */
  refused(d: AnnouncedDevice, message: string): void {
    this.events.onAlarm(this.alarmOf(d, message));
  }

  agentGone(agentId: string, socket: Socket): void {
    if (this.agents.get(agentId) !== (socket as unknown as AgentSocket)) return;
    this.agents.delete(agentId);
    for (const d of this.devices.values()) if (d.agentId === agentId && d.kioskId) this.events.onKioskChanged(d.kioskId);
  }

  /** Health reported by an agent for one of its own devices; false if it is not its device. */
  report(agentId: string, health: DeviceHealth): boolean {
    const d = this.devices.get(health.deviceId);
    if (!d || d.agentId !== agentId) return false;
    d.health = health;
    if (d.kioskId) this.events.onKioskChanged(d.kioskId);
    return true;
  }

  list(): readonly (AnnouncedDevice & { agentId: string; online: boolean; health?: DeviceHealth })[] {
    return [...this.devices.values()].map((d) => ({ ...d, online: this.agents.has(d.agentId) && d.health?.online !== false }));
  }

  devicesOf(agentId: string): readonly AnnouncedDevice[] {
    return [...this.devices.values()].filter((d) => d.agentId === agentId);
  }

  /** Can this kiosk hand out numbers? Only while its printer can print (a kiosk paired without a printer always can). */
  kioskState(kioskId: string, hasPrinter: boolean): KioskState {
    if (!hasPrinter) return { canIssue: true, hasPrinter };
    const printer = [...this.devices.values()].find((d) => d.kind === 'printer' && d.kioskId === kioskId);
    if (!printer) return { canIssue: false, hasPrinter, message: '打印机未连接，暂停取号，请联系工作人员' };
    if (!this.agents.has(printer.agentId) || printer.health?.online === false) {
      return { canIssue: false, hasPrinter, message: '打印机离线，暂停取号，请联系工作人员' };
    }
    if (printer.health?.canPrint === false) {
      return { canIssue: false, hasPrinter, message: `${printer.health.message ?? '打印机故障'}，暂停取号，请联系工作人员` };
    }
    return { canIssue: true, hasPrinter };
  }

  /** The kiosk's newest print result: told again when the kiosk reconnects, as it may have missed it. */
  lastPrinted(kioskId: string): PrintResult | undefined {
    return this.printed.get(kioskId);
  }

  /** Send a job to every device it is for (or only to `deviceId` of those); retried, then raised as an alarm. */
  dispatch(job: PlannedJob, deviceId?: string): void {
    for (const d of this.targets(job)) {
      if (deviceId !== undefined && d.deviceId !== deviceId) continue;
      const full = { ...job, id: `${this.jobPrefix}${++this.jobCounter}`, deviceId: d.deviceId } as DeviceJob;
      d.latestJob = full.id;
      this.attempt(d, full, 0);
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private targets(job: PlannedJob): Known[] {
    const all = [...this.devices.values()];
    switch (job.kind) {
      case 'print':
        return all.filter((d) => d.kind === 'printer' && d.kioskId === job.kioskId);
      case 'display':
        return all.filter((d) => d.kind === 'led' && d.windowNo === job.windowNo);
      case 'keypad':
        return all.filter((d) => d.kind === 'keypad' && d.windowNo === job.windowNo);
    }
  }

  private attempt(d: Known, job: DeviceJob, attempt: number): void {
    if (this.closed || this.devices.get(d.deviceId) !== d) return;
    if (job.kind !== 'print' && d.latestJob !== job.id) return; // superseded
    const socket = this.agents.get(d.agentId);
    const retry = (why: string) => {
      if (attempt + 1 > this.delivery.retries) return this.alarm(d, job, why);
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.attempt(d, job, attempt + 1);
      }, this.delivery.backoffMs * 2 ** attempt);
      this.timers.add(t);
    };
    if (!socket || socket.disconnected) return retry('agent offline');
    socket
      .timeout(this.delivery.timeoutMs)
      .emitWithAck('job:run', job)
      .then(
        (result: JobResult) => {
          if (job.kind === 'print') this.onPrinted(job.kioskId, job.ticket.id, result);
          if (!result.ok) this.log.warn({ job: job.id, deviceId: d.deviceId, result }, 'device job failed');
        },
        () => retry('no acknowledgement'),
      );
  }

  private alarmOf(d: AnnouncedDevice, message: string): DeviceAlarm {
    return {
      deviceId: d.deviceId,
      kind: d.kind,
      ...(d.windowNo !== undefined && { windowNo: d.windowNo }),
      ...(d.kioskId !== undefined && { kioskId: d.kioskId }),
      at: this.clock(),
      message,
    };
  }

  private alarm(d: Known, job: DeviceJob, why: string): void {
    this.log.warn({ deviceId: d.deviceId, job: job.id, why }, 'device job not acknowledged: alarm');
    this.events.onAlarm(this.alarmOf(d, `${deviceLabel(d)}无响应`));
    if (job.kind === 'print') {
      this.onPrinted(job.kioskId, job.ticket.id, { ok: false, code: 'no-ack', message: '打印机无响应，请联系工作人员' });
    }
  }

  private onPrinted(kioskId: string, ticketId: string, result: JobResult): void {
    this.printed.set(kioskId, printResult(ticketId, result));
    this.events.onPrinted(kioskId, ticketId, result);
  }
}
