// Picks the display's voice engine in the browser: the configured one, except that 'speech' falls
// back to clips when the PC has no Chinese voice (Linux, headless Chromium), or when the voice it
// has turns out unable to speak (the browser reports synthesis-failed, not-allowed …).
import type { VoiceEngine } from './announcer.js';
import { clipEngine, webAudioPlayer, type ClipPlayer } from './clips.js';
import { pickVoice } from './pick.js';
import { loadVoices, speechEngine } from './speech.js';
import { CHIME_CLIP } from './text.js';

/** One AudioContext for the page. Without autoplay permission it starts suspended: the first
 * touch or key press on the display resumes it (hall PCs run Chromium with
 * --autoplay-policy=no-user-gesture-required, so this is only a safety net). */
export function audioPlayer(): ClipPlayer {
  const ctx = new AudioContext();
  const resume = () => void ctx.resume().catch(() => undefined);
  addEventListener('pointerdown', resume);
  addEventListener('keydown', resume);
  return webAudioPlayer(ctx);
}

export async function chooseEngine(configured: 'speech' | 'clips', play: ClipPlayer, onFallback: () => void = () => {}): Promise<VoiceEngine> {
  const clips = clipEngine(play);
  const synth = globalThis.speechSynthesis as SpeechSynthesis | undefined;
  if (configured === 'clips' || !synth) return clips;
  const voice = pickVoice(await loadVoices(synth));
  return voice ? speechEngine(synth, voice, () => play(CHIME_CLIP), clips, onFallback) : clips;
}
