// Spoken guidance at the kiosk (适老化): on each screen what to do there, on the ticket screen the
// number taken ("您的号码是 A零一二号，请留意大厅叫号"). The same clip engine as the hall display
// (display/voice: recorded clips through Web Audio, so it works on Linux PCs without a Chinese
// voice); the guidance clips are made with the others by scripts/make-voice-clips.sh. Only the
// newest screen is spoken: a visitor who taps on does not hear the pages they left.
import { useEffect, useRef } from 'preact/hooks';
import type { VoiceEngine } from '../display/voice/announcer.js';
import { audioPlayer } from '../display/voice/choose.js';
import { clipEngine } from '../display/voice/clips.js';
import { readTicket, textToClips } from '../display/voice/text.js';

/** What the kiosk says on a screen (undefined: nothing). */
export type Guidance =
  | { kind: 'departments' | 'services' | 'guide' | 'checkin' }
  | { kind: 'ticket'; number: string };

/** The clips of one piece of guidance. */
export function guidanceClips(g: Guidance): string[] {
  if (g.kind !== 'ticket') return [`kiosk-${g.kind}`];
  return ['kiosk-number', ...textToClips(`${readTicket(g.number)}号`).clips, 'kiosk-after'];
}

export interface Guide {
  say(g: Guidance): void;
}

/** Made on the first tap that turns guidance on (a user gesture, so the AudioContext may play). */
export function createGuide(engine: VoiceEngine = clipEngine(audioPlayer())): Guide {
  let tail: Promise<void> = Promise.resolve();
  let newest = 0;
  return {
    say: (g) => {
      const mine = ++newest;
      const clips = guidanceClips(g);
      tail = tail
        .then(() => (mine === newest ? engine.say({ text: clips.join(' '), clips }) : undefined))
        .catch(() => undefined);
    },
  };
}

/** Speak `guidance` whenever it changes while `on` (and once when turned on). */
export function useGuidance(on: boolean, guidance: Guidance | undefined): void {
  const guide = useRef<Guide | undefined>(undefined);
  const key = guidance && JSON.stringify(guidance);
  useEffect(() => {
    if (!on || !guidance) return;
    guide.current ??= createGuide();
    guide.current.say(guidance);
  }, [on, key]);
}
