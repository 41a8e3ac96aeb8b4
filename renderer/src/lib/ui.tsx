// Small shared Preact pieces.
//
//   useConnection(hub) → ConnectionState        (re-renders on change)
//   <ConnectionBanner hub={hub} />              — a red bar while the hub is away, nothing when online
//   useNow(intervalMs) → Date.now(), ticking    (clocks, timers)
//   <Toggle on={large} onChange={setLarge} label="大字" />  — a button that stays pressed while on
//   mount(<App />)                              — render into #app and load the shared stylesheet
import { render, type ComponentChild } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ConnectionState, HubConnection, HubRole } from './hub.js';
import { t } from './i18n.js';
import './base.css';

export function useConnection(hub: HubConnection<HubRole> | undefined): ConnectionState {
  const [state, setState] = useState<ConnectionState>(hub?.state ?? 'connecting');
  useEffect(() => {
    if (!hub) return;
    setState(hub.state);
    return hub.onState(setState);
  }, [hub]);
  return state;
}

export function ConnectionBanner({ hub }: { hub: HubConnection<HubRole> | undefined }) {
  const state = useConnection(hub);
  if (state === 'online') return null;
  const text =
    state === 'refused' ? t('common.refused', { message: hub?.refusal?.message ?? '' }) : state === 'connecting' ? t('common.connecting') : t('common.offline');
  return (
    <div class="conn-banner" role="alert" data-state={state}>
      {text}
    </div>
  );
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** A one-tap switch (大字, 高对比): a button whose aria-pressed says whether it is on. */
export function Toggle({ on, onChange, label, class: className }: { on: boolean; onChange: (on: boolean) => void; label: string; class?: string }) {
  return (
    <button type="button" class={className} aria-pressed={on} onClick={() => onChange(!on)}>
      {label}
    </button>
  );
}

export function mount(app: ComponentChild): void {
  const el = document.getElementById('app');
  if (el) render(app, el);
}
