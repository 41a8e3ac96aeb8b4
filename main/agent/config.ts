// agent.yml: which hub this hall PC talks to and which devices hang off it. Checked with zod,
// reusing the drivers' own schemas (transport, LED display, keypad line); every problem names the
// file, the key path and the line, so a hall technician fixes the file in one pass.
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, formatProblem, zodMessage, zodProblems } from '../rules/config-problem.js';
import { located, parseYamlConfig, readConfigText } from '../config/yaml-config.js';
import { knownKeysObject, transportSpecSchema } from '../../drivers/transport/index.js';
import { ledDisplayConfigSchema } from '../../drivers/display/config.js';
import { keypadLineConfigSchema } from '../../drivers/keypad/config.js';

const deviceId = z
  .string({ error: 'expected a device id such as "printer-k1"' })
  .regex(/^[A-Za-z0-9_-]{1,48}$/, 'a device id is 1–48 letters, digits, "-" or "_"');
const windowNo = z.number({ error: 'expected a window number 1–999' }).int().min(1, 'expected a window number 1–999').max(999, 'expected a window number 1–999');

const printerSchema = knownKeysObject({
  id: deviceId,
  kind: z.literal('printer'),
  /** The kiosk this printer prints for (its id as paired on the hub, e.g. K1). */
  kioskId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected the kiosk id as paired on the hub, e.g. K1'),
  transport: transportSpecSchema,
  paperWidth: z.literal([58, 80], { error: 'expected 58 or 80 (mm)' }).default(80),
  qr: z.enum(['native', 'raster'], { error: "expected 'native' or 'raster'" }).default('native'),
});

/** A 居民身份证 reader at a kiosk (SAM serial protocol; USB CDC or RS-232, usually 115200 baud). */
const idcardSchema = knownKeysObject({
  id: deviceId,
  kind: z.literal('idcard'),
  /** The kiosk it sits in (its id as paired on the hub, e.g. K1); the agent must be bound to it. */
  kioskId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected the kiosk id as paired on the hub, e.g. K1'),
  transport: transportSpecSchema,
  /** How often the reader is asked for a card. */
  pollIntervalMs: z.number().int().min(100, 'at least 100 ms').max(5000, 'at most 5000 ms').default(300),
});

/** A code scanner (扫码枪) on a serial / USB-CDC line at a kiosk: text and CR or CRLF per scan. */
const scannerSchema = knownKeysObject({
  id: deviceId,
  kind: z.literal('scanner'),
  kioskId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected the kiosk id as paired on the hub, e.g. K1'),
  transport: transportSpecSchema,
});

const ledSchema = knownKeysObject({
  id: deviceId,
  kind: z.literal('led'),
  windowNo,
  transport: transportSpecSchema,
  display: ledDisplayConfigSchema,
});

const keypadLineSchema = knownKeysObject({
  id: deviceId,
  kind: z.literal('keypad-line'),
  transport: transportSpecSchema,
  keypads: keypadLineConfigSchema,
  /** Which window each keypad address serves: `{ 1: 3, 11: 3 }`. */
  windows: z.record(z.string().regex(/^\d+$/, 'keys are keypad addresses (numbers)'), windowNo),
}).superRefine((line, ctx) => {
  const listed = [...line.keypads.evaluation, ...line.keypads.caller];
  for (const a of listed) {
    if (line.windows[String(a)] === undefined) {
      ctx.addIssue({ code: 'custom', path: ['windows'], message: `keypad address ${a} has no window: add "${a}: <window number>"` });
    }
  }
  for (const key of Object.keys(line.windows)) {
    if (!listed.includes(Number(key))) {
      ctx.addIssue({ code: 'custom', path: ['windows', key], message: `address ${key} is not listed under keypads.evaluation or keypads.caller` });
    }
  }
});

const KINDS = ['printer', 'led', 'keypad-line', 'idcard', 'scanner'] as const;
const deviceSchema = z.discriminatedUnion('kind', [printerSchema, ledSchema, keypadLineSchema, idcardSchema, scannerSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? `expected one of ${KINDS.join(', ')}` : undefined),
});

export const agentConfigSchema = knownKeysObject({
  hub: knownKeysObject({
    url: z.url({ protocol: /^https?$/, error: 'expected the hub address, e.g. http://10.0.0.5:8080' }),
    token: z.string({ error: 'expected the token printed by `hallq pair --role agent`' }).min(16, 'expected the token printed by `hallq pair --role agent`').max(256),
  }),
  name: z.string().min(1).max(64).optional(),
  /** The outbox SQLite file; relative paths are next to agent.yml. */
  outbox: z.string().min(1).optional(),
  maintenanceAfterSeconds: z.number().int().min(1).max(86_400).default(60),
  devices: z.array(deviceSchema).default([]),
}).superRefine((c, ctx) => {
  const seen = new Map<string, number>();
  c.devices.forEach((d, i) => {
    const first = seen.get(d.id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['devices', i, 'id'], message: `"${d.id}" is already the id of devices[${first}]` });
    else seen.set(d.id, i);
  });
  // Devices on one RS-485 line share its port: they must describe it the same way.
  const lines = new Map<string, { spec: string; index: number }>();
  c.devices.forEach((d, i) => {
    const key = portKey(d.transport);
    if (key === undefined) return;
    const spec = JSON.stringify(d.transport);
    const other = lines.get(key);
    if (!other) lines.set(key, { spec, index: i });
    else if (other.spec !== spec) {
      ctx.addIssue({ code: 'custom', path: ['devices', i, 'transport'], message: `same port as devices[${other.index}] but different settings: a shared line needs identical transport blocks` });
    }
  });
  for (const kind of ['printer', 'idcard'] as const) {
    const atKiosk = new Map<string, number>();
    c.devices.forEach((d, i) => {
      if (d.kind !== kind) return;
      const other = atKiosk.get(d.kioskId);
      const what = kind === 'printer' ? 'printer' : 'ID card reader';
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['devices', i, 'kioskId'], message: `kiosk ${d.kioskId} already has the ${what} devices[${other}]` });
      else atKiosk.set(d.kioskId, i);
    });
  }
});

export type AgentConfig = z.output<typeof agentConfigSchema>;
export type AgentDeviceConfig = AgentConfig['devices'][number];
type TransportSpec = AgentDeviceConfig['transport'];

/** Serial ports and device files are one line each, however many devices sit on them. */
export function portKey(t: TransportSpec): string | undefined {
  switch (t.kind) {
    case 'serial':
      return `serial:${t.path}`;
    case 'file':
      return `file:${t.path}`;
    case 'win-usbprint':
      return `win-usbprint:${t.devicePath}`;
    case 'usb':
      return `usb:${t.vendorId}:${t.productId}:${t.serialNumber ?? ''}`;
    case 'tcp':
      return `tcp:${t.host}:${t.port}`;
  }
}

/** Reads and checks agent.yml; a relative outbox path (and the default one) is made absolute next to it. */
export function loadAgentConfig(path: string): AgentConfig {
  const config = parseAgentConfig(readConfigText(path), path);
  return { ...config, outbox: resolveOutbox(config, dirname(resolve(path))) };
}

export const DEFAULT_OUTBOX = 'hallq-agent-outbox.db';

/** The outbox file: as configured (relative to `dir`), or hallq-agent-outbox.db in `dir`. */
export function resolveOutbox(config: AgentConfig, dir: string): string {
  const file = config.outbox ?? DEFAULT_OUTBOX;
  return isAbsolute(file) ? file : resolve(dir, file);
}

/** Parses agent.yml text; `source` names the file in every problem (throws ConfigError). */
export function parseAgentConfig(text: string, source = 'agent.yml'): AgentConfig {
  const yaml = parseYamlConfig(text, source, { syntaxError: 'YAML syntax error: ', empty: 'the file is empty (an agent file starts with "hub:")' });
  const result = agentConfigSchema.safeParse(yaml.input);
  if (result.success) return result.data;
  const problems = zodProblems(result.error, {
    describe: (issue) => (/received undefined$/.test(issue.message) ? 'missing: this key is required' : zodMessage(issue)),
  });
  // Two issues may say the same of one key: say it once.
  const unique = new Map(located(problems, yaml).map((p) => [formatProblem(p), p]));
  throw new ConfigError([...unique.values()]);
}
