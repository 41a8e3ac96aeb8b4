// The agent's offline outbox: every rating and caller key is on disk (its own SQLite file, WAL,
// synchronous=FULL) BEFORE it is sent, with a requestId made once, so a hub outage or a kill -9
// loses nothing; resent with the same requestId the hub applies it once.
import { randomUUID } from 'node:crypto';
import type { PayloadOf } from '../protocol/commands.js';
import type { agentCommands } from '../protocol/index.js';
import { openDatabase, type WritableDB } from '../../db/connection.js';

export type OutboxEvent = 'keypad:rate' | 'caller:key';
type Payload<E extends OutboxEvent> = Omit<PayloadOf<typeof agentCommands, E>, 'requestId'>;

export type OutboxItem =
  | { readonly seq: number; readonly event: 'keypad:rate'; readonly payload: PayloadOf<typeof agentCommands, 'keypad:rate'>; readonly createdAt: number }
  | { readonly seq: number; readonly event: 'caller:key'; readonly payload: PayloadOf<typeof agentCommands, 'caller:key'>; readonly createdAt: number };

interface Row {
  seq: number;
  event: OutboxEvent;
  payload: string;
  created_at: number;
}

const SCHEMA_VERSION = 1;

export class Outbox {
  readonly #db: WritableDB;
  readonly #insert;
  readonly #first;
  readonly #remove;
  readonly #count;

  constructor(readonly path: string) {
    this.#db = openDatabase(path);
    const version = this.#db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      this.#db.close();
      throw new Error(`${path}: outbox from a newer HallQ (schema ${version}); upgrade HallQ or move the file away`);
    }
    this.#db.exec(`CREATE TABLE IF NOT EXISTS outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      event TEXT NOT NULL,
      payload TEXT NOT NULL,
      created_at INTEGER NOT NULL)`);
    this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
    this.#insert = this.#db.prepare<[string, string, number]>('INSERT INTO outbox (event, payload, created_at) VALUES (?, ?, ?)');
    this.#first = this.#db.prepare<[], Row>('SELECT seq, event, payload, created_at FROM outbox ORDER BY seq LIMIT 1');
    this.#remove = this.#db.prepare<[number]>('DELETE FROM outbox WHERE seq = ?');
    this.#count = this.#db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM outbox');
  }

  /** Stores one command with a fresh requestId; on disk when this returns. */
  add<E extends OutboxEvent>(event: E, payload: Payload<E>, now = Date.now()): OutboxItem {
    const full = { ...payload, requestId: randomUUID() };
    const info = this.#insert.run(event, JSON.stringify(full), now);
    return { seq: Number(info.lastInsertRowid), event, payload: full, createdAt: now } as unknown as OutboxItem;
  }

  /** The oldest command not yet acknowledged. */
  first(): OutboxItem | undefined {
    const row = this.#first.get();
    return row && ({ seq: row.seq, event: row.event, payload: JSON.parse(row.payload) as unknown, createdAt: row.created_at } as OutboxItem);
  }

  remove(seq: number): void {
    this.#remove.run(seq);
  }

  get pending(): number {
    return this.#count.get()?.n ?? 0;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
