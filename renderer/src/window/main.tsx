// The window display (/window/?windowNo=3): a virtual red-on-black LED screen over one window. It
// follows the hall with the display token: "请 A012 号" flashing while a ticket is called there,
// the number while it is served, 欢迎光临 and the window's name when idle, 暂停服务 and the reason
// when paused or nobody is signed in. A maintenance line appears when the hub has been away for
// more than a minute (the last state stays on screen meanwhile).
import { useEffect, useState } from 'preact/hooks';
import { deviceToken, fetchHall, param, type HallInfo } from '../lib/api.js';
import { HallMirror, useHall } from '../lib/hall-state.js';
import { connectHub, type HubConnection } from '../lib/hub.js';
import { t } from '../lib/i18n.js';
import { mount, useConnection, useNow } from '../lib/ui.js';
import './window.css';

document.title = `HallQ · ${t('window.title')}`;
const MAINTENANCE_AFTER_MS = 60_000;

function useOfflineSince(hub: HubConnection<'display'>): { state: string; since: number | undefined } {
  const state = useConnection(hub);
  const [since, setSince] = useState<number | undefined>();
  useEffect(() => setSince(state === 'online' ? undefined : (s) => s ?? Date.now()), [state]);
  return { state, since };
}

function Led({ hub, store, hall, windowNo }: { hub: HubConnection<'display'>; store: HallMirror; hall: HallInfo; windowNo: number }) {
  const state = useHall(store);
  const now = useNow(1000);
  const { state: connection, since: offlineSince } = useOfflineSince(hub);
  const info = hall.windows.find((w) => w.number === windowNo);
  const ws = state.windows.get(windowNo);
  const current = ws?.currentTicketId === undefined ? undefined : state.tickets.get(ws.currentTicketId);
  let mode: 'calling' | 'serving' | 'idle' | 'paused' | 'loading';
  if (!state.ready) mode = 'loading';
  else if (ws?.paused || !ws?.staffId) mode = 'paused';
  else if (current?.status === 'called') mode = 'calling';
  else if (current?.status === 'serving') mode = 'serving';
  else mode = 'idle';
  const main =
    mode === 'calling' ? t('window.calling', { number: current!.number })
    : mode === 'serving' ? t('window.serving', { number: current!.number })
    : mode === 'paused' ? t('window.paused')
    : mode === 'loading' ? ''
    : t('window.welcome');
  const sub = mode === 'paused' ? (ws?.paused?.reason ?? '') : mode === 'idle' ? (info?.name ?? '') : '';
  return (
    <div class="led" data-connection={connection}>
      <div class="led-head">
        <span data-testid="window-number">{t('window.heading', { n: windowNo })}</span>
        <span class="led-name">{info?.name}</span>
      </div>
      <div class="led-main" data-mode={mode} data-testid="led-main" key={current?.id ?? mode}>
        {main}
      </div>
      <div class="led-sub" data-testid="led-sub">{sub}</div>
      {offlineSince !== undefined && now - offlineSince > MAINTENANCE_AFTER_MS && (
        <div class="led-maintenance" role="alert" data-testid="maintenance">
          {t('window.maintenance')}
        </div>
      )}
    </div>
  );
}

function Message({ text }: { text: string }) {
  return (
    <div class="led">
      <div class="led-sub">{text}</div>
    </div>
  );
}

async function boot(): Promise<void> {
  const windowNo = Number(param('windowNo'));
  const token = deviceToken('window');
  if (!Number.isInteger(windowNo) || windowNo < 1) return mount(<Message text={t('window.noWindow')} />);
  if (!token) return mount(<Message text={t('common.noToken')} />);
  let hall: HallInfo | undefined;
  while (!hall) {
    try {
      hall = await fetchHall();
    } catch {
      mount(<Message text={t('window.maintenance')} />);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  if (!hall.windows.some((w) => w.number === windowNo)) return mount(<Message text={t('window.unknownWindow', { n: windowNo })} />);
  // The hub sends this page its window's state and the tickets at it, nothing else.
  const hub = connectHub('display', { token, follow: { view: 'window', windows: [windowNo] } });
  const store = new HallMirror(hub);
  mount(<Led hub={hub} store={store} hall={hall} windowNo={windowNo} />);
}

void boot();
