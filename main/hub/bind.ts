// Wires a role's command table to a socket: every payload is checked against its schema before
// anything runs, every command answers through its ack, unknown events are refused.
import type { Socket } from 'socket.io';
import type { CommandTable, Failure, ParsedOf, Result } from '../protocol/index.js';
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
}

const takeAck = (args: unknown[]): ((r: unknown) => void) | undefined =>
  typeof args[args.length - 1] === 'function' ? (args.pop() as (r: unknown) => void) : undefined;

export function bindCommands<T extends CommandTable>(socket: Socket, table: T, handlers: CommandHandlers<T>, opts: BindOptions): void {
  // A frame over the server's maxHttpBufferSize never reaches a handler: the connection is dropped
  // before it can be answered. Audit it like any other refused command.
  socket.on('disconnect', (_reason, description: unknown) => {
    if (description instanceof Error && /max payload/i.test(description.message)) {
      opts.onRejected('(frame)', 'payload-too-large', `${description.message}: connection dropped`);
    }
  });
  socket.onAny((event: string, ...args: unknown[]) => {
    const ack = takeAck(args);
    if (!Object.hasOwn(table, event)) {
      opts.onRejected(event, 'unknown-command', 'not in this role\'s command table');
      ack?.(fail('unknown-command', `不支持的指令：${event.slice(0, 40)}`));
      return;
    }
    if (!ack) {
      opts.onRejected(event, 'no-ack', 'a command must be sent with an acknowledgement');
      return;
    }
    if (args.length !== 1) {
      opts.onRejected(event, 'invalid-payload', `expected one payload, got ${args.length}`);
      ack(fail('invalid-payload', '请求格式不正确：应为一个参数'));
      return;
    }
    const schema = table[event] as T[keyof T];
    const handler = handlers[event as keyof T];
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? formatPath(issue.path) : '';
      const detail = issue ? `${where ? `${where}: ` : ''}${issue.message}` : 'invalid';
      opts.onRejected(event, 'invalid-payload', detail);
      ack(fail('invalid-payload', `请求格式不正确（${detail.slice(0, 200)}）`));
      return;
    }
    Promise.resolve()
      .then(() => handler(parsed.data as ParsedOf<T, keyof T>))
      .then(ack, (err: unknown) => {
        opts.log.error({ err, event }, 'command failed');
        ack(fail('internal-error', '系统繁忙，请稍后重试'));
      });
  });
}
