// The launcher (/): links to every screen of the hall. In the demo hall (`npm start`) it also shows
// the simulated devices live — printed tickets, LED window displays, keypads — and acts on them.
import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../lib/i18n.js';
import { mount } from '../lib/ui.js';
import { DemoPanel, fetchDemo, type DemoDevices } from './demo-panel.js';
import './launcher.css';

const screens: readonly [string, MessageKey][] = [
  ['/kiosk/', 'launcher.kiosk'],
  ['/counter/', 'launcher.counter'],
  ['/display/', 'launcher.display'],
  ['/window/', 'launcher.window'],
  ['/pad/', 'launcher.pad'],
  ['/book/', 'launcher.book'],
];

function Launcher() {
  const [demo, setDemo] = useState<DemoDevices | undefined>();
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    // A real hall has no demo panel (404): the launcher then only links the screens.
    const poll = async () => {
      const devices = await fetchDemo();
      if (stopped) return;
      if (devices === 'absent') return;
      if (devices) setDemo(devices);
      timer = window.setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => ((stopped = true), clearTimeout(timer));
  }, []);
  return (
    <main class="launcher">
      <h1>{t('launcher.title')}</h1>
      {!demo && <p>{t('launcher.intro')}</p>}
      {!demo && (
        <nav>
          {screens.map(([href, key]) => (
            <a href={href} key={href}>
              {t(key)}
            </a>
          ))}
        </nav>
      )}
      {demo && <DemoPanel devices={demo} />}
    </main>
  );
}

document.title = t('launcher.title');
mount(<Launcher />);
