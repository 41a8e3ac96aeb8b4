// Opening a hall's database: the one door to db/. The hub gets repositories and a unit of work over
// a writable handle; reports and tests get a read-only handle. The raw connection stays in here.
import type { Hall, HallState } from '../main/queue/index.js';
import { AccessRepo } from './access.js';
import { AuditChain } from './audit-chain.js';
import { migrate, openDatabase, type ReadableDB } from './connection.js';
import { EventLog } from './event-log.js';
import { Idempotency } from './idempotency.js';
import { loadState, syncModel } from './loader.js';
import { Projections } from './projections.js';
import { Reports } from './reports.js';
import { Settings } from './settings.js';
import { SupervisionRepo } from './supervision.js';
import { WalSync } from './wal-sync.js';
import type { Logger } from 'pino';

export interface HallDb {
  readonly events: EventLog;
  readonly audit: AuditChain;
  readonly projections: Projections;
  readonly idempotency: Idempotency;
  readonly settings: Settings;
  readonly access: AccessRepo;
  readonly reports: Reports;
  /** Alarms and 差评整改 items (the supervision console). */
  readonly supervision: SupervisionRepo;
  /** Run `work` as one IMMEDIATE transaction: every write in it lands, or none does. */
  atomically<T>(work: () => T): T;
  /** Resolves once every transaction committed so far is on disk (group commit: wal-sync.ts;
   * at once when each commit syncs itself). */
  durable(): Promise<void>;
  /** The hall as the file holds it (start-up; `now` dates a fresh file's first hall day). */
  loadState(now: number): HallState;
  close(): void;
}

export interface HallDbOptions {
  /** Commit without an fsync and sync the WAL once for all commits waiting (the hub: wal-sync.ts);
   * the caller must wait for `durable()` before telling anyone. Default: every commit syncs itself. */
  readonly groupCommit?: boolean;
  readonly log?: Pick<Logger, 'error'>;
}

/** Open (creating and migrating) a hall's file and bring its model tables in line with `hall`. */
export function openHallDb(path: string, hall: Hall, options: HallDbOptions = {}): HallDb {
  const db = openDatabase(path);
  try {
    const grouped = options.groupCommit === true && path !== ':memory:';
    // NORMAL in WAL mode: a commit is whole and ordered but not yet synced; WalSync syncs it.
    if (grouped) db.pragma('synchronous = NORMAL');
    const wal = grouped ? new WalSync(`${path}-wal`, options.log) : undefined;
    migrate(db);
    syncModel(db, hall);
    const events = new EventLog(db);
    // Reports read over their own read-only connection: a slow export never holds the writer's, and
    // cannot write. A throwaway in-memory hall has one connection only, so it reads there.
    const reader = path === ':memory:' ? undefined : openHallReader(path);
    const audit = new AuditChain(db, events);
    return {
      events,
      audit,
      projections: new Projections(db),
      idempotency: new Idempotency(db),
      settings: new Settings(db),
      access: new AccessRepo(db),
      reports: new Reports(reader ?? db),
      supervision: new SupervisionRepo(db, audit, reader ?? db),
      atomically: (work) => db.transaction(work).immediate(),
      durable: () => wal?.durable() ?? Promise.resolve(),
      loadState: (now) => loadState(db, hall, now),
      close: () => {
        void wal?.close();
        if (reader?.open) reader.close();
        if (db.open) db.close();
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** A read-only handle on an existing hall file (reports, checks, tests): it cannot change a byte. */
export function openHallReader(path: string): ReadableDB {
  return openDatabase(path, { readonly: true });
}
