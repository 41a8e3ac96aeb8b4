// The hub's storage: the hall's repositories (db/) under the hub's command path (commands.ts).
// The only place the hub opens the database.
import { openHallDb } from '../../db/hall-db.js';
import type { Hall, IdSource } from '../queue/index.js';
import { CommandRunner } from './commands.js';
import type { HubStore } from './core.js';
import { randomIds } from './ids.js';
import type { Logger } from 'pino';

export interface HubStoreOptions {
  readonly path: string;
  readonly hall: Hall;
  /** The hub's clock: dates a fresh file's first hall day. */
  readonly now: number;
  /** Production ids unless a test passes counting ones. */
  readonly ids?: IdSource;
  readonly log?: Pick<Logger, 'error'>;
}

export function openHubStore(o: HubStoreOptions): HubStore {
  // Group commit: the hub answers and publishes only after `durable()` (core.ts, bind options).
  const db = openHallDb(o.path, o.hall, { groupCommit: true, ...(o.log && { log: o.log }) });
  try {
    const commands = new CommandRunner(db, db.loadState(o.now), o.ids ?? randomIds());
    return {
      get state() {
        return commands.state;
      },
      get lastSeq() {
        return commands.lastSeq;
      },
      access: db.access,
      reports: db.reports,
      supervision: db.supervision,
      execute: (cmd, actor, now = Date.now(), options) => commands.execute(cmd, actor, now, options),
      answered: (requestId, type, accepts) => commands.answered(requestId, type, accepts),
      auditRefusal: (actor, what, code, detail, now = Date.now()) => commands.auditRefusal(actor, what, code, detail, now),
      eventsSince: (seq, limit) => db.events.since(seq, limit),
      durable: () => db.durable(),
      verifyAuditChain: () => db.audit.verify(),
      secret: (key) => db.settings.secret(key),
      close: () => db.close(),
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
