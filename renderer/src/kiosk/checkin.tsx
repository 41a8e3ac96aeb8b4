// Appointment check-in (预约取号) at the kiosk: by the 6-digit code from the booking page or by the
// 18-character ID number given when booking, typed on the on-screen keypad; the hub's refusal (no
// such code, too early, too late, already checked in) is shown as it wrote it. The command goes
// through the kiosk's `busy` (正在处理 until the hub answers, no second tap meanwhile).
import { useState } from 'preact/hooks';
import type { CommandReply } from '../../../main/protocol/index.js';
import type { HubConnection } from '../lib/hub.js';
import { t } from '../lib/i18n.js';
import { Keypad } from './keypad.js';

type Mode = 'code' | 'idNumber';
const LENGTH: Record<Mode, number> = { code: 6, idNumber: 18 };

export function CheckIn({ hub, busy, pending, onIssued, onBack }: {
  hub: HubConnection<'kiosk'>;
  busy: <T>(send: (signal: AbortSignal) => Promise<T>) => Promise<T | undefined>;
  pending: boolean;
  onIssued: (reply: CommandReply) => void;
  onBack: () => void;
}) {
  const [mode, setMode] = useState<Mode | undefined>();
  const [value, setValue] = useState('');
  const [refusal, setRefusal] = useState<string | undefined>();

  if (!mode) {
    return (
      <section class="k-page" data-screen="checkin">
        <h1>{t('kiosk.appointment')}</h1>
        <p class="k-sub">{t('kiosk.appointmentHint')}</p>
        <div class="k-actions k-checkin-modes">
          <button class="k-tile" onClick={() => setMode('code')}>
            <span class="k-tile-name">{t('kiosk.byCode')}</span>
            <span class="k-tile-sub">{t('kiosk.byCodeHint')}</span>
          </button>
          <button class="k-tile" onClick={() => setMode('idNumber')}>
            <span class="k-tile-name">{t('kiosk.byIdNumber')}</span>
            <span class="k-tile-sub">{t('kiosk.byIdNumberHint')}</span>
          </button>
        </div>
        <button class="k-back" onClick={onBack}>{t('common.back')}</button>
      </section>
    );
  }

  const complete = value.length === LENGTH[mode];
  const submit = async () => {
    setRefusal(undefined);
    const r = await busy((signal) => hub.command('appointment:checkIn', mode === 'code' ? { code: value } : { idNumber: value }, { signal }));
    if (!r) return;
    if (r.ok && r.ticket) onIssued(r);
    else setRefusal(r.ok ? t('common.timeout') : r.message);
  };
  return (
    <section class="k-page" data-screen="checkin-keypad">
      <h1>{mode === 'code' ? t('kiosk.enterCode') : t('kiosk.enterIdNumber')}</h1>
      {/* Keys and actions stacked on a portrait screen, side by side on a landscape one (kiosk.css). */}
      <div class="k-keypad-layout">
        <Keypad
          value={value}
          onChange={(v) => (setValue(v), setRefusal(undefined))}
          maxLength={LENGTH[mode]}
          withX={mode === 'idNumber'}
          label={mode === 'code' ? t('kiosk.byCode') : t('kiosk.byIdNumber')}
        />
        <div class="k-keypad-side">
          {refusal && <p class="k-refusal" role="alert" data-testid="checkin-refusal">{refusal}</p>}
          <button class="k-primary" disabled={!complete || pending} onClick={() => void submit()}>{t('kiosk.checkIn')}</button>
          <button class="k-back" onClick={() => (setMode(undefined), setValue(''), setRefusal(undefined))}>{t('common.back')}</button>
        </div>
      </div>
    </section>
  );
}
