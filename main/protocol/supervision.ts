// The supervision console's wire views (效能监察): alarms as stored and pushed to overseers, and the
// 差评整改 items bad ratings open. The hub maps its alarm engine's alarms (main/queue/alarms.ts) and
// db/supervision.ts's rows to these; the screens read them as they are.

export type AlarmSeverityView = 'amber' | 'red';

/** What the alarm is about: a service, window, ticket, device, complaint, staff number, address or follow-up. */
export interface AlarmSubjectView {
  readonly kind: string;
  readonly [field: string]: string | number;
}

export interface AlarmView {
  /** Kind and subject: the same condition is the same key while it holds. */
  readonly key: string;
  readonly kind: string;
  readonly severity: AlarmSeverityView;
  readonly subject: AlarmSubjectView;
  /** The department it concerns: a chief sees only their department's alarms. */
  readonly department?: string;
  /** zh-CN, as a supervisor reads it. */
  readonly text: string;
  /** Wait breaches: which windows could open now (their numbers), and the sentence saying so. */
  readonly suggestion?: { readonly windowNos: readonly number[]; readonly text: string };
  /** When the condition began (as first seen) and when the hub raised it. */
  readonly since: number;
  readonly raisedAt: number;
  readonly escalatedAt?: number;
  readonly acknowledged?: { readonly by: string; readonly at: number };
  /** Present once the condition is gone. */
  readonly resolvedAt?: number;
}

export interface FollowUpView {
  readonly id: string;
  readonly ticketId: string;
  readonly ticketNumber: string;
  /** 1 非常不满意 … 2 不满意 (the hall's bad levels). */
  readonly level: number;
  readonly serviceCode: string;
  readonly department?: string;
  readonly windowNo?: number;
  readonly staffId?: string;
  /** The department's chief representative; absent when the department has none (supervisors see it). */
  readonly ownerId?: string;
  readonly openedAt: number;
  /** The last working day to close it on (YYYY-MM-DD, the hall's calendar). */
  readonly dueDay: string;
  readonly callback?: { readonly reached: boolean; readonly note: string; readonly at: number; readonly by: string };
  readonly rectification?: { readonly note: string; readonly at: number; readonly by: string };
  readonly closed?: { readonly at: number; readonly by: string };
  /** 申诉: the chief says the rating was mistaken or malicious; a supervisor decides. */
  readonly appeal?: {
    readonly reason: string;
    readonly at: number;
    readonly by: string;
    readonly decision?: { readonly upheld: boolean; readonly note: string; readonly by: string; readonly at: number };
  };
}

/** What a supervision command answers with, besides ok. */
export interface SupervisionReply {
  readonly alarm?: AlarmView;
  readonly followUp?: FollowUpView;
}
