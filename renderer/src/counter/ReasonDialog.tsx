// A reason with quick picks plus free text, for 挂起 (suspend) and 暂停服务 (pause).
// Picking "其他" clears the field for typing; the hub gets the trimmed text (1–100 characters).
import { useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../lib/i18n.js';
import { Dialog, DialogButtons } from './Dialog.js';

export const REASON_MAX = 100;

export function ReasonDialog({ title, picks, onSubmit, onClose }: {
  title: string;
  picks: readonly MessageKey[];
  onSubmit: (reason: string) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const text = reason.trim();
    if (!text) return setError(t('counter.reasonRequired'));
    if (text.length > REASON_MAX) return setError(t('counter.reasonTooLong'));
    setBusy(true);
    setError(await onSubmit(text));
    setBusy(false);
  };
  return (
    <Dialog title={title} onClose={onClose} error={error}>
      <form onSubmit={(e) => void submit(e)} class="c-form">
        <div class="c-picks" role="group" aria-label={t('counter.reason')}>
          {picks.map((key) => (
            <button type="button" key={key} aria-pressed={reason === t(key)} onClick={() => { setReason(t(key)); setError(undefined); }}>{t(key)}</button>
          ))}
          <button type="button" onClick={() => { setReason(''); field.current?.focus(); }}>{t('counter.other')}</button>
        </div>
        <label>{t('counter.reason')}
          <input name="reason" ref={field} value={reason} maxLength={REASON_MAX + 20} placeholder={t('counter.reasonPlaceholder')} onInput={(e) => { setReason(e.currentTarget.value); setError(undefined); }} />
        </label>
        <DialogButtons onClose={onClose} busy={busy} />
      </form>
    </Dialog>
  );
}
