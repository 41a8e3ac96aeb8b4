// The hub serves the voice clips: the default set built into the renderer, or a hall's own
// recordings from its clips folder, clip by clip; /api/hall tells the display how to announce.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { hubHall, startTestHub, type TestHub } from '../helpers/hub.js';

const defaults = join('renderer', 'public', 'voice');
let hub: TestHub;
let voiceDir: string;
before(async () => {
  voiceDir = mkdtempSync(join(tmpdir(), 'hallq-voice-'));
  writeFileSync(join(voiceDir, 'qing.wav'), Buffer.from('RIFF-our-own-recording'));
  hub = await startTestHub({
    voiceDir,
    hall: hubHall((c) => (c.display = { notice: '请保管好随身物品', voice: { engine: 'clips', repeat: 3, clipsDir: 'secret/path' } })),
  });
});
after(async () => {
  await hub?.close();
  rmSync(voiceDir, { recursive: true, force: true });
});

const get = async (path: string) => {
  const res = await fetch(`${hub.url}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
};

test("a clip the hall recorded itself replaces the default; the others stay the defaults", async () => {
  const own = await get('/voice/qing.wav');
  assert.equal(own.status, 200);
  assert.equal(own.type, 'audio/wav');
  assert.equal(own.body.toString(), 'RIFF-our-own-recording');
  const fallback = await get('/voice/hao.wav');
  assert.equal(fallback.status, 200);
  assert.equal(fallback.type, 'audio/wav');
  assert.deepEqual(fallback.body, readFileSync(join(defaults, 'hao.wav')));
});

test('every default clip is a small 16 kHz mono WAV', async () => {
  for (const name of ['chime', 'qing', 'hao', 'dao', 'chuangkou', 'banli', 'shi', 'bai', '0', '9', 'A', 'Z']) {
    const { status, body } = await get(`/voice/${name}.wav`);
    assert.equal(status, 200, name);
    if (name === 'qing') continue;
    assert.equal(body.toString('ascii', 0, 4), 'RIFF', name);
    assert.equal(body.readUInt16LE(22), 1, `${name}: mono`);
    assert.equal(body.readUInt32LE(24), 16000, `${name}: 16 kHz`);
    assert.ok(body.length < 100_000, `${name}: ${body.length} bytes`);
  }
});

test('nothing outside the clips folder can be reached through /voice/', async () => {
  for (const path of ['/voice/..%2F..%2Fetc%2Fpasswd', '/voice/../package.json', '/voice/nope.wav']) {
    const { status } = await get(path);
    assert.equal(status, 404, path);
  }
});

test("/api/hall gives the display its notice and voice, but not the hub's clips folder", async () => {
  const res = (await (await fetch(`${hub.url}/api/hall`)).json()) as { display: unknown };
  assert.deepEqual(res.display, {
    notice: '请保管好随身物品',
    voice: { template: '请{number}号到{window}号窗口办理', repeat: 3, engine: 'clips', minShowSeconds: 5, maxAgeSeconds: 60 },
  });
});

/** Seconds of sound in a 16 kHz mono 16-bit WAV. */
const seconds = (body: Buffer) => (body.length - 44) / 32_000;

test('a default call with its chime lasts at most 3 s before any repeat, so one speaker area keeps up with 20 calls a minute', async () => {
  // "请A零一二号到三号窗口办理", as the clip engine reads it.
  const clips = ['chime', 'qing', 'A', '0', '1', '2', 'hao', 'dao', '3', 'hao', 'chuangkou', 'banli'];
  const total = clips.reduce((sum, name) => sum + seconds(readFileSync(join(defaults, `${name}.wav`))), 0);
  assert.ok(total <= 3, `the announcement lasts ${total.toFixed(2)} s`);
});
