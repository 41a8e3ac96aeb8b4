// The book screen — a stub so the build is whole; its owner replaces it. See lib/ for the shared API.
import { t } from '../lib/i18n.js';
import { mount } from '../lib/ui.js';

document.title = `HallQ · ${t('book.title')}`;
mount(
  <main style={{ padding: '48px', fontSize: '32px' }}>
    <h1>{t('book.title')}</h1>
    <p>{t('book.comingSoon')}</p>
  </main>,
);
