// The hub's heart, shared by every role: run a command through the store (one transaction with
// its audit and event rows), then — only after the commit — publish its events to the hall feed
// and hand its device jobs to the agents.
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { Database } from 'better-sqlite3';
import type { AccessRepo } from '../../db/access.js';
import type { CommandReply, Failure, Result } from '../protocol/index.js';
import type { Actor, Command, HallState, Refusal, Reply } from '../queue/index.js';
import { authorize, type Channel, type ChannelCommand, type Principal, type Subject } from './authorize.js';
import type { DeviceRegistry } from './devices.js';
import type { HallFeed, StoredEvent } from './feed.js';
import { planJobs } from './jobs.js';
import { appointmentView, complaintView, ticketView, windowView } from './views.js';

/** What the hub needs of the store (db/store.ts). */
export interface HubStore {
  readonly db: Database;
  readonly state: HallState;
  readonly lastSeq: number;
  execute(cmd: Command, actor: Actor, now?: number): ({ ok: true; reply: Reply; events: readonly StoredEvent[]; replayed: boolean }) | Refusal;
  eventsSince(seq: number, limit: number): StoredEvent[];
  /** Audit a refusal that never reached the engine (bad token, malformed payload, wrong role). */
  auditRefusal(actor: Actor, what: string, code: string, detail: string, now?: number): void;
  /** Recompute the audit chain against the event log (tests and the admin check use it). */
  verifyAuditChain(): { ok: true; rows: number } | { ok: false; brokenAt: number; reason: string };
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
  }

  get state(): HallState {
    return this.store.state;
  }

  onPublished(listener: (events: readonly StoredEvent[]) => void): void {
    this.listeners.push(listener);
  }

  /** Run one command; answers as the wire contract says. */
  run(cmd: Command, actor: Actor): Result {
    const result = this.store.execute(cmd, actor, this.clock());
    if (!result.ok) return { ok: false, code: result.code, message: result.message };
    // A repeated requestId answers again but must not print, announce or show a second time.
    if (!result.replayed) this.publish(result.events);
    const last = result.events[result.events.length - 1];
    return { ok: true, ...this.replyView(result.reply), ...(last && { seq: last.seq }) };
  }

  /** A refusal the hub decides itself (not the engine): audited like the engine's. */
  refuse(actor: Actor, what: string, code: string, message: string, detail = message): Failure {
    this.store.auditRefusal(actor, what, code, detail, this.clock());
    return { ok: false, code, message };
  }

  /** Ask `authorize` before running a command; a refusal is audited like any other and is the answer. */
  denied<C extends Channel>(actor: Actor, who: Principal, channel: C, command: ChannelCommand<C>, subject?: Subject): Failure | undefined {
    const verdict = authorize(this.state, who, channel, command, subject);
    return verdict.ok ? undefined : this.refuse(actor, command, verdict.code, verdict.message, verdict.detail);
  }

  publish(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    this.feed.publish(events);
    for (const e of events) {
      for (const job of planJobs(this.state, e, this.publicUrl)) this.devices.dispatch(job);
    }
    for (const l of this.listeners) {
      try {
        l(events);
      } catch (err) {
        this.log.error({ err }, 'event listener failed');
      }
    }
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
