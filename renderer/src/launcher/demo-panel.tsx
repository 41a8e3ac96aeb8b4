// The demo hall's simulated devices (GET /api/demo/devices, served only by `hallq demo`): what they
// show, and buttons that press keypad keys, lay an ID card on the reader or take the printer's paper away.
import { useState } from 'preact/hooks';
import { t, type MessageKey } from '../lib/i18n.js';

export interface DemoDevices {
  readonly links: readonly { readonly label: string; readonly href: string }[];
  readonly printer: {
    readonly paper: 'ok' | 'near-end' | 'out';
    readonly coverOpen: boolean;
    readonly receipts: readonly { readonly at: number; readonly svg: string }[];
  };
  readonly leds: readonly { readonly windowNo: number; readonly lines: readonly string[]; readonly svg: string }[];
  readonly keypads: readonly {
    readonly windowNo: number;
    readonly address: number;
    readonly kind: 'evaluation' | 'caller';
    readonly screen: { readonly mode: string; readonly text: string };
    readonly svg: string;
  }[];
  /** Kiosk K1's ID card reader: the sample card on it, and the ones the panel can lay there. */
  readonly idcard: { readonly card: SampleCard | null; readonly cards: readonly SampleCard[] };
}
type SampleCard = 'adult' | 'senior' | 'expired' | 'otherType';

/** The panel's state, `'absent'` outside the demo hall, undefined when it could not be read this time. */
export async function fetchDemo(): Promise<DemoDevices | 'absent' | undefined> {
  try {
    const res = await fetch('/api/demo/devices', { cache: 'no-store' });
    if (res.status === 404) return 'absent';
    return res.ok ? ((await res.json()) as DemoDevices) : undefined;
  } catch {
    return undefined;
  }
}

async function post(path: string, body: object): Promise<string | undefined> {
  try {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.ok) return undefined;
    const reply = (await res.json().catch(() => ({}))) as { message?: string };
    return reply.message ?? res.statusText;
  } catch (err) {
    return String(err);
  }
}

const svgUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
const ratingKeys = [5, 4, 3, 2, 1] as const;
const callerKeys = ['next', 'recall', 'skip', 'finish', 'pause'] as const;

export function DemoPanel({ devices }: { devices: DemoDevices }) {
  const [failure, setFailure] = useState<string | undefined>();
  const act = (path: string, body: object) => void post(path, body).then((message) => setFailure(message && t('launcher.demo.failed', { message })));
  const { printer } = devices;
  return (
    <section class="demo" aria-label={t('launcher.demo.title')}>
      <h2>{t('launcher.demo.title')}</h2>
      <p>{t('launcher.demo.intro')}</p>
      {failure && <p role="alert" class="demo-failure">{failure}</p>}
      <h3>{t('launcher.demo.screens')}</h3>
      <nav class="demo-links">
        {devices.links.map((l) => (
          <a href={l.href} key={l.href} target="_blank" rel="noopener">
            {l.label}
          </a>
        ))}
      </nav>
      <div class="demo-columns">
        <div>
          <h3>{t('launcher.demo.printer')}</h3>
          <p data-testid="printer-state">
            {t('launcher.demo.paper', { state: t(`launcher.demo.paper.${printer.paper}` as MessageKey) })}
            {printer.coverOpen && ` · ${t('launcher.demo.cover')}`}
          </p>
          <div class="demo-buttons">
            <button onClick={() => act('/api/demo/printer', { paper: 'ok' })}>{t('launcher.demo.setPaper.ok')}</button>
            <button onClick={() => act('/api/demo/printer', { paper: 'near-end' })}>{t('launcher.demo.setPaper.near')}</button>
            <button onClick={() => act('/api/demo/printer', { paper: 'out' })}>{t('launcher.demo.setPaper.out')}</button>
            <button onClick={() => act('/api/demo/printer', { coverOpen: !printer.coverOpen })}>
              {t(printer.coverOpen ? 'launcher.demo.closeCover' : 'launcher.demo.openCover')}
            </button>
          </div>
          <h3>{t('launcher.demo.idcard')}</h3>
          <p data-testid="idcard-state">
            {devices.idcard.card ? t('launcher.demo.idcard.on', { card: t(`launcher.demo.card.${devices.idcard.card}`) }) : t('launcher.demo.idcard.none')}
          </p>
          <div class="demo-buttons">
            {devices.idcard.cards.map((card) => (
              <button key={card} aria-pressed={devices.idcard.card === card} onClick={() => act('/api/demo/idcard', { card })}>
                {t(`launcher.demo.card.${card}`)}
              </button>
            ))}
            <button disabled={!devices.idcard.card} onClick={() => act('/api/demo/idcard', { card: null })}>
              {t('launcher.demo.idcard.lift')}
            </button>
          </div>
          <div class="demo-receipts" data-testid="receipts">
            {printer.receipts.length === 0 && <p>{t('launcher.demo.noReceipts')}</p>}
            {printer.receipts.map((r) => (
              <img key={r.at} src={svgUrl(r.svg)} alt="" />
            ))}
          </div>
        </div>
        <div>
          <h3>{t('launcher.demo.leds')}</h3>
          <ul class="demo-leds">
            {devices.leds.map((led) => (
              <li key={led.windowNo} data-testid={`led-${led.windowNo}`} data-lines={led.lines.join('\n')}>
                <span>{t('launcher.demo.windowNo', { n: led.windowNo })}</span>
                <img src={svgUrl(led.svg)} alt={led.lines.join(' ')} />
              </li>
            ))}
          </ul>
          <h3>{t('launcher.demo.keypads')}</h3>
          <ul class="demo-keypads">
            {devices.keypads.map((k) => (
              <li key={k.address} data-testid={`keypad-${k.kind}-${k.windowNo}`}>
                <span>{t('launcher.demo.windowNo', { n: k.windowNo })}</span>
                <img src={svgUrl(k.svg)} alt={k.screen.text} />
                <div class="demo-buttons">
                  {k.kind === 'evaluation'
                    ? ratingKeys.map((level) => (
                        <button key={level} onClick={() => act('/api/demo/press', { address: k.address, key: level })}>
                          {t(`launcher.demo.rate.${level}`)}
                        </button>
                      ))
                    : callerKeys.map((key) => (
                        <button key={key} onClick={() => act('/api/demo/press', { address: k.address, key })}>
                          {t(`launcher.demo.key.${key}`)}
                        </button>
                      ))}
                </div>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
