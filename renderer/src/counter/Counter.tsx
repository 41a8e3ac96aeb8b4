// The counter screen: who is signed in where, the current ticket and every action on buttons and
// F-keys, the pause banner, the waiting / suspended / no-show lists, today's numbers, rating toasts,
// and the dialogs (transfer, suspend, pause, call a number, reprint, sign out, help). Every command's
// refusal is shown as the hub wrote it. Until the hub answers a command (lib/hub.ts resends it with
// its requestId across a reconnect) the screen says 正在处理 and that action is disabled: a second
// press of 叫号 never calls a second visitor, while other keys still work.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Result, TicketView } from '../../../main/protocol/index.js';
import type { HallInfo } from '../lib/api.js';
import { useHall } from '../lib/hall-state.js';
import { t, type MessageKey } from '../lib/i18n.js';
import { ConnectionBanner } from '../lib/ui.js';
import { CallNumberDialog } from './CallNumberDialog.js';
import { CurrentTicket } from './CurrentTicket.js';
import { Dialog, DialogButtons } from './Dialog.js';
import { Help } from './Help.js';
import { NoShowList, StatsPanel, SuspendedList, WaitingList } from './Panels.js';
import { ReasonDialog } from './ReasonDialog.js';
import { ReprintDialog } from './ReprintDialog.js';
import type { Session } from './session.js';
import { enabledActions } from './enabled.js';
import { actionFor, actionKeys, keyOf, type ActionId } from './shortcuts.js';
import { todayStats } from './stats.js';
import { noShowsHere, suspendedHere, waitingHere } from './tickets.js';
import { TransferDialog, type TransferChoice } from './TransferDialog.js';

type DialogKind = 'transfer' | 'suspend' | 'pause' | 'callNumber' | 'reprint' | 'help' | 'signOut';
interface Feedback {
  readonly kind: 'error' | 'info';
  readonly text: string;
}
const simple = { next: 'window:callNext', recall: 'window:recall', start: 'window:start', finish: 'window:finish', skip: 'window:skip' } as const;
const suspendPicks: MessageKey[] = ['counter.suspendReason.materials', 'counter.suspendReason.review', 'counter.suspendReason.payment', 'counter.suspendReason.system'];
const pausePicks: MessageKey[] = ['counter.pauseReason.lunch', 'counter.pauseReason.away', 'counter.pauseReason.consult'];
const TOAST_MS = 10_000;

export function Counter({ session, hall, onEnd }: { session: Session; hall: HallInfo; onEnd: (message: string, kind: 'info' | 'warning') => void }) {
  const { hub, store, windowNo, staffId } = session;
  const state = useHall(store);
  const [dialog, setDialog] = useState<DialogKind | undefined>();
  const [feedback, setFeedback] = useState<Feedback | undefined>();
  const [toasts, setToasts] = useState<readonly { id: number; text: string }[]>([]);
  // The actions whose command the hub has not answered yet (a ref too: a second press in the same frame sees it).
  const sending = useRef(new Set<string>());
  const [pending, setPending] = useState<ReadonlySet<string>>(sending.current);

  const win = state.windows.get(windowNo);
  const current = win?.currentTicketId ? state.tickets.get(win.currentTicketId) : undefined;
  const paused = win?.paused;
  const serviceOf = (code: string) => hall.services.find((s) => s.code === code);
  const windowInfo = hall.windows.find((w) => w.number === windowNo);
  const waiting = waitingHere(state, windowNo, windowInfo?.services.flat() ?? []);
  const suspended = suspendedHere(state, windowNo);
  const noShows = noShowsHere(state, windowNo);
  const stats = useMemo(() => todayStats(state.tickets.values(), staffId, state.day), [state.tickets, state.day, staffId]);

  const enabled = enabledActions({ current, paused: Boolean(paused), pending: (id) => pending.has(id) });

  /** Run one action's exchange with the hub; undefined (nothing sent) while that action's last one is unanswered. */
  const send = async <R,>(key: string, exchange: () => Promise<R>): Promise<R | undefined> => {
    if (sending.current.has(key)) return undefined;
    const changed = () => setPending(new Set(sending.current));
    sending.current.add(key);
    changed();
    try {
      return await exchange();
    } finally {
      sending.current.delete(key);
      changed();
    }
  };

  /** Show a command's outcome on the page: the refusal as is, or an optional success line. */
  const report = (r: Result | undefined, ok?: string) => {
    if (r) setFeedback(r.ok ? (ok ? { kind: 'info', text: ok } : undefined) : { kind: 'error', text: r.message });
  };
  /** A dialog's command: a refusal stays in the dialog; success closes it and says what happened. */
  const fromDialog = async <R extends Result>(key: DialogKind, command: () => Promise<R>, ok: (r: Extract<R, { ok: true }>) => string): Promise<string | undefined> => {
    const r = await send(key, command);
    if (!r) return undefined;
    if (!r.ok) return r.message;
    setDialog(undefined);
    setFeedback({ kind: 'info', text: ok(r as Extract<R, { ok: true }>) });
    return undefined;
  };

  const perform = async (id: ActionId) => {
    if (!enabled[id] || dialog) return;
    switch (id) {
      case 'next':
      case 'recall':
      case 'start':
      case 'finish':
      case 'skip':
        return report(await send(id, () => hub.command(simple[id], {})));
      case 'pause':
        if (paused) return report(await send(id, () => hub.command('window:resume', {})), t('counter.resumedWindowOk'));
        return setDialog('pause');
      case 'transfer':
      case 'suspend':
      case 'callNumber':
      case 'reprint':
      case 'help':
        return setDialog(id);
      default: {
        const never: never = id;
        return never;
      }
    }
  };
  // The key handler is registered once; it always calls this render's perform.
  const latest = useRef(perform);
  latest.current = perform;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = actionFor(e);
      if (!id) return;
      e.preventDefault();
      void latest.current(id);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  // The session ends when the hub refuses it (expired, or the window taken, on a reconnect) or drops it from its side.
  useEffect(() => {
    const off = hub.onState((s) => s === 'refused' && onEnd(hub.refusal?.message ?? t('counter.kickedOut'), 'warning'));
    const dropped = (reason: string) => reason === 'io server disconnect' && onEnd(t('counter.kickedOut'), 'warning');
    hub.socket.on('disconnect', dropped);
    const offSignIn = session.onSignInRefused((message) => onEnd(message, 'warning'));
    return () => {
      off();
      offSignIn();
      hub.socket.off('disconnect', dropped);
    };
  }, [hub]);

  // A rating for one of this staff member's visitors: a toast ("A012 评价：非常满意").
  useEffect(
    () =>
      store.onEvent((e) => {
        if (e.type !== 'ticket.rated') return;
        for (const tk of e.changes.tickets ?? []) {
          if (!tk.rating || tk.staffId !== staffId) continue;
          const id = Date.now() + Math.random();
          const text = t('counter.rated', { number: tk.number, label: t(`counter.rating.${tk.rating.level}` as MessageKey) });
          setToasts((ts) => [...ts, { id, text }]);
          setTimeout(() => setToasts((ts) => ts.filter((x) => x.id !== id)), TOAST_MS);
        }
      }),
    [store],
  );

  const resumeTicket = (tk: TicketView) =>
    send(`resume:${tk.id}`, async () => {
      const r = await hub.command('window:resumeTicket', { ticketId: tk.id });
      if (!r.ok) return report(r);
      // Free and serving: call it straight back (恢复办理); otherwise it waits at the head for this window.
      const ws = store.state.windows.get(windowNo);
      if (ws && !ws.currentTicketId && !ws.paused) return report(await hub.command('window:callNumber', { number: tk.number }));
      report(r, t('counter.resumedOk', { number: tk.number }));
    });
  const requeue = async (tk: TicketView) => report(await send(`requeue:${tk.id}`, () => hub.command('ticket:requeue', { ticketId: tk.id })), t('counter.requeuedOk', { number: tk.number }));

  const transfer = (c: TransferChoice) =>
    fromDialog(
      'transfer',
      () =>
        hub.command('window:transfer', {
          to: c.windowNo !== undefined ? { windowNo: c.windowNo, serviceCode: c.serviceCode } : { serviceCode: c.serviceCode },
          position: c.position,
          ...(c.note !== undefined && { note: c.note }),
        }),
      () =>
        t('counter.transferred', {
          number: current?.number ?? '',
          service: serviceOf(c.serviceCode)?.name ?? c.serviceCode,
          where: c.windowNo !== undefined ? t('common.window', { n: c.windowNo }) : t('counter.anyWindow'),
          position: t(c.position === 'head' ? 'counter.head' : 'counter.tail'),
        }),
    );

  const signOut = async () => {
    const r = await send('signOut', () => hub.command('window:signOut', {}));
    if (!r) return undefined;
    if (!r.ok) return r.message;
    onEnd(t('counter.signedOut'), 'info');
    return undefined;
  };

  const button = (id: ActionId, label: string = t(actionKeys.find((a) => a.id === id)?.label ?? 'counter.next')) => (
    <button type="button" data-action={id} disabled={!enabled[id]} onClick={() => void perform(id)}>
      {label} <kbd>{keyOf(id)}</kbd>
    </button>
  );

  return (
    <div class="counter" data-paused={paused ? 'yes' : 'no'}>
      <ConnectionBanner hub={hub} />
      <header class="c-header">
        <b>{hall.name}</b>
        <span>{t('counter.signedInAs', { name: session.name, staffId, window: t('common.window', { n: windowNo }) })}</span>
        <span class="c-header-buttons">
          <button type="button" onClick={() => void perform('help')}>{t('counter.help')} <kbd>F12</kbd></button>
          <button type="button" onClick={() => setDialog('signOut')}>{t('counter.signOut')}</button>
        </span>
      </header>
      {paused && (
        <div class="c-paused" role="status" data-testid="paused-banner">
          <b>{t('counter.paused', { reason: paused.reason })}</b> <span>{t('counter.pausedHint')}</span>
        </div>
      )}
      <main class="c-main">
        <section class="c-current">
          <h2>{t('counter.current')}</h2>
          <CurrentTicket current={current} service={current && serviceOf(current.serviceCode)} />
          {pending.size > 0 ? (
            <p class="c-info" role="status" data-testid="processing">
              {t('common.processing')}
            </p>
          ) : feedback && (
            <p class={feedback.kind === 'error' ? 'c-error' : 'c-info'} role={feedback.kind === 'error' ? 'alert' : 'status'} data-testid="feedback">
              {feedback.text}
            </p>
          )}
          {/* 叫号 first and largest; 过号 beside 重呼 (both for a called visitor), away from 办结. */}
          <div class="c-actions">
            {button('next')}
            {button('recall')}
            {button('skip')}
            {button('start')}
            {button('finish')}
          </div>
          <div class="c-actions c-secondary">
            {button('transfer')}
            {button('suspend')}
            {button('callNumber')}
            {button('reprint')}
            {button('pause', paused ? t('counter.resume') : t('counter.pause'))}
          </div>
        </section>
        <div class="c-side">
          <WaitingList waiting={waiting} />
          <SuspendedList tickets={suspended} onResume={(tk) => void resumeTicket(tk)} />
          <NoShowList tickets={noShows} onRequeue={(tk) => void requeue(tk)} />
          <StatsPanel stats={stats} />
        </div>
      </main>
      <div class="c-toasts">
        {toasts.map((x) => <p key={x.id} class="c-toast" role="status" data-testid="toast">{x.text}</p>)}
      </div>
      {dialog === 'transfer' && current && (
        <TransferDialog hall={hall} ticket={current} onSubmit={transfer} onClose={() => setDialog(undefined)} />
      )}
      {dialog === 'suspend' && current && (
        <ReasonDialog
          title={t('counter.suspendTitle', { number: current.number })}
          picks={suspendPicks}
          onClose={() => setDialog(undefined)}
          onSubmit={(reason) => fromDialog('suspend', () => hub.command('window:suspend', { reason }), () => t('counter.suspendedOk', { number: current.number, reason }))}
        />
      )}
      {dialog === 'pause' && (
        <ReasonDialog
          title={t('counter.pauseTitle')}
          picks={pausePicks}
          onClose={() => setDialog(undefined)}
          onSubmit={(reason) => fromDialog('pause', () => hub.command('window:pause', { reason }), () => t('counter.pausedOk', { reason }))}
        />
      )}
      {dialog === 'callNumber' && (
        <CallNumberDialog onClose={() => setDialog(undefined)} onSubmit={(number) => fromDialog('callNumber', () => hub.command('window:callNumber', { number }), () => '')} />
      )}
      {dialog === 'reprint' && (
        <ReprintDialog
          state={state}
          services={hall.services}
          onClose={() => setDialog(undefined)}
          onReprint={(tk) => fromDialog('reprint', () => hub.command('ticket:reprint', { ticketId: tk.id }), (r) => t('counter.reprintedOk', { number: tk.number, n: r.ticket?.reprints ?? 1 }))}
        />
      )}
      {dialog === 'help' && <Help onClose={() => setDialog(undefined)} />}
      {dialog === 'signOut' && <SignOutDialog windowNo={windowNo} onConfirm={signOut} onClose={() => setDialog(undefined)} />}
    </div>
  );
}

function SignOutDialog({ windowNo, onConfirm, onClose }: { windowNo: number; onConfirm: () => Promise<string | undefined>; onClose: () => void }) {
  const [error, setError] = useState<string | undefined>();
  return (
    <Dialog title={t('counter.signOut')} onClose={onClose} error={error}>
      <form class="c-form" onSubmit={(e) => { e.preventDefault(); void onConfirm().then(setError); }}>
        <p>{t('counter.signOutConfirm', { window: t('common.window', { n: windowNo }) })}</p>
        <DialogButtons onClose={onClose} ok={t('counter.signOut')} />
      </form>
    </Dialog>
  );
}
