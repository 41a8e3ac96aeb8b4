// The hub's HTTP side: health, staff login, the visitor's ticket status, the hall's public
// model (services and guides for kiosks and the booking page); the reports' routes are report-routes.ts.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loginSchema, refusalText, type LoginReply } from '../protocol/index.js';
import { formatPath, hallDay, isWorkingDay, type DisplayConfig, type Hall } from '../queue/index.js';
import type { HubCore } from './core.js';
import { reportRoutes } from './report-routes.js';
import { ticketStatus } from './roles/ticket.js';
import { latestLeg, tokenMatches } from './visits.js';

const SESSION_TTL_MS = 12 * 60 * 60_000;
const MAX_BODY = 16 * 1024;

export type HttpHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;
/** Routes keyed "METHOD /path"; a hub embedder (the demo hall) may add its own, never replace ours. */
export type HttpRoutes = Readonly<Record<string, HttpHandler>>;
type Handler = HttpHandler;

export function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
export const failure = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { ok: false, code, message });

export async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('too-large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formulas defused for spreadsheets. */
export function csvField(value: string | number | boolean | null | undefined): string {
  let s = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface HttpOptions {
  /** A hall's own voice clips: /voice/<name>.wav is served from here when the file exists there. */
  readonly voiceDir?: string | undefined;
  /** Extra routes ("GET /api/demo/devices": the demo hall's device panel); they never replace ours. */
  readonly routes?: HttpRoutes;
}

export function createHttpHandler(hub: HubCore, startedAt: number, options: HttpOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const staffFromBearer = (req: IncomingMessage) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const staffId = token ? hub.access.sessionStaff(token, hub.clock()) : undefined;
    return staffId === undefined ? undefined : hub.state.hall.staff.get(staffId);
  };

  const routes: Record<string, Handler> = {
    ...options.routes,
    'GET /healthz': (_req, res) =>
      json(res, 200, { ok: true, day: hub.state.day, seq: hub.store.lastSeq, uptimeSeconds: Math.round((hub.clock() - startedAt) / 1000) }),

    'POST /api/login': async (req, res) => {
      let body: unknown;
      try {
        body = await readJson(req);
      } catch {
        return failure(res, 400, 'invalid-payload', refusalText('invalid-payload.body'));
      }
      const parsed = loginSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        // Our own messages are Chinese; zod's (a body that is not an object, a wrong type) are not.
        if (issue && /[\u4e00-\u9fff]/.test(issue.message)) return failure(res, 400, 'invalid-payload', issue.message);
        const where = issue ? formatPath(issue.path) : '';
        return failure(res, 400, 'invalid-payload', `请求格式不正确${issue ? `（${where ? `${where}: ` : ''}${issue.message}）` : ''}`);
      }
      const address = req.socket.remoteAddress ?? 'unknown';
      const check = await hub.credentials.check(parsed.data.staffId, parsed.data.password, address, hub.clock());
      if (!check.ok) {
        hub.auditRefusal({ role: 'visitor', id: address }, 'login', check.code, `staff ${parsed.data.staffId}`);
        if (check.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(check.retryAfterSeconds));
        return failure(res, check.code === 'login-locked' ? 429 : 401, check.code, check.message);
      }
      const { staff } = check;
      const reply: LoginReply = {
        token: hub.access.createSession(staff.id, SESSION_TTL_MS, hub.clock()),
        staffId: staff.id,
        name: staff.name,
        role: staff.role,
      };
      json(res, 200, { ok: true, ...reply });
    },

    'GET /api/hall': (_req, res) => {
      const { hall } = hub.state;
      json(res, 200, {
        name: hall.config.hall.name,
        day: hub.state.day,
        timeZone: hall.config.hall.timezone,
        hours: hall.config.hall.hours,
        departments: hall.config.departments,
        services: hall.config.services.map((s) => ({
          code: s.code,
          name: s.name,
          department: s.department,
          prefix: s.prefix,
          promisedMinutes: s.promisedMinutes,
          hours: s.hours ?? hall.config.hall.hours,
          appointment: s.appointment,
          guide: s.guide,
        })),
        windows: hall.config.windows.map((w) => ({ number: w.number, name: w.name, kind: w.kind, department: w.department, services: w.services })),
        appointments: { ...hall.config.hall.appointments, days: bookingDays(hall, hub.clock()) },
        display: { notice: hall.config.display.notice, voice: publicVoice(hall.config.display.voice) },
      });
    },

    'GET /api/ticket': (_req, res, url) => {
      const visitId = url.searchParams.get('id') ?? '';
      const token = url.searchParams.get('k') ?? '';
      const t = latestLeg(hub.state, visitId);
      if (!t || !tokenMatches(t, token)) return failure(res, 404, 'unknown-ticket', refusalText('unknown-ticket.visit'));
      json(res, 200, { ok: true, ...ticketStatus(hub.state, t) });
    },

    // 绩效考核: figures, rankings, the XLSX workbook and the tickets CSV (report-routes.ts).
    ...reportRoutes(hub, staffFromBearer),
  };

  /** The screens' files; a hall's own voice clip where its folder has one. */
  const serveScreen: Handler = (req, res, url) => {
    const clip = options.voiceDir === undefined ? undefined : VOICE_CLIP.exec(url.pathname)?.[1];
    return clip === undefined ? serveRenderer(req, res, url) : serveVoiceClip(options.voiceDir!, clip, req, res, url);
  };

  return (req, res) => {
    const url = requestUrl(req);
    if (!url) return failure(res, 400, 'bad-request', '请求地址不正确');
    const route = routes[`${req.method} ${url.pathname}`] ?? (isScreenRequest(req, url) ? serveScreen : undefined);
    if (!route) return failure(res, 404, 'not-found', '页面不存在');
    // Inside the promise, so a handler that throws at once is answered like one that rejects.
    Promise.resolve().then(() => route(req, res, url)).catch((err: unknown) => {
      hub.log.error({ err, url: url.pathname }, 'http handler failed');
      if (!res.headersSent) failure(res, 500, 'internal-error', refusalText('internal-error'));
    });
  };
}

/** The request's URL, or undefined when it cannot be read: a malformed target or bad percent-encoding. */
export function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    const url = new URL(req.url ?? '/', 'http://hub');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return undefined;
  }
}

/** The working days a visitor may book now: today up to `bookingDaysAhead` days on, per the hall calendar. */
export function bookingDays(hall: Hall, now: number): string[] {
  const today = hallDay(hall, now);
  const out: string[] = [];
  for (let i = 0; i <= hall.config.hall.appointments.bookingDaysAhead; i++) {
    const date = new Date(Date.parse(`${today}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    if (isWorkingDay(hall, date)) out.push(date);
  }
  return out;
}

// The screens: the Vite build in renderer/dist (npm run build), one page per role.
const RENDERER_DIST = fileURLToPath(new URL('../../renderer/dist/', import.meta.url));
const CSP = "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'";
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};
const PAGES = /^\/(kiosk|counter|display|window|pad|book|ticket)\/?$/;

function isScreenRequest(req: IncomingMessage, url: URL): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && !url.pathname.startsWith('/api/');
}

/** The voice settings a display needs (the clips folder stays on the hub). */
function publicVoice({ clipsDir: _hubOnly, ...voice }: DisplayConfig['voice']): Omit<DisplayConfig['voice'], 'clipsDir'> {
  return voice;
}

const VOICE_CLIP = /^\/voice\/([A-Za-z0-9_-]{1,32}\.wav)$/;

/** A hall's replacement clip when its folder has one, else the default clip built into the renderer. */
async function serveVoiceClip(dir: string, name: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const body = await readFile(join(dir, name)).catch(() => undefined);
  if (!body) return serveRenderer(req, res, url);
  res.writeHead(200, { 'content-type': 'audio/wav', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** `/` the launcher, `/kiosk/` … their pages, `/t/<visitId>?k=` the visitor's ticket page, `/assets/*` files. */
async function serveRenderer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  const page = path === '/' ? 'index.html' : /^\/t\/[^/]+$/.test(path) ? 'ticket/index.html' : PAGES.exec(path) ? `${PAGES.exec(path)![1]}/index.html` : undefined;
  const file = page ?? normalize(decodeURIComponent(path)).replace(/^[/\\]+/, '');
  const full = join(RENDERER_DIST, file);
  const headers = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' };
  if (!full.startsWith(RENDERER_DIST) || full.split(sep).includes('..')) return failure(res, 404, 'not-found', '页面不存在');
  if (!(await stat(join(RENDERER_DIST, 'index.html')).catch(() => undefined))) {
    res.writeHead(503, { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end('<!doctype html><meta charset="utf-8"><title>HallQ</title><h1>界面尚未构建：请先运行 npm run build</h1>');
    return;
  }
  const body = await readFile(full).catch(() => undefined);
  if (!body) return failure(res, 404, 'not-found', '页面不存在');
  res.writeHead(200, {
    ...headers,
    'content-type': CONTENT_TYPES[extname(full)] ?? 'application/octet-stream',
    // Hashed asset names never change; pages must be fresh after an update.
    'cache-control': file.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
