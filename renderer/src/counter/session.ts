// A signed-in counter: the hub connection (connecting signs the staff member in at the window) and
// the hall state it follows.
import { login } from '../lib/api.js';
import { HallMirror } from '../lib/hall-state.js';
import { connectHub, type HubConnection } from '../lib/hub.js';
import { t } from '../lib/i18n.js';

export interface Session {
  readonly hub: HubConnection<'counter'>;
  readonly store: HallMirror;
  readonly windowNo: number;
  readonly name: string;
  readonly staffId: string;
}

/** Log in over HTTP, then connect as that window; the hub's refusal (window taken, wrong window…) as is. */
export async function signIn(staffId: string, password: string, windowNo: number): Promise<{ ok: true; session: Session } | { ok: false; message: string }> {
  const r = await login(staffId, password);
  if (!r.ok) return { ok: false, message: r.message };
  const hub = connectHub('counter', { token: r.token, windowNo });
  // The store listens from the start: the snapshot arrives right after connect.
  const store = new HallMirror(hub);
  return new Promise((resolve) => {
    const stop = hub.onState((s) => {
      if (s === 'online') {
        stop();
        resolve({ ok: true, session: { hub, store, windowNo, name: r.name, staffId: r.staffId } });
      } else if (s === 'refused') {
        stop();
        const message = hub.refusal?.message ?? t('common.offline');
        hub.close();
        resolve({ ok: false, message });
      }
    });
  });
}
