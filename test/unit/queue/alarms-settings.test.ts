// The hall file's `supervision` section: every threshold has a default, so existing hall files load
// unchanged; a wrong value is refused with its path, like every other section.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { compileHall } from '../../../main/queue/index.js';
import { ConfigError, describeProblem } from '../../../main/rules/config-problem.js';
import { loadHallFile } from '../../../main/config/hall-file.js';
import { smallHallConfig } from '../../helpers/small-hall.js';

function problemsOf(supervision: unknown): string[] {
  try {
    compileHall({ ...smallHallConfig(), supervision }, 'hall.yml');
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems.map(describeProblem);
  }
}

test('a hall file without a supervision section gets the usual thresholds', () => {
  const hall = compileHall(smallHallConfig());
  assert.deepEqual(hall.config.supervision, {
    waitBreachGraceSeconds: 0,
    overtimeWarnPercent: 80,
    pauseLimitMinutes: 30,
    pauseLimitsByReason: { 午休: 90 },
    idleWhileWaitingSeconds: 120,
    deviceOfflineSeconds: 60,
    loginFailures: { count: 5, withinMinutes: 10 },
    badRatingLevels: [1, 2],
    followUpWorkingDays: 15,
  });
  // A partial section keeps the defaults for what it leaves out.
  const partial = compileHall({ ...smallHallConfig(), supervision: { pauseLimitMinutes: 45, loginFailures: { count: 3 } } });
  assert.equal(partial.config.supervision.pauseLimitMinutes, 45);
  assert.deepEqual(partial.config.supervision.loginFailures, { count: 3, withinMinutes: 10 });
  assert.equal(partial.config.supervision.followUpWorkingDays, 15);
});

test('a wrong supervision value is refused with its path and what to write', () => {
  assert.deepEqual(problemsOf({ pauseLimitMinutes: 0 }).map((p) => p.split(':')[0]), ['supervision.pauseLimitMinutes']);
  assert.match(problemsOf({ badRatingLevels: [1, 5] })[0] ?? '', /^supervision\.badRatingLevels\[1\]: level 5 \(非常满意\) is a good rating/);
  assert.match(problemsOf({ badRatingLevels: [2, 2] })[0] ?? '', /^supervision\.badRatingLevels\[1\]: level 2 is listed twice/);
  assert.match(problemsOf({ badRatingLevels: [6] })[0] ?? '', /^supervision\.badRatingLevels\[0\]/);
  assert.match(problemsOf({ badRatingLevels: [] })[0] ?? '', /list at least one level/);
  assert.match(problemsOf({ pauseLimit: 30 })[0] ?? '', /^supervision\.pauseLimit: unknown key 'pauseLimit'/);
  assert.match(problemsOf({ loginFailures: { count: 1 } })[0] ?? '', /^supervision\.loginFailures\.count/);
  assert.deepEqual(problemsOf({ overtimeWarnPercent: 90, followUpWorkingDays: 10 }), []);
});

test('the demo hall file states its supervision thresholds and they load', () => {
  const hall = loadHallFile(fileURLToPath(new URL('../../../config/demo-hall.yml', import.meta.url)));
  assert.equal(hall.config.supervision.followUpWorkingDays, 15);
  assert.deepEqual(hall.config.supervision.badRatingLevels, [1, 2]);
});

test("the README's hall-file example states the defaults", () => {
  const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
  const block = /## The hall file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'the hall file section has a yaml example');
  const example = parse(block) as { supervision?: unknown };
  assert.ok(example.supervision, 'it shows the supervision section');
  assert.deepEqual(problemsOf(example.supervision), []);
  assert.deepEqual(compileHall({ ...smallHallConfig(), supervision: example.supervision }).config.supervision, compileHall(smallHallConfig()).config.supervision);
});
