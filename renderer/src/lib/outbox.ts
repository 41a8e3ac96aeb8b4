// Commands that keep their requestId until the hub answers (hub.ts sends every command through one).
//
//   const outbox = new Outbox(link, 8000)
//   await outbox.send('ticket:issue', { requestId, … }, signal?)   // the hub's answer, or ABANDONED after signal aborts
//
// A command is sent while the link is up; with no answer within `ackTimeoutMs` it is sent again,
// and after the link drops it is sent again as soon as it is back — always with the same requestId,
// which the hub answers with its first answer without applying anything twice. It is never answered
// by a give-up while the hub may still apply it; only the caller's signal stops it (no more sends,
// a late answer ignored), for a screen that has moved on and binds nothing to the answer.

/** The connection as the outbox needs it (hub.ts adapts a Socket.IO socket). */
export interface Link {
  readonly connected: boolean;
  /** Emit and wait for the acknowledgement; rejects when none came within `timeoutMs` or the link dropped. */
  send(event: string, payload: object, timeoutMs: number): Promise<unknown>;
  /** Called on every (re)connect; returns the unsubscribe. */
  onConnect(listener: () => void): () => void;
}

export const ABANDONED: unique symbol = Symbol('abandoned');

export class Outbox {
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly link: Link,
    private readonly ackTimeoutMs: number,
  ) {}

  /** Abandon every command still waiting (the connection is being closed). */
  abandonAll(): void {
    for (const abandon of [...this.waiting]) abandon();
  }

  send(event: string, payload: { readonly requestId: string; readonly [field: string]: unknown }, signal?: AbortSignal): Promise<unknown> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve(ABANDONED);
      let done = false;
      let inFlight = false;
      let attempt = 0;
      const finish = (answer: unknown) => {
        if (done) return;
        done = true;
        this.waiting.delete(abandon);
        offConnect();
        signal?.removeEventListener('abort', abandon);
        resolve(answer);
      };
      const abandon = () => finish(ABANDONED);
      const trySend = () => {
        if (done || inFlight || !this.link.connected) return;
        inFlight = true;
        const mine = ++attempt;
        this.link.send(event, payload, this.ackTimeoutMs).then(finish, () => {
          // Only the newest attempt decides: an older one's failure after a reconnect says nothing.
          if (mine !== attempt) return;
          inFlight = false;
          trySend(); // timed out while up: at once; dropped: on the next connect
        });
      };
      // A new connection: whatever was in flight on the old one can no longer be answered.
      const offConnect = this.link.onConnect(() => {
        inFlight = false;
        trySend();
      });
      this.waiting.add(abandon);
      signal?.addEventListener('abort', abandon);
      trySend();
    });
  }
}
