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

/** Errors that mean this PC cannot speak at all (not a one-off interruption). */
const HARD_FAILURES = new Set(['synthesis-failed', 'synthesis-unavailable', 'voice-unavailable', 'audio-hardware', 'not-allowed']);

/** Speaks with `voice`; once the browser says it cannot speak at all, says this and every later
 * announcement with `fallback` (the clip engine) instead, and tells `onFallback`. */
export function speechEngine(
  synth: SpeechSynthesis,
  voice: SpeechSynthesisVoice,
  chime: () => Promise<void>,
  fallback: VoiceEngine,
  onFallback: () => void = () => {},
): VoiceEngine {
  let broken = false;
  const speak = (a: Announcement) =>
    new Promise<boolean>((resolve) => {
      const u = new SpeechSynthesisUtterance(a.text);
      u.lang = voice.lang;
      try {
        u.voice = voice;
      } catch {
        // The setter refuses anything but the browser's own voice objects; lang still picks one.
      }
      u.rate = 0.9;
      u.addEventListener('end', () => resolve(true));
      u.addEventListener('error', (e) => resolve(!HARD_FAILURES.has((e).error)));
      synth.speak(u);
    });
  return {
    get name() {
      return broken ? fallback.name : 'speech';
    },
    chime,
    say: async (a: Announcement) => {
      if (!broken && (await speak(a))) return;
      if (!broken) {
        broken = true;
        onFallback();
      }
      await fallback.say(a);
    },
  };
}
