// The `hallq` command line as a technician meets it: the package's bin, --help with an example for
// every command, --version, and usage mistakes refused in one line with exit code 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BIN, PACKAGE, ROOT, hallq, lines, scratch, type Run } from './run.js';

const COMMANDS = ['hub', 'pair', 'bind', 'passwd', 'pin-hash', 'agent', 'print-test', 'demo'] as const;
const DEMO_HALL = join(ROOT, 'config/demo-hall.yml');

/** Exit 2, nothing on stdout, exactly one line on stderr and no stack frame in it. */
function refusedInOneLine(r: Run, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '');
  assert.equal(lines(r.stderr).length, 1, `one line on stderr, got:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  assert.match(r.stderr, pattern);
}

test('package.json has bin.hallq: a node launcher that exists', () => {
  assert.equal(typeof PACKAGE.bin?.hallq, 'string');
  assert.ok(BIN !== undefined && existsSync(BIN), `${BIN} exists`);
  assert.equal(readFileSync(BIN, 'utf8').split('\n')[0], '#!/usr/bin/env node');
});

test('hallq --help lists every command and exits 0 (run from outside the checkout)', async () => {
  const r = await hallq(['--help'], scratch('help'));
  assert.equal(r.code, 0, r.stderr);
  for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c} `, 'm'), `lists ${c}`);
});

for (const c of COMMANDS) {
  test(`hallq ${c} --help shows its options and an example, exit 0`, async () => {
    const r = await hallq([c, '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^Usage: hallq ${c} `, 'm'));
    assert.match(r.stdout, /^Examples?:$/m);
    assert.match(r.stdout, new RegExp(`^  hallq ${c} --`, 'm'), 'an example line');
    assert.equal(r.stderr, '');
  });
}

test("hallq --version prints package.json's version", async () => {
  const r = await hallq(['--version']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), PACKAGE.version);
});

test('an unknown option is refused in one line, exit 2, no stack trace', async () => {
  refusedInOneLine(await hallq(['hub', '--bogus']), /^hallq hub: /);
  refusedInOneLine(await hallq(['hub', '--config', DEMO_HALL, '--db', 'x.db', '--bogus']), /^hallq hub: unknown option '--bogus'.*hallq hub --help/);
  refusedInOneLine(await hallq(['agent', '--config', 'agent.yml', '--bogus']), /unknown option '--bogus'/);
});

test('an unknown command is refused in one line, exit 2', async () => {
  refusedInOneLine(await hallq(['frobnicate']), /^hallq: unknown command 'frobnicate'/);
});

test('a missing required option is refused in one line, exit 2', async () => {
  refusedInOneLine(await hallq(['pair']), /^hallq pair: required option '--config/);
  refusedInOneLine(await hallq(['pair', '--config', DEMO_HALL, '--db', 'x.db', '--role', 'kiosk']), /required option '--id/);
  refusedInOneLine(await hallq(['print-test', '--config', 'agent.yml']), /required option '--device/);
  refusedInOneLine(await hallq(['pair', '--config', DEMO_HALL, '--db', 'x.db', '--role', 'robot', '--id', 'K1']), /Allowed choices are kiosk, display, agent/);
  refusedInOneLine(await hallq(['pin-hash', '--pin', '12']), /--pin: 4–12 digits/);
});

test('hallq pair prints the token alone on stdout; passwd and pin-hash print their line', async () => {
  const dir = scratch('pair');
  const db = join(dir, 'hall.db');
  const pair = await hallq(['pair', '--config', DEMO_HALL, '--db', db, '--role', 'kiosk', '--id', 'K1', '--name', '1号取号机'], dir);
  assert.equal(pair.code, 0, pair.stderr);
  assert.match(pair.stdout, /^[A-Za-z0-9_-]{32,}\n$/);
  const passwd = await hallq(['passwd', '--config', DEMO_HALL, '--db', db, '--staff', '0101', '--password', 'Binhe#2026'], dir);
  assert.equal(passwd.code, 0, passwd.stderr);
  assert.equal(passwd.stdout, 'password set for 0101\n');
  refusedInOneLine(await hallq(['passwd', '--config', DEMO_HALL, '--db', db, '--staff', '9999', '--password', 'Binhe#2026'], dir), /unknown staff number '9999'/);
  const pin = await hallq(['pin-hash', '--pin', '246810']);
  assert.equal(pin.code, 0, pin.stderr);
  assert.match(pin.stdout, /^kiosk: \{ adminPinHash: "scrypt\$[^"]+" \}\n$/);
});

test('a command that cannot run (its port is taken) says why in one line, exit 1', async (t) => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => taken.close(() => resolve())));
  const address = taken.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const dir = scratch('port');
  const r = await hallq(['hub', '--config', DEMO_HALL, '--db', join(dir, 'hall.db'), '--port', String(port), '--host', '127.0.0.1'], dir);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(lines(r.stderr), [`hallq hub: listen EADDRINUSE: address already in use 127.0.0.1:${port}`]);
});

test('hallq pair --role agent --windows … binds the agent; hallq bind changes it; the hall file is checked', async () => {
  const dir = scratch('bind');
  const db = join(dir, 'hall.db');
  const pair = await hallq(['pair', '--config', DEMO_HALL, '--db', db, '--role', 'agent', '--id', 'PC1', '--windows', '1-3,5', '--kiosks', 'K1'], dir);
  assert.equal(pair.code, 0, pair.stderr);
  assert.match(pair.stdout, /^[A-Za-z0-9_-]{32,}\n$/, 'the token alone on stdout');
  assert.equal(pair.stderr, 'PC1 serves windows 1-3, 5; kiosks K1\n');
  const bind = await hallq(['bind', '--config', DEMO_HALL, '--db', db, '--id', 'PC1', '--windows', '7'], dir);
  assert.equal(bind.code, 0, bind.stderr);
  assert.equal(bind.stdout, 'PC1 serves windows 7\n');
  const { default: Database } = await import('better-sqlite3');
  const read = new Database(db, { readonly: true });
  assert.deepEqual(read.prepare('SELECT window_no FROM agent_windows WHERE agent_id = ?').pluck().all('PC1'), [7]);
  assert.deepEqual(read.prepare('SELECT kiosk_id FROM agent_kiosks WHERE agent_id = ?').pluck().all('PC1'), []);
  read.close();
  refusedInOneLine(await hallq(['bind', '--config', DEMO_HALL, '--db', db, '--id', 'PC1', '--windows', '999'], dir), /the hall file has no window 999/);
  refusedInOneLine(await hallq(['bind', '--config', DEMO_HALL, '--db', db, '--id', 'PC9', '--windows', '1'], dir), /PC9/);
  refusedInOneLine(await hallq(['pair', '--config', DEMO_HALL, '--db', db, '--role', 'kiosk', '--id', 'K2', '--windows', '1'], dir), /--windows and --kiosks are for --role agent only/);
});
