// Wires a role's command table to a socket: every payload is checked against its schema before
// anything runs, every command answers through its ack, unknown events are refused. This is the
// boundary for everything a client sends: event names and payloads of any type (numbers, objects,
// binary attachments), with or without an ack. Nothing thrown here or in a handler leaves it.
import type { Socket } from 'socket.io';
import { refusal, type CommandTable, type Failure, type ParsedOf, type Result } from '../protocol/index.js';
import { formatPath } from '../queue/index.js';
import type { Logger } from 'pino';

export function fail(code: string, message: string): Failure {
  return { ok: false, code, message };
}

/** One handler per command of a role, each given its payload already checked. */
export type CommandHandlers<T extends CommandTable> = {
  [K in keyof T]: (payload: ParsedOf<T, K>) => Result<object> | Promise<Result<object>>;
};

export interface BindOptions {
  readonly log: Logger;
  /** Called for every refused payload or unknown event (the hub audits them). */
  readonly onRejected: (event: string, code: string, detail: string) => void;
  /** Waited for before every answer (the hub: until what the command committed is on disk). */
  readonly beforeAnswer?: () => Promise<void>;
}

type Ack = (r: unknown) => void;

/** A client-chosen event name as text that is safe to log and show: any type, kept short. */
export function eventLabel(event: unknown): string {
  if (typeof event === 'string') return event.slice(0, 80);
  if (typeof event === 'number') return `(number ${String(event).slice(0, 30)})`;
  return `(${event === null ? 'null' : typeof event})`;
}

export function bindCommands<T extends CommandTable>(socket: Socket, table: T, handlers: CommandHandlers<T>, opts: BindOptions): void {
  const rejected = (event: string, code: string, detail: string) => {
    try {
      opts.onRejected(event, code, detail);
    } catch (err) {
      opts.log.error({ err, event }, 'could not record a refused command');
    }
  };
  /** An ack called twice, or after the socket closed, must not throw either. */
  const answer = (ack: Ack, reply: unknown) => {
    try {
      ack(reply);
    } catch (err) {
      opts.log.warn({ err }, 'could not answer a command');
    }
  };
  // A frame over the server's maxHttpBufferSize never reaches a handler: the connection is dropped
  // before it can be answered. Audit it like any other refused command.
  socket.on('disconnect', (_reason, description: unknown) => {
    if (description instanceof Error && /max payload/i.test(description.message)) {
      rejected('(frame)', 'payload-too-large', `${description.message}: connection dropped`);
    }
  });
  // A frame the parser cannot read (an event name that is not a string or number, a broken binary
  // attachment) closes the connection; socket.io reports it here (without a listener it prints a stack).
  socket.on('error', (err: unknown) => {
    rejected('(frame)', 'malformed-frame', err instanceof Error ? err.message : 'unreadable frame');
  });
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
    try {
      dispatch(event, args, ack);
    } catch (err) {
      opts.log.error({ err, event: eventLabel(event) }, 'command dispatch failed');
      if (ack) answer(ack, refusal('internal-error'));
    }
  });

  function dispatch(event: unknown, args: unknown[], ack: Ack | undefined): void {
    if (typeof event !== 'string' || !Object.hasOwn(table, event)) {
      const label = eventLabel(event);
      rejected(label, 'unknown-command', "not in this role's command table");
      if (ack) answer(ack, refusal('unknown-command', { command: label.slice(0, 40) }));
      return;
    }
    if (!ack) {
      rejected(event, 'no-ack', 'a command must be sent with an acknowledgement');
      return;
    }
    if (args.length !== 1) {
      rejected(event, 'invalid-payload', `expected one payload, got ${args.length}`);
      answer(ack, refusal('invalid-payload.args'));
      return;
    }
    const schema = table[event] as T[keyof T];
    const handler = handlers[event as keyof T];
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? formatPath(issue.path) : '';
      const detail = issue ? `${where ? `${where}: ` : ''}${issue.message}` : 'invalid';
      rejected(event, 'invalid-payload', detail);
      answer(ack, refusal('invalid-payload', { detail: detail.slice(0, 200) }));
      return;
    }
    Promise.resolve()
      .then(() => handler(parsed.data as ParsedOf<T, keyof T>))
      .then(async (reply) => {
        await opts.beforeAnswer?.();
        return reply;
      })
      .then(
        (reply) => answer(ack, reply),
        (err: unknown) => {
          opts.log.error({ err, event }, 'command failed');
          answer(ack, refusal('internal-error'));
        },
      );
  }
}
