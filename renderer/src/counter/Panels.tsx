// The side panels: the waiting list, the suspended list (恢复办理), the no-show list (过号重排) and
// the staff member's numbers for today.
import type { TicketView } from '../../../main/protocol/index.js';
import { elapsed } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { useNow } from '../lib/ui.js';
import type { TodayStats } from './stats.js';
import { waitedMinutes } from './tickets.js';

export function WaitingList({ waiting }: { waiting: readonly TicketView[] }) {
  const now = useNow(15_000);
  return (
    <section class="c-panel c-waiting" aria-label={t('counter.waiting', { n: waiting.length })}>
      <h2>{t('counter.waiting', { n: waiting.length })}</h2>
      {waiting.length === 0 ? <p>{t('counter.noWaiting')}</p> : (
        <ol>
          {waiting.slice(0, 30).map((w) => (
            <li key={w.id} data-lane={w.lane}>
              <b>{w.number}</b> <span class="c-waited">{t('counter.waited', { n: waitedMinutes(w.queuedAt, now) })}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function SuspendedList({ tickets, onResume }: { tickets: readonly TicketView[]; onResume: (t: TicketView) => void }) {
  return (
    <section class="c-panel" data-testid="suspended-list">
      <h2>{t('counter.suspended', { n: tickets.length })}</h2>
      {tickets.length === 0 ? <p>{t('counter.noSuspended')}</p> : (
        <ul class="c-rows">
          {tickets.map((tk) => (
            <li key={tk.id}>
              <b>{tk.number}</b> <span class="c-note">{tk.note}</span>
              <button type="button" onClick={() => onResume(tk)}>{t('counter.resumeTicket')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function NoShowList({ tickets, onRequeue }: { tickets: readonly TicketView[]; onRequeue: (t: TicketView) => void }) {
  return (
    <section class="c-panel" data-testid="no-show-list">
      <h2>{t('counter.noShows', { n: tickets.length })}</h2>
      {tickets.length === 0 ? <p>{t('counter.noNoShows')}</p> : (
        <ul class="c-rows">
          {tickets.slice(0, 10).map((tk) => (
            <li key={tk.id}>
              <b>{tk.number}</b>
              <button type="button" onClick={() => onRequeue(tk)}>{t('counter.requeue')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const duration = (ms: number | undefined) => (ms === undefined ? t('counter.none') : elapsed(ms));

export function StatsPanel({ stats }: { stats: TodayStats }) {
  const rows: [string, string, string][] = [
    ['served', t('counter.served'), t('counter.count', { n: stats.served })],
    ['avg-time', t('counter.avgTime'), duration(stats.avgServiceMs)],
    ['avg-wait', t('counter.avgWait'), duration(stats.avgWaitMs)],
    ['ratings', t('counter.ratings'), String(stats.ratings)],
    ['satisfaction', t('counter.satisfaction'), stats.satisfiedPct === undefined ? t('counter.none') : `${stats.satisfiedPct}%`],
    ['transfers', t('counter.transfers'), t('counter.count', { n: stats.transfers })],
  ];
  return (
    <section class="c-panel c-stats" data-testid="today-stats">
      <h2>{t('counter.today')}</h2>
      <dl>
        {rows.map(([id, label, value]) => (
          <div key={id}><dt>{label}</dt><dd data-testid={`stat-${id}`}>{value}</dd></div>
        ))}
      </dl>
    </section>
  );
}
