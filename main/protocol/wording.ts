// Words the visitor reads in more than one place (printed ticket, phone page, kiosk), defined once
// so they never disagree — and matching what the hall does: a no-show who comes back is put back
// in the queue at the window (过号重排, hall.noShowRequeue), not sent to take a new number.
// At most 16 characters: one line of a 58 mm ticket.
export const NO_SHOW_RULE = '过号请回原窗口重排，无需重新取号';
