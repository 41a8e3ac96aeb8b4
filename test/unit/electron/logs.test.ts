// The app's log file on a hall PC that runs for months: written to userData/logs, rotated by size,
// and never more than the kept files on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLog } from '../../../main/electron/logs.js';

test('the log rotates by size like logrotate and keeps only the newest files', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'hallq-logs-')), 'logs');
  const files = createFileLog({ dir, maxBytes: 2048, keep: 3 });
  for (let i = 0; i < 200; i++) files.log.info({ i, note: '叫号 A012 到 3 号窗口'.repeat(2) }, 'line');
  files.log.info({ i: 'last' }, 'the newest line');
  await files.close();
  const names = readdirSync(dir).sort();
  assert.deepEqual(names, ['hallq.log', 'hallq.log.1', 'hallq.log.2', 'hallq.log.3']);
  for (const name of names) assert.ok(statSync(join(dir, name)).size <= 2048, `${name} stays under the size`);
  const current = readFileSync(join(dir, 'hallq.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { i: number | string; msg: string });
  assert.equal(current.at(-1)?.msg, 'the newest line');
  // Lines are whole JSON and nothing is lost between a file and the one rotated before it.
  const previous = readFileSync(join(dir, 'hallq.log.1'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { i: number });
  const firstCurrent = current[0]?.i;
  assert.equal(typeof firstCurrent === 'number' ? firstCurrent - 1 : 199, previous.at(-1)?.i);
});

test('a restarted app appends to the same log and rotates by what is already there', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'hallq-logs-')), 'logs');
  const first = createFileLog({ dir, maxBytes: 1024, keep: 2 });
  first.log.info('before the restart');
  await first.close();
  const second = createFileLog({ dir, maxBytes: 1024, keep: 2 });
  second.log.info('after the restart');
  await second.close();
  const lines = readFileSync(join(dir, 'hallq.log'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { msg: string }).msg);
  assert.deepEqual(lines, ['before the restart', 'after the restart']);
});
