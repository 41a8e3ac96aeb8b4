// What the hall hears: the announcement text, its clips, the voice picked, and the announcer queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { announcementText, DEFAULT_TEMPLATE, readNumber, readTicket, textToClips } from '../../../renderer/src/display/voice/text.js';
import { Announcer, type Announcement, type VoiceEngine } from '../../../renderer/src/display/voice/announcer.js';
import { pickVoice } from '../../../renderer/src/display/voice/pick.js';
import { VoiceBacklog } from '../../../renderer/src/display/voice/backlog.js';
import type { Call } from '../../../renderer/src/display/calls.js';

test('the default announcement reads the ticket digit by digit and the window as a number', () => {
  assert.equal(announcementText(DEFAULT_TEMPLATE, 'A012', 3), '请A零一二号到三号窗口办理');
  assert.equal(announcementText(DEFAULT_TEMPLATE, 'b100', 12), '请B一零零号到十二号窗口办理');
});

test('ticket letters are kept, every digit is read by itself', () => {
  assert.equal(readTicket('A012'), 'A零一二');
  assert.equal(readTicket('GS0907'), 'GS零九零七');
  assert.equal(readTicket('0000'), '零零零零');
});

test('window numbers are read the way Chinese says them', () => {
  const cases: [number, string][] = [
    [0, '零'], [3, '三'], [10, '十'], [12, '十二'], [20, '二十'], [21, '二十一'], [99, '九十九'],
    [100, '一百'], [101, '一百零一'], [105, '一百零五'], [110, '一百一十'], [115, '一百一十五'], [230, '二百三十'], [999, '九百九十九'],
  ];
  for (const [n, text] of cases) assert.equal(readNumber(n), text, `window ${n}`);
  assert.throws(() => readNumber(1000), /0–999/);
  assert.throws(() => readNumber(2.5), /0–999/);
});

test("a hall's own template is filled in wherever its placeholders stand", () => {
  assert.equal(announcementText('{number}号请到{window}号窗口，{number}号', 'C7', 5), 'C七号请到五号窗口，C七号');
});

test('the announcement as clips: words, digits and letters, in order', () => {
  const { clips, missing } = textToClips('请A零一二号到三号窗口办理');
  assert.deepEqual(clips, ['qing', 'A', '0', '1', '2', 'hao', 'dao', '3', 'hao', 'chuangkou', 'banli']);
  assert.deepEqual(missing, []);
  assert.deepEqual(textToClips(announcementText(DEFAULT_TEMPLATE, 'B1', 105)).clips, ['qing', 'B', '1', 'hao', 'dao', '1', 'bai', '0', '5', 'hao', 'chuangkou', 'banli']);
});

test('a template word without a clip is reported, not spoken wrong', () => {
  const { clips, missing } = textToClips('请A一号到二号窗口，谢谢');
  assert.deepEqual(clips, ['qing', 'A', '1', 'hao', 'dao', '2', 'hao', 'chuangkou']);
  assert.deepEqual(missing, ['，', '谢', '谢']);
});

test('the voice: zh-CN first (local before network), then any Chinese, never another language', () => {
  const v = (name: string, lang: string, localService = true) => ({ name, lang, localService });
  assert.equal(pickVoice([v('David', 'en-US'), v('HK', 'zh-HK'), v('Online', 'zh-CN', false), v('Huihui', 'zh-CN')])?.name, 'Huihui');
  assert.equal(pickVoice([v('David', 'en-US'), v('TW', 'zh_TW')])?.name, 'TW');
  assert.equal(pickVoice([v('David', 'en-US')]), undefined);
  assert.equal(pickVoice([]), undefined);
});

/** An engine that records what it does and finishes each step when the test says so (or at once). */
function recordingEngine(auto = true) {
  const log: string[] = [];
  let active = 0;
  let overlapped = false;
  const pending: (() => void)[] = [];
  const step = (what: string) => {
    active += 1;
    if (active > 1) overlapped = true;
    log.push(what);
    return new Promise<void>((resolve) => {
      const done = () => {
        active -= 1;
        resolve();
      };
      if (auto) setImmediate(done);
      else pending.push(done);
    });
  };
  const engine: VoiceEngine = { name: 'clips', chime: () => step('chime'), say: (a) => step(a.text) };
  return { engine, log, pending, overlapped: () => overlapped };
}
const ann = (text: string): Announcement => ({ text, clips: [] });

test('an announcement is a chime then the text as often as the hall says', async () => {
  const r = recordingEngine();
  await new Announcer(r.engine, { repeat: 2 }).announce(ann('请A零一二号到三号窗口办理'));
  assert.deepEqual(r.log, ['chime', '请A零一二号到三号窗口办理', '请A零一二号到三号窗口办理']);
});

test('a second call waits for the first to be spoken in full: in order, never overlapping', async () => {
  const r = recordingEngine(false);
  const started: string[] = [];
  const a = new Announcer(r.engine, { repeat: 2, onStart: (x) => started.push(x.text) });
  const first = a.announce(ann('一'));
  const second = a.announce(ann('二'));
  assert.equal(a.busy, 2);
  // Finish each step by hand, one at a time, checking the second has not started early.
  while (r.log.length < 6) {
    await new Promise((res) => setImmediate(res));
    if (r.log.length <= 3) assert.deepEqual(started, ['一']);
    r.pending.shift()?.();
  }
  r.pending.shift()?.();
  await Promise.all([first, second]);
  assert.deepEqual(r.log, ['chime', '一', '一', 'chime', '二', '二']);
  assert.equal(r.overlapped(), false);
  assert.equal(a.busy, 0);
});

test('an engine that fails or hangs does not stall the queue', async () => {
  let calls = 0;
  const broken: VoiceEngine = {
    name: 'speech',
    chime: () => Promise.reject(new Error('no audio')),
    say: () => (++calls === 1 ? new Promise<void>(() => {}) : Promise.reject(new Error('synthesis-failed'))),
  };
  const done: string[] = [];
  const a = new Announcer(broken, { repeat: 2, stepTimeoutMs: () => 20, onDone: (x) => done.push(x.text) });
  await Promise.all([a.announce(ann('一')), a.announce(ann('二'))]);
  assert.deepEqual(done, ['一', '二']);
  assert.equal(calls, 4);
});

test('switching engines takes effect at the next announcement', async () => {
  const speech = recordingEngine();
  const clips = recordingEngine();
  const a = new Announcer({ ...speech.engine, name: 'speech' }, { repeat: 1 });
  await a.announce(ann('一'));
  a.use(clips.engine);
  assert.equal(a.engineName, 'clips');
  await a.announce(ann('二'));
  assert.deepEqual(speech.log, ['chime', '一']);
  assert.deepEqual(clips.log, ['chime', '二']);
});

test('an announcement can be read fewer times than the hall says (a backlog waits)', async () => {
  const r = recordingEngine();
  await new Announcer(r.engine, { repeat: 2 }).announce(ann('一'), 1);
  assert.deepEqual(r.log, ['chime', '一']);
});

const called = (n: number, at: number): Call => ({ seq: n, ticketId: `t${n}`, number: `A${String(n).padStart(3, '0')}`, windowNo: 1, at, recall: false });

test('a quiet hall hears every call as often as the hall says', () => {
  const b = new VoiceBacklog({ repeat: 2, maxAgeMs: 60_000 });
  b.push(called(1, 0));
  assert.deepEqual(b.next(() => 0), { call: called(1, 0), repeat: 2 });
  assert.equal(b.next(() => 0), undefined);
  assert.equal(b.skipped, 0);
});

test('while calls wait, each is read once, oldest first', () => {
  const b = new VoiceBacklog({ repeat: 3, maxAgeMs: 60_000 });
  for (const n of [1, 2, 3]) b.push(called(n, n));
  const said = [b.next(() => 0), b.next(() => 0), b.next(() => 0)].map((x) => `${x?.call.number}×${x?.repeat}`);
  // The last one has nothing behind it: it gets its repeats.
  assert.deepEqual(said, ['A001×1', 'A002×1', 'A003×3']);
});

test('a call older than the limit when its turn comes is skipped, not announced; newer ones still are', () => {
  const b = new VoiceBacklog({ repeat: 2, maxAgeMs: 60_000 });
  const now = 200_000;
  b.push(called(1, now - 90_000));
  b.push(called(2, now - 61_000));
  b.push(called(3, now - 59_000));
  b.push(called(4, now - 1_000));
  const age = (c: Call) => now - c.at;
  assert.deepEqual(b.next(age), { call: called(3, now - 59_000), repeat: 1 });
  assert.equal(b.skipped, 2);
  assert.deepEqual(b.next(age), { call: called(4, now - 1_000), repeat: 2 });
  assert.equal(b.waiting, 0);
});

test('in a rush of 60 calls a minute the voice never falls more than the limit behind', () => {
  // A 3 s announcement (chime and one reading), 4.5 s with repeats, calls every second for 5 minutes.
  const maxAgeMs = 60_000;
  const b = new VoiceBacklog({ repeat: 2, maxAgeMs });
  let clock = 0;
  let made = 0;
  let worstLag = 0;
  let heard = 0;
  const makeUntil = (t: number) => {
    for (; made * 1000 <= t && made < 300; made++) b.push(called(made + 1, made * 1000));
  };
  makeUntil(0);
  for (let next = b.next((c) => clock - c.at); next || made < 300; next = b.next((c) => clock - c.at)) {
    if (!next) {
      clock = made * 1000;
      makeUntil(clock);
      continue;
    }
    worstLag = Math.max(worstLag, clock - next.call.at);
    heard += 1;
    clock += next.repeat === 1 ? 3000 : 4500;
    makeUntil(clock);
  }
  assert.ok(worstLag <= maxAgeMs, `the voice fell ${worstLag} ms behind`);
  assert.equal(heard + b.skipped, 300);
  assert.ok(heard >= 90, `only ${heard} of 300 calls were heard`);
});
