// Where a ticket is, in the words refusals use ("正在1号窗口办理", "挂起在1号窗口"), and whether a
// window may act on it: a window acts on the tickets it may call and on those standing at it, never
// on a ticket standing at, or waiting for, another window.
import type { HallState, Ticket } from './model.js';
import { refuse, type Refusal } from './refusals.js';
import { isEligible } from './strategy.js';

const at = (t: Ticket) => (t.windowNo === undefined ? '' : `在${t.windowNo}号窗口`);

/** The ticket's status and place, as said after its number: "号票A001" + "挂起在1号窗口". */
export function whereabouts(t: Ticket): string {
  switch (t.status) {
    case 'waiting':
      if (t.targetWindow === undefined) return '正在等候叫号';
      // Only a transfer and a resumed suspension aim a ticket at one window.
      return t.kind === 'transfer' ? `已转至${t.targetWindow}号窗口` : `等候${t.targetWindow}号窗口恢复办理`;
    case 'called':
      return `已${at(t)}叫号`;
    case 'serving':
      return `正${at(t) || '在'}办理`;
    case 'suspended':
      return t.windowNo === undefined ? '已挂起' : `挂起在${t.windowNo}号窗口`;
    case 'no-show':
      return `已${at(t)}过号`;
    case 'done':
      return `已${at(t)}办结`;
    case 'transferred':
      return t.windowNo === undefined ? '已转办' : `已由${t.windowNo}号窗口转办`;
    case 'cancelled':
      return `已${at(t)}取消`;
    case 'expired':
      // Unfinished when its day ended.
      return t.windowNo === undefined ? '已作废' : `在${t.windowNo}号窗口未办结，已作废`;
    default: {
      const never: never = t.status;
      throw new Error(`unknown ticket status ${String(never)}`);
    }
  }
}

/**
 * Why window `windowNo` may not act on `t`, saying where the ticket is; undefined when it is this
 * window's: waiting and callable here, or standing here. A ticket at no window (cancelled while it
 * waited) is nobody's: the command's own rules answer for it.
 */
export function elsewhere(state: HallState, t: Ticket, windowNo: number): Refusal | undefined {
  if (t.status === 'waiting') {
    const win = state.hall.windows.get(windowNo);
    if (!win) return refuse('unknown-window', { windowNo });
    if (isEligible(win, t)) return undefined;
    return t.targetWindow === undefined
      ? refuse('window-not-serving', { windowNo })
      : refuse('not-your-ticket', { number: t.number, state: whereabouts(t), windowNo });
  }
  if (t.windowNo === undefined || t.windowNo === windowNo) return undefined;
  return refuse('not-your-ticket', { number: t.number, state: whereabouts(t), windowNo });
}
