// The visitor's ticket status, kept live: the 'ticket' socket pushes each change; while the socket
// cannot connect (a phone network that blocks WebSockets, a hub restart) /api/ticket is polled.
// The last known status is kept in localStorage, so the page still shows it offline.
//
//   const live = watchTicket(visitId, k, (s: LiveState) => render(s))   …   live.close()
import type { TicketStatusView } from '../../../main/protocol/index.js';
import { fetchTicket } from '../lib/api.js';
import { connectHub } from '../lib/hub.js';
import { setHallTimeZone } from '../lib/format.js';

export interface LiveState {
  readonly status?: TicketStatusView;
  /** When `status` was last confirmed by the hub (ms). */
  readonly updatedAt?: number;
  /** True while neither the socket nor polling reaches the hub. */
  readonly offline: boolean;
  /** The hub says this link is wrong or expired (its zh-CN message). */
  readonly notFound?: string;
}

const POLL_MS = 10_000;
/** How long the socket may be away before polling starts. */
const POLL_AFTER_MS = 4_000;

const withoutOk = ({ ok: _ok, ...status }: { ok: true } & TicketStatusView): TicketStatusView => status;
const storageKey = (visitId: string) => `hallq.ticket.${visitId}`;

function remembered(visitId: string): { status: TicketStatusView; updatedAt: number } | undefined {
  try {
    const raw = localStorage.getItem(storageKey(visitId));
    return raw ? (JSON.parse(raw) as { status: TicketStatusView; updatedAt: number }) : undefined;
  } catch {
    return undefined;
  }
}

export function watchTicket(visitId: string, k: string, onChange: (s: LiveState) => void): { close(): void } {
  const last = remembered(visitId);
  if (last?.status.timeZone) setHallTimeZone(last.status.timeZone);
  let state: LiveState = { offline: false, ...(last && { status: last.status, updatedAt: last.updatedAt }) };
  const set = (next: Partial<LiveState>) => {
    state = { ...state, ...next };
    onChange(state);
  };
  const got = (status: TicketStatusView) => {
    if (status.timeZone) setHallTimeZone(status.timeZone);
    const updatedAt = Date.now();
    try {
      localStorage.setItem(storageKey(visitId), JSON.stringify({ status, updatedAt }));
    } catch {
      // Private mode or full storage: the page still works, it just cannot remember.
    }
    set({ status, updatedAt, offline: false });
  };

  const hub = connectHub('ticket', { visitId, token: k });
  hub.socket.on('ticket:status', got);

  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let awaySince: number | undefined = Date.now();
  const poll = async () => {
    pollTimer = undefined;
    const online = () => hub.state === 'online';
    if (online()) return;
    const r = await fetchTicket(visitId, k);
    if (online()) return; // the socket came back while we asked
    if (r.ok) got(withoutOk(r));
    else if (r.code === 'unknown-ticket') {
      set({ notFound: r.message });
      return;
    } else set({ offline: true });
    pollTimer = setTimeout(() => void poll(), POLL_MS);
  };
  const schedule = () => {
    if (pollTimer === undefined) pollTimer = setTimeout(() => void poll(), Math.max(0, POLL_AFTER_MS - (Date.now() - (awaySince ?? Date.now()))));
  };
  schedule();

  hub.onState((s) => {
    if (s === 'online') {
      awaySince = undefined;
      if (pollTimer !== undefined) {
        clearTimeout(pollTimer);
        pollTimer = undefined;
      }
      set({ offline: false });
    } else if (s === 'refused') {
      // The hub refused the link itself: ask over HTTP for the definitive answer.
      void fetchTicket(visitId, k).then((r) => {
        if (r.ok) got(withoutOk(r));
        else if (r.code === 'unknown-ticket') set({ notFound: r.message });
        else set({ offline: true });
      });
    } else {
      awaySince ??= Date.now();
      if (state.status) set({ offline: true });
      schedule();
    }
  });

  return {
    close() {
      if (pollTimer !== undefined) clearTimeout(pollTimer);
      hub.close();
    },
  };
}
