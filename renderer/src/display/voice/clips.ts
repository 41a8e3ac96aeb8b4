// Engine 2: recorded clips played one after another through Web Audio, for PCs without a Chinese
// voice. Each clip is fetched when it is played (a few KB over the LAN; a hall that replaces clips
// on the hub is heard at the next call) and decoded; a clip that fails to load is skipped.

import type { Announcement, VoiceEngine } from './announcer.js';
import { CHIME_CLIP } from './text.js';

export const clipUrl = (name: string): string => `/voice/${encodeURIComponent(name)}.wav`;

/** Plays one clip to its end (or gives up after its length plus a margin). */
export type ClipPlayer = (name: string) => Promise<void>;

export function webAudioPlayer(ctx: AudioContext): ClipPlayer {
  return async (name) => {
    try {
      const res = await fetch(clipUrl(name), { cache: 'no-cache' });
      if (!res.ok) return;
      const buffer = await ctx.decodeAudioData(await res.arrayBuffer());
      if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
      await new Promise<void>((resolve) => {
        const source = ctx.createBufferSource();
        source.buffer = buffer;
        source.connect(ctx.destination);
        // A suspended context (no autoplay permission) never ends a source: the timer moves on.
        const timer = setTimeout(resolve, buffer.duration * 1000 + 500);
        source.addEventListener('ended', () => {
          clearTimeout(timer);
          resolve();
        });
        source.start();
      });
    } catch {
      // A missing or broken clip: leave the gap rather than stall the announcement.
    }
  };
}

export function clipEngine(play: ClipPlayer): VoiceEngine {
  return {
    name: 'clips',
    chime: () => play(CHIME_CLIP),
    say: async (a: Announcement) => {
      for (const clip of a.clips) await play(clip);
    },
  };
}
