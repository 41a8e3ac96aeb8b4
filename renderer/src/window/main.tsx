// The window screen — a stub so the build is whole; its owner replaces it. See lib/ for the shared API.
import { t } from '../lib/i18n.js';
import { mount } from '../lib/ui.js';

document.title = `HallQ · ${t('window.title')}`;
mount(
  <main style={{ padding: '48px', fontSize: '32px' }}>
    <h1>{t('window.title')}</h1>
    <p>{t('window.comingSoon')}</p>
  </main>,
);
