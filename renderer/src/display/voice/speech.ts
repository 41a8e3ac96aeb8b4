// Engine 1: the PC's own voice through the Web Speech API, a zh-CN voice chosen by language.
// Windows has Huihui/Kangkang/Yaoyao; Linux and headless Chromium usually have none — then the
// display falls back to clips. Chromium reports an utterance that cannot be spoken as `error`
// (not-allowed without autoplay permission, synthesis-failed without voices) and never `end`.

import type { Announcement, VoiceEngine } from './announcer.js';

export { pickVoice } from './pick.js';

/** The voices, waiting up to `waitMs` for Chromium to load them (the first getVoices() is often empty). */
export function loadVoices(synth: SpeechSynthesis, waitMs = 1500): Promise<SpeechSynthesisVoice[]> {
  const now = synth.getVoices();
  if (now.length) return Promise.resolve(now);
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      synth.removeEventListener?.('voiceschanged', finish);
      resolve(synth.getVoices());
    };
    const timer = setTimeout(finish, waitMs);
    synth.addEventListener?.('voiceschanged', finish);
  });
}

export function speechEngine(synth: SpeechSynthesis, voice: SpeechSynthesisVoice, chime: () => Promise<void>): VoiceEngine {
  return {
    name: 'speech',
    chime,
    say: (a: Announcement) =>
      new Promise<void>((resolve) => {
        const u = new SpeechSynthesisUtterance(a.text);
        u.lang = voice.lang;
        try {
          u.voice = voice;
        } catch {
          // The setter refuses anything but the browser's own voice objects; lang still picks one.
        }
        u.rate = 0.9;
        u.addEventListener('end', () => resolve());
        u.addEventListener('error', () => resolve());
        synth.speak(u);
      }),
  };
}
