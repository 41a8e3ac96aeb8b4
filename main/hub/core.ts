// The hub's heart, shared by every role: run a command through the store (commands.ts: one
// transaction with its audit and event rows), then — only after the commit — publish its events to
// the hall feed and hand its device jobs to the agents.
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { AccessRepo } from '../../db/access.js';
import type { AuditCheck } from '../../db/audit-chain.js';
import type { Reports } from '../../db/reports.js';
import type { SupervisionRepo } from '../../db/supervision.js';
import type { CommandReply, Failure, Result } from '../protocol/index.js';
import type { CommandOutcome, RunOptions } from './commands.js';
import type { Actor, Command, HallState, Reply } from '../queue/index.js';
import { authorize, type Channel, type ChannelCommand, type Principal, type Subject } from './authorize.js';
import type { DeviceRegistry } from './devices.js';
import type { StoredEvent } from '../../db/event-log.js';
import type { HallFeed } from './feed.js';
import type { BindOptions } from './bind.js';
import { Credentials, type CredentialOptions } from './credentials.js';
import { planJobs } from './jobs.js';
import { RefusalAudit, type RefusalAuditOptions } from './refusal-audit.js';
import { appointmentView, complaintView, ticketView, windowView } from './views.js';

/** What the hub needs of its storage (store.ts: the command path over db/'s repositories). */
export interface HubStore {
  readonly state: HallState;
  readonly lastSeq: number;
  /** Paired devices, staff passwords and sessions. */
  readonly access: AccessRepo;
  /** Read-only queries for exports and reports. */
  readonly reports: Reports;
  /** Alarms and 差评整改 items, each change audited. */
  readonly supervision: SupervisionRepo;
  execute(cmd: Command, actor: Actor, now?: number, options?: RunOptions): CommandOutcome;
  answered(requestId: string, type: Command['type'], accepts: (actorKey: string) => boolean): CommandOutcome | undefined;
  eventsSince(seq: number, limit: number): StoredEvent[];
  /** Resolves once every command committed so far is on disk: nothing answers a client or leaves
   * the hub before (group commit, db/wal-sync.ts). */
  durable(): Promise<void>;
  /** Audit a refusal that never reached the engine (bad token, malformed payload, wrong role). */
  auditRefusal(actor: Actor, what: string, code: string, detail: string, now?: number): void;
  /** Recompute the audit chain against the event log (tests and the admin check use it). */
  verifyAuditChain(): AuditCheck;
  /** A per-hall secret made once and kept (the salt for ID-number hashes). */
  secret(key: string): string;
  close(): void;
}

export interface HubCoreOptions {
  readonly io: Server;
  readonly store: HubStore;
  readonly access: AccessRepo;
  readonly feed: HallFeed;
  readonly devices: DeviceRegistry;
  readonly log: Logger;
  readonly publicUrl: string;
  readonly clock: () => number;
  readonly refusalAudit?: RefusalAuditOptions;
  readonly credentials?: CredentialOptions;
}

export class HubCore {
  readonly io: Server;
  readonly store: HubStore;
  readonly access: AccessRepo;
  readonly feed: HallFeed;
  readonly devices: DeviceRegistry;
  readonly log: Logger;
  readonly publicUrl: string;
  readonly clock: () => number;
  /** Refusals outside the engine, audited within a budget per source (refusal-audit.ts). */
  readonly refusals: RefusalAudit;
  /** Staff passwords, checked and throttled in one place (login, green-channel authorisation). */
  readonly credentials: Credentials;
  private readonly listeners: ((events: readonly StoredEvent[]) => void)[] = [];

  constructor(o: HubCoreOptions) {
    this.io = o.io;
    this.store = o.store;
    this.access = o.access;
    this.feed = o.feed;
    this.devices = o.devices;
    this.log = o.log;
    this.publicUrl = o.publicUrl;
    this.clock = o.clock;
    this.credentials = new Credentials(o.access, (id) => this.state.hall.staff.get(id), o.credentials);
    this.refusals = new RefusalAudit((actor, what, code, detail, now) => this.store.auditRefusal(actor, what, code, detail, now), o.clock, o.refusalAudit);
  }

  get state(): HallState {
    return this.store.state;
  }

  onPublished(listener: (events: readonly StoredEvent[]) => void): void {
    this.listeners.push(listener);
  }

  /** Run one command; answers as the wire contract says. */
  run(cmd: Command, actor: Actor): Result {
    // Anonymous visitors' refusals are audited within the per-source budget, not one row each.
    const anonymous = actor.role === 'visitor';
    const result = this.store.execute(cmd, actor, this.clock(), { recordRefusal: !anonymous });
    // A new hall day opened on the way is published even when the command itself is refused.
    if (result.opened) this.publish(result.opened);
    if (!result.ok && anonymous) this.auditRefusal(actor, cmd.type, result.code, result.message);
    return this.answer(result);
  }

  /**
   * Run a command after the hub's own checks (`check`: a refusal, or undefined to go on) — unless
   * it already ran: a screen or an agent resending after a lost answer gets the first answer, even
   * though the hall has changed since (the printer ran out, the window signed out, the ticket moved on).
   */
  runChecked(cmd: Command, actor: Actor, check: () => Failure | undefined, ranAs?: (actorKey: string) => boolean): Result {
    return this.answered(cmd.requestId, cmd.type, ranAs ?? actor) ?? check() ?? this.run(cmd, actor);
  }

  /** The first answer to a command already run, or undefined: ask it before checks whose outcome may have changed since. */
  answered(requestId: string, type: Command['type'], ranAs: Actor | ((actorKey: string) => boolean)): Result | undefined {
    const accepts = typeof ranAs === 'function' ? ranAs : (key: string) => key === `${ranAs.role}:${ranAs.id}`;
    const prior = this.store.answered(requestId, type, accepts);
    return prior && this.answer(prior);
  }

  private answer(result: CommandOutcome): Result {
    if (!result.ok) return { ok: false, code: result.code, message: result.message };
    // A repeated requestId answers again but must not print, announce or show a second time.
    if (!result.replayed) this.publish(result.events);
    const last = result.events[result.events.length - 1];
    return { ok: true, ...this.replyView(result.reply), ...(last && { seq: last.seq }) };
  }

  /** A refusal the hub decides itself (not the engine): audited like the engine's. */
  refuse(actor: Actor, what: string, code: string, message: string, detail = message): Failure {
    this.auditRefusal(actor, what, code, detail);
    return { ok: false, code, message };
  }

  /** Ask `authorize` before running a command; a refusal is audited like any other and is the answer. */
  denied<C extends Channel>(actor: Actor, who: Principal, channel: C, command: ChannelCommand<C>, subject?: Subject): Failure | undefined {
    const verdict = authorize(this.state, who, channel, command, subject);
    return verdict.ok ? undefined : this.refuse(actor, command, verdict.code, verdict.message, verdict.detail);
  }

  /** How a role's command table reports refused payloads and unknown events (audited as `actor`),
   * and waits before each answer until what the command committed is on disk. */
  bindOptions(actor: Actor): BindOptions {
    return {
      log: this.log,
      onRejected: (event, code, detail) => this.auditRefusal(actor, event, code, detail),
      beforeAnswer: () => this.store.durable(),
    };
  }

  /** Audit a refusal that never reached the engine; anonymous clients are named by their address. */
  auditRefusal(actor: Actor, what: string, code: string, detail: string): void {
    try {
      this.refusals.record(actor, what, code, detail);
    } catch (err) {
      // The refusal stands even if it cannot be written (disk full): never throw into a handler.
      this.log.error({ err, what, code }, 'could not audit a refusal');
    }
  }

  /** Only once the commit is on disk: to the hall feed, the devices and the listeners, in seq order
   * (each waits for the fsync after its commit, and they resolve in order), and before the command's
   * own answer (bind waits for the same fsync, later). A failure here is logged, never thrown back
   * into the command (it is committed and its answer must reach the client). */
  publish(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    void this.store.durable().then(() => this.publishNow(events));
  }

  private publishNow(events: readonly StoredEvent[]): void {
    const guard = (what: string, f: () => void) => {
      try {
        f();
      } catch (err) {
        this.log.error({ err, seq: events[0]?.seq }, what);
      }
    };
    guard('feed publish failed', () => this.feed.publish(events));
    for (const e of events) {
      guard('device jobs failed', () => {
        for (const job of planJobs(this.state, e, this.publicUrl)) this.devices.dispatch(job);
      });
    }
    for (const l of this.listeners) guard('event listener failed', () => l(events));
  }

  replyView(r: Reply): CommandReply {
    return {
      ...(r.ticket && { ticket: ticketView(r.ticket) }),
      ...(r.window && { window: windowView(this.state, r.window) }),
      ...(r.appointment && { appointment: appointmentView(r.appointment) }),
      ...(r.complaint && { complaint: complaintView(r.complaint) }),
      ...(r.peopleAhead !== undefined && { peopleAhead: r.peopleAhead }),
      ...(r.estimatedWaitMinutes !== undefined && { estimatedWaitMinutes: r.estimatedWaitMinutes }),
      ...(r.becameNoShow !== undefined && { becameNoShow: r.becameNoShow }),
    };
  }
}
