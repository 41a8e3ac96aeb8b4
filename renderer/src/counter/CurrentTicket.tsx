// The ticket at the window now, with a timer that turns amber at 80 % and red past the service's
// promised minutes (counted from 开始办理; before that it shows how long ago it was called).
import type { TicketView } from '../../../main/protocol/index.js';
import type { ServiceInfo } from '../lib/api.js';
import { elapsed } from '../lib/format.js';
import { t } from '../lib/i18n.js';
import { useNow } from '../lib/ui.js';

export function CurrentTicket({ current, service }: { current: TicketView | undefined; service: ServiceInfo | undefined }) {
  const now = useNow(1000);
  if (!current) return <p class="c-empty">{t('counter.noCurrent')}</p>;
  const since = current.startedAt ?? current.calledAt;
  const spent = since === undefined ? 0 : now - since;
  const promisedMs = (service?.promisedMinutes ?? 0) * 60_000;
  const level = current.startedAt === undefined || !promisedMs ? 'ok' : spent > promisedMs ? 'late' : spent > promisedMs * 0.8 ? 'near' : 'ok';
  return (
    <>
      <p class="c-number" data-testid="current-number">{current.number}</p>
      <p>
        {service?.name} · {t(current.startedAt ? 'counter.status.serving' : 'counter.status.called')}
        {current.kind !== 'normal' && <span class="c-kind"> · {t(`counter.kind.${current.kind}`)}</span>}
        {current.recalls > 0 && ` · ${t('counter.recalls', { n: current.recalls })}`}
      </p>
      {current.note && <p class="c-note">{current.note}</p>}
      <p class="c-timer" data-level={level} data-testid="timer">
        {t(current.startedAt ? 'counter.servingFor' : 'counter.calledAgo', { time: elapsed(spent) })}
        {service && ` · ${t('counter.promised', { n: service.promisedMinutes })}`}
      </p>
    </>
  );
}
