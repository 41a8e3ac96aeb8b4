// The PC's app config, hallq-app.yml in the app's user data folder: which role this PC plays and
// where its hub is. Every problem names the file, the key and the line, in Chinese and English,
// so the hall's IT staff can fix it in one pass.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, zodProblems, type ZodIssue } from '../rules/config-problem.js';
import { located, parseYamlConfig } from '../config/yaml-config.js';

export const APP_CONFIG_FILE = 'hallq-app.yml';
export const ROLES = ['kiosk', 'counter', 'display', 'hub'] as const;
export type AppRole = (typeof ROLES)[number];

const hubUrl = z
  .string({ error: 'hubUrl 应为网址，例如 http://192.168.1.10:8080 / must be a URL' })
  .refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), {
    error: '应为 http:// 或 https:// 开头的网址，例如 http://192.168.1.10:8080 / must be an http(s) URL',
  })
  .transform((s) => new URL(s).origin);
const token = z.string().min(1, { error: '不能为空 / must not be empty' });
const monitor = z.int({ error: '应为显示器编号（1 为主显示器）/ must be a monitor number, 1 = primary' }).min(1, { error: '显示器编号从 1 开始 / monitors count from 1' });
const common = {
  role: z.enum(ROLES),
  /** The agent config of the devices attached to this PC; the agent then runs inside the app. */
  agentConfig: z.string().min(1).optional(),
  openAtLogin: z.boolean().default(true),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
};

const schemas = {
  kiosk: z.strictObject({ ...common, role: z.literal('kiosk'), hubUrl, token }),
  counter: z.strictObject({
    ...common,
    role: z.literal('counter'),
    hubUrl,
    windowNo: z.int({ error: '应为窗口号（整数）/ must be a window number' }).min(1, { error: '窗口号从 1 开始 / window numbers start at 1' }),
    /** A second screen facing the visitors, showing this window's virtual LED display. */
    windowDisplay: z.strictObject({ monitor: monitor.default(2), token }).optional(),
  }),
  display: z.strictObject({ ...common, role: z.literal('display'), hubUrl, token, monitor: monitor.default(1) }),
  hub: z.strictObject({
    ...common,
    role: z.literal('hub'),
    hallFile: z.string().min(1, { error: '需要大厅配置文件的路径 / the hall file path is required' }),
    dbPath: z.string().min(1).optional(),
    // 0 picks a free port (tests).
    port: z.int().min(0).max(65535, { error: '端口应在 0–65535 之间 / port must be 0–65535' }).default(8080),
    host: z.string().min(1).default('0.0.0.0'),
    publicUrl: z.url({ error: '应为网址 / must be a URL' }).optional(),
  }),
} as const;

export type KioskConfig = z.infer<(typeof schemas)['kiosk']>;
export type CounterConfig = z.infer<(typeof schemas)['counter']>;
export type DisplayConfig = z.infer<(typeof schemas)['display']>;
export type HubConfig = z.infer<(typeof schemas)['hub']> & { readonly dbPath: string };
export type AppConfig = KioskConfig | CounterConfig | DisplayConfig | HubConfig;

export interface LoadOptions {
  /** The app's user data folder: the hub's database defaults to hall.db there. */
  readonly userData: string;
}

/** Reads and validates hallq-app.yml; throws ConfigError. Relative paths are resolved against the file's folder. */
export function loadAppConfig(path: string, options: LoadOptions): AppConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? `找不到配置文件，请按说明创建 / no such file: create it (see README "Hall PCs")` : `无法读取 / cannot read: ${(err as Error).message}`;
    throw new ConfigError([{ file: path, path: [], message }]);
  }
  return parseAppConfig(text, path, { ...options, baseDir: dirname(path) });
}

export function parseAppConfig(text: string, source: string, options: LoadOptions & { readonly baseDir: string }): AppConfig {
  const yaml = parseYamlConfig(text, source, { syntaxError: 'YAML 格式错误 / YAML syntax error: ' });
  const { input } = yaml;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError([{ file: source, path: [], message: `文件应以 "role:" 开头 / the file must be a map starting with "role:"` }]);
  }
  const role = (input as Record<string, unknown>).role;
  if (!ROLES.includes(role as AppRole)) {
    const got = role === undefined ? '缺少此项 / missing' : `现为 / got ${JSON.stringify(role)}`;
    const message = `应为 ${ROLES.join(' | ')} 之一 / must be one of ${ROLES.join(', ')} (${got})`;
    throw new ConfigError(located([{ path: ['role'], message }], yaml));
  }
  const parsed = schemas[role as AppRole].safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ConfigError(located(zodProblems(parsed.error, { describe }), yaml));
  const at = (p: string) => (isAbsolute(p) ? p : resolve(options.baseDir, p));
  const config = parsed.data;
  const agentConfig = config.agentConfig === undefined ? {} : { agentConfig: at(config.agentConfig) };
  if (config.role === 'hub') {
    return { ...config, ...agentConfig, hallFile: at(config.hallFile), dbPath: config.dbPath ? at(config.dbPath) : join(options.userData, 'hall.db') };
  }
  return { ...config, ...agentConfig };
}

function describe(issue: ZodIssue, key?: string): string {
  if (key !== undefined) return `未知的设置项 / unknown key: ${key}`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `缺少此项 / missing (${issue.expected})` : `${issue.message.startsWith('Invalid input') ? `类型不对，应为 / expected ${issue.expected}` : issue.message}`;
    case 'invalid_value':
      return `应为 / must be one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}
