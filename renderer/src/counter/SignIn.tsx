// Sign in at a window: staff number, password, the window (preset by ?windowNo= from the app shell).
// A message from the last session (signed out, session expired) is shown above the form.
import { useState } from 'preact/hooks';
import { param, type HallInfo } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { signIn, type Session } from './session.js';

/** Why the last session ended: signed out (info) or ended by the hub (warning). */
export interface Notice {
  readonly text: string;
  readonly kind: 'info' | 'warning';
  readonly staffId: string;
  readonly windowNo: number;
}

export function SignIn({ hall, notice, onSession }: { hall: HallInfo; notice?: Notice | undefined; onSession: (s: Session) => void }) {
  const preset = notice?.windowNo ?? Number(param('windowNo'));
  const [staffId, setStaffId] = useState(notice?.staffId ?? '');
  const [password, setPassword] = useState('');
  const [windowNo, setWindowNo] = useState(hall.windows.some((w) => w.number === preset) ? preset : (hall.windows[0]?.number ?? 1));
  const [message, setMessage] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const r = await signIn(staffId.trim(), password, windowNo);
    setBusy(false);
    if (r.ok) onSession(r.session);
    else setMessage(r.message);
  };
  return (
    <form class="c-signin" onSubmit={(e) => void submit(e)}>
      <h1>{t('counter.title')}</h1>
      {notice && !message && <p class="c-notice" data-kind={notice.kind} role="status">{notice.text}</p>}
      <label>{t('counter.staffId')}<input name="staffId" autoComplete="username" value={staffId} onInput={(e) => setStaffId(e.currentTarget.value)} /></label>
      <label>{t('counter.password')}<input name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} /></label>
      <label>{t('counter.window')}
        <select name="window" value={windowNo} onChange={(e) => setWindowNo(Number(e.currentTarget.value))}>
          {hall.windows.map((w) => <option key={w.number} value={w.number}>{t('common.window', { n: w.number })} {w.name}</option>)}
        </select>
      </label>
      {message && <p class="c-error" role="alert">{message}</p>}
      <button type="submit" disabled={busy}>{busy ? t('counter.signingIn') : t('counter.signIn')}</button>
    </form>
  );
}
