// The pad (/pad/?windowNo=3): a virtual evaluation keypad (评价器) for a tablet on the counter. It is
// a device: it signs in to the hub's /agent namespace with its own agent token (pair one per pad:
// `hallq pair --role agent --id PAD3 --windows 3`; announcing replaces the agent's device list), announces
// itself as keypad `pad-<windowNo>`, and runs the keypad jobs the hub plans — welcome (the staff
// member's name and number) on a call, rate (the five 好差评 buttons) on finish, thanks after a
// rating, back to welcome a few seconds later — acknowledging each. A button sends keypad:rate
// for the ticket of the rate job; a refusal is shown in the hub's words. Until the hub answers (the
// rating is resent with its requestId across a reconnect) the buttons stay disabled under 正在提交.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeviceJob, JobResult, KeypadJob } from '../../../main/protocol/index.js';
import { deviceToken, param } from '../lib/api.js';
import { connectHub, type HubConnection } from '../lib/hub.js';
import { t, type MessageKey } from '../lib/i18n.js';
import { ConnectionBanner, mount } from '../lib/ui.js';
import './pad.css';

document.title = `HallQ · ${t('pad.title')}`;
const THANKS_MS = 5000;
const LEVELS: readonly (1 | 2 | 3 | 4 | 5)[] = [5, 4, 3, 2, 1];

type Screen = { kind: 'welcome'; staffName?: string; staffId?: string } | { kind: 'rate'; ticketId?: string } | { kind: 'thanks' };

/** The pad's device side: announce on every (re)connect, turn jobs into screens. */
class PadDevice {
  screen: Screen = { kind: 'welcome' };
  private staff: { staffName?: string; staffId?: string } = {};
  private readonly listeners = new Set<(s: Screen) => void>();
  private thanksTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly hub: HubConnection<'agent'>,
    readonly windowNo: number,
  ) {
    const announce = () =>
      // agent:devices carries no requestId, so it goes straight to the socket (hub.command adds one).
      void hub.socket
        .timeout(8000)
        .emitWithAck('agent:devices', { devices: [{ deviceId: `pad-${windowNo}`, kind: 'keypad', windowNo }] })
        .catch(() => undefined);
    hub.socket.on('connect', announce);
    if (hub.socket.connected) announce();
    hub.socket.on('job:run', (job: DeviceJob, ack: (r: JobResult) => void) => {
      if (job.kind !== 'keypad' || job.windowNo !== windowNo) return ack({ ok: false, code: 'unsupported', message: t('pad.unsupported') });
      this.run(job);
      ack({ ok: true });
    });
  }

  subscribe(l: (s: Screen) => void): () => void {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }

  /** Thanks, then back to welcome (the staff member stays on it until the next call). */
  thank(): void {
    this.show({ kind: 'thanks' });
    clearTimeout(this.thanksTimer);
    this.thanksTimer = setTimeout(() => this.show({ kind: 'welcome', ...this.staff }), THANKS_MS);
  }

  private run(job: KeypadJob): void {
    switch (job.prompt) {
      case 'welcome':
        this.staff = { ...(job.staffName !== undefined && { staffName: job.staffName }), ...(job.staffId !== undefined && { staffId: job.staffId }) };
        clearTimeout(this.thanksTimer);
        return this.show({ kind: 'welcome', ...this.staff });
      case 'rate':
        clearTimeout(this.thanksTimer);
        return this.show({ kind: 'rate', ...(job.ticketId !== undefined && { ticketId: job.ticketId }) });
      case 'thanks':
        return this.thank();
      default: {
        const never: never = job.prompt;
        return never;
      }
    }
  }

  private show(s: Screen): void {
    this.screen = s;
    for (const l of [...this.listeners]) l(s);
  }
}

function Pad({ device }: { device: PadDevice }) {
  const [screen, setScreen] = useState(device.screen);
  const [refusal, setRefusal] = useState<string | undefined>();
  const [sending, setSending] = useState(false);
  const inFlight = useRef(false); // a second tap in the same frame, before the buttons are disabled
  useEffect(() => device.subscribe((s) => (setScreen(s), setRefusal(undefined))), [device]);

  const rate = async (level: 1 | 2 | 3 | 4 | 5, ticketId?: string) => {
    if (inFlight.current) return;
    const asked = device.screen;
    inFlight.current = true;
    setSending(true);
    const r = await device.hub.command('keypad:rate', { windowNo: device.windowNo, level, ...(ticketId !== undefined && { ticketId }) });
    inFlight.current = false;
    setSending(false);
    // A late answer (resent after a reconnect): thank unless the pad now asks the next visitor.
    if (r.ok && (device.screen === asked || device.screen.kind !== 'rate')) device.thank();
    else if (!r.ok && device.screen === asked) setRefusal(r.message);
  };

  return (
    <div class="pad">
      <ConnectionBanner hub={device.hub} />
      <header class="p-header">
        <span>{t('pad.window', { n: device.windowNo })}</span>
        <span>{t('pad.title')}</span>
      </header>
      <main class="p-body" data-screen={screen.kind} data-testid="pad">
        {screen.kind === 'welcome' && (
          <>
            <p class="p-big">{t('pad.welcome')}</p>
            {screen.staffName !== undefined && (
              <>
                <p class="p-sub" data-testid="staff">
                  {t('pad.staff', { name: screen.staffName, staffId: screen.staffId ?? '' })}
                </p>
                <p class="p-sub">{t('pad.serving')}</p>
              </>
            )}
          </>
        )}
        {screen.kind === 'rate' && (
          <>
            <p class="p-big">{t('pad.ratePrompt')}</p>
            <div class="p-rates">
              {LEVELS.map((level) => (
                <button key={level} type="button" class="p-rate" data-level={level} disabled={sending} onClick={() => void rate(level, screen.ticketId)}>
                  {t(`pad.level${level}` as MessageKey)}
                  <span>{'★'.repeat(level)}</span>
                </button>
              ))}
            </div>
            {sending && <p class="p-sub">{t('pad.sending')}</p>}
          </>
        )}
        {screen.kind === 'thanks' && (
          <>
            <p class="p-big">{t('pad.thanks')}</p>
            <p class="p-sub">{t('pad.thanksSub')}</p>
          </>
        )}
        {refusal && (
          <p class="p-refusal" role="alert">
            {refusal}
          </p>
        )}
      </main>
    </div>
  );
}

function boot(): void {
  const windowNo = Number(param('windowNo'));
  const token = deviceToken('pad');
  if (!Number.isInteger(windowNo) || windowNo < 1) return mount(<p class="p-sub">{t('pad.noWindow')}</p>);
  if (!token) return mount(<p class="p-sub">{t('common.noToken')}</p>);
  const device = new PadDevice(connectHub('agent', { token }), windowNo);
  mount(<Pad device={device} />);
}

boot();
