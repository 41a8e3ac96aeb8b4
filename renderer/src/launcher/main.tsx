// The launcher (/): links to every screen of the hall. The demo adds its simulated devices here.
import { t, type MessageKey } from '../lib/i18n.js';
import { mount } from '../lib/ui.js';
import './launcher.css';

const screens: readonly [string, MessageKey][] = [
  ['/kiosk/', 'launcher.kiosk'],
  ['/counter/', 'launcher.counter'],
  ['/display/', 'launcher.display'],
  ['/window/', 'launcher.window'],
  ['/pad/', 'launcher.pad'],
  ['/book/', 'launcher.book'],
];

document.title = t('launcher.title');
mount(
  <main class="launcher">
    <h1>{t('launcher.title')}</h1>
    <p>{t('launcher.intro')}</p>
    <nav>
      {screens.map(([href, key]) => (
        <a href={href} key={href}>
          {t(key)}
        </a>
      ))}
    </nav>
  </main>,
);
