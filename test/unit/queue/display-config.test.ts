// The hall file's optional `display:` section: the hall display's scrolling notice and its voice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileHall, type HallConfigInput } from '../../../main/queue/hall.js';
import { ConfigError, describeProblem } from '../../../main/rules/config-problem.js';

function hall(display?: unknown): HallConfigInput {
  return {
    hall: { name: '测试区政务服务中心', hours: [{ from: '09:00', to: '17:00' }] },
    departments: [{ code: 'GS', name: '市场监督管理局' }],
    services: [{ code: 'GS-01', name: '企业设立登记', department: 'GS', prefix: 'A', promisedMinutes: 20, dailyCap: 100 }],
    windows: [{ number: 1, name: '市场监管窗口', kind: 'department', department: 'GS', services: [['GS-01']] }],
    ...(display !== undefined && { display: display as HallConfigInput['display'] }),
  };
}

function problemsOf(input: unknown): readonly string[] {
  try {
    compileHall(input, 'hall.yml');
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems.map(describeProblem);
  }
}

test('a hall file without a display section gets the default notice and voice', () => {
  const { display } = compileHall(hall(), 'hall.yml').config;
  assert.deepEqual(display, {
    notice: '',
    voice: { template: '请{number}号到{window}号窗口办理', repeat: 2, engine: 'speech', minShowSeconds: 5, maxAgeSeconds: 60 },
  });
});

test('a hall sets its notice and voice; what it leaves out keeps the default', () => {
  const { display } = compileHall(
    hall({ notice: '请保管好随身物品', voice: { engine: 'clips', repeat: 3, clipsDir: 'voice' } }),
    'hall.yml',
  ).config;
  assert.equal(display.notice, '请保管好随身物品');
  assert.deepEqual(display.voice, {
    template: '请{number}号到{window}号窗口办理',
    repeat: 3,
    engine: 'clips',
    minShowSeconds: 5,
    maxAgeSeconds: 60,
    clipsDir: 'voice',
  });
});

test('a voice template without {number} or {window} is refused with its path', () => {
  const problems = problemsOf(hall({ voice: { template: '请到窗口办理' } }));
  assert.ok(problems.some((p) => p.includes('display.voice.template') && p.includes('{number}')), problems.join('\n'));
});

test('an unknown engine, a repeat of 0 and a misspelt key are each refused', () => {
  const problems = problemsOf(hall({ voice: { engine: 'tts', repeat: 0, maxAgeSeconds: 0 }, notise: 'x' }));
  assert.ok(problems.some((p) => p.includes('display.voice.maxAgeSeconds')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('display.voice.engine')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('display.voice.repeat')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('notise')), problems.join('\n'));
});
