// The kiosk (取号机): departments → services → the service's guide → take a number (or a priority
// number); the ticket on screen while it prints; full screens when it cannot issue (printer, hours,
// cap: the hub's message as is) or the hub is away; back to the start after `?idle=` seconds (30).
// While the hub has not answered a tap (取号, 签到取号) the kiosk shows 正在处理 over everything and
// takes no second tap; the command is resent with its requestId until answered (lib/hub.ts), so a
// lost answer shows the ticket already issued instead of issuing another. Only after GIVE_UP_MS
// untouched does the kiosk stop waiting and go home (that tap's answer is then ignored).
// The device token comes from `?token=` once and is kept in localStorage. Appointment check-in is in
// checkin.tsx, the PIN-guarded settings in admin.tsx. Without a printer the ticket screen shows the
// phone page's QR code instead of "take your ticket".
// A 居民身份证 laid on the kiosk's reader (the agent reads it, the hub tells this page only 张*, whether
// the visitor is old enough for priority, and a one-use reference): a booking today is checked in at
// once; `?service=GS-01` (a kiosk set to one service) takes that number at once; otherwise the
// visitor chooses as usual and the number is taken for that card (一人一号, priority by age). A code
// scanner typing into the page (keyboard wedge, scanner.ts) checks a booking code in, or shows the
// status of a scanned ticket's QR. 适老化 (comfort.tsx): 大字 and 高对比 in the header, 老年人优先 on the
// home page; off again when the kiosk goes home after the visitor. Laid out for the screen's
// orientation (data-orient, kiosk.css).
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { NO_SHOW_RULE, type CommandReply, type KioskIdentity, type KioskState, type PrintResult, type TicketView } from '../../../main/protocol/index.js';
import { deviceToken, fetchHall, fetchTicket, param, type HallInfo, type ServiceInfo } from '../lib/api.js';
import { waitingCount, HallMirror, useHall } from '../lib/hall-state.js';
import { connectHub, type HubConnection } from '../lib/hub.js';
import { t } from '../lib/i18n.js';
import { clock, dateText } from '../lib/format.js';
import { QrCode } from '../lib/qr.js';
import { mount, useConnection, useNow } from '../lib/ui.js';
import { AdminPanel, savedLayout, useLongPress, useOrientation, type Layout } from './admin.js';
import { ComfortToggles, comfortAttributes, useComfort } from './comfort.js';
import { useGuidance } from './voice.js';
import { CheckIn } from './checkin.js';
import { WEDGE_IDLE, classifyScan, wedgeKey } from './scanner.js';
import './kiosk.css';

const IDLE_MS = Math.max(3, Number(param('idle') ?? 30)) * 1000;
/** How long a tap waits for the hub's answer, untouched, before the kiosk goes home without it (2 min by default). */
const GIVE_UP_MS = 4 * IDLE_MS;

type Screen =
  | { kind: 'departments' }
  | { kind: 'services'; department: string }
  | { kind: 'guide'; service: ServiceInfo }
  | { kind: 'checkin' }
  | { kind: 'ticket'; ticket: TicketView; service: ServiceInfo; peopleAhead: number; wait: number; statusUrl?: string }
  | { kind: 'status'; ticket: TicketView; peopleAhead: number }
  | { kind: 'refused'; message: string };

/** The connection and everything it tells the kiosk, set up at once so nothing sent on connect is missed. */
interface Device {
  readonly hub: HubConnection<'kiosk'>;
  readonly store: HallMirror;
  kioskState: KioskState;
  printed: PrintResult | undefined;
  /** The card last swiped at this kiosk (masked), until used or the visitor leaves. */
  identity: KioskIdentity | undefined;
  readonly listeners: Set<() => void>;
}
function openDevice(token: string): Device {
  const hub = connectHub('kiosk', { token });
  const device: Device = { hub, store: new HallMirror(hub), kioskState: { canIssue: true, hasPrinter: false }, printed: undefined, identity: undefined, listeners: new Set() };
  const changed = () => device.listeners.forEach((l) => l());
  hub.socket.on('kiosk:state', (s) => ((device.kioskState = s), changed()));
  hub.socket.on('ticket:printed', (p) => ((device.printed = p), changed()));
  hub.socket.on('kiosk:identity', (i) => ((device.identity = i), changed()));
  return device;
}

const connectionText = {
  online: t('common.online'),
  connecting: t('common.connecting'),
  offline: t('common.offline'),
  refused: t('kiosk.notPaired'),
} as const;

/** The windows that call this service (any tier), in number order: where the visitor will be called. */
function servingWindows(hall: HallInfo, serviceCode: string): number[] {
  return hall.windows.filter((w) => w.services.some((tier) => tier.includes(serviceCode))).map((w) => w.number).sort((a, b) => a - b);
}

function Kiosk({ device, hall }: { device: Device; hall: HallInfo }) {
  const { hub, store } = device;
  const state = useHall(store);
  const connection = useConnection(hub);
  const now = useNow(1000);
  const [screen, setScreen] = useState<Screen>({ kind: 'departments' });
  const [kioskState, setKioskState] = useState<KioskState>(device.kioskState);
  const [printed, setPrinted] = useState<PrintResult | undefined>(device.printed);
  const [lastTouch, setLastTouch] = useState(Date.now());
  const [admin, setAdmin] = useState(false);
  const [layout, setLayout] = useState<Layout>(savedLayout);
  const orientation = useOrientation(layout);
  const comfort = useComfort();
  const longPress = useLongPress(() => setAdmin(true));
  useGuidance(comfort.voice, screen.kind === 'ticket' ? { kind: 'ticket', number: screen.ticket.number } : screen.kind === 'status' || screen.kind === 'refused' ? undefined : { kind: screen.kind });
  // The tap the hub has not answered yet (a ref too: a second tap in the same frame sees it).
  const tap = useRef<AbortController | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [identity, setIdentity] = useState<KioskIdentity | undefined>(undefined);
  const forget = () => ((device.identity = undefined), setIdentity(undefined));
  const wedge = useRef(WEDGE_IDLE);

  useEffect(() => {
    const sync = () => (setKioskState(device.kioskState), setPrinted(device.printed), setIdentity(device.identity));
    device.listeners.add(sync);
    sync();
    const touch = () => setLastTouch(Date.now());
    addEventListener('pointerdown', touch);
    return () => (removeEventListener('pointerdown', touch), void device.listeners.delete(sync));
  }, [device]);
  useEffect(() => {
    if (now - lastTouch < (pending ? GIVE_UP_MS : IDLE_MS)) return;
    if (pending) {
      tap.current?.abort();
      tap.current = undefined;
      setPending(false);
    }
    if (screen.kind !== 'departments') setScreen({ kind: 'departments' });
    comfort.reset(); // the next visitor starts with normal text
    if (admin) setAdmin(false); // never leave the settings open for the next visitor
    if (device.identity) forget(); // nor the last visitor's card
  }, [now, lastTouch, screen.kind, admin, pending]);

  /** Send one tap's command under 正在处理; undefined for a second tap meanwhile, or when the kiosk gave up waiting. */
  const busy = async <T,>(send: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
    if (tap.current) return undefined;
    const mine = new AbortController();
    tap.current = mine;
    setPending(true);
    const r = await send(mine.signal);
    if (mine.signal.aborted) return undefined;
    tap.current = undefined;
    setPending(false);
    setLastTouch(Date.now());
    return r;
  };
  const issue = async (service: ServiceInfo, kind: 'normal' | 'priority') => {
    const card = device.identity;
    const r = await busy((signal) => {
      device.printed = undefined;
      setPrinted(undefined);
      return hub.command('ticket:issue', { serviceCode: service.code, kind, ...(card && { identityRef: card.ref }) }, { signal });
    });
    if (!r) return;
    if (!r.ok || !r.ticket) setScreen({ kind: 'refused', message: r.ok ? t('common.timeout') : r.message });
    else {
      if (card) forget();
      showTicket(r);
    }
  };
  const checkIn = async (payload: { code: string } | { identityRef: string }) => {
    const r = await busy((signal) => hub.command('appointment:checkIn', payload, { signal }));
    if (!r) return;
    if (r.ok && r.ticket) {
      if ('identityRef' in payload) forget();
      showTicket(r);
    } else setScreen({ kind: 'refused', message: r.ok ? t('common.timeout') : r.message });
  };

  // A card on the reader: straight to a check-in, to the kiosk's one service, or to the departments.
  useEffect(() => {
    if (!identity) return;
    setLastTouch(Date.now());
    setAdmin(false);
    if (identity.expired) return setScreen({ kind: 'refused', message: t('kiosk.cardExpired') });
    if (identity.hasAppointment) return void checkIn({ identityRef: identity.ref });
    const only = param('service');
    const service = only === undefined ? undefined : hall.services.find((s) => s.code === only);
    if (service) return void issue(service, 'normal');
    setScreen({ kind: 'departments' });
    // Only a new card (a new ref) starts this, not a re-render.
  }, [identity?.ref]);

  // The code scanner, as a keyboard (a burst ending in Enter) or on the agent's serial line (kiosk:scan):
  // a booking code checks in, a ticket's QR shows where that ticket stands.
  useEffect(() => {
    const scanned = (text: string) => {
      setLastTouch(Date.now());
      const scan = classifyScan(text);
      if (scan.kind === 'booking') return void checkIn({ code: scan.code });
      if (scan.kind !== 'ticket') return void setScreen({ kind: 'refused', message: t('kiosk.scanUnknown') });
      // The hub answers where the visit stands now (its newest leg: a transfer adds one).
      void fetchTicket(scan.visitId, scan.token).then((r) =>
        setScreen(r.ok ? { kind: 'status', ticket: r.ticket, peopleAhead: r.peopleAhead } : { kind: 'refused', message: t('kiosk.scanUnknown') }),
      );
    };
    const onKey = (e: KeyboardEvent) => {
      const r = wedgeKey(wedge.current, e.key, e.timeStamp);
      wedge.current = r.state;
      if (r.scanned === undefined) return;
      e.preventDefault();
      scanned(r.scanned);
    };
    const onSerial = ({ text }: { text: string }) => scanned(text);
    addEventListener('keydown', onKey);
    hub.socket.on('kiosk:scan', onSerial);
    return () => (removeEventListener('keydown', onKey), void hub.socket.off('kiosk:scan', onSerial));
  }, [device]);
  const showTicket = (r: CommandReply) => {
    const service = r.ticket && hall.services.find((s) => s.code === r.ticket!.serviceCode);
    if (!r.ticket || !service) return setScreen({ kind: 'refused', message: t('common.timeout') });
    setScreen({
      kind: 'ticket',
      ticket: r.ticket,
      service,
      peopleAhead: r.peopleAhead ?? 0,
      wait: r.estimatedWaitMinutes ?? 0,
      ...(r.statusUrl !== undefined && { statusUrl: r.statusUrl }),
    });
  };

  const header = (
    <header class="k-header">
      <div class="k-hall" data-testid="hall-name" {...longPress}>{hall.name}</div>
      <ComfortToggles comfort={comfort} />
      <div class="k-clock">
        <span>{dateText(now)}</span> <b>{clock(now)}</b>
      </div>
    </header>
  );
  const home = () => (forget(), setScreen({ kind: 'departments' }));
  /** The visitor is done (完成): home, and large text or contrast off for the next one. */
  const farewell = () => (comfort.reset(), home());
  const frame = (content: ComponentChildren) => (
    <div class="kiosk" data-layout={layout} data-orient={orientation} {...comfortAttributes(comfort)}>
      {header}
      {content}
      {pending && connection !== 'refused' && (
        <section class="k-processing" data-screen="processing" role="status">
          <h1>{t('common.processing')}</h1>
          {connection !== 'online' && <p>{t('common.reconnecting')}</p>}
        </section>
      )}
      {admin && (
        <AdminPanel hub={hub} layout={layout} onLayout={setLayout} onClose={() => setAdmin(false)} seq={state.seq} connection={connectionText[connection]} />
      )}
    </div>
  );

  // While a tap waits for its answer the kiosk stays on 正在处理 (it says when it is reconnecting).
  if (connection === 'refused' || (!pending && ((connection !== 'online' && !state.ready) || connection === 'offline'))) {
    return frame(
      <section class="k-full k-alert" data-screen="hub-away">
        <h1>{connection === 'refused' ? t('kiosk.notPaired') : t('kiosk.hubAway')}</h1>
        <p>{connection === 'refused' ? hub.refusal?.message : t('kiosk.hubAwayHint')}</p>
      </section>,
    );
  }
  if (!kioskState.canIssue && screen.kind !== 'ticket') {
    return frame(
      <section class="k-full k-alert" data-screen="stopped">
        <h1>{t('kiosk.stopped')}</h1>
        <p class="k-reason">{kioskState.message}</p>
        <p>{t('kiosk.stoppedHint')}</p>
      </section>,
    );
  }

  const waiting = (code: string) => waitingCount(state, code);
  // Only ever the masked name (张*): the page never holds the card's number or full name.
  const greeting = identity && (
    <p class="k-identity" data-testid="identity">
      {t('kiosk.hello', { name: identity.maskedName })}
      {identity.priority && <> · {t('kiosk.autoPriority')}</>}
    </p>
  );
  let body;
  switch (screen.kind) {
    case 'departments':
      body = (
        <section class="k-page" data-screen="departments">
          {greeting}
          <div class="k-entries">
            {/* 老年人优先: large text, then the usual department → service → 优先取号 (led with on the guide page). */}
            <button class="k-elder" aria-pressed={comfort.elder} onClick={comfort.enterElder}>
              <span class="k-tile-name">{t('kiosk.elder')}</span>
              <span class="k-tile-sub">{t('kiosk.elderSub')}</span>
            </button>
            {hall.services.some((s) => s.appointment) && (
              <button class="k-appointment" onClick={() => setScreen({ kind: 'checkin' })}>
                <span class="k-tile-name">{t('kiosk.appointment')}</span>
                <span class="k-tile-sub">{t('kiosk.appointmentSub')}</span>
              </button>
            )}
          </div>
          <h1>{comfort.elder ? t('kiosk.elderChoose') : t('kiosk.chooseDepartment')}</h1>
          <div class="k-grid">
            {hall.departments
              .filter((d) => hall.services.some((s) => s.department === d.code))
              .map((d) => (
                <button class="k-tile" key={d.code} onClick={() => setScreen({ kind: 'services', department: d.code })}>
                  <span class="k-tile-name">{d.shortName ?? d.name}</span>
                  <span class="k-tile-sub">{t('kiosk.servicesCount', { n: hall.services.filter((s) => s.department === d.code).length })}</span>
                </button>
              ))}
          </div>
        </section>
      );
      break;
    case 'services':
      body = (
        <section class="k-page" data-screen="services">
          {greeting}
          {/* Which department's services these are: a visitor who tapped the wrong tile sees it at once. */}
          <h1>
            <span data-testid="services-department">{hall.departments.find((d) => d.code === screen.department)?.name}</span> · {t('kiosk.chooseService')}
          </h1>
          <div class="k-grid">
            {hall.services
              .filter((s) => s.department === screen.department)
              .map((s) => (
                <button class="k-tile" key={s.code} onClick={() => setScreen({ kind: 'guide', service: s })}>
                  <span class="k-tile-name">{s.name}</span>
                  <span class="k-tile-sub">{t('kiosk.waitingCount', { n: waiting(s.code) })}</span>
                </button>
              ))}
          </div>
          <button class="k-back" onClick={home}>{t('common.back')}</button>
        </section>
      );
      break;
    case 'guide': {
      const s = screen.service;
      body = (
        <section class="k-page" data-screen="guide">
          {greeting}
          <h1>{s.name}</h1>
          <div class="k-guide">
            <h2>{t('kiosk.guide')}</h2>
            <dl>
              <dt>{t('kiosk.materials')}</dt>
              <dd>
                <ol>{(s.guide.materials.length ? s.guide.materials : [t('kiosk.noMaterials')]).map((m) => <li key={m}>{m}</li>)}</ol>
              </dd>
              {s.guide.legalTimeLimit && (<><dt>{t('kiosk.legalTimeLimit')}</dt><dd>{s.guide.legalTimeLimit}</dd></>)}
              {s.guide.promisedTimeLimit && (<><dt>{t('kiosk.promisedTimeLimit')}</dt><dd>{s.guide.promisedTimeLimit}</dd></>)}
              <dt>{t('kiosk.fee')}</dt>
              <dd>{s.guide.fee}</dd>
            </dl>
            <p class="k-sub">{t('kiosk.handlingTime', { n: s.promisedMinutes })} · {t('kiosk.waitingCount', { n: waiting(s.code) })}</p>
          </div>
          {/* Beside the guide on a landscape screen, under it on a portrait one; 优先取号 first after 老年人优先. */}
          <div class="k-guide-side">
            <div class="k-actions" data-elder={comfort.elder}>
              <button class="k-primary" disabled={pending} onClick={() => void issue(s, 'normal')}>{t('kiosk.takeNumber')}</button>
              <button class="k-secondary" disabled={pending} onClick={() => void issue(s, 'priority')}>{t('kiosk.takePriority')}</button>
            </div>
            <p class="k-sub k-priority-hint">{t('kiosk.priorityHint')}</p>
            <button class="k-back" onClick={() => setScreen({ kind: 'services', department: s.department })}>{t('common.back')}</button>
          </div>
        </section>
      );
      break;
    }
    case 'checkin':
      body = <CheckIn hub={hub} busy={busy} pending={pending} onIssued={showTicket} onBack={home} />;
      break;
    case 'ticket': {
      const mine = printed && printed.ticketId === screen.ticket.id ? printed : undefined;
      body = (
        <section class="k-full k-ticket" data-screen="ticket">
          {/* Stacked on a portrait screen; number left, QR/print and 完成 right on a landscape one. */}
          <div class="k-ticket-main">
            <p class="k-label">{t('kiosk.yourNumber')}</p>
            <p class="k-number">
              <span class="k-number-text" data-testid="ticket-number">{screen.ticket.number}</span>
              {screen.ticket.lane === 'priority' && <span class="k-priority-tag" data-testid="priority-tag">{t('kiosk.priorityTag')}</span>}
            </p>
            <p class="k-service">{screen.service.name}</p>
            <p class="k-sub" data-testid="served-at">
              {t('kiosk.servedAt', { windows: servingWindows(hall, screen.service.code).map((n) => t('common.window', { n })).join('、') })}
            </p>
            <p class="k-sub" data-testid="no-show-rule">{NO_SHOW_RULE}</p>
            <div class="k-stats">
              <div><span>{t('kiosk.peopleAhead')}</span><b>{t('common.people', { n: screen.peopleAhead })}</b></div>
              <div><span>{t('kiosk.estimatedWait')}</span><b>{t('common.minutes', { n: screen.wait })}</b></div>
            </div>
          </div>
          <div class="k-ticket-side">
            {kioskState.hasPrinter ? (
              <p class="k-print" data-print={mine ? (mine.ok ? 'ok' : 'failed') : 'pending'}>
                {mine ? (mine.ok ? t('kiosk.printed') : t('kiosk.printFailed', { message: mine.message ?? '' })) : t('kiosk.printing')}
              </p>
            ) : (
              <div class="k-noprint" data-print="none">
                <p class="k-print">{t('kiosk.noPrinter')}</p>
                {screen.statusUrl && (
                  <>
                    <QrCode text={screen.statusUrl} size={260} label={t('kiosk.scanScreenHint')} />
                    <p class="k-sub">{t('kiosk.scanScreenHint')}</p>
                  </>
                )}
              </div>
            )}
            <button class="k-primary" onClick={farewell}>{t('kiosk.done')}</button>
          </div>
        </section>
      );
      break;
    }
    case 'status': {
      const tk = screen.ticket;
      body = (
        <section class="k-full k-ticket" data-screen="status">
          <div class="k-ticket-main">
            <p class="k-label">{t('kiosk.ticketStatus')}</p>
            <p class="k-number" data-testid="ticket-number">{tk.number}</p>
            <p class="k-service" data-testid="ticket-status">
              {tk.status === 'waiting'
                ? t('kiosk.statusWaiting', { n: screen.peopleAhead })
                : tk.status === 'called' || tk.status === 'serving'
                  ? t('kiosk.statusAtWindow', { n: tk.windowNo ?? '' })
                  : t('kiosk.statusEnded')}
            </p>
          </div>
          <div class="k-ticket-side">
            <button class="k-primary" onClick={farewell}>{t('kiosk.done')}</button>
          </div>
        </section>
      );
      break;
    }
    case 'refused':
      body = (
        <section class="k-full k-alert" data-screen="refused">
          <h1>{t('kiosk.refused')}</h1>
          <p class="k-reason">{screen.message}</p>
          <button class="k-primary" onClick={home}>{t('common.home')}</button>
        </section>
      );
      break;
    default: {
      const never: never = screen;
      throw new Error(`unknown screen ${String(never)}`);
    }
  }
  return frame(body);
}

function Boot() {
  const [hall, setHall] = useState<HallInfo | undefined>();
  const token = useMemo(() => deviceToken('kiosk'), []);
  const device = useMemo(() => (token ? openDevice(token) : undefined), [token]);
  useEffect(() => {
    void fetchHall().then(setHall, () => setTimeout(() => location.reload(), 5000));
  }, []);
  if (!token) return <section class="k-full k-alert"><h1>{t('kiosk.notPaired')}</h1><p>{t('common.noToken')}</p></section>;
  if (!hall || !device) return <section class="k-full"><h1>{t('common.loading')}</h1></section>;
  return <Kiosk device={device} hall={hall} />;
}

document.title = `HallQ · ${t('kiosk.title')}`;
addEventListener('contextmenu', (e) => e.preventDefault());
mount(<Boot />);
