// Every reason a command can be refused: a stable code (the i18n key) and the zh-CN text shown
// to the person as is. Templates take {params}. English can follow as another table.

export const refusalMessages = {
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

export type RefusalCode = keyof typeof refusalMessages;
export type RefusalParams = Readonly<Record<string, string | number>>;

export interface Refusal {
  readonly ok: false;
  readonly code: RefusalCode;
  readonly message: string;
  readonly params?: RefusalParams;
}

export function refuse(code: RefusalCode, params?: RefusalParams): Refusal {
  const message = refusalMessages[code].replace(/\{(\w+)\}/g, (m, key: string) =>
    params && key in params ? String(params[key]) : m,
  );
  return params ? { ok: false, code, message, params } : { ok: false, code, message };
}
