// What the hall hears: the announcement text, its clips, the voice picked, and the announcer queue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { announcementText, DEFAULT_TEMPLATE, readNumber, readTicket, textToClips } from '../../../renderer/src/display/voice/text.js';
import { Announcer, type Announcement, type VoiceEngine } from '../../../renderer/src/display/voice/announcer.js';
import { pickVoice } from '../../../renderer/src/display/voice/pick.js';

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
