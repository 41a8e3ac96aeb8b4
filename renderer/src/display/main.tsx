// The hall display (综合屏), 1920×1080: the newest call large and flashing (ticket and window,
// always both), the last calls with their windows, waiting counts per department, the hall's name,
// date and clock, a scrolling notice; every live call announced (chime, then the text, repeated).
//
// Calls come from the hall feed (calls.ts): each is announced at most once — a replay after a
// reconnect never repeats one already heard, and calls older than 30 s are only listed. The big
// panel shows the newest call at once; the voice follows from a backlog (voice/backlog.ts) that
// drops repeats while calls wait and calls older than maxAgeSeconds, so it never falls minutes behind.
// What was announced is kept in an aria-live region (visible caption + hidden list) so screen
// readers — and tests — get the exact words.
import { useEffect, useState } from 'preact/hooks';
import { deviceToken, fetchHall, type HallInfo } from '../lib/api.js';
import { clockSeconds, dateText } from '../lib/format.js';
import { HallMirror, useHall, waitingCount, type HallState } from '../lib/hall-state.js';
import { connectHub, type HubConnection } from '../lib/hub.js';
import { t } from '../lib/i18n.js';
import { ConnectionBanner, mount, useNow } from '../lib/ui.js';
import { CallGate, HubClock, callOf, panelCall, type Call } from './calls.js';
import { Announcer, type Announcement } from './voice/announcer.js';
import { VoiceBacklog } from './voice/backlog.js';
import { audioPlayer, chooseEngine } from './voice/choose.js';
import { announcementText, textToClips } from './voice/text.js';
import { inZone, zoneFrom, type Zone } from './zone.js';
import './display.css';

document.title = `HallQ · ${t('display.title')}`;
const RECENT_COUNT = 8;
/** Events in the first moments after (re)connecting are a catch-up, not a measure of the hub's clock. */
const SETTLE_MS = 2000;

interface Board {
  current?: { call: Call; flash: boolean };
  speaking?: string;
  announced: readonly { text: string; engine: string }[];
  /** Calls too old to announce by their turn (listed only). */
  skipped: number;
}

/** The page's call flow: hall events → gate → the big panel at once, and the backlog → announcer (voice). */
class CallFlow {
  board: Board = { announced: [], skipped: 0 };
  private readonly listeners = new Set<(b: Board) => void>();
  private readonly announcer: Announcer;
  private readonly clips = audioPlayer();

  constructor(hub: HubConnection<'display'>, store: HallMirror, private readonly hall: HallInfo, zone: Zone | undefined) {
    const voice = hall.display.voice;
    this.announcer = new Announcer(
      { name: 'clips', chime: async () => {}, say: async () => {} },
      {
        repeat: voice.repeat,
        onStart: (a) => this.update({ speaking: a.text }),
        onDone: (a) =>
          this.update({ speaking: undefined, announced: [...this.board.announced, { text: a.text, engine: this.announcer.engineName }].slice(-20) }),
      },
    );
    const ready = chooseEngine(voice.engine, this.clips, () => (document.documentElement.dataset.voiceEngine = 'clips')).then((engine) => {
      this.announcer.use(engine);
      document.documentElement.dataset.voiceEngine = engine.name;
    });
    const clock = new HubClock();
    const gate = new CallGate();
    const backlog = new VoiceBacklog({ repeat: voice.repeat, maxAgeMs: voice.maxAgeSeconds * 1000 });
    let speaking = false;
    // One announcement at a time, taken from the backlog when the last is done (so its policy sees
    // what waits at that moment).
    const speak = async () => {
      if (speaking) return;
      speaking = true;
      try {
        await ready;
        for (let next = backlog.next((c) => clock.age(c.at, Date.now())); next; next = backlog.next((c) => clock.age(c.at, Date.now()))) {
          this.update({ skipped: backlog.skipped });
          const text = announcementText(voice.template, next.call.number, next.call.windowNo);
          const a: Announcement = { text, clips: textToClips(text).clips };
          await this.announcer.announce(a, next.repeat);
        }
        this.update({ skipped: backlog.skipped });
      } finally {
        speaking = false;
      }
    };
    let onlineSince = Date.now();
    hub.onState((s) => {
      if (s === 'online') onlineSince = Date.now();
    });
    store.onEvent((e) => {
      const now = Date.now();
      if (hub.state === 'online' && now - onlineSince > SETTLE_MS) clock.observe(e.at, now);
      // A new hall day starts with an empty board: yesterday's calls are not today's.
      if (e.type === 'day.opened') this.update({ current: undefined });
      const call = callOf(e);
      // A zone's display shows and announces only its own windows' calls (分区叫号).
      if (!call || !inZone(zone, call.windowNo) || gate.decide(call, clock.age(call.at, now)) !== 'announce') return;
      // The screen never waits for the voice.
      if (!this.board.current || call.at >= this.board.current.call.at) this.update({ current: { call, flash: true } });
      backlog.push(call);
      void speak();
    });
  }

  subscribe(l: (b: Board) => void): () => void {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }

  private update(patch: Partial<Board>): void {
    this.board = { ...this.board, ...patch };
    for (const l of [...this.listeners]) l(this.board);
  }
}

function useBoard(flow: CallFlow): Board {
  const [board, setBoard] = useState(flow.board);
  useEffect(() => flow.subscribe(setBoard), [flow]);
  return board;
}

/** The newest calls, newest first: from the hall state, so a snapshot after a restart shows them too. */
function recentCalls(state: HallState, zone: Zone | undefined): { id: string; number: string; windowNo: number; calledAt: number }[] {
  const out: { id: string; number: string; windowNo: number; calledAt: number }[] = [];
  for (const tk of state.tickets.values()) {
    if (tk.calledAt !== undefined && tk.windowNo !== undefined && inZone(zone, tk.windowNo)) out.push({ id: tk.id, number: tk.number, windowNo: tk.windowNo, calledAt: tk.calledAt });
  }
  return out.sort((a, b) => b.calledAt - a.calledAt).slice(0, RECENT_COUNT);
}

/** Waiting per department, from the hub's per-service counts. */
function waitingByDepartment(state: HallState, hall: HallInfo): Map<string, number> {
  const counts = new Map(hall.departments.map((d) => [d.code, 0]));
  for (const s of hall.services) counts.set(s.department, (counts.get(s.department) ?? 0) + waitingCount(state, s.code));
  return counts;
}

function Display({ hub, store, flow, hall, zone }: { hub: HubConnection<'display'>; store: HallMirror; flow: CallFlow; hall: HallInfo; zone: Zone | undefined }) {
  const state = useHall(store);
  const board = useBoard(flow);
  const now = useNow(1000);
  const recent = recentCalls(state, zone);
  const departments = zone ? hall.departments.filter((d) => zone.departments.includes(d.code)) : hall.departments;
  // The newest call, at once; before any live call (a fresh start) the day's last call stands still.
  const shown = panelCall(board.current?.call, recent[0]);
  const waiting = waitingByDepartment(state, hall);
  const last = board.announced.at(-1);
  return (
    // data-seq: the hall state this screen holds (absent until the first snapshot), for a test or a technician to read.
    <div class="display" data-zone={zone ? [...zone.windows].join(',') : 'all'} {...(state.ready && { 'data-seq': state.seq })}>
      <ConnectionBanner hub={hub} />
      <header class="d-header">
        <div class="d-hall">{hall.name}</div>
        <div class="d-time">
          {dateText(now)}
          <b>{clockSeconds(now)}</b>
        </div>
      </header>
      <main class="d-main">
        <section class="d-call" data-testid="current-call" data-flash={String(Boolean(shown?.live && board.current?.flash))} data-skipped={board.skipped} key={board.current?.call.seq}>
          {shown ? (
            <div class="d-call-line">
              <span class="d-number" data-testid="current-number">{shown.number}</span>
              <span class="d-arrow">{t('display.arrow')}</span>
              <span class="d-window" data-testid="current-window">{t('display.toWindow', { n: shown.windowNo })}</span>
            </div>
          ) : (
            <div class="d-idle">{t('display.noCall')}</div>
          )}
          <p class="d-caption" aria-live="polite" data-testid="caption">
            {board.speaking ?? last?.text ?? ''}
          </p>
          <ol class="d-announced" data-testid="announced" aria-label={t('display.announcing')}>
            {board.announced.map((a, i) => (
              <li key={i} data-engine={a.engine}>
                {a.text}
              </li>
            ))}
          </ol>
        </section>
        <aside class="d-recent">
          <h2>{t('display.recent')}</h2>
          <ol data-testid="recent">
            {recent.map((c) => (
              <li key={c.id}>
                <span>{c.number}</span>
                <span>{t('display.toWindow', { n: c.windowNo })}</span>
              </li>
            ))}
          </ol>
        </aside>
      </main>
      <section class="d-waiting">
        <h2>{t('display.waiting')}</h2>
        <ul>
          {departments.map((d) => (
            <li key={d.code} data-testid={`waiting-${d.code}`}>
              {d.shortName ?? d.name}
              <b>{t('display.waitingCount', { n: waiting.get(d.code) ?? 0 })}</b>
            </li>
          ))}
        </ul>
      </section>
      <footer class="d-notice" data-testid="notice">
        {hall.display.notice && <span>{hall.display.notice}</span>}
      </footer>
    </div>
  );
}

function Message({ title, text }: { title: string; text: string }) {
  return (
    <div class="display">
      <main class="d-call" style={{ gridRow: '1 / -1' }}>
        <div class="d-idle">{title}</div>
        <p class="d-caption">{text}</p>
      </main>
    </div>
  );
}

async function boot(): Promise<void> {
  const token = deviceToken('display');
  if (!token) return mount(<Message title={t('display.notPaired')} text={t('common.noToken')} />);
  mount(<Message title={t('display.title')} text={t('common.loading')} />);
  let hall: HallInfo | undefined;
  // The display PC may start before the hub: keep asking.
  while (!hall) {
    try {
      hall = await fetchHall();
    } catch (err) {
      mount(<Message title={t('display.title')} text={t('display.loadFailed', { message: String((err as Error).message ?? err) })} />);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  const zone = zoneFrom(new URLSearchParams(location.search), hall);
  if (zone && 'error' in zone) return mount(<Message title={t('display.badZone')} text={zone.error} />);
  // The hub sends this display its zone's calls and every service's waiting count, nothing else.
  const hub = connectHub('display', { token, follow: { view: 'calls', ...(zone && { windows: [...zone.windows] }) } });
  const store = new HallMirror(hub);
  const flow = new CallFlow(hub, store, hall, zone);
  mount(<Display hub={hub} store={store} flow={flow} hall={hall} zone={zone} />);
}

void boot();
