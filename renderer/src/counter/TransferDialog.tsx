// 转办: end the current ticket here and queue the visitor for another service — any window that
// serves it, or one chosen window (only windows serving that service are offered) — at the head
// (插队到队首) or the tail (排到队尾) of that queue, with an optional note for the next window.
import { useState } from 'preact/hooks';
import type { TicketView } from '../../../main/protocol/index.js';
import type { HallInfo } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { Dialog, DialogButtons } from './Dialog.js';

export interface TransferChoice {
  readonly serviceCode: string;
  readonly windowNo?: number;
  readonly position: 'head' | 'tail';
  readonly note?: string;
}
const NOTE_MAX = 100;

export function TransferDialog({ hall, ticket, onSubmit, onClose }: {
  hall: HallInfo;
  ticket: TicketView;
  onSubmit: (choice: TransferChoice) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const own = hall.services.find((s) => s.code === ticket.serviceCode);
  const [department, setDepartment] = useState(own?.department ?? hall.departments[0]?.code ?? '');
  const [serviceCode, setServiceCode] = useState('');
  const [windowNo, setWindowNo] = useState<number | undefined>();
  const [position, setPosition] = useState<'head' | 'tail'>('head');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const services = hall.services.filter((s) => s.department === department);
  const windows = serviceCode ? hall.windows.filter((w) => w.services.some((tier) => tier.includes(serviceCode))) : [];

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!serviceCode) return setError(t('counter.pickService'));
    if (note.trim().length > NOTE_MAX) return setError(t('counter.noteTooLong'));
    setBusy(true);
    setError(
      await onSubmit({
        serviceCode,
        position,
        ...(windowNo !== undefined && { windowNo }),
        ...(note.trim() && { note: note.trim() }),
      }),
    );
    setBusy(false);
  };
  return (
    <Dialog title={t('counter.transferTitle', { number: ticket.number })} onClose={onClose} error={error}>
      <form onSubmit={(e) => void submit(e)} class="c-form">
        <label>{t('counter.department')}
          <select name="department" value={department} onChange={(e) => { setDepartment(e.currentTarget.value); setServiceCode(''); setWindowNo(undefined); }}>
            {hall.departments.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
          </select>
        </label>
        <label>{t('counter.toService')}
          <select name="service" value={serviceCode} onChange={(e) => { setServiceCode(e.currentTarget.value); setWindowNo(undefined); setError(undefined); }}>
            <option value="">{t('counter.pickService')}</option>
            {services.map((s) => <option key={s.code} value={s.code}>{s.name}</option>)}
          </select>
        </label>
        <label>{t('counter.toWindow')}
          <select name="toWindow" value={windowNo ?? ''} disabled={!serviceCode} onChange={(e) => setWindowNo(e.currentTarget.value ? Number(e.currentTarget.value) : undefined)}>
            <option value="">{t('counter.anyWindow')}</option>
            {windows.map((w) => <option key={w.number} value={w.number}>{t('common.window', { n: w.number })} {w.name}</option>)}
          </select>
        </label>
        <fieldset class="c-radios">
          <legend>{t('counter.position')}</legend>
          <label><input type="radio" name="position" value="head" checked={position === 'head'} onChange={() => setPosition('head')} />{t('counter.head')}</label>
          <label><input type="radio" name="position" value="tail" checked={position === 'tail'} onChange={() => setPosition('tail')} />{t('counter.tail')}</label>
        </fieldset>
        <label>{t('counter.note')}
          <input name="note" value={note} maxLength={NOTE_MAX + 20} placeholder={t('counter.notePlaceholder')} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <DialogButtons onClose={onClose} ok={t('counter.transfer')} busy={busy} />
      </form>
    </Dialog>
  );
}
