// Starts a hall's hub: HTTP + Socket.IO on one port, the store, every role's namespace.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { Server } from 'socket.io';
import type { Hall } from '../queue/index.js';
import { HubCore, type HubStore } from './core.js';
import { startAlarmMonitor } from './alarm-monitor.js';
import { startDayRollover } from './day.js';
import { DeviceRegistry, printResult, type DeliveryOptions } from './devices.js';
import { hubParser } from './frame-encoder.js';
import { HallFeed } from './feed.js';
import { createHttpHandler, type HttpRoutes } from './http.js';
import { registerAgent } from './roles/agent.js';
import { registerCounter } from './roles/counter.js';
import { registerDisplay } from './roles/display.js';
import { IdentityDesk } from './identity-desk.js';
import { registerKiosk } from './roles/kiosk.js';
import { registerPublic } from './roles/public.js';
import { registerSupervise } from './roles/supervise.js';
import { registerTicket } from './roles/ticket.js';
import { openHubStore } from './store.js';

export interface HubOptions {
  readonly hall: Hall;
  /** SQLite file (":memory:" for a throwaway hub). */
  readonly dbPath: string;
  readonly port?: number;
  readonly host?: string;
  /** The address visitors' phones reach the hub at (printed in QR codes); default http://host:port. */
  readonly publicUrl?: string;
  readonly log?: Logger;
  readonly clock?: () => number;
  /** How far behind a reconnecting client may be and still get a replay instead of a snapshot. */
  readonly replayLimit?: number;
  readonly delivery?: Partial<DeliveryOptions>;
  /** Longest wait between checks for the hall day's turnover (tests with a moved clock use a short one). */
  readonly dayCheckMs?: number;
  /** How often the alarm monitor evaluates the hall's alarms (default 5 s). */
  readonly alarmCheckMs?: number;
  /** A folder of the hall's own voice clips; default: the hall file's display.voice.clipsDir. */
  readonly voiceDir?: string;
  /** Extra HTTP routes ("GET /api/demo/devices"): the demo hall's device panel. */
  readonly routes?: HttpRoutes;
}

export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly core: HubCore;
  /** The hall's database file (tests and reports read it through db/'s read-only handle). */
  readonly dbPath: string;
  readonly http: HttpServer;
  readonly io: Server;
  close(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const log = options.log ?? pino({ name: 'hub', level: process.env.HALLQ_LOG ?? 'info' });
  const clock = options.clock ?? Date.now;
  const store: HubStore = openHubStore({ path: options.dbPath, hall: options.hall, now: clock() });
  const access = store.access;
  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: 256 * 1024, serveClient: false, pingInterval: 10_000, pingTimeout: 10_000, parser: hubParser });
  const feed = new HallFeed(store, { replayLimit: options.replayLimit ?? 500 });
  const devices = new DeviceRegistry(
    log.child({ area: 'devices' }),
    {
      onAlarm: (alarm) => io.of('/supervise').to('supervise').emit('device:alarm', alarm),
      onKioskChanged: (kioskId) => {
        const device = access.devices().find((d) => d.id === kioskId);
        if (device) io.of('/kiosk').to(`kiosk:${kioskId}`).emit('kiosk:state', devices.kioskState(kioskId, device.hasPrinter));
      },
      onPrinted: (kioskId, ticketId, result) => io.of('/kiosk').to(`kiosk:${kioskId}`).emit('ticket:printed', printResult(ticketId, result)),
    },
    { timeoutMs: 5000, retries: 3, backoffMs: 500, ...options.delivery },
    clock,
  );

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${options.host === '0.0.0.0' || !options.host ? '127.0.0.1' : options.host}:${port}`;
  const core = new HubCore({ io, store, access, feed, devices, log, publicUrl: options.publicUrl ?? url, clock });
  const idSalt = store.secret('id-salt');
  const identities = new IdentityDesk(idSalt);
  registerKiosk(core, idSalt, identities);
  registerCounter(core);
  registerDisplay(core);
  registerAgent(core, identities);
  registerSupervise(core);
  registerPublic(core, idSalt);
  registerTicket(core);
  // --voice-dir, else the hall file's own clips folder: the same for the CLI and the app's hub role.
  const voiceDir = options.voiceDir ?? options.hall.config.display.voice.clipsDir;
  http.on('request', createHttpHandler(core, clock(), { voiceDir, ...(options.routes && { routes: options.routes }) }));
  const stopRollover = startDayRollover(core, options.dayCheckMs);
  const alarms = startAlarmMonitor(core, options.alarmCheckMs);
  log.info({ url, hall: options.hall.config.hall.name, seq: store.lastSeq }, 'hub listening');

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    core,
    dbPath: options.dbPath,
    http,
    io,
    close: () =>
      (closing ??= (async () => {
        stopRollover();
        alarms.stop();
        feed.close();
        devices.close();
        await new Promise<void>((resolve) => void io.close(() => resolve()));
        http.closeAllConnections();
        core.refusals.flush();
        store.close();
        log.info('hub closed');
      })()),
  };
}
