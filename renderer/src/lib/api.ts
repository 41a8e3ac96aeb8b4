// The hub's HTTP API, typed, and the device token kept on the device.
//
//   await fetchHall() → HallInfo (name, hours, departments, services with guide, windows, display notice/voice)
//   await login(staffId, password) → Result<LoginReply>   (message zh-CN on failure)
//   await fetchTicket(visitId, k) → Result<TicketStatusView>
//   deviceToken('kiosk') → string | undefined   — `?token=` once in the URL is stored in localStorage
//                                                  (and removed from the address bar); later loads use it
//   param('idle') → string | undefined          — a URL query parameter
import type { LoginReply, Result, TicketStatusView } from '../../../main/protocol/index.js';
import { setHallTimeZone } from './format.js';
import { t } from './i18n.js';

export interface Guide {
  readonly materials: readonly string[];
  readonly legalTimeLimit?: string;
  readonly promisedTimeLimit?: string;
  readonly fee: string;
  readonly basis?: string;
}
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}
export interface ServiceInfo {
  readonly code: string;
  readonly name: string;
  readonly department: string;
  readonly prefix: string;
  readonly promisedMinutes: number;
  readonly hours: readonly TimeRange[];
  readonly appointment?: { readonly slotMinutes: number; readonly capacity: number };
  readonly guide: Guide;
}
export interface DepartmentInfo {
  readonly code: string;
  readonly name: string;
  readonly shortName?: string;
}
export interface WindowInfo {
  readonly number: number;
  readonly name: string;
  readonly kind: string;
  readonly department?: string;
  /** Priority tiers of service codes. */
  readonly services: readonly (readonly string[])[];
}
export interface VoiceInfo {
  /** "请{number}号到{window}号窗口办理" */
  readonly template: string;
  readonly repeat: number;
  readonly engine: 'speech' | 'clips';
  readonly minShowSeconds: number;
  /** Calls older than this when their turn comes are listed, not announced. */
  readonly maxAgeSeconds: number;
}
export interface DisplayInfo {
  /** The hall display's scrolling notice ('' for none). */
  readonly notice: string;
  readonly voice: VoiceInfo;
}
export interface HallInfo {
  readonly name: string;
  readonly day: string;
  /** The hall's time zone: fetchHall hands it to lib/format, so every time shows in it. */
  readonly timeZone: string;
  readonly hours: readonly TimeRange[];
  readonly departments: readonly DepartmentInfo[];
  readonly services: readonly ServiceInfo[];
  readonly windows: readonly WindowInfo[];
  /** Booking rules: check in from `earlyMinutes` before a slot to `lateMinutes` after; the days open for booking. */
  readonly appointments?: {
    readonly earlyMinutes: number;
    readonly lateMinutes: number;
    readonly bookingDaysAhead: number;
    readonly days: readonly string[];
  };
  readonly display: DisplayInfo;
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });
  return (await res.json()) as T;
}

export async function fetchHall(): Promise<HallInfo> {
  const hall = await getJson<HallInfo>('/api/hall');
  setHallTimeZone(hall.timeZone);
  return hall;
}

export async function login(staffId: string, password: string): Promise<Result<LoginReply>> {
  try {
    return await getJson<Result<LoginReply>>('/api/login', { method: 'POST', body: JSON.stringify({ staffId, password }) });
  } catch {
    return { ok: false, code: 'network', message: t('common.networkError') };
  }
}

export async function fetchTicket(visitId: string, k: string): Promise<Result<TicketStatusView>> {
  try {
    return await getJson<Result<TicketStatusView>>(`/api/ticket?id=${encodeURIComponent(visitId)}&k=${encodeURIComponent(k)}`);
  } catch {
    return { ok: false, code: 'network', message: t('common.networkError') };
  }
}

export const param = (name: string): string | undefined => new URLSearchParams(location.search).get(name) ?? undefined;

export function deviceToken(role: string): string | undefined {
  const key = `hallq.token.${role}`;
  const fromUrl = param('token');
  if (fromUrl) {
    localStorage.setItem(key, fromUrl);
    const url = new URL(location.href);
    url.searchParams.delete('token');
    history.replaceState(null, '', url);
    return fromUrl;
  }
  return localStorage.getItem(key) ?? undefined;
}
