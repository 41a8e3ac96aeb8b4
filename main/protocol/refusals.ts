// Every refusal's text in one table: the queue engine's (main/queue/refusals.ts, kept there as the
// engine may import nothing of ours), the hub's (handshakes, payload checks, authorisation,
// devices) and the HTTP API's. A key is the stable wire code (the i18n key), or `code.variant`
// where one code has several texts (the wire code is the part before the dot). Texts are zh-CN,
// shown to the person as is; templates take {params}. English can follow as another table.
import { refusalMessages as engineRefusals } from '../queue/refusals.js';

/** Refusals the hub decides itself, before or beside the engine. */
export const hubRefusals = {
  'internal-error': '系统繁忙，请稍后重试',
  'unknown-command': '不支持的指令：{command}',
  'invalid-payload': '请求格式不正确（{detail}）',
  'invalid-payload.args': '请求格式不正确：应为一个参数',
  'invalid-payload.body': '请求格式不正确',
  'invalid-payload.date': '日期格式为YYYY-MM-DD',
  'bad-handshake': '连接参数不正确',
  'unauthorized.device': '设备未配对或令牌无效，请在管理后台重新配对',
  'unauthorized.session': '登录已失效，请重新登录',
  'unauthorized.login': '请先登录',
  'unknown-ticket.visit': '号票不存在或已过期',
  forbidden: '无权执行此操作',
  'forbidden.supervise': '无权进入效能监察',
  'forbidden.export': '无权导出数据',
  'forbidden.window-device': '本机没有{windowNo}号窗口的{device}',
  'forbidden.kiosk-device': '本机没有取号机{kioskId}的{device}',
  'not-rateable.none': '没有可评价的业务',
  'identity-expired': '请重新刷身份证',
  'printer-unavailable': '暂停取号',
  'no-admin-pin': '未设置管理密码：请在大厅配置文件的 kiosk.adminPinHash 中设置',
  'bad-pin': '密码错误，还可尝试{left}次',
  'pin-locked': '密码错误次数过多，请{minutes}分钟后再试',
  'login-locked': '密码错误次数过多，请{minutes}分钟后再试',
  'bad-credentials': '工号或密码错误',
  'rate-limited': '操作过于频繁，请稍后再试',
  'unknown-device': '设备{deviceId}不属于本机',
  'devices-refused': '{first}（另有{more}个设备被拒绝）',
  /** An agent's devices and bindings (main/hub/agent-binding.ts); {agent} names the agent. */
  'device-not-bound.kiosk': '{agent}未绑定取号机{kioskId}，不能接入其{device}，请联系管理员',
  'device-not-bound.window': '{agent}未绑定{windowNo}号窗口，不能操作该窗口，请联系管理员',
  'device-not-bound.device': '{agent}{what}，不能接入{label}，请联系管理员绑定',
  'device-taken': '设备编号{deviceId}已被{holder}使用，{agent}不能接入{label}，请改用其他设备编号',
} as const;

export const refusalTexts = { ...engineRefusals, ...hubRefusals } as const;
// A hub text never silently replaces an engine one.
const noKeyTwice: [Extract<keyof typeof hubRefusals, keyof typeof engineRefusals>] extends [never] ? true : never = true;
void noKeyTwice;
export type RefusalKey = keyof typeof refusalTexts;
/** The wire code of a refusal key: `forbidden.supervise` → `forbidden`. */
export type RefusalCodeOf<K extends RefusalKey> = K extends `${infer C}.${string}` ? C : K;
export type { RefusalParams } from '../queue/refusals.js';

/** The text of a refusal, its {params} filled in (a missing one stays as written). */
export function refusalText(key: RefusalKey, params?: Readonly<Record<string, string | number>>): string {
  return refusalTexts[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}

/** The wire code and text of a refusal. */
export function refusal<K extends RefusalKey>(key: K, params?: Readonly<Record<string, string | number>>): { readonly ok: false; readonly code: RefusalCodeOf<K>; readonly message: string } {
  return { ok: false, code: key.split('.')[0] as RefusalCodeOf<K>, message: refusalText(key, params) };
}
