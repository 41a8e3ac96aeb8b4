// 补打号票: find a visitor's ticket by its number among today's tickets and print it again at the
// kiosk that issued it. Which tickets may be reprinted (and for which window) is the hub's rule.
import { useState } from 'preact/hooks';
import type { TicketView } from '../../../main/protocol/index.js';
import type { ServiceInfo } from '../lib/api.js';
import { clock } from '../lib/format.js';
import type { HallState } from '../lib/hall-state.js';
import { t } from '../lib/i18n.js';
import { Dialog } from './Dialog.js';
import { findToday, NUMBER_PATTERN } from './tickets.js';

export function ReprintDialog({ state, services, onReprint, onClose }: {
  state: HallState;
  services: readonly ServiceInfo[];
  onReprint: (ticket: TicketView) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const [number, setNumber] = useState('');
  const [found, setFound] = useState<readonly TicketView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const find = (e: Event) => {
    e.preventDefault();
    const n = number.trim().toUpperCase();
    if (!NUMBER_PATTERN.test(n)) return setError(t('counter.numberFormat'));
    const hits = findToday(state, n);
    setFound(hits);
    setError(hits.length ? undefined : t('counter.notFoundToday', { number: n }));
  };
  return (
    <Dialog title={t('counter.reprint')} onClose={onClose} error={error}>
      <form onSubmit={find} class="c-form c-inline">
        <label>{t('counter.numberLabel')}
          <input name="number" value={number} autoComplete="off" placeholder={t('counter.numberPlaceholder')} onInput={(e) => { setNumber(e.currentTarget.value); setError(undefined); }} />
        </label>
        <button type="submit" class="c-primary">{t('counter.find')}</button>
      </form>
      {found && found.length > 0 && (
        <ul class="c-found">
          {found.map((tk) => (
            <li key={tk.id}>
              <b>{tk.number}</b> {services.find((s) => s.code === tk.serviceCode)?.name ?? tk.serviceCode} · {t(`counter.ticketStatus.${tk.status}`)} · {clock(tk.issuedAt)}
              <button type="button" class="c-primary" onClick={() => void onReprint(tk).then(setError)}>{t('counter.reprintThis')}</button>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
