// The kiosk's hidden settings: a 3-second press on the hall name opens a PIN pad; the hub checks
// the PIN ('kiosk:unlock' — the page never holds it, five wrong ones lock the kiosk out) and the
// right one opens a small panel: reload, portrait/landscape layout, leave kiosk mode (only inside
// the HallQ app, whose preload may offer window.hallq.exitKiosk).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { HallqPreloadApi } from '../../../main/electron/api.js';
import type { HubConnection } from '../lib/hub.js';
import { t } from '../lib/i18n.js';
import { Keypad } from './keypad.js';

export const LONG_PRESS_MS = 3000;

/** Handlers for an element that fires `onFire` after being held for `ms`. */
export function useLongPress(onFire: () => void, ms = LONG_PRESS_MS) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const stop = () => {
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = undefined;
  };
  return {
    onPointerDown: () => {
      stop();
      timer.current = setTimeout(() => (stop(), onFire()), ms);
    },
    onPointerUp: stop,
    onPointerLeave: stop,
    onPointerCancel: stop,
  };
}

export type Layout = 'auto' | 'portrait' | 'landscape';
const LAYOUT_KEY = 'hallq.kiosk.layout';
export function savedLayout(): Layout {
  const v = localStorage.getItem(LAYOUT_KEY);
  return v === 'portrait' || v === 'landscape' ? v : 'auto';
}

/** The orientation the kiosk lays out for: the chosen layout, or the screen's shape under auto. */
export function useOrientation(layout: Layout): 'portrait' | 'landscape' {
  const query = useMemo(() => matchMedia('(orientation: landscape)'), []);
  const [landscape, setLandscape] = useState(query.matches);
  useEffect(() => {
    const changed = () => setLandscape(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, [query]);
  return layout === 'auto' ? (landscape ? 'landscape' : 'portrait') : layout;
}

/** The HallQ app's preload object; absent in a plain browser (older apps may lack exitKiosk). */
const shell = (): Partial<HallqPreloadApi> | undefined => (window as unknown as { hallq?: Partial<HallqPreloadApi> }).hallq;

export function AdminPanel(props: {
  hub: HubConnection<'kiosk'>;
  layout: Layout;
  onLayout: (l: Layout) => void;
  onClose: () => void;
  seq: number;
  connection: string;
}) {
  const [unlocked, setUnlocked] = useState(false);
  return (
    <div class="k-overlay" role="dialog" aria-modal="true">
      <div class="k-panel">{unlocked ? <Settings {...props} /> : <PinPad hub={props.hub} onUnlocked={() => setUnlocked(true)} onClose={props.onClose} />}</div>
    </div>
  );
}

function PinPad({ hub, onUnlocked, onClose }: { hub: HubConnection<'kiosk'>; onUnlocked: () => void; onClose: () => void }) {
  const [pin, setPin] = useState('');
  const [refusal, setRefusal] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const r = await hub.command('kiosk:unlock', { pin });
    setBusy(false);
    setPin('');
    if (r.ok) onUnlocked();
    else setRefusal(r.message);
  };
  return (
    <section data-screen="admin-pin">
      <h2>{t('kiosk.pin')}</h2>
      <Keypad value={pin} onChange={(v) => (setPin(v), setRefusal(undefined))} maxLength={12} masked label={t('kiosk.pinLabel')} />
      {refusal && <p class="k-refusal" role="alert" data-testid="pin-refusal">{refusal}</p>}
      <div class="k-actions">
        <button class="k-primary" disabled={pin.length < 4 || busy} onClick={() => void submit()}>{t('common.confirm')}</button>
        <button class="k-secondary k-neutral" onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </section>
  );
}

function Settings({ layout, onLayout, onClose, seq, connection }: { layout: Layout; onLayout: (l: Layout) => void; onClose: () => void; seq: number; connection: string }) {
  const [note, setNote] = useState<string | undefined>();
  const choose = (l: Layout) => {
    localStorage.setItem(LAYOUT_KEY, l);
    onLayout(l);
  };
  const exit = async () => {
    const s = shell();
    if (!s?.exitKiosk) return setNote(t('kiosk.exitOnlyInApp'));
    const left = await s.exitKiosk().catch(() => false);
    setNote(left ? t('kiosk.exitDone') : t('kiosk.exitRefused'));
  };
  return (
    <section data-screen="admin-settings" class="k-settings">
      <h2>{t('kiosk.settings')}</h2>
      <div class="k-settings-row">
        <span>{t('kiosk.layout')}</span>
        {(['auto', 'portrait', 'landscape'] as const).map((l) => (
          <button key={l} class="k-choice" aria-pressed={layout === l} onClick={() => choose(l)}>{t(`kiosk.layout.${l}`)}</button>
        ))}
      </div>
      <div class="k-settings-row">
        <button class="k-choice" onClick={() => location.reload()}>{t('kiosk.reload')}</button>
        <button class="k-choice" onClick={() => void exit()}>{t('kiosk.exitKiosk')}</button>
      </div>
      {note && <p class="k-refusal" role="status">{note}</p>}
      <dl class="k-device">
        <dt>{t('kiosk.connection')}</dt>
        <dd>{connection}</dd>
        <dt>{t('kiosk.seq')}</dt>
        <dd>{seq}</dd>
      </dl>
      <button class="k-primary" onClick={onClose}>{t('kiosk.exitSettings')}</button>
    </section>
  );
}
