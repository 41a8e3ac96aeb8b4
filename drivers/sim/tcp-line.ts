// The device end of a line reached over TCP, as a serial device server (an RS-232/485-to-Ethernet
// converter) or a networked LED controller offers it. Simulators use it where no pty exists (the
// demo hall on a machine without socat). One client at a time, as on a real converter: a new
// connection replaces the old one.
import { createServer, type Server, type Socket } from 'node:net';

/** What a simulator needs of its line: a SerialPort has all of it; a TCP client is adapted. */
export interface SimLineEnd {
  readonly isOpen: boolean;
  write(bytes: Buffer, done?: (error?: Error | null) => void): void;
  drain(done: () => void): void;
  close(done: () => void): void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

function socketEnd(socket: Socket): SimLineEnd {
  return {
    get isOpen() {
      return !socket.destroyed && socket.writable;
    },
    write: (bytes, done) => void socket.write(bytes, (error) => done?.(error ?? null)),
    drain: (done) => (socket.writableNeedDrain ? socket.once('drain', done) : setImmediate(done)),
    close: (done) => (socket.destroyed ? setImmediate(done) : (socket.once('close', done), socket.destroy())),
    on: (event: 'data' | 'close', listener: (chunk: Buffer) => void) => socket.on(event, listener),
  };
}

export interface TcpLineServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Listen for the driver's TCP connection; each accepted client becomes the line's device end. */
export async function listenTcpLine(port: number, host: string, onEnd: (end: SimLineEnd) => void): Promise<TcpLineServer> {
  let current: Socket | undefined;
  const server: Server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => undefined); // a reset client is just a closed line
    current?.destroy();
    current = socket;
    onEnd(socketEnd(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        current?.destroy();
        server.close(() => resolve());
      }),
  };
}
