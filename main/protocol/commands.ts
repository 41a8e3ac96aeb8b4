// Every command a client may send, per role, as zod schemas. The hub checks each payload against
// its schema before anything runs; the event maps in events.ts are derived from these tables, so
// a wrong event name or payload is a compile error in the hub, the agent and the renderer alike.
import { z } from 'zod';
import { NUMBER_PATTERN } from '../rules/index.js';

export const requestId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId: 8–64 letters, digits, "-" or "_" (a fresh one per command, reused on retry)');
const serviceCode = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'unknown service code');
const ticketId = z.string().min(1).max(64);
const windowNo = z.number().int().min(1).max(999);
const staffId = z.string().regex(/^\d{3,8}$/, 'staff number: 3–8 digits');
const reason = z.string().trim().min(1, '请填写原因').max(100);
/** 18-character resident ID number (last character may be X). */
const idNumber = z.string().regex(/^\d{17}[\dXx]$/, '身份证号码格式不正确');
const phone = z.string().regex(/^1\d{10}$/, '手机号码格式不正确');
/** A swiped card as the hub knows it (kiosk:identity): never the card's contents. */
const identityRef = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '请重新刷身份证');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为YYYY-MM-DD');

const base = { requestId };
const bare = z.object(base).strict();

export const kioskCommands = {
  'ticket:issue': z
    .object({
      ...base,
      serviceCode,
      kind: z.enum(['normal', 'priority', 'green']),
      /** Green channel: a chief representative authorises at the kiosk. */
      authorization: z.object({ staffId, password: z.string().min(1).max(128) }).strict().optional(),
      /** A 居民身份证 swiped at this kiosk (the `ref` of kiosk:identity): 一人一号, priority by age. */
      identityRef: identityRef.optional(),
    })
    .strict(),
  'appointment:checkIn': z
    .object({
      ...base,
      code: z.string().regex(/^\d{6}$/, '预约码为6位数字').optional(),
      idNumber: idNumber.optional(),
      identityRef: identityRef.optional(),
    })
    .strict()
    .refine((p) => [p.code, p.idNumber, p.identityRef].filter((v) => v !== undefined).length === 1, '请输入预约码或身份证号码（二选一）'),
  /** The settings panel behind the admin PIN: the hub checks the PIN (the page never holds it). */
  'kiosk:unlock': z.object({ ...base, pin: z.string().regex(/^\d{4,12}$/, '管理密码为4–12位数字') }).strict(),
} as const;

export const counterCommands = {
  /** Sign the session's staff member in at its window (sent after each connect); signed in there already: ok, nothing recorded. */
  'window:signIn': bare,
  'window:callNext': bare,
  'window:callNumber': z.object({ ...base, number: z.string().regex(NUMBER_PATTERN, '号码格式不正确，例如A012') }).strict(),
  'window:recall': bare,
  'window:start': bare,
  'window:finish': bare,
  'window:skip': bare,
  'window:transfer': z
    .object({
      ...base,
      to: z.union([
        z.object({ serviceCode }).strict(),
        z.object({ windowNo, serviceCode: serviceCode.optional() }).strict(),
      ]),
      position: z.enum(['head', 'tail']),
      note: z.string().max(100).optional(),
    })
    .strict(),
  'window:suspend': z.object({ ...base, reason }).strict(),
  'window:resumeTicket': z.object({ ...base, ticketId }).strict(),
  'window:pause': z.object({ ...base, reason }).strict(),
  'window:resume': bare,
  'window:signOut': bare,
  'ticket:requeue': z.object({ ...base, ticketId }).strict(),
  'ticket:reprint': z.object({ ...base, ticketId }).strict(),
  'ticket:cancel': z.object({ ...base, ticketId }).strict(),
  /** Chief representatives only: a green-channel ticket issued from the counter. */
  'ticket:issueGreen': z.object({ ...base, serviceCode }).strict(),
} as const;

export const deviceHealthSchema = z
  .object({
    deviceId: z.string().min(1).max(64),
    online: z.boolean(),
    /** Printers: can it print now? */
    canPrint: z.boolean().optional(),
    paper: z.enum(['ok', 'near-end', 'out', 'unknown']).optional(),
    coverOpen: z.boolean().optional(),
    /** zh-CN summary for staff: "缺纸", "打印机盖未关". */
    message: z.string().max(200).optional(),
  })
  .strict();
export type DeviceHealth = z.infer<typeof deviceHealthSchema>;

export const deviceKinds = ['printer', 'led', 'keypad', 'caller', 'idcard', 'scanner'] as const;
export const agentCommands = {
  /** The agent's devices and what each is bound to. */
  'agent:devices': z
    .object({
      devices: z
        .array(
          z
            .object({
              deviceId: z.string().min(1).max(64),
              kind: z.enum(deviceKinds),
              kioskId: z.string().max(64).optional(),
              windowNo: windowNo.optional(),
            })
            .strict(),
        )
        .max(500),
    })
    .strict(),
  'device:health': deviceHealthSchema,
  /** ticketId: the one the keypad was prompted for (the job said); absent: the window's last finished one. */
  'keypad:rate': z
    .object({ ...base, windowNo, level: z.number().int().min(1).max(5), ticketId: ticketId.optional() })
    .strict(),
  /**
   * A 居民身份证 read at a kiosk's reader: only what the hub needs (the number to hash, the name to
   * mask, the birth date for priority, the last valid day). Sent over the hub socket only, never
   * logged, never stored: the hub keeps the salted hash and tells the kiosk page the masked name.
   */
  'identity:read': z
    .object({
      ...base,
      deviceId: z.string().min(1).max(64),
      kioskId: z.string().min(1).max(64),
      card: z
        .object({ idNumber, name: z.string().min(1).max(15), birthDate: isoDay, validTo: isoDay.nullable() })
        .strict(),
    })
    .strict(),
  /** A code scanner (扫码枪) on a serial line at a kiosk read this text: the hub hands it to that kiosk's page. */
  'scan:code': z
    .object({ ...base, deviceId: z.string().min(1).max(64), kioskId: z.string().min(1).max(64), text: z.string().min(1).max(512) })
    .strict(),
  'caller:key': z
    .object({
      ...base,
      windowNo,
      key: z.enum(['next', 'recall', 'skip', 'start', 'finish', 'pause', 'resume']),
    })
    .strict(),
} as const;

const followUpId = z.string().min(1).max(64);
/** A supervision note: what was said, done or decided. */
const note = (empty: string) => z.string().trim().min(1, empty).max(500);

export const superviseCommands = {
  'complaint:file': z
    .object({
      ...base,
      text: z.string().trim().min(1, '请填写投诉内容').max(2000),
      ticketId: ticketId.optional(),
      windowNo: windowNo.optional(),
      staffId: staffId.optional(),
      contact: phone.optional(),
    })
    .strict(),
  /** 确认告警: the overseer has seen it and is on it (it resolves by itself when the condition ends). */
  'alarm:acknowledge': z.object({ ...base, key: z.string().min(1).max(200) }).strict(),
  /** 回访: the department's chief called the visitor back. */
  'followUp:callback': z.object({ ...base, id: followUpId, reached: z.boolean(), note: note('请填写回访情况') }).strict(),
  /** 整改: what the department changed. */
  'followUp:rectify': z.object({ ...base, id: followUpId, note: note('请填写整改情况') }).strict(),
  /** A supervisor approves closing the item. */
  'followUp:close': z.object({ ...base, id: followUpId }).strict(),
  /** 申诉: the chief says the rating was mistaken or malicious. */
  'rating:appeal': z.object({ ...base, ticketId, reason: note('请填写申诉理由') }).strict(),
  /** A supervisor decides the appeal; upheld sets the rating aside and closes the item. */
  'rating:decideAppeal': z.object({ ...base, ticketId, upheld: z.boolean(), note: note('请填写处理意见') }).strict(),
} as const;

export const publicCommands = {
  'appointment:slots': z
    .object({ serviceCode, date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为YYYY-MM-DD') })
    .strict(),
  'appointment:book': z
    .object({
      ...base,
      serviceCode,
      slotStart: z.number().int().positive(),
      name: z.string().trim().min(1, '请填写姓名').max(20),
      phone,
      idNumber: idNumber.optional(),
    })
    .strict(),
  'appointment:cancel': z.object({ ...base, code: z.string().regex(/^\d{6}$/, '预约码为6位数字') }).strict(),
} as const;

export type CommandTable = Readonly<Record<string, z.ZodType>>;
export type PayloadOf<T extends CommandTable, K extends keyof T> = z.input<T[K]>;
export type ParsedOf<T extends CommandTable, K extends keyof T> = z.output<T[K]>;
