// Device jobs from the hub, run on the right driver and answered { ok } or { ok:false, code,
// message (zh-CN) }. The hub retries a job it got no answer for, so each job is run once: a retry
// (same id, same content) gets the first run's answer, and a retried print never prints twice.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { TicketPrint } from '../../drivers/printer/index.js';
import { NO_SHOW_RULE, type DeviceJob, type JobResult, type PrintJob, type TicketKind } from '../protocol/index.js';
import type { AgentDevices } from './devices.js';

const REMEMBER_JOBS = 1000;
const REMEMBER_MS = 30 * 60_000;

const kindLabels: Partial<Record<TicketKind, string>> = { priority: '优先', appointment: '预约', green: '绿色通道', transfer: '转办' };
// One line even on 58 mm paper (32 columns); the same words as the phone page and the kiosk.
export const TICKET_NOTICE = NO_SHOW_RULE;

export function ticketPrint(job: PrintJob): TicketPrint {
  const label = kindLabels[job.ticket.kind];
  return {
    hallName: job.hallName,
    departmentName: job.departmentName,
    serviceName: job.serviceName,
    ticketNumber: job.ticket.number,
    peopleAhead: job.peopleAhead,
    estimatedWaitMinutes: job.estimatedWaitMinutes,
    issuedAt: new Date(job.ticket.issuedAt),
    timeZone: job.timeZone,
    statusUrl: job.statusUrl,
    notice: TICKET_NOTICE,
    reprint: job.reprint,
    ...(label !== undefined && { kindLabel: label }),
  };
}

const fail = (code: string, message: string): JobResult => ({ ok: false, code, message });

export class JobRunner {
  /** Job key (id + content hash, so a reused id never suppresses a different job) → its answer. */
  readonly #seen = new Map<string, { at: number; result: Promise<JobResult> }>();
  /** The ticket each window's evaluation keypad was last asked to rate. */
  readonly #prompted = new Map<number, string>();

  constructor(
    private readonly devices: AgentDevices,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The ticket of the window's last 'rate' prompt, for the rating a press makes. */
  promptedTicket(windowNo: number): string | undefined {
    return this.#prompted.get(windowNo);
  }

  run(job: DeviceJob): Promise<JobResult> {
    const key = `${job.id}:${createHash('sha1').update(JSON.stringify(job)).digest('hex')}`;
    const now = this.clock();
    const seen = this.#seen.get(key);
    if (seen && now - seen.at < REMEMBER_MS) {
      this.log.info({ job: job.id, kind: job.kind }, 'job repeated by the hub: answered from the first run');
      return seen.result;
    }
    const result = this.#run(job).catch((err: unknown): JobResult => {
      this.log.error({ err, job: job.id }, 'job failed unexpectedly');
      return fail('agent-error', '设备执行出错，请联系工作人员');
    });
    this.#seen.set(key, { at: now, result });
    if (this.#seen.size > REMEMBER_JOBS) this.#seen.delete(this.#seen.keys().next().value!);
    return result;
  }

  async #run(job: DeviceJob): Promise<JobResult> {
    const device = this.devices.get(job.deviceId);
    if (!device) return fail('unknown-device', `本机没有设备${job.deviceId}`);
    switch (job.kind) {
      case 'print': {
        if (device.kind !== 'printer') return fail('wrong-device', `设备${job.deviceId}不是打印机`);
        const r = await device.printer.print({ kind: 'ticket', ticket: ticketPrint(job) });
        if (r.ok) return { ok: true };
        return fail(r.code, `打印失败：${r.message}，请联系工作人员`);
      }
      case 'display': {
        if (device.kind !== 'led') return fail('wrong-device', `设备${job.deviceId}不是显示屏`);
        try {
          await device.display.show(job.content);
          return { ok: true };
        } catch (err) {
          this.log.warn({ device: job.deviceId, err: (err as Error).message }, 'display job not shown');
          return fail('display-failed', `${job.windowNo}号窗口显示屏未能显示：${device.display.status().detail ?? (err as Error).message}`.slice(0, 200));
        }
      }
      case 'keypad': {
        if (device.kind !== 'keypad') return fail('wrong-device', `设备${job.deviceId}不是评价器`);
        const pad = device.line.evaluation!;
        if (job.prompt === 'rate' && job.ticketId !== undefined) this.#prompted.set(job.windowNo, job.ticketId);
        try {
          switch (job.prompt) {
            case 'welcome':
              await pad.welcome(device.address, { window: job.windowNo, ...(job.staffId !== undefined && { staffNo: job.staffId }) });
              break;
            case 'rate':
              await pad.prompt(device.address);
              break;
            case 'thanks':
              await pad.thanks(device.address);
              break;
            default: {
              const never: never = job.prompt;
              return fail('bad-job', `未知的评价器指令${String(never)}`);
            }
          }
          return { ok: true };
        } catch (err) {
          this.log.warn({ device: job.deviceId, err: (err as Error).message }, 'keypad job not shown');
          return fail('keypad-failed', `${job.windowNo}号窗口评价器无应答`);
        }
      }
      default: {
        const never: never = job;
        return fail('bad-job', `未知的设备任务${JSON.stringify(never).slice(0, 60)}`);
      }
    }
  }
}
