// A modal frame for the counter's dialogs: a title, Esc or the close button to leave, the first
// field focused, and a place for the hub's refusal shown as is.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../lib/i18n.js';

export function Dialog({ title, onClose, error, children }: { title: string; onClose: () => void; error?: string | undefined; children: ComponentChildren }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>('[data-autofocus], input, select, button')?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
  return (
    <div class="c-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="c-dialog" role="dialog" aria-modal="true" aria-label={title} ref={box}>
        <header>
          <h2>{title}</h2>
          <button type="button" class="c-close" onClick={onClose} aria-label={t('common.close')}>×</button>
        </header>
        {children}
        {error && <p class="c-error" role="alert">{error}</p>}
      </div>
    </div>
  );
}

/** OK / cancel row for a dialog's form. */
export function DialogButtons({ onClose, ok = t('common.confirm'), busy = false }: { onClose: () => void; ok?: string; busy?: boolean }) {
  return (
    <div class="c-dialog-buttons">
      <button type="submit" class="c-primary" disabled={busy}>{ok}</button>
      <button type="button" onClick={onClose}>{t('common.cancel')}</button>
    </div>
  );
}
