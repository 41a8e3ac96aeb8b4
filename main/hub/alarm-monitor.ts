// The hub's alarm monitor (效能监察): every few seconds it asks the pure alarm engine
// (main/queue/alarms.ts) what the hall alarms now, compares that with the alarms stored as active,
// stores and audits what was raised, escalated or resolved (db/supervision.ts), and tells the
// overseers. The engine holds no memory; the monitor adds only what the hall state cannot tell it:
// since when each device has been offline, short of paper or open.
import type { AlarmView } from '../protocol/index.js';
import { addDays } from '../rules/index.js';
import { diffAlarms, hallAlarms, type Alarm, type DeviceStatus, type OpenFollowUp } from '../queue/index.js';
import type { Actor } from '../queue/index.js';
import type { HubCore } from './core.js';
import { nextDayStarts } from './day.js';
import { deviceLabel, type DeviceRegistry } from './devices.js';
import { tellOverseers } from './roles/supervise.js';

/** The audit's name for the monitor: alarms are the hub's own observations, like the clock's new day. */
export const MONITOR: Actor = { role: 'system', id: 'alarm-monitor' };

/** An engine alarm as stored and sent: first seen at `raisedAt`. */
export function alarmView(a: Alarm, raisedAt: number): AlarmView {
  return {
    key: a.key,
    kind: a.kind,
    severity: a.severity,
    subject: a.subject,
    ...(a.department !== undefined && { department: a.department }),
    text: a.text,
    ...(a.suggestion && { suggestion: { windowNos: a.suggestion.windows.map((w) => w.windowNo), text: a.suggestion.text } }),
    since: a.since,
    raisedAt,
  };
}

/** Remembers since when each device condition has held (the registry keeps only the latest report). */
class DeviceWatch {
  private readonly since = new Map<string, number>();

  statuses(devices: DeviceRegistry, now: number): DeviceStatus[] {
    const seen = new Set<string>();
    const first = (key: string) => {
      seen.add(key);
      const at = this.since.get(key) ?? now;
      this.since.set(key, at);
      return at;
    };
    const out = devices.list().map((d): DeviceStatus => {
      const paper = d.health?.paper;
      return {
        deviceId: d.deviceId,
        kind: d.kind,
        label: deviceLabel(d),
        ...(d.windowNo !== undefined && { windowNo: d.windowNo }),
        ...(d.kioskId !== undefined && { kioskId: d.kioskId }),
        ...(!d.online && { offlineSince: first(`${d.deviceId}:offline`) }),
        ...((paper === 'near-end' || paper === 'out') && { paper: { state: paper, since: first(`${d.deviceId}:paper:${paper}`) } }),
        ...(d.health?.coverOpen === true && { coverOpenSince: first(`${d.deviceId}:cover`) }),
      };
    });
    for (const key of this.since.keys()) if (!seen.has(key)) this.since.delete(key);
    return out;
  }
}

export interface AlarmMonitor {
  /** Evaluate now (the timer does this every interval; tests and commands may call it too). */
  check(): void;
  stop(): void;
}

/** Start evaluating every `intervalMs` on the hub's clock; returns the monitor (stop it on close). */
export function startAlarmMonitor(hub: HubCore, intervalMs = 5000): AlarmMonitor {
  const devices = new DeviceWatch();
  const repo = hub.store.supervision;
  const check = () => {
    try {
      const now = hub.clock();
      const state = hub.state;
      const followUps = repo.openFollowUps().map(
        (f): OpenFollowUp => ({
          id: f.id,
          ticketId: f.ticketId,
          ticketNumber: f.ticketNumber,
          dueDay: f.dueDay,
          ...(f.department !== undefined && { department: f.department }),
          ...(f.ownerId !== undefined && { ownerId: f.ownerId }),
        }),
      );
      const settings = state.hall.config.supervision;
      const signals = {
        followUps,
        // The hall day's complaints (filed since it began).
        complaints: repo.complaintsSince(nextDayStarts(hub, addDays(state.day, -1))),
        loginFailures: hub.credentials.recentFailures(now - settings.loginFailures.withinMinutes * 60_000),
      };
      const next = hallAlarms(state, devices.statuses(hub.devices, now), now, settings, signals);
      const stored = repo.activeAlarms();
      const diff = diffAlarms(stored, next);
      if (diff.raised.length + diff.escalated.length + diff.resolved.length === 0) return;
      const raised = diff.raised.map((a) => alarmView(a, now));
      const storedByKey = new Map(stored.map((a) => [a.key, a]));
      // An escalation keeps when the condition was first seen; only its severity and text move.
      const escalated = diff.escalated.map((a) => ({ ...(storedByKey.get(a.key) ?? alarmView(a, now)), severity: a.severity, text: a.text, escalatedAt: now }));
      repo.recordAlarms({ raised, escalated, resolved: diff.resolved.map((a) => a.key) }, MONITOR, now);
      for (const a of [...raised, ...escalated]) tellOverseers(hub, 'alarm:changed', a, a.department);
      for (const a of diff.resolved) tellOverseers(hub, 'alarm:changed', { ...a, resolvedAt: now }, a.department);
    } catch (err) {
      hub.log.error({ err }, 'alarm check failed');
    }
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  check();
  return { check, stop: () => clearInterval(timer) };
}
