// A TCP proxy between a browser and the hub, so a test can drop the network at an exact moment:
// load the page through `url` and every byte (HTTP and the Socket.IO websocket) goes through it.
//
//   const proxy = await startCutProxy(hub.url)
//   proxy.cut()        — destroy every open connection now: nothing more is forwarded either way
//   proxy.hold()       — from now on new connections are accepted but wait (the network is down)
//   proxy.release()    — the held connections and every later one go through again
//   await proxy.close()
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CutProxy {
  readonly url: string;
  cut(): void;
  hold(): void;
  release(): void;
  close(): Promise<void>;
}

export async function startCutProxy(target: string): Promise<CutProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  const held: Socket[] = [];
  let holding = false;

  const forward = (client: Socket) => {
    const upstream = connect(Number(port), hostname);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    for (const s of [client, upstream]) {
      s.on('error', drop);
      s.on('close', drop);
    }
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const server = createServer((client) => {
    client.on('error', () => client.destroy());
    if (!holding) return forward(client);
    // Not read until released: what the browser sends meanwhile waits in the socket.
    held.push(client);
    client.once('close', () => held.splice(held.indexOf(client), 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    cut() {
      for (const s of [...open]) s.destroy();
      open.clear();
    },
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const client of held.splice(0)) {
        client.removeAllListeners('close');
        forward(client);
      }
    },
    close() {
      for (const s of [...open, ...held]) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
