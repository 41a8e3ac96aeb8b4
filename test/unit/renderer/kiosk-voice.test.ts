// The kiosk's spoken guidance: which clips each screen says (every one a file of the default clip
// set), and that only the newest screen is spoken when the visitor taps on before it finished.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import type { Announcement, VoiceEngine } from '../../../renderer/src/display/voice/announcer.js';
import { createGuide, guidanceClips, type Guidance } from '../../../renderer/src/kiosk/voice.js';

test('the ticket screen says the number as the hall display reads it, between its two phrases', () => {
  assert.deepEqual(guidanceClips({ kind: 'ticket', number: 'A012' }), ['kiosk-number', 'A', '0', '1', '2', 'hao', 'kiosk-after']);
});

test('every clip the kiosk says is in the default clip set', () => {
  const all: Guidance[] = [{ kind: 'departments' }, { kind: 'services' }, { kind: 'guide' }, { kind: 'checkin' }, { kind: 'ticket', number: 'Z909' }];
  for (const clip of all.flatMap(guidanceClips)) assert.ok(existsSync(`renderer/public/voice/${clip}.wav`), `${clip}.wav`);
});

test('a screen left before its turn is not spoken; the newest is', async () => {
  const said: string[][] = [];
  let release = () => {};
  const engine: VoiceEngine = {
    name: 'clips',
    chime: () => Promise.resolve(),
    say: (a: Announcement) => {
      said.push([...a.clips]);
      return said.length === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    },
  };
  const guide = createGuide(engine);
  guide.say({ kind: 'departments' });
  await new Promise((r) => setTimeout(r, 0));
  guide.say({ kind: 'services' });
  guide.say({ kind: 'guide' });
  release();
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(said, [['kiosk-departments'], ['kiosk-guide']]);
});
