// The visitor's phone page (/t/<visitId>?k=<token>, opened from the ticket's QR code): the number,
// the service, people ahead and the estimated wait, live; a full-width "请到 3号窗口 办理" when called
// (and a vibration where the phone allows); suspended, finished, no-show, cancelled and expired
// states; a wrong or expired link says so; offline it keeps the last known state under a banner.
// 大字 (1.5×) and 高对比 switches at the top, remembered on the phone (comfort.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import { NO_SHOW_RULE, type TicketStatusView } from '../../../main/protocol/index.js';
import { param } from '../lib/api.js';
import { clock, clockSeconds } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { mount, Toggle } from '../lib/ui.js';
import { HIGH_CONTRAST_KEY, LARGE_TEXT_KEY, useStoredFlag } from './comfort.js';
import { watchTicket, type LiveState } from './live.js';
import './ticket.css';

const visitId = decodeURIComponent(/^\/t\/([^/]+)$/.exec(location.pathname)?.[1] ?? '');
const k = param('k') ?? '';

/** Buzz when the number is called, and again on each recall (not again for the same call). */
function useCallAlert(status: TicketStatusView | undefined): void {
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    const key = status?.ticket.status === 'called' ? `${status.ticket.id}:${status.ticket.recalls}` : undefined;
    if (key !== undefined && key !== seen.current) navigator.vibrate?.([400, 200, 400, 200, 400]);
    seen.current = key;
  }, [status]);
}

function Status({ s }: { s: TicketStatusView }) {
  const tk = s.ticket;
  const win = tk.windowNo !== undefined ? t('common.window', { n: tk.windowNo }) : '';
  switch (tk.status) {
    case 'waiting':
      return (
        <section class="tp-state" data-state="waiting">
          <div class="tp-stats">
            <div>
              <span>{t('ticket.peopleAhead')}</span>
              <b data-testid="people-ahead">{t('common.people', { n: s.peopleAhead })}</b>
            </div>
            <div>
              <span>{t('ticket.estimatedWait')}</span>
              <b>{t('common.minutes', { n: s.estimatedWaitMinutes })}</b>
            </div>
          </div>
          {tk.kind === 'transfer' && (
            <p class="tp-note" data-note="transferred">
              {t('ticket.transferred', { service: s.serviceName })}
              {tk.targetWindow !== undefined && <> · {t('ticket.transferredTo', { window: t('common.window', { n: tk.targetWindow }) })}</>}
            </p>
          )}
          {tk.kind === 'appointment' && <p class="tp-note">{t('ticket.appointmentHint')}</p>}
          <p class="tp-hint">{t('ticket.waitingHint', { rule: NO_SHOW_RULE })}</p>
        </section>
      );
    case 'called':
      return (
        <section class="tp-state tp-called" data-state="called" role="alert">
          <p class="tp-now">{t('ticket.calledNow')}</p>
          <p class="tp-call" data-testid="call">
            {t('ticket.callPrefix')} <b>{win}</b> {t('ticket.callSuffix')}
          </p>
          {s.windowName && <p class="tp-window-name">{s.windowName}</p>}
          {tk.recalls > 0 && <p class="tp-recall" data-testid="recalled">{t('ticket.recalled', { n: tk.recalls + 1 })}</p>}
        </section>
      );
    case 'serving':
      return (
        <section class="tp-state tp-serving" data-state="serving">
          <p class="tp-big">{t('ticket.serving', { window: win })}</p>
          {s.windowName && <p class="tp-window-name">{s.windowName}</p>}
        </section>
      );
    case 'suspended':
      return (
        <section class="tp-state tp-warn" data-state="suspended">
          <p class="tp-big">{t('ticket.suspended')}{tk.note ? `：${tk.note}` : ''}</p>
          <p class="tp-hint">{t('ticket.suspendedHint')}</p>
        </section>
      );
    case 'done':
      return (
        <section class="tp-state tp-done" data-state="done">
          <p class="tp-big">{t('ticket.done')}</p>
          {/* Once rated, thank the visitor instead of asking again. */}
          <p class="tp-hint" data-testid="rate-hint">{tk.rating ? t('ticket.rated') : t('ticket.rateHint')}</p>
          <p class="tp-hint">{t('ticket.complainHint')}</p>
        </section>
      );
    case 'no-show':
      return <Ended state="no-show" title={t('ticket.noShow')} hint={t('ticket.noShowHint', { rule: NO_SHOW_RULE })} />;
    case 'cancelled':
      return <Ended state="cancelled" title={t('ticket.cancelled')} hint={t('ticket.cancelledHint')} />;
    case 'expired':
      return <Ended state="expired" title={t('ticket.expired')} hint={t('ticket.expiredHint')} />;
    case 'transferred':
      return <Ended state="transferred" title={t('ticket.transferredOld')} hint={t('ticket.waitingHint', { rule: NO_SHOW_RULE })} />;
    default: {
      const never: never = tk.status;
      throw new Error(`unknown ticket status ${String(never)}`);
    }
  }
}

function Ended({ state, title, hint }: { state: string; title: string; hint: string }) {
  return (
    <section class="tp-state tp-warn" data-state={state}>
      <p class="tp-big">{title}</p>
      <p class="tp-hint">{hint}</p>
    </section>
  );
}

function TicketPage() {
  const [live, setLive] = useState<LiveState>({ offline: false });
  useEffect(() => {
    if (!visitId || !k) return;
    const w = watchTicket(visitId, k, setLive);
    return () => w.close();
  }, []);
  useCallAlert(live.status);
  const [large, setLarge] = useStoredFlag(LARGE_TEXT_KEY);
  const [contrast, setContrast] = useStoredFlag(HIGH_CONTRAST_KEY);

  if (!visitId || !k) return <ErrorPage title={t('ticket.badLink')} />;
  if (live.notFound) return <ErrorPage title={t('ticket.notFound')} detail={live.notFound} />;
  const s = live.status;
  return (
    <main class="tp" data-status={s?.ticket.status ?? 'loading'} data-large={String(large)} data-contrast={contrast ? 'high' : 'normal'}>
      <div class="tp-comfort">
        <Toggle class="tp-toggle" on={large} onChange={setLarge} label={t('common.largeText')} />
        <Toggle class="tp-toggle" on={contrast} onChange={setContrast} label={t('common.highContrast')} />
      </div>
      {live.offline && (
        <div class="tp-offline" role="alert">
          {t('ticket.offline')}
          {s && <small>{t('ticket.offlineShown')}</small>}
        </div>
      )}
      {!s ? (
        <p class="tp-loading">{t('common.loading')}</p>
      ) : (
        <>
          <header class="tp-head">
            <p class="tp-label">{t('ticket.yourNumber')}</p>
            <p class="tp-number" data-testid="ticket-number">{s.ticket.number}</p>
            <p class="tp-service" data-testid="service">{s.serviceName}</p>
          </header>
          <Status s={s} />
          <footer class="tp-foot">
            <span>{t('ticket.issuedAt', { time: clock(s.ticket.issuedAt) })}</span>
            {live.updatedAt !== undefined && <span>{t('ticket.updatedAt', { time: clockSeconds(live.updatedAt) })}</span>}
          </footer>
        </>
      )}
    </main>
  );
}

function ErrorPage({ title, detail }: { title: string; detail?: string }) {
  return (
    <main class="tp tp-error" data-status="error">
      <h1>{title}</h1>
      {detail && detail !== title && <p>{detail}</p>}
      <p>{t('ticket.notFoundHint')}</p>
    </main>
  );
}

document.title = t('ticket.title');
mount(<TicketPage />);
