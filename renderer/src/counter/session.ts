// A signed-in counter: the hub connection, signed in at the window with window:signIn after every
// connect (a reconnect after a day rollover or a hub restart signs in again), and the hall state it
// follows.
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
  /** A sign-in after a reconnect was refused (the window was taken meanwhile): the hub's message. */
  onSignInRefused(listener: (message: string) => void): () => void;
}

/** Log in over HTTP, connect as that window and sign in there; the hub's refusal (window taken,
 * wrong window…) as is. */
export async function signIn(staffId: string, password: string, windowNo: number): Promise<{ ok: true; session: Session } | { ok: false; message: string }> {
  const r = await login(staffId, password);
  if (!r.ok) return { ok: false, message: r.message };
  const hub = connectHub('counter', { token: r.token, windowNo });
  // The store listens from the start: the snapshot arrives right after connect.
  const store = new HallMirror(hub);
  const refusedListeners = new Set<(message: string) => void>();
  const session: Session = {
    hub,
    store,
    windowNo,
    name: r.name,
    staffId: r.staffId,
    onSignInRefused(listener) {
      refusedListeners.add(listener);
      return () => void refusedListeners.delete(listener);
    },
  };
  return new Promise((resolve) => {
    let first = true;
    hub.onState((s) => {
      if (s === 'online') {
        void hub.command('window:signIn', {}).then((answer) => {
          const wasFirst = first;
          first = false;
          if (answer.ok) {
            if (wasFirst) resolve({ ok: true, session });
          } else if (wasFirst) {
            hub.close();
            resolve({ ok: false, message: answer.message });
          } else {
            for (const l of [...refusedListeners]) l(answer.message);
          }
        });
      } else if (s === 'refused' && first) {
        first = false;
        const message = hub.refusal?.message ?? t('common.offline');
        hub.close();
        resolve({ ok: false, message });
      }
    });
  });
}
