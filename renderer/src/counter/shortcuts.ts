// The counter's actions and their keys (shown on the buttons and in the help overlay).
// F-keys because staff keep one hand on the keyboard while typing into the business system; the
// page takes them over (preventDefault) so F5 calls 过号 instead of reloading.
import type { MessageKey } from '../lib/i18n.js';

export type ActionId = 'next' | 'recall' | 'start' | 'finish' | 'skip' | 'transfer' | 'suspend' | 'pause' | 'callNumber' | 'reprint' | 'help';

export const actionKeys: readonly { readonly id: ActionId; readonly key: string; readonly label: MessageKey }[] = [
  { id: 'next', key: 'F1', label: 'counter.next' },
  { id: 'recall', key: 'F2', label: 'counter.recall' },
  { id: 'start', key: 'F3', label: 'counter.start' },
  { id: 'finish', key: 'F4', label: 'counter.finish' },
  { id: 'skip', key: 'F5', label: 'counter.skip' },
  { id: 'transfer', key: 'F6', label: 'counter.transfer' },
  { id: 'suspend', key: 'F7', label: 'counter.suspend' },
  { id: 'pause', key: 'F8', label: 'counter.pause' },
  { id: 'callNumber', key: 'F9', label: 'counter.callNumber' },
  { id: 'reprint', key: 'F10', label: 'counter.reprint' },
  { id: 'help', key: 'F12', label: 'counter.help' },
];

export const keyOf = (id: ActionId): string => actionKeys.find((a) => a.id === id)?.key ?? '';

/** The action a key press asks for; '?' opens help too, but not while typing in a field. */
export function actionFor(e: KeyboardEvent): ActionId | undefined {
  const hit = actionKeys.find((a) => a.key === e.key);
  if (hit) return hit.id;
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLSelectElement;
  return e.key === '?' && !typing ? 'help' : undefined;
}
