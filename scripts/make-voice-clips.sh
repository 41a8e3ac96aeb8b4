#!/usr/bin/env bash
# Regenerates the default voice clips in renderer/public/voice/ (16 kHz mono 16-bit WAV) with
# espeak-ng (`apt-get install espeak-ng`; no mbrola voice needed). CI never runs this: the clips are
# committed. Run it by hand after changing a word below; the names must match
# renderer/src/display/voice/clips.ts. A hall can replace any clip with its own recording
# (hall file display.voice.clipsDir or `hallq hub --voice-dir`), same file names.
#
# Debian's espeak-ng 1.51 reads the tone numbers of Hanzi aloud in `cmn`, so Mandarin words are
# given as tone-numbered pinyin to `cmn-latn-pinyin`. Letters use the English voice: that is how
# ticket letters are read in Chinese halls ("A 零一二").
set -euo pipefail
cd "$(dirname "$0")/.."
out=renderer/public/voice
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
# Words per minute. 150 (espeak's default) made an announcement ~5 s and a busy hall's voice fell
# minutes behind; at this speed "请A零一二号到三号窗口办理" with the chime takes under 3 s.
speed=260

words=(
  qing:qing3 hao:hao4 dao:dao4 chuangkou:chuang1kou3 banli:ban4li3
  0:ling2 1:yi1 2:er4 3:san1 4:si4 5:wu3 6:liu4 7:qi1 8:ba1 9:jiu3 shi:shi2 bai:bai3
)
# The kiosk's spoken guidance (renderer/src/kiosk/voice.ts): what to do on each screen, and the number taken.
guidance=(
  "kiosk-departments:qing3 xuan3ze2 ban4li3 bu4men2"
  "kiosk-services:qing3 xuan3ze2 ban4li3 shi4xiang4"
  "kiosk-guide:qing3 dian3 qu3hao4, huo4 you1xian1 qu3hao4"
  "kiosk-number:nin2 de hao4ma3 shi4"
  "kiosk-after:qing3 liu2yi4 da4ting1 jiao4hao4"
  "kiosk-checkin:qing3 shu1ru4 yu4yue1ma3 huo4 shen1fen4zheng4 hao4ma3"
)
for g in "${guidance[@]}"; do
  espeak-ng -v cmn-latn-pinyin -s "$speed" -w "$tmp/${g%%:*}.wav" "${g#*:}"
done
for w in "${words[@]}"; do
  espeak-ng -v cmn-latn-pinyin -s "$speed" -w "$tmp/${w%%:*}.wav" "${w#*:}"
done
for l in {A..Z}; do
  espeak-ng -v en-us -s "$speed" -w "$tmp/$l.wav" "$l"
done

# Resample to 16 kHz, trim the silence espeak leaves around a word, and write a two-tone chime.
node - "$tmp" "$out" <<'JS'
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const [src, dst] = process.argv.slice(2);
const RATE = 16000;

function readWav(buf) {
  let off = 12, rate = 0, data;
  while (off < buf.length - 8) {
    const id = buf.toString('ascii', off, off + 4), size = buf.readUInt32LE(off + 4);
    if (id === 'fmt ') rate = buf.readUInt32LE(off + 12);
    if (id === 'data') data = buf.subarray(off + 8, off + 8 + Math.min(size, buf.length - off - 8));
    off += 8 + size;
  }
  const samples = new Float64Array(data.length >> 1);
  for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2) / 32768;
  return { rate, samples };
}
function resample(s, from) {
  const n = Math.floor((s.length * RATE) / from), out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = (i * from) / RATE, j = Math.floor(x), f = x - j;
    out[i] = (s[j] ?? 0) * (1 - f) + (s[j + 1] ?? 0) * f;
  }
  return out;
}
function trim(s) {
  const loud = (v) => Math.abs(v) > 0.02;
  let a = s.findIndex(loud), b = s.length - 1;
  while (b > a && !loud(s[b])) b--;
  a = Math.max(0, a - RATE * 0.01);
  return s.subarray(a, Math.min(s.length, b + RATE * 0.02));
}
function writeWav(path, s) {
  const data = Buffer.alloc(s.length * 2);
  s.forEach((v, i) => data.writeInt16LE(Math.max(-32767, Math.min(32767, Math.round(v * 32767))), i * 2));
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8);
  h.write('fmt ', 12); h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22);
  h.writeUInt32LE(RATE, 24); h.writeUInt32LE(RATE * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36); h.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([h, data]));
}
for (const f of readdirSync(src)) {
  const { rate, samples } = readWav(readFileSync(join(src, f)));
  writeWav(join(dst, f), trim(resample(samples, rate)));
}
// Ding-dong: 660 Hz then 528 Hz, each decaying; short, so a busy hall hears more calls.
const tone = (hz, sec) => Float64Array.from({ length: RATE * sec }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / RATE) * Math.exp((-3 * i) / (RATE * sec)));
const a = tone(660, 0.2), b = tone(528, 0.25), chime = new Float64Array(a.length + b.length);
chime.set(a); chime.set(b, a.length);
writeWav(join(dst, 'chime.wav'), chime);
JS
echo "voice clips written to $out: $(ls "$out" | wc -l) files, $(du -sh "$out" | cut -f1)"
