// The shortcut overlay (F12 or ?): every key the counter answers, and the transfer/suspend/pause rules.
import { t } from '../lib/i18n.js';
import { Dialog } from './Dialog.js';
import { actionKeys } from './shortcuts.js';

export function Help({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title={t('counter.helpTitle')} onClose={onClose}>
      <table class="c-help">
        <thead><tr><th>{t('counter.helpKey')}</th><th>{t('counter.helpAction')}</th></tr></thead>
        <tbody>
          {actionKeys.map((a) => (
            <tr key={a.id}><td><kbd>{a.key}</kbd></td><td>{a.id === 'pause' ? `${t('counter.pause')} / ${t('counter.resume')}` : a.id === 'help' ? t('counter.helpOpen') : t(a.label)}</td></tr>
          ))}
          <tr><td><kbd>Enter</kbd></td><td>{t('counter.helpEnter')}</td></tr>
          <tr><td><kbd>Esc</kbd></td><td>{t('counter.helpEsc')}</td></tr>
        </tbody>
      </table>
      <p class="c-rules">{t('counter.helpRules')}</p>
    </Dialog>
  );
}
