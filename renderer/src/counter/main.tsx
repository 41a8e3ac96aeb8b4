// The counter (窗口呼叫) for window staff: sign in at a window, then the counter screen (Counter.tsx).
// Signing out, or a session the hub refuses (expired), returns to the sign-in form with the reason.
import { useEffect, useState } from 'preact/hooks';
import { fetchHall, type HallInfo } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { mount } from '../lib/ui.js';
import { Counter } from './Counter.js';
import type { Session } from './session.js';
import { SignIn, type Notice } from './SignIn.js';
import './counter.css';

function Boot() {
  const [hall, setHall] = useState<HallInfo | undefined>();
  const [session, setSession] = useState<Session | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  useEffect(() => void fetchHall().then(setHall), []);
  const end = (message: string, kind: Notice['kind']) => {
    session?.hub.close();
    setSession(undefined);
    // Back at the form with the same staff number and window filled in.
    if (session) setNotice({ text: message, kind, staffId: session.staffId, windowNo: session.windowNo });
  };
  if (!hall) return <p>{t('common.loading')}</p>;
  if (!session) return <SignIn hall={hall} notice={notice} onSession={setSession} />;
  return <Counter key={session.staffId} session={session} hall={hall} onEnd={end} />;
}

document.title = `HallQ · ${t('counter.title')}`;
mount(<Boot />);
