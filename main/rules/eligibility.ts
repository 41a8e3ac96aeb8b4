// Which window may call a ticket: the hub refuses a call by this rule and the counter screen lists
// only what passes it.

/** What a window serves: the hub's service → tier map or a screen's set of service codes. */
export interface ServiceSet {
  has(serviceCode: string): boolean;
}

export interface Callable {
  readonly serviceCode: string;
  /** Only this window may call it (a transfer to a window, a ticket resumed after suspension). */
  readonly targetWindow?: number;
}

/** May window `windowNo`, serving `serves`, call this ticket? A target window wins over the service list. */
export function mayCall(windowNo: number, serves: ServiceSet, ticket: Callable): boolean {
  if (ticket.targetWindow !== undefined) return ticket.targetWindow === windowNo;
  return serves.has(ticket.serviceCode);
}
