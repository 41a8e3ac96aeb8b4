// Which counter actions apply now (pure, unit-tested): a button is enabled only when the hub would
// accept its command — the same states as main/queue/window-actions.ts (readyWindow / withCurrent) — so
// staff never press 重呼 with no ticket and get an error back.
import type { TicketView } from '../../../main/protocol/index.js';
import type { ActionId } from './shortcuts.js';

export interface CounterNow {
  /** The window's current ticket (called or serving), if any. */
  readonly current?: Pick<TicketView, 'status'>;
  readonly paused: boolean;
  /** An action whose last command the hub has not answered yet. */
  readonly pending: (id: ActionId) => boolean;
}

export function enabledActions({ current, paused, pending }: CounterNow): Record<ActionId, boolean> {
  const called = current?.status === 'called';
  const active = called || current?.status === 'serving';
  // 叫号 and 按号呼叫 need a free window that is not paused.
  const ready = !paused && !current;
  const when = (id: ActionId, applies: boolean) => applies && !pending(id);
  return {
    next: when('next', ready),
    callNumber: when('callNumber', ready),
    recall: when('recall', called),
    skip: when('skip', called),
    start: when('start', called),
    finish: when('finish', active),
    transfer: when('transfer', active),
    suspend: when('suspend', active),
    pause: !pending('pause'),
    reprint: true,
    help: true,
  };
}
