// Engine 2: recorded clips played one after another through Web Audio, for PCs without a Chinese
// voice. Each reading fetches its clips afresh (a few KB over the LAN; a hall that replaces clips
// on the hub is heard at the next call), all at once so they play back to back; a clip that fails
// to load is skipped.

import type { Announcement, VoiceEngine } from './announcer.js';
import { CHIME_CLIP } from './text.js';

export const clipUrl = (name: string): string => `/voice/${encodeURIComponent(name)}.wav`;

/** Plays one clip to its end (or gives up after its length plus a margin). `preload` starts
 * fetching and decoding the clips about to be played, in order, so words follow without gaps. */
export interface ClipPlayer {
  (name: string): Promise<void>;
  preload?: (names: readonly string[]) => void;
}

export function webAudioPlayer(ctx: AudioContext): ClipPlayer {
  const load = async (name: string): Promise<AudioBuffer | undefined> => {
    try {
      const res = await fetch(clipUrl(name), { cache: 'no-cache' });
      return res.ok ? await ctx.decodeAudioData(await res.arrayBuffer()) : undefined;
    } catch {
      return undefined;
    }
  };
  // Clips preloaded for the announcement being read, one entry per occurrence.
  const loading = new Map<string, Promise<AudioBuffer | undefined>[]>();
  const play: ClipPlayer = async (name) => {
    const buffer = await (loading.get(name)?.shift() ?? load(name));
    // A missing or broken clip: leave the gap rather than stall the announcement.
    if (!buffer) return;
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
  };
  play.preload = (names) => {
    loading.clear();
    for (const name of names) loading.set(name, [...(loading.get(name) ?? []), load(name)]);
  };
  return play;
}

export function clipEngine(play: ClipPlayer): VoiceEngine {
  return {
    name: 'clips',
    chime: () => play(CHIME_CLIP),
    say: async (a: Announcement) => {
      play.preload?.(a.clips);
      for (const clip of a.clips) await play(clip);
    },
  };
}
