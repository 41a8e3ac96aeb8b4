// Words the visitor reads in more than one place (printed ticket, phone page, kiosk), defined once
// so they never disagree — and matching what the hall does: a no-show who comes back is put back
// in the queue at the window (过号重排, hall.noShowRequeue), not sent to take a new number.
import type { TicketKind, TicketStatus } from './views.js';

// At most 16 characters: one line of a 58 mm ticket.
export const NO_SHOW_RULE = '过号请回原窗口重排，无需重新取号';

/** A ticket's status in one or two words, as the counter's list and the exports show it. */
export const TICKET_STATUS_WORDS = {
  waiting: '等候中',
  called: '已呼叫',
  serving: '办理中',
  done: '已办结',
  'no-show': '过号',
  transferred: '已转办',
  suspended: '已挂起',
  cancelled: '已取消',
  expired: '已作废',
} as const satisfies Record<TicketStatus, string>;

/** What kind of ticket it is. */
export const TICKET_KIND_WORDS = {
  normal: '普通',
  priority: '优先',
  appointment: '预约',
  green: '绿色通道',
  transfer: '转办',
} as const satisfies Record<TicketKind, string>;

/** 好差评 levels as the rating keypad names them: 5 非常满意 … 1 非常不满意. */
export const RATING_WORDS = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' } as const satisfies Record<1 | 2 | 3 | 4 | 5, string>;
