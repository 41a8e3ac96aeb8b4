// The counter (窗口呼叫), first cut: sign in (staff number, password, window), the current ticket
// with a timer that turns amber at 80 % and red past the service's promised minutes, next / recall /
// start / finish / skip on buttons and F1–F5, every refusal's message shown as is, the waiting list.
// Still to come: transfer, suspend + list, pause/resume, reprint, rating, today's numbers.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CounterClientEvents } from '../../../main/protocol/index.js';
import { fetchHall, login, type HallInfo } from '../lib/api.js';
import { elapsed } from '../lib/format.js';
import { HallStore, useHall, waitingFor } from '../lib/hall-state.js';
import { connectHub, type CommandName, type HubConnection } from '../lib/hub.js';
import { t, type MessageKey } from '../lib/i18n.js';
import { ConnectionBanner, mount, useNow } from '../lib/ui.js';
import './counter.css';

interface Session {
  readonly hub: HubConnection<'counter'>;
  readonly store: HallStore;
  readonly windowNo: number;
  readonly name: string;
  readonly staffId: string;
}
type Simple = Extract<CommandName<CounterClientEvents>, 'window:callNext' | 'window:recall' | 'window:start' | 'window:finish' | 'window:skip'>;
const actions: readonly [Simple, MessageKey, string][] = [
  ['window:callNext', 'counter.next', 'F1'],
  ['window:recall', 'counter.recall', 'F2'],
  ['window:start', 'counter.start', 'F3'],
  ['window:finish', 'counter.finish', 'F4'],
  ['window:skip', 'counter.skip', 'F5'],
];

function Counter({ session, hall }: { session: Session; hall: HallInfo }) {
  const state = useHall(session.store);
  const now = useNow(1000);
  const [message, setMessage] = useState<string | undefined>();
  const win = state.windows.get(session.windowNo);
  const current = win?.currentTicketId ? state.tickets.get(win.currentTicketId) : undefined;
  const service = current && hall.services.find((s) => s.code === current.serviceCode);
  const windowInfo = hall.windows.find((w) => w.number === session.windowNo);
  const waiting = waitingFor(state, windowInfo?.services.flat() ?? []);

  const run = async (event: Simple) => {
    const r = await session.hub.command(event, {});
    setMessage(r.ok ? undefined : r.message);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const hit = actions.find(([, , key]) => key === e.key);
      if (hit) {
        e.preventDefault();
        void run(hit[0]);
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [session]);

  const since = current?.startedAt ?? current?.calledAt;
  const spent = since === undefined ? 0 : now - since;
  const promisedMs = (service?.promisedMinutes ?? 0) * 60_000;
  const level = current?.startedAt === undefined || !promisedMs ? 'ok' : spent > promisedMs ? 'late' : spent > promisedMs * 0.8 ? 'near' : 'ok';
  return (
    <div class="counter">
      <ConnectionBanner hub={session.hub} />
      <header class="c-header">
        <b>{hall.name}</b>
        <span>{t('counter.signedInAs', { name: session.name, staffId: session.staffId, window: t('common.window', { n: session.windowNo }) })}</span>
      </header>
      <main class="c-main">
        <section class="c-current">
          <h2>{t('counter.current')}</h2>
          {current ? (
            <>
              <p class="c-number" data-testid="current-number">{current.number}</p>
              <p>{service?.name} · {t(current.startedAt ? 'counter.status.serving' : 'counter.status.called')}</p>
              <p class="c-timer" data-level={level} data-testid="timer">
                {t(current.startedAt ? 'counter.servingFor' : 'counter.calledAgo', { time: elapsed(spent) })}
                {service && ` · ${t('counter.promised', { n: service.promisedMinutes })}`}
              </p>
            </>
          ) : (
            <p class="c-empty">{t('counter.noCurrent')}</p>
          )}
          {message && <p class="c-error" role="alert">{message}</p>}
          <div class="c-actions">
            {actions.map(([event, key, fkey]) => (
              <button key={event} onClick={() => void run(event)}>
                {t(key)} <kbd>{fkey}</kbd>
              </button>
            ))}
          </div>
        </section>
        <aside class="c-waiting">
          <h2>{t('counter.waiting', { n: waiting.length })}</h2>
          {waiting.length === 0 ? <p>{t('counter.noWaiting')}</p> : (
            <ol>{waiting.slice(0, 30).map((w) => <li key={w.id}>{w.number}</li>)}</ol>
          )}
        </aside>
      </main>
    </div>
  );
}

function SignIn({ hall, onSession }: { hall: HallInfo; onSession: (s: Session) => void }) {
  const [staffId, setStaffId] = useState('');
  const [password, setPassword] = useState('');
  const [windowNo, setWindowNo] = useState(hall.windows[0]?.number ?? 1);
  const [message, setMessage] = useState<string | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    const r = await login(staffId, password);
    if (!r.ok) return setMessage(r.message);
    const hub = connectHub('counter', { token: r.token, windowNo });
    const store = new HallStore(hub);
    hub.onState((s) => s === 'refused' && setMessage(hub.refusal?.message));
    hub.socket.once('connect', () => onSession({ hub, store, windowNo, name: r.name, staffId: r.staffId }));
  };
  return (
    <form class="c-signin" onSubmit={(e) => void submit(e)}>
      <h1>{t('counter.title')}</h1>
      <label>{t('counter.staffId')}<input name="staffId" value={staffId} onInput={(e) => setStaffId(e.currentTarget.value)} /></label>
      <label>{t('counter.password')}<input name="password" type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
      <label>{t('counter.window')}
        <select name="window" value={windowNo} onChange={(e) => setWindowNo(Number(e.currentTarget.value))}>
          {hall.windows.map((w) => <option key={w.number} value={w.number}>{t('common.window', { n: w.number })} {w.name}</option>)}
        </select>
      </label>
      {message && <p class="c-error" role="alert">{message}</p>}
      <button type="submit">{t('counter.signIn')}</button>
    </form>
  );
}

function Boot() {
  const [hall, setHall] = useState<HallInfo | undefined>();
  const [session, setSession] = useState<Session | undefined>();
  useEffect(() => void fetchHall().then(setHall), []);
  const view = useMemo(() => (hall ? (session ? <Counter session={session} hall={hall} /> : <SignIn hall={hall} onSession={setSession} />) : <p>{t('common.loading')}</p>), [hall, session]);
  return view;
}

document.title = `HallQ · ${t('counter.title')}`;
mount(<Boot />);
