// Invariant 2: an acknowledged ticket survives kill -9. A child issues tickets in a loop and
// prints each only after the commit; we SIGKILL it at random moments, reopen the file and check
// every acknowledged ticket is there, the event log has no gap, the audit chain holds and the
// numbering goes on without a duplicate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHubStore } from '../../../main/hub/store.js';
import { closeSql, sql } from '../../helpers/sql.js';
import { at, smallHall } from '../../helpers/small-hall.js';

const writer = fileURLToPath(new URL('../../fixtures/crash-writer.ts', import.meta.url));
const hall = smallHall();

interface Ack {
  id: string;
  number: string;
  seq: number;
}

/** Run the writer until `ready`, let it write for `ms`, SIGKILL it; the acks it printed. */
function runAndKill(path: string, start: number, ms: number): Promise<{ acks: Ack[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, path, String(start)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    const startup = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('crash-writer did not get ready within 15 s'));
    }, 15_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (timer === undefined && out.startsWith('ready\n')) {
        clearTimeout(startup);
        timer = setTimeout(() => child.kill('SIGKILL'), ms);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(startup);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`crash-writer ended by itself (code ${code})`));
      // Only whole lines: a line cut by the kill was acknowledged but not fully read.
      const acks = out
        .split('\n')
        .slice(0, -1)
        .filter((l) => l.startsWith('ack '))
        .map((l) => {
          const [, id, number, seq] = l.split(' ');
          return { id: id as string, number: number as string, seq: Number(seq) };
        });
      resolve({ acks, signal });
    });
  });
}

test('acknowledged tickets survive kill -9 at random moments; the logs stay whole', { timeout: 120_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-crash-'));
  const path = join(dir, 'hall.db');
  const acked = new Map<string, Ack>();
  try {
    for (let round = 0; round < 5; round++) {
      const start = at('10:00') + round * 600_000;
      const ms = 200 + Math.floor(Math.random() * 600);
      const { acks } = await runAndKill(path, start, ms);
      for (const a of acks) acked.set(a.id, a);
      t.diagnostic(`round ${round}: killed after ${ms} ms, ${acks.length} tickets acknowledged`);

      const store = openHubStore({ path, hall, now: start });
      try {
        // Every acknowledged ticket is there, with its number.
        const find = sql(path).prepare<[string], { number: string }>('SELECT number FROM tickets WHERE id = ?');
        for (const a of acked.values()) assert.equal(find.get(a.id)?.number, a.number, `round ${round}: acknowledged ${a.number} (${a.id}) is in the database`);
        // The event log is 1..N without a gap, and holds every acknowledged seq.
        const seqs = sql(path).prepare('SELECT COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi FROM event_log').get() as { n: number; lo: number; hi: number };
        assert.equal(seqs.lo, 1);
        assert.equal(seqs.hi, seqs.n, `round ${round}: no gap in 1..${seqs.hi}`);
        assert.equal(store.lastSeq, seqs.hi);
        for (const a of acks) assert.ok(a.seq <= seqs.hi);
        assert.deepEqual(store.verifyAuditChain(), { ok: true, rows: sql(path).prepare('SELECT COUNT(*) FROM audit_log').pluck().get() });
        // The next issue continues the numbering; no number was given twice.
        for (const [serviceCode, prefix] of [['GS-01', 'A'], ['DS-01', 'B']] as const) {
          const max = (sql(path).prepare('SELECT MAX(seq) FROM tickets WHERE day = ? AND prefix = ?').pluck().get(store.state.day, prefix) as number | null) ?? 0;
          const next = store.execute({ type: 'issue', serviceCode, kind: 'normal', requestId: `check-${round}-${prefix}` }, { role: 'kiosk', id: 'check' }, start + 300_000);
          assert.ok(next.ok, `round ${round}: issue after the crash`);
          assert.equal(next.reply.ticket?.seq, max + 1, `round ${round}: ${prefix} numbering goes on from ${max}`);
        }
        const dupes = sql(path).prepare('SELECT COUNT(*) FROM (SELECT day, number, leg FROM tickets GROUP BY day, number, leg HAVING COUNT(*) > 1)').pluck().get();
        assert.equal(dupes, 0);
      } finally {
        closeSql(path);
        store.close();
      }
    }
    assert.ok(acked.size > 0, 'the writer acknowledged tickets before being killed');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
