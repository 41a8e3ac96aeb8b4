// 适老化 at the kiosk: large text (1.5×), high contrast and spoken guidance (voice.ts), one tap
// each in the header, and the 老年人优先 entry (large text and guidance on, and the guide page leads
// with 优先取号 — the same priority ticket as ever). All of it is the current visitor's: reset()
// when the kiosk goes home after them.
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n.js';
import { Toggle } from '../lib/ui.js';

export interface Comfort {
  readonly large: boolean;
  readonly contrast: boolean;
  readonly voice: boolean;
  /** Came in through 老年人优先: the guide page offers 优先取号 first. */
  readonly elder: boolean;
  readonly setLarge: (on: boolean) => void;
  readonly setContrast: (on: boolean) => void;
  readonly setVoice: (on: boolean) => void;
  readonly enterElder: () => void;
  readonly reset: () => void;
}

export function useComfort(): Comfort {
  const [large, setLarge] = useState(false);
  const [contrast, setContrast] = useState(false);
  const [voice, setVoice] = useState(false);
  const [elder, setElder] = useState(false);
  return {
    large,
    contrast,
    voice,
    elder,
    setLarge,
    setContrast,
    setVoice,
    enterElder: () => (setElder(true), setLarge(true), setVoice(true)),
    reset: () => (setLarge(false), setContrast(false), setVoice(false), setElder(false)),
  };
}

/** The attributes kiosk.css reads on the kiosk's root. */
export const comfortAttributes = (c: Comfort) => ({ 'data-large': String(c.large), 'data-contrast': c.contrast ? 'high' : 'normal' });

export function ComfortToggles({ comfort }: { comfort: Comfort }) {
  return (
    <div class="k-comfort">
      <Toggle class="k-toggle" on={comfort.large} onChange={comfort.setLarge} label={t('common.largeText')} />
      <Toggle class="k-toggle" on={comfort.contrast} onChange={comfort.setContrast} label={t('common.highContrast')} />
      <Toggle class="k-toggle" on={comfort.voice} onChange={comfort.setVoice} label={t('kiosk.voice')} />
    </div>
  );
}
