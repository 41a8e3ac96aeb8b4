// 呼叫指定号码: call one waiting number out of turn (a visitor at the window with a slip in hand).
// The format is checked here; whether the number waits for this window is the hub's answer.
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n.js';
import { Dialog, DialogButtons } from './Dialog.js';
import { NUMBER_PATTERN } from './tickets.js';

export function CallNumberDialog({ onSubmit, onClose }: { onSubmit: (number: string) => Promise<string | undefined>; onClose: () => void }) {
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const n = number.trim().toUpperCase();
    if (!NUMBER_PATTERN.test(n)) return setError(t('counter.numberFormat'));
    setBusy(true);
    setError(await onSubmit(n));
    setBusy(false);
  };
  return (
    <Dialog title={t('counter.callNumber')} onClose={onClose} error={error}>
      <form onSubmit={(e) => void submit(e)} class="c-form">
        <label>{t('counter.numberLabel')}
          <input name="number" value={number} autoComplete="off" placeholder={t('counter.numberPlaceholder')} onInput={(e) => { setNumber(e.currentTarget.value); setError(undefined); }} />
        </label>
        <DialogButtons onClose={onClose} ok={t('counter.call')} busy={busy} />
      </form>
    </Dialog>
  );
}
