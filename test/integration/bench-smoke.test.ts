// The hub load bench stays runnable: a few seconds of it with a small hall, through the real hub
// CLI in its own process, must report numbers for every command kind and no unexpected error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { formatReport, runHubLoad } from '../../bench/hub-load.js';
import { COMMAND_KINDS } from '../../bench/lib/load.js';

test('a short hub load run reports latencies, RSS and throughput with no unexpected errors', { timeout: 180_000 }, async () => {
  const report = await runHubLoad({
    seconds: 3,
    windows: 12,
    kiosks: 2,
    displays: 2,
    issueRate: 4,
    callRate: 4,
    prefill: 30,
    floorRounds: 10,
    sqliteCommits: 20,
  });
  assert.equal(report.unexpectedErrors, 0, report.load.errors.entries().map(([k, n]) => `${k} ${n}`).join(', '));
  for (const kind of COMMAND_KINDS) {
    assert.ok(report.ack[kind]!.n > 0, `${kind} was acknowledged at least once`);
    assert.ok(Number.isFinite(report.ack[kind]!.p99), `${kind} has a p99`);
  }
  assert.ok(report.load.calls > 0, 'some calls were made');
  assert.equal(report.load.callsSeenByEveryDisplay, report.load.calls, 'every call reached every display');
  assert.equal(report.callToDisplay.n, report.load.calls * 2);
  assert.ok(report.rss.peak > 0 && report.rss.peak >= report.rss.ready, 'hub RSS was read from /proc');
  assert.ok(report.floors && report.floors.broadcast.n === 20 && report.floors.sqlite.n === 20, 'both floors were measured');
  assert.equal(report.hubExitCode, 0, 'the hub closed cleanly on SIGTERM');
  const text = formatReport(report, 'test');
  assert.match(text, /\| ack window:callNext \| \d+ \|/);
  assert.match(text, /Unexpected errors: 0\./);
});

test('the hostile-client drill stays runnable: a short run against the real hub passes its own verdict', { timeout: 180_000 }, () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/fuzz.ts', '--payloads', '400', '--authz', '300', '--no-write'], { encoding: 'utf8', timeout: 170_000 });
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /\| accepted \/ left unanswered \| 0 \/ 0 \|/);
  assert.match(run.stdout, /Verdict: pass/);
});
