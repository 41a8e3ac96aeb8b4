import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { EvaluationKeypadDriver } from '../../../drivers/keypad/evaluation-keypad.js';
import { CallerKeypadDriver } from '../../../drivers/keypad/caller-keypad.js';
import type { KeyEvent, KeypadCommand, KeypadLink, KeypadStatusEvent, KeyReport, RatingEvent } from '../../../drivers/keypad/types.js';

/** A link whose answers the test sets per address; `down` makes every poll fail. */
class FakeLink implements KeypadLink {
  readonly name = 'fake line';
  reports = new Map<number, KeyReport>();
  commands: [number, KeypadCommand][] = [];
  down = false;
  polls = 0;
  async poll(address: number): Promise<KeyReport> {
    this.polls++;
    await sleep(1);
    if (this.down) throw new Error('no reply within 150 ms');
    return this.reports.get(address) ?? { press: null, counter: 0 };
  }
  async command(address: number, command: KeypadCommand): Promise<void> {
    if (this.down) throw new Error('line down');
    this.commands.push([address, command]);
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

describe('keypad polling and de-duplication', () => {
  test('a press read by many polls is one rating (press counter)', async () => {
    const link = new FakeLink();
    const pad = new EvaluationKeypadDriver({ link, addresses: [1], pollIntervalMs: 2 });
    const ratings: RatingEvent[] = [];
    pad.on('rating', (r) => ratings.push(r));
    await pad.start();
    await until(() => pad.status(1) === 'online', 'online');
    link.reports.set(1, { press: { kind: 'rating', level: 4 }, counter: 1 });
    const before = link.polls;
    await until(() => link.polls > before + 5, 'several polls');
    link.reports.set(1, { press: { kind: 'rating', level: 4 }, counter: 2 });
    await until(() => ratings.length === 2, 'second rating');
    await sleep(20);
    await pad.stop();
    assert.deepEqual(ratings.map((r) => [r.level, r.address]), [[4, 1], [4, 1]]);
  });

  test('a held key is one event; key → idle → key is two (edge mode, no counter)', async () => {
    const link = new FakeLink();
    link.reports.set(2, { press: null });
    const pad = new CallerKeypadDriver({ link, addresses: [2], pollIntervalMs: 2 });
    const keys: KeyEvent[] = [];
    pad.on('key', (k) => keys.push(k));
    await pad.start();
    await until(() => pad.status(2) === 'online', 'online');
    const held = async (report: KeyReport) => {
      link.reports.set(2, report);
      const p = link.polls;
      await until(() => link.polls > p + 3, 'polls');
    };
    await held({ press: { kind: 'key', key: 'next' } });
    await held({ press: null });
    await held({ press: { kind: 'key', key: 'next' } });
    await held({ press: { kind: 'key', key: 'skip' } });
    await pad.stop();
    assert.deepEqual(keys.map((k) => k.key), ['next', 'next', 'skip']);
  });

  test('the report seen first after start is stale and not emitted', async () => {
    const link = new FakeLink();
    link.reports.set(1, { press: { kind: 'rating', level: 1 }, counter: 9 });
    const pad = new EvaluationKeypadDriver({ link, addresses: [1], pollIntervalMs: 2 });
    let ratings = 0;
    pad.on('rating', () => ratings++);
    await pad.start();
    await until(() => link.polls > 5, 'polls');
    await pad.stop();
    assert.equal(ratings, 0);
  });

  test('N missed polls → offline; replies again → online, and a press made meanwhile still arrives', async () => {
    const link = new FakeLink();
    const pad = new EvaluationKeypadDriver({ link, addresses: [1, 2], pollIntervalMs: 2, offlineAfterMisses: 3, offlineRetryMs: 20 });
    const status: [number, boolean][] = [];
    const ratings: number[] = [];
    pad.on('status', (s: KeypadStatusEvent) => status.push([s.address, s.online]));
    pad.on('rating', (r) => ratings.push(r.level));
    await pad.start();
    await until(() => status.length === 2, 'both online');
    link.down = true;
    await until(() => pad.status(1) === 'offline' && pad.status(2) === 'offline', 'offline');
    link.reports.set(1, { press: { kind: 'rating', level: 2 }, counter: 1 });
    link.down = false;
    await until(() => pad.status(1) === 'online' && pad.status(2) === 'online' && ratings.length === 1, 'back online');
    await pad.stop();
    // Which address answers first after the gap depends on where the round was: compare as sets.
    assert.deepEqual(status.slice(0, 2), [[1, true], [2, true]]);
    assert.deepEqual(status.slice(2, 4).sort(), [[1, false], [2, false]]);
    assert.deepEqual(status.slice(4).sort(), [[1, true], [2, true]]);
    assert.deepEqual(ratings, [2]);
  });

  test('a dead keypad is polled only every offlineRetryMs, so the live ones stay quick', async () => {
    const link = new FakeLink();
    const polled = new Map<number, number>();
    const poll = link.poll.bind(link);
    link.poll = async (address: number) => {
      polled.set(address, (polled.get(address) ?? 0) + 1);
      if (address === 2) throw new Error('no reply within 150 ms');
      return poll(address);
    };
    const pad = new CallerKeypadDriver({ link, addresses: [1, 2, 3], pollIntervalMs: 2, offlineAfterMisses: 2, offlineRetryMs: 200 });
    const started = Date.now();
    await pad.start();
    // Counted, not timed: however slow the machine, the live keypad gets 40 polls in the time the
    // dead one gets its 2 misses and then one retry per 200 ms.
    await until(() => (polled.get(1) ?? 0) >= 40 && pad.status(2) === 'offline', 'live keypad polled 40 times', 20_000);
    await pad.stop();
    const elapsed = Date.now() - started;
    const allowed = 2 + Math.ceil(elapsed / 200) + 1;
    assert.ok(polled.get(2)! <= allowed, `dead keypad polled ${polled.get(2)} times in ${elapsed} ms (2 misses, then once per 200 ms: at most ${allowed})`);
  });

  test('commands reach the link with Chinese texts; an unknown address is refused', async () => {
    const link = new FakeLink();
    const pad = new EvaluationKeypadDriver({ link, addresses: [1], texts: { thanks: '谢谢' } });
    await pad.welcome(1, { window: 3, staffNo: '0123' });
    await pad.prompt(1);
    await pad.thanks(1);
    assert.deepEqual(link.commands, [
      [1, { kind: 'welcome', text: '欢迎光临 3号窗口 工号0123' }],
      [1, { kind: 'prompt', text: '请您对本次服务评价' }],
      [1, { kind: 'thanks', text: '谢谢' }],
    ]);
    await assert.rejects(pad.prompt(7), /address 7: unknown address \(this line has 1\)/);
    link.down = true;
    await assert.rejects(pad.prompt(1), /评价器 fake line address 1: line down/);
  });

  test('a listener that throws does not stop polling', async () => {
    const link = new FakeLink();
    const pad = new CallerKeypadDriver({ link, addresses: [1], pollIntervalMs: 2 });
    let calls = 0;
    pad.on('key', () => {
      calls++;
      throw new Error('listener bug');
    });
    await pad.start();
    await until(() => pad.status(1) === 'online', 'online');
    link.reports.set(1, { press: { kind: 'key', key: 'finish' }, counter: 1 });
    await until(() => calls === 1, 'first key');
    link.reports.set(1, { press: { kind: 'key', key: 'next' }, counter: 2 });
    await until(() => calls === 2, 'second key');
    await pad.stop();
  });

  test('an empty or duplicated address list is refused', () => {
    assert.throws(() => new CallerKeypadDriver({ link: new FakeLink(), addresses: [] }), /no addresses to poll/);
    assert.throws(() => new CallerKeypadDriver({ link: new FakeLink(), addresses: [1, 2, 1] }), /address 1 is listed twice/);
  });
});
