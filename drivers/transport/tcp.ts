import { Socket } from 'node:net';
import { ReconnectingTransport } from './reconnecting.js';
import { driverLogger } from '../log.js';
import { TransportError, type ReconnectOptions } from './types.js';

export interface TcpTransportOptions extends ReconnectOptions {
  host: string;
  /** 9100 for raw ("JetDirect") network printers. */
  port: number;
  /** How long one connect attempt may take. Default 3000. */
  connectTimeoutMs?: number;
  /** TCP keepalive probe delay. Default 10000: a printer switched off is noticed in well under a minute. */
  keepAliveMs?: number;
}

/**
 * A raw TCP byte pipe: port-9100 network printers, serial-to-Ethernet converters for RS-485 lines.
 * Keepalive and the socket's close/error/end events tell us the device went away (printers also
 * drop idle connections); we then connect again with backoff.
 */
export class TcpTransport extends ReconnectingTransport {
  readonly name: string;
  readonly canRead = true;
  readonly #options: TcpTransportOptions;
  #socket: Socket | undefined;

  constructor(options: TcpTransportOptions) {
    super(options, driverLogger('tcp', options.log));
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
      throw new RangeError(`tcp ${options.host}:${options.port}: port must be 1…65535`);
    }
    this.#options = options;
    this.name = `tcp ${options.host}:${options.port}`;
  }

  protected connect(): Promise<void> {
    const { host, port, connectTimeoutMs = 3000, keepAliveMs = 10_000 } = this.#options;
    const socket = new Socket();
    return new Promise<void>((resolve, reject) => {
      const fail = (error: TransportError): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(
        () => fail(new TransportError(this.name, `no answer within ${connectTimeoutMs} ms; is the printer on and the address right?`, 'timeout')),
        connectTimeoutMs,
      );
      socket.once('error', (error) => fail(this.#connectError(error)));
      socket.connect({ host, port }, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        socket.setKeepAlive(true, keepAliveMs);
        this.#socket = socket;
        socket.on('data', (chunk: Buffer) => {
          if (this.#socket === socket) this.emitData(chunk);
        });
        const gone = (why: string) => () => {
          if (this.#socket === socket) this.lost(why);
        };
        socket.on('error', (error) => {
          if (this.#socket === socket) this.lost(error.message);
        });
        socket.on('end', gone('the device closed the connection'));
        socket.on('close', gone('connection closed'));
        resolve();
      });
    });
  }

  protected async disconnect(): Promise<void> {
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket) return;
    socket.removeAllListeners('data');
    socket.on('error', () => undefined);
    // end() lets queued bytes go out first; destroy after a grace period if the peer is gone.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve();
      }, 1000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  protected writeRaw(bytes: Uint8Array): Promise<void> {
    const socket = this.#socket;
    if (!socket) return Promise.reject(new TransportError(this.name, 'not open', 'not-open'));
    return new Promise<void>((resolve, reject) => {
      socket.write(bytes, (error) =>
        error ? reject(new TransportError(this.name, `write failed: ${error.message}`, 'io')) : resolve(),
      );
    });
  }

  #connectError(error: NodeJS.ErrnoException): TransportError {
    switch (error.code) {
      case 'ECONNREFUSED':
        return new TransportError(this.name, 'connection refused; is it a raw (port 9100) printer and is it on?', 'not-found');
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return new TransportError(this.name, `unknown host ${this.#options.host}; check the address in the hall PC config`, 'not-found');
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
        return new TransportError(this.name, 'host unreachable; check the network cable and the address', 'not-found');
      case 'ETIMEDOUT':
        return new TransportError(this.name, 'connect timed out; is the printer on and the address right?', 'timeout');
      default:
        return new TransportError(this.name, `cannot connect: ${error.message}`, 'io');
    }
  }
}
