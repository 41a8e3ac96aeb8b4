// Every visible text goes through a key: t('kiosk.takeNumber') → '取号'.
//
//   t(key, params?)        — the text in the current locale; `{name}` placeholders filled from params;
//                            an English gap falls back to zh-CN, so a missing translation never blanks a screen
//   setLocale('en' | 'zh-CN'), locale()   — the default is zh-CN, or `?lang=en` in the page's URL
//   MessageKey             — the union of every key (a wrong key is a compile error)
//
// Each area owns its table, so two people never edit one file: lib/messages.ts (common.*), and
// <role>/messages.ts for kiosk, counter, display, window, pad, ticket, book, launcher. A table file
// exports `zhCN` (complete, the source of truth) and `en` (Partial). Keys are prefixed by the area.
import * as common from './messages.js';
import * as launcher from '../launcher/messages.js';
import * as kiosk from '../kiosk/messages.js';
import * as counter from '../counter/messages.js';
import * as display from '../display/messages.js';
import * as windowScreen from '../window/messages.js';
import * as pad from '../pad/messages.js';
import * as ticket from '../ticket/messages.js';
import * as book from '../book/messages.js';

const zhCN = {
  ...common.zhCN,
  ...launcher.zhCN,
  ...kiosk.zhCN,
  ...counter.zhCN,
  ...display.zhCN,
  ...windowScreen.zhCN,
  ...pad.zhCN,
  ...ticket.zhCN,
  ...book.zhCN,
};
export type MessageKey = keyof typeof zhCN;
const en: Partial<Record<MessageKey, string>> = {
  ...common.en,
  ...launcher.en,
  ...kiosk.en,
  ...counter.en,
  ...display.en,
  ...windowScreen.en,
  ...pad.en,
  ...ticket.en,
  ...book.en,
};

export type Locale = 'zh-CN' | 'en';
let current: Locale = new URLSearchParams(globalThis.location?.search ?? '').get('lang') === 'en' ? 'en' : 'zh-CN';

export const locale = (): Locale => current;
export function setLocale(l: Locale): void {
  current = l;
  document.documentElement.lang = l;
}

export type Params = Readonly<Record<string, string | number>>;

export function t(key: MessageKey, params?: Params): string {
  const text: string = (current === 'en' ? en[key] : undefined) ?? zhCN[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}
