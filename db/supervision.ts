// The supervision console's tables (效能监察): alarms and 差评整改 items. Every change is written
// with its audit row in one transaction, so the chain accounts for who raised, acknowledged,
// called back, closed or appealed what. Searches read over the reports' read-only handle.
import type { Actor, Complaint } from '../main/queue/index.js';
import type { AlarmView, FollowUpView } from '../main/protocol/index.js';
import type { AuditChain } from './audit-chain.js';
import type { ReadableDB, WritableDB } from './connection.js';

interface AlarmRow {
  key: string;
  kind: string;
  severity: 'amber' | 'red';
  subject: string;
  department: string | null;
  text: string;
  suggestion: string | null;
  since: number;
  raised_at: number;
  escalated_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  resolved_at: number | null;
}

interface FollowUpRow {
  id: string;
  ticket_id: string;
  ticket_number: string;
  level: number;
  service_code: string;
  department: string | null;
  window_no: number | null;
  staff_id: string | null;
  owner_id: string | null;
  opened_at: number;
  due_day: string;
  callback_reached: number | null;
  callback_note: string | null;
  callback_at: number | null;
  callback_by: string | null;
  rectification: string | null;
  rectified_at: number | null;
  rectified_by: string | null;
  closed_at: number | null;
  closed_by: string | null;
  appeal_reason: string | null;
  appeal_at: number | null;
  appeal_by: string | null;
  appeal_upheld: number | null;
  appeal_note: string | null;
  appeal_decided_by: string | null;
  appeal_decided_at: number | null;
}

/** A 差评整改 item to open (the hub decides owner and due day). */
export type NewFollowUp = Pick<FollowUpView, 'id' | 'ticketId' | 'ticketNumber' | 'level' | 'serviceCode' | 'department' | 'windowNo' | 'staffId' | 'ownerId' | 'openedAt' | 'dueDay'>;

/** What one evaluation of the alarm engine changed, as the hub stores it. */
export interface AlarmChanges {
  readonly raised: readonly AlarmView[];
  readonly escalated: readonly AlarmView[];
  readonly resolved: readonly string[];
}

export interface AlarmSearch {
  readonly from?: number;
  readonly to?: number;
  readonly department?: string;
  readonly kind?: string;
  readonly limit?: number;
}

const ALARM_COLUMNS = 'key, kind, severity, subject, department, text, suggestion, since, raised_at, escalated_at, acknowledged_at, acknowledged_by, resolved_at';

function alarmView(r: AlarmRow): AlarmView {
  return {
    key: r.key,
    kind: r.kind,
    severity: r.severity,
    subject: JSON.parse(r.subject) as AlarmView['subject'],
    ...(r.department !== null && { department: r.department }),
    text: r.text,
    ...(r.suggestion !== null && { suggestion: JSON.parse(r.suggestion) as NonNullable<AlarmView['suggestion']> }),
    since: r.since,
    raisedAt: r.raised_at,
    ...(r.escalated_at !== null && { escalatedAt: r.escalated_at }),
    ...(r.acknowledged_at !== null && { acknowledged: { by: r.acknowledged_by ?? '', at: r.acknowledged_at } }),
    ...(r.resolved_at !== null && { resolvedAt: r.resolved_at }),
  };
}

function followUpView(r: FollowUpRow): FollowUpView {
  const decided = r.appeal_decided_at !== null;
  return {
    id: r.id,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    level: r.level,
    serviceCode: r.service_code,
    ...(r.department !== null && { department: r.department }),
    ...(r.window_no !== null && { windowNo: r.window_no }),
    ...(r.staff_id !== null && { staffId: r.staff_id }),
    ...(r.owner_id !== null && { ownerId: r.owner_id }),
    openedAt: r.opened_at,
    dueDay: r.due_day,
    ...(r.callback_at !== null && { callback: { reached: r.callback_reached === 1, note: r.callback_note ?? '', at: r.callback_at, by: r.callback_by ?? '' } }),
    ...(r.rectified_at !== null && { rectification: { note: r.rectification ?? '', at: r.rectified_at, by: r.rectified_by ?? '' } }),
    ...(r.closed_at !== null && { closed: { at: r.closed_at, by: r.closed_by ?? '' } }),
    ...(r.appeal_at !== null && {
      appeal: {
        reason: r.appeal_reason ?? '',
        at: r.appeal_at,
        by: r.appeal_by ?? '',
        ...(decided && {
          decision: { upheld: r.appeal_upheld === 1, note: r.appeal_note ?? '', by: r.appeal_decided_by ?? '', at: r.appeal_decided_at ?? 0 },
        }),
      },
    }),
  };
}

const audited = (what: string, detail: object) => JSON.stringify({ what, ...detail });

export class SupervisionRepo {
  private readonly q;
  private readonly r;

  constructor(
    private readonly db: WritableDB,
    private readonly audit: AuditChain,
    reader: ReadableDB,
  ) {
    this.q = {
      active: db.prepare<[], AlarmRow>(`SELECT ${ALARM_COLUMNS} FROM alarms WHERE resolved_at IS NULL ORDER BY id`),
      activeByKey: db.prepare<[string], AlarmRow>(`SELECT ${ALARM_COLUMNS} FROM alarms WHERE key = ? AND resolved_at IS NULL`),
      raise: db.prepare(
        `INSERT INTO alarms (key, kind, severity, subject, department, text, suggestion, since, raised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) WHERE resolved_at IS NULL DO NOTHING`,
      ),
      escalate: db.prepare('UPDATE alarms SET severity = ?, text = ?, escalated_at = ? WHERE key = ? AND resolved_at IS NULL'),
      resolve: db.prepare('UPDATE alarms SET resolved_at = ? WHERE key = ? AND resolved_at IS NULL'),
      acknowledge: db.prepare('UPDATE alarms SET acknowledged_at = ?, acknowledged_by = ? WHERE key = ? AND resolved_at IS NULL AND acknowledged_at IS NULL'),
      openFollowUp: db.prepare(
        `INSERT INTO follow_ups (id, ticket_id, ticket_number, level, service_code, department, window_no, staff_id, owner_id, opened_at, due_day)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ticket_id) DO NOTHING`,
      ),
      followUp: db.prepare<[string], FollowUpRow>('SELECT * FROM follow_ups WHERE id = ?'),
      followUpOfTicket: db.prepare<[string], FollowUpRow>('SELECT * FROM follow_ups WHERE ticket_id = ?'),
      openFollowUps: db.prepare<[], FollowUpRow>('SELECT * FROM follow_ups WHERE closed_at IS NULL ORDER BY due_day, opened_at'),
      callback: db.prepare('UPDATE follow_ups SET callback_reached = ?, callback_note = ?, callback_at = ?, callback_by = ? WHERE id = ?'),
      rectify: db.prepare('UPDATE follow_ups SET rectification = ?, rectified_at = ?, rectified_by = ? WHERE id = ?'),
      close: db.prepare('UPDATE follow_ups SET closed_at = ?, closed_by = ? WHERE id = ? AND closed_at IS NULL'),
      appeal: db.prepare('UPDATE follow_ups SET appeal_reason = ?, appeal_at = ?, appeal_by = ? WHERE id = ?'),
      complaints: db.prepare<[number], { id: string; at: number; ticket_id: string | null; window_no: number | null; staff_id: string | null; text: string }>(
        'SELECT id, at, ticket_id, window_no, staff_id, text FROM complaints WHERE at >= ? ORDER BY at LIMIT 500',
      ),
      decide: db.prepare('UPDATE follow_ups SET appeal_upheld = ?, appeal_note = ?, appeal_decided_by = ?, appeal_decided_at = ? WHERE id = ?'),
    };
    this.r = {
      search: reader.prepare<[number, number, string | null, string | null, string | null, string | null, number], AlarmRow>(
        `SELECT ${ALARM_COLUMNS} FROM alarms WHERE raised_at >= ? AND raised_at < ?
           AND (? IS NULL OR department = ?) AND (? IS NULL OR kind = ?) ORDER BY raised_at DESC, id DESC LIMIT ?`,
      ),
    };
  }

  /** The alarms not yet resolved, oldest first. */
  activeAlarms(): AlarmView[] {
    return this.q.active.all().map(alarmView);
  }

  activeAlarm(key: string): AlarmView | undefined {
    const row = this.q.activeByKey.get(key);
    return row && alarmView(row);
  }

  /** Store one evaluation's transitions, each with its audit row (actor: the hub's alarm monitor). */
  recordAlarms(changes: AlarmChanges, actor: Actor, at: number): void {
    const row = (a: AlarmView) => ({ key: a.key, kind: a.kind, severity: a.severity, department: a.department ?? null, text: a.text });
    this.db.transaction(() => {
      for (const a of changes.raised) {
        const stored = this.q.raise.run(
          a.key, a.kind, a.severity, JSON.stringify(a.subject), a.department ?? null, a.text,
          a.suggestion ? JSON.stringify(a.suggestion) : null, a.since, a.raisedAt,
        );
        if (stored.changes > 0) this.append(actor, at, null, audited('alarm.raised', row(a)));
      }
      for (const a of changes.escalated) {
        if (this.q.escalate.run(a.severity, a.text, at, a.key).changes > 0) this.append(actor, at, null, audited('alarm.escalated', row(a)));
      }
      for (const key of changes.resolved) {
        if (this.q.resolve.run(at, key).changes > 0) this.append(actor, at, null, audited('alarm.resolved', { key }));
      }
    }).immediate();
  }

  /** Mark an active alarm acknowledged; false when it is gone or was acknowledged already. */
  acknowledge(key: string, actor: Actor, requestId: string, at: number): AlarmView | undefined {
    return this.db.transaction(() => {
      if (this.q.acknowledge.run(at, actor.id, key).changes === 0) return undefined;
      this.append(actor, at, requestId, audited('alarm.acknowledged', { key }));
      return this.activeAlarm(key);
    }).immediate();
  }

  /** Complaints filed since `at` (the day's, for the alarm engine; there is no closing them yet). */
  complaintsSince(at: number): Complaint[] {
    return this.q.complaints.all(at).map((r) => ({
      id: r.id,
      at: r.at,
      text: r.text,
      ...(r.ticket_id !== null && { ticketId: r.ticket_id }),
      ...(r.window_no !== null && { windowNo: r.window_no }),
      ...(r.staff_id !== null && { staffId: r.staff_id }),
    }));
  }

  /** Alarms raised in [from, to), newest first (the console's search; read-only handle). */
  searchAlarms(s: AlarmSearch = {}): AlarmView[] {
    const dept = s.department ?? null;
    const kind = s.kind ?? null;
    return this.r.search.all(s.from ?? 0, s.to ?? Number.MAX_SAFE_INTEGER, dept, dept, kind, kind, Math.min(s.limit ?? 200, 1000)).map(alarmView);
  }

  /** Open a 差评整改 item; undefined when the ticket has one already (a replayed rating). */
  openFollowUp(f: NewFollowUp, actor: Actor): FollowUpView | undefined {
    return this.db.transaction(() => {
      const inserted = this.q.openFollowUp.run(
        f.id, f.ticketId, f.ticketNumber, f.level, f.serviceCode, f.department ?? null, f.windowNo ?? null,
        f.staffId ?? null, f.ownerId ?? null, f.openedAt, f.dueDay,
      );
      if (inserted.changes === 0) return undefined;
      this.append(actor, f.openedAt, null, audited('followUp.opened', { id: f.id, ticketId: f.ticketId, level: f.level, ownerId: f.ownerId ?? null, dueDay: f.dueDay }));
      return this.followUp(f.id);
    }).immediate();
  }

  followUp(id: string): FollowUpView | undefined {
    const row = this.q.followUp.get(id);
    return row && followUpView(row);
  }

  followUpOfTicket(ticketId: string): FollowUpView | undefined {
    const row = this.q.followUpOfTicket.get(ticketId);
    return row && followUpView(row);
  }

  /** Items not yet closed, soonest due first. */
  openFollowUps(): FollowUpView[] {
    return this.q.openFollowUps.all().map(followUpView);
  }

  recordCallback(id: string, reached: boolean, note: string, actor: Actor, requestId: string, at: number): FollowUpView | undefined {
    return this.change(id, actor, requestId, at, audited('followUp.callback', { id, reached, note }), () => this.q.callback.run(reached ? 1 : 0, note, at, actor.id, id));
  }

  recordRectification(id: string, note: string, actor: Actor, requestId: string, at: number): FollowUpView | undefined {
    return this.change(id, actor, requestId, at, audited('followUp.rectified', { id, note }), () => this.q.rectify.run(note, at, actor.id, id));
  }

  close(id: string, actor: Actor, requestId: string, at: number, why = 'followUp.closed'): FollowUpView | undefined {
    return this.change(id, actor, requestId, at, audited(why, { id }), () => this.q.close.run(at, actor.id, id));
  }

  appeal(id: string, reason: string, actor: Actor, requestId: string, at: number): FollowUpView | undefined {
    return this.change(id, actor, requestId, at, audited('rating.appealed', { id, reason }), () => this.q.appeal.run(reason, at, actor.id, id));
  }

  /** The supervisor's decision on an appeal; upheld (the rating was mistaken or malicious) closes the item too. */
  decideAppeal(id: string, upheld: boolean, note: string, actor: Actor, requestId: string, at: number): FollowUpView | undefined {
    return this.change(id, actor, requestId, at, audited('rating.appealDecided', { id, upheld, note }), () => {
      const r = this.q.decide.run(upheld ? 1 : 0, note, actor.id, at, id);
      if (upheld) this.q.close.run(at, actor.id, id);
      return r;
    });
  }

  private change(id: string, actor: Actor, requestId: string, at: number, command: string, write: () => { changes: number }): FollowUpView | undefined {
    return this.db.transaction(() => {
      if (write().changes === 0) return undefined;
      this.append(actor, at, requestId, command);
      return this.followUp(id);
    }).immediate();
  }

  private append(actor: Actor, at: number, requestId: string | null, command: string): void {
    this.audit.append({ at, actor, requestId, command, outcome: 'ok', events: [] });
  }
}
