// The Socket.IO floor's server, in its own process like the hub: no auth, no validation, no
// storage. 'cast' is broadcast to every listener in the room; 'cmd' is acknowledged at once.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => {
  if (socket.handshake.auth?.listen === true) void socket.join('hall');
  socket.on('cast', (payload: unknown) => void io.to('hall').emit('event', payload));
  socket.on('cmd', (_payload: unknown, ack: (r: unknown) => void) => ack({ ok: true }));
});
http.listen(0, '127.0.0.1', () => console.log(`bare socket.io listening on http://127.0.0.1:${(http.address() as AddressInfo).port}`));
process.once('SIGTERM', () => void io.close(() => process.exit(0)));
