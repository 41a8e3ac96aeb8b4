// hallq-app.yml as the hall's IT staff write it: each role's settings, and every mistake named
// with the file, the key and the line, in Chinese and English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig, parseAppConfig } from '../../../main/electron/config.js';
import { ConfigError, formatProblem } from '../../../main/rules/config-problem.js';

const userData = join(tmpdir(), 'HallQ-userData');
const baseDir = join(tmpdir(), 'hallq-config-dir');
const parse = (text: string) => parseAppConfig(text, 'hallq-app.yml', { userData, baseDir });
function problems(text: string): readonly string[] {
  try {
    parse(text);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    const printed = err.problems.map(formatProblem);
    assert.equal(err.message, printed.join('\n'), 'the message is the problems, one printed line each');
    assert.ok(printed.every((line) => line.startsWith('hallq-app.yml:')), err.message);
    return printed;
  }
  assert.fail('expected the config to be refused');
}

test('a kiosk PC: hub URL and device token; defaults filled in', () => {
  assert.deepEqual(parse('role: kiosk\nhubUrl: http://192.168.1.10:8080/\ntoken: abc123\n'), {
    role: 'kiosk',
    hubUrl: 'http://192.168.1.10:8080',
    token: 'abc123',
    openAtLogin: true,
    logLevel: 'info',
  });
});

test('a counter PC with a second screen for the virtual window display', () => {
  const config = parse('role: counter\nhubUrl: http://hub.local:8080\nwindowNo: 12\nwindowDisplay:\n  token: w12\n');
  assert.equal(config.role, 'counter');
  assert.ok(config.role === 'counter');
  assert.equal(config.windowNo, 12);
  assert.deepEqual(config.windowDisplay, { monitor: 2, token: 'w12' });
});

test('a display PC picks its monitor; a hub PC resolves its files against the config folder and keeps the db in user data', () => {
  const display = parse('role: display\nhubUrl: http://hub.local:8080\ntoken: d1\nmonitor: 2\nagentConfig: agent.yml\n');
  assert.ok(display.role === 'display');
  assert.equal(display.monitor, 2);
  assert.equal(display.agentConfig, join(baseDir, 'agent.yml'));
  const hub = parse('role: hub\nhallFile: hall.yml\nopenAtLogin: false\n');
  assert.ok(hub.role === 'hub');
  assert.equal(hub.hallFile, join(baseDir, 'hall.yml'));
  assert.equal(hub.dbPath, join(userData, 'hall.db'));
  assert.equal(hub.port, 8080);
  assert.equal(hub.openAtLogin, false);
});

test('an unknown role is named with what is allowed and its line', () => {
  assert.deepEqual(problems('# the PC at the door\nrole: kisok\n'), [
    'hallq-app.yml:2 role: 应为 kiosk | counter | display | hub 之一 / must be one of kiosk, counter, display, hub (现为 / got "kisok")',
  ]);
  assert.match(problems('hubUrl: http://x\n')[0] ?? '', /^hallq-app\.yml: role: .*缺少此项 \/ missing/);
});

test('missing, wrong and unknown keys: one line each, with the line number', () => {
  const found = problems(['role: counter', 'hubUrl: ftp://hub.local', 'windowNo: 0', 'windowDisplay:', '  monitor: 2', 'colour: red', ''].join('\n'));
  assert.deepEqual(found, [
    'hallq-app.yml:2 hubUrl: 应为 http:// 或 https:// 开头的网址，例如 http://192.168.1.10:8080 / must be an http(s) URL',
    'hallq-app.yml:3 windowNo: 窗口号从 1 开始 / window numbers start at 1',
    'hallq-app.yml:4 windowDisplay.token: 缺少此项 / missing (string)',
    'hallq-app.yml:6 colour: 未知的设置项 / unknown key: colour',
  ]);
  assert.deepEqual(problems('role: kiosk\nhubUrl: http://hub.local\n'), ['hallq-app.yml: token: 缺少此项 / missing (string)']);
  assert.deepEqual(problems('role: display\nhubUrl: http://hub.local\ntoken: x\nmonitor: 主屏\n'), ['hallq-app.yml:4 monitor: 应为显示器编号（1 为主显示器）/ must be a monitor number, 1 = primary']);
});

test('broken YAML and a file that is not a map', () => {
  assert.match(problems('role: kiosk\n  hubUrl: [\n')[0] ?? '', /^hallq-app\.yml:\d+:\d+ YAML 格式错误 \/ YAML syntax error/);
  assert.deepEqual(problems('- kiosk\n'), ['hallq-app.yml: 文件应以 "role:" 开头 / the file must be a map starting with "role:"']);
  assert.deepEqual(problems(''), ['hallq-app.yml: 文件应以 "role:" 开头 / the file must be a map starting with "role:"']);
});

test('a missing file says where it should be and what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-app-'));
  const path = join(dir, 'hallq-app.yml');
  assert.throws(() => loadAppConfig(path, { userData: dir }), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.message, `${path}: 找不到配置文件，请按说明创建 / no such file: create it (see README "Hall PCs")`);
    return true;
  });
  writeFileSync(path, '\uFEFFrole: hub\nhallFile: hall.yml\n');
  const config = loadAppConfig(path, { userData: dir });
  assert.ok(config.role === 'hub');
  assert.equal(config.hallFile, join(dir, 'hall.yml'));
});
