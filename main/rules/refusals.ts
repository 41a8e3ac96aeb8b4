// Every refusal's text in one table: the queue engine's, the hub's (handshakes, payload checks,
// authorisation, devices) and the HTTP API's — in main/rules, which the engine, the hub and the
// screens may all import (main/protocol re-exports it with the wire contract). A key is the
// stable wire code (the i18n key), or `code.variant` where one code has several texts (the wire
// code is the part before the dot). Texts are zh-CN, shown to the person as is; templates take
// {params}. English can follow as another table with the same keys.

/** The queue engine's refusals (main/queue/refusals.ts refuses with them): each key is its code. */
export const engineRefusals = {
  'unknown-service': '没有这个办理事项',
  'unknown-window': '没有{windowNo}号窗口',
  'unknown-ticket': '找不到这张号票',
  'unknown-staff': '工号{staffId}不存在',
  'closed-today': '今天是非工作日，大厅不办理业务',
  'before-hours': '尚未到取号时间，取号时间：{hours}',
  'lunch-break': '午间休息，{resumeAt}恢复取号',
  'after-hours': '今日取号已结束，取号时间：{hours}',
  'closing-soon': '临近下班，今日已停止取号',
  'cap-reached': '“{service}”今日号源已取完，请改日办理或网上预约',
  'kiosk-rate-limited': '取号过于频繁，请稍后再试',
  'green-needs-authorization': '绿色通道号须由首席代表授权',
  'not-authorized': '{staffId}无权授权绿色通道',
  'not-authorized-department': '{staffId}是{department}的首席代表，不能授权“{service}”的绿色通道',
  'window-not-serving': '{windowNo}号窗口不办理此类业务',
  'window-signed-out': '{windowNo}号窗口尚未签到',
  'window-occupied': '{windowNo}号窗口已由工号{staffId}签到',
  'staff-elsewhere': '工号{staffId}已在{windowNo}号窗口签到，请先签退',
  'window-paused': '{windowNo}号窗口已暂停服务',
  'window-not-paused': '{windowNo}号窗口未暂停',
  'window-busy': '请先处理完当前号票{number}',
  'no-current-ticket': '当前没有正在办理的号票',
  'queue-empty': '当前没有等候的号票',
  'ticket-not-waiting': '号票{number}{state}，不在等候中',
  'ticket-not-no-show': '号票{number}不是过号状态',
  'ticket-not-suspended': '号票{number}未挂起',
  /** {state}: where the ticket is (whereabouts.ts); {action}: what was asked, e.g. 重呼. */
  'ticket-state': '号票{number}{state}，不能{action}',
  'not-your-ticket': '号票{number}{state}，不是{windowNo}号窗口的号票',
  'ticket-old': '号票{number}不是今天的号',
  'transfer-same': '不能转移到同一事项和窗口',
  'already-rated': '本次服务已评价，感谢您的参与',
  'not-rateable': '号票{number}尚未办结，暂不能评价',
  'appointment-not-found': '预约码无效，请核对后重试',
  'appointment-not-booked': '该预约已{status}',
  'checkin-too-early': '预约时段{slot}，请于{from}后签到',
  'checkin-too-late': '已超过预约时段，请取普通号办理',
  'not-appointable': '“{service}”不支持预约',
  'slot-invalid': '所选时段不可预约',
  'slot-full': '所选时段已约满，请选择其他时段',
  'slot-past': '所选时段已过',
  'slot-too-far': '只能预约{days}天内的时段',
  'already-booked': '您已预约该事项{slot}的时段',
  'empty-text': '请填写内容',
  'day-current': '今天已开始营业',
  /** 一人一号: {number} is the ticket they already hold for the service today. */
  'one-per-person': '您今日已取{number}号',
  'id-card-expired': '您的身份证已过有效期，请到咨询台办理',
  'request-id-reused': '请求编号重复，请刷新后重试',
} as const;

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
  /** The supervision console (main/hub/roles/supervise.ts). */
  'forbidden.department': '只能处理本部门（{department}）的事项',
  'forbidden.supervisor': '须由效能监察人员审批',
  'unknown-alarm': '该告警不存在或已解除',
  'alarm-acknowledged': '该告警已由{by}确认',
  'unknown-follow-up': '找不到该差评整改事项',
  'follow-up-closed': '该差评整改事项已办结',
  'follow-up-not-ready': '请先登记回访和整改情况，再审批办结',
  'not-appealable': '该号票没有待整改的差评，无需申诉',
  'appeal-exists': '该差评已提出申诉，等待效能监察处理',
  'no-appeal': '该差评尚未申诉',
  'appeal-decided': '该申诉已有处理决定',
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
export type RefusalParams = Readonly<Record<string, string | number>>;

/** The text of a refusal, its {params} filled in (a missing one stays as written). */
export function refusalText(key: RefusalKey, params?: RefusalParams): string {
  return refusalTexts[key].replace(/\{(\w+)\}/g, (m, name: string) => (params && name in params ? String(params[name]) : m));
}

/** The wire code and text of a refusal. */
export function refusal<K extends RefusalKey>(key: K, params?: RefusalParams): { readonly ok: false; readonly code: RefusalCodeOf<K>; readonly message: string } {
  return { ok: false, code: key.split('.')[0] as RefusalCodeOf<K>, message: refusalText(key, params) };
}
