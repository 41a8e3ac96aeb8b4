// Per-hall settings kept in the file itself, e.g. the salt for ID-number hashes.
import { randomBytes } from 'node:crypto';
import type { WritableDB } from './connection.js';

export class Settings {
  private readonly q;

  constructor(db: WritableDB) {
    this.q = {
      get: db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck(),
      add: db.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)'),
    };
  }

  /** A per-hall secret, made once and kept. */
  secret(key: string): string {
    const found = this.q.get.get(`secret:${key}`);
    if (found !== undefined) return found;
    this.q.add.run(`secret:${key}`, randomBytes(32).toString('base64url'));
    return this.q.get.get(`secret:${key}`)!;
  }
}
