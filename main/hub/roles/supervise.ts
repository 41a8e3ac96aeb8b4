// Supervisors (效能监察): watch the hall live, receive device alarms, record complaints; the alarm
// monitor's alarms and the 差评整改 items, acknowledged and worked through here. A chief
// representative sees and acts on their own department's only.
import type { FollowUpView, Result, ServerToClient, SupervisionReply } from '../../protocol/index.js';
import { refusal, roles, superviseCommands, type RefusalKey, type RefusalParams } from '../../protocol/index.js';
import { mayConnectSupervise, maySeeDepartment, type ChannelCommand } from '../authorize.js';
import { bindCommands } from '../bind.js';
import type { HubCore } from '../core.js';
import { watchBadRatings } from '../follow-ups.js';
import { interests } from '../interest.js';
import { authenticate, onConnection, refused, staffActor, useGuarded } from './auth.js';
import { roleNamespace, type RoleNamespace } from './namespace.js';

type Pushed = 'alarm:changed' | 'followUp:changed';

/** Send to every overseer connected who may see `department` (a chief: their own only). */
export function tellOverseers<E extends Pushed>(hub: HubCore, event: E, view: Parameters<ServerToClient<'supervise'>[E]>[0], department: string | undefined): void {
  const ns = roleNamespace(hub.io, 'supervise');
  for (const socket of ns.sockets.values()) {
    const staff = socket.data.staff as (typeof socket.data)['staff'] | undefined;
    if (!staff || !socket.rooms.has('supervise') || !maySeeDepartment(staff, department)) continue;
    (socket.emit as (e: E, v: typeof view) => boolean)(event, view);
  }
}

export function registerSupervise(hub: HubCore): RoleNamespace<'supervise'> {
  const ns = roleNamespace(hub.io, 'supervise');
  const repo = hub.store.supervision;
  watchBadRatings(hub, (item) => tellOverseers(hub, 'followUp:changed', item, item.department));
  useGuarded(hub, ns, (socket, next) => {
    const auth = authenticate(hub, 'supervise', socket, next);
    if (!auth) return;
    const { staff } = auth;
    const verdict = mayConnectSupervise({ kind: 'staff', staff });
    if (!verdict.ok) {
      hub.auditRefusal(staffActor(staff), 'connect supervise', verdict.code, verdict.detail ?? verdict.message);
      return next(refused(verdict.code, verdict.message));
    }
    socket.data = { staff, ...(auth.lastSeq !== undefined && { lastSeq: auth.lastSeq }) };
    next();
  });
  onConnection(hub, ns, (socket) => {
    const { staff } = socket.data;
    const actor = staffActor(staff);
    const who = { kind: 'staff', staff } as const;
    hub.feed.attach(socket, socket.data.lastSeq, interests.everything(roles.supervise.follows === 'hall+complaints'));
    void socket.join('supervise');
    socket.emit('alarm:list', repo.activeAlarms().filter((a) => maySeeDepartment(staff, a.department)));
    socket.emit('followUp:list', repo.openFollowUps().filter((f) => maySeeDepartment(staff, f.department)));

    type Command = ChannelCommand<'supervise'>;
    type Answer = Result<SupervisionReply>;
    /** A refusal decided here (unknown item, wrong state): audited like the others. */
    const no = (command: Command, key: RefusalKey, params?: RefusalParams): Answer => {
      const r = refusal(key, params);
      return hub.refuse(actor, command, r.code, r.message);
    };
    const staffName = (id: string) => hub.state.hall.staff.get(id)?.name ?? id;
    /** A follow-up command: the item must exist and be open, and `who` may act for its department. */
    const withItem = (command: Command, item: FollowUpView | undefined, act: (item: FollowUpView) => Answer): Answer => {
      if (!item) return no(command, 'unknown-follow-up');
      const denied = hub.denied(actor, who, 'supervise', command, item.department === undefined ? {} : { department: item.department });
      if (denied) return denied;
      if (item.closed) return no(command, 'follow-up-closed');
      return act(item);
    };
    /** A stored change answers with the item and tells the overseers; undefined: it changed meanwhile. */
    const changed = (command: Command, item: FollowUpView | undefined): Answer => {
      if (!item) return no(command, 'follow-up-closed');
      tellOverseers(hub, 'followUp:changed', item, item.department);
      return { ok: true, followUp: item };
    };

    bindCommands(
      socket,
      superviseCommands,
      {
        'complaint:file': (p) =>
          hub.denied(actor, who, 'supervise', 'complaint:file') ??
          hub.run(
            {
              type: 'complain',
              requestId: p.requestId,
              text: p.text,
              ...(p.ticketId !== undefined && { ticketId: p.ticketId }),
              ...(p.windowNo !== undefined && { windowNo: p.windowNo }),
              ...(p.staffId !== undefined && { staffId: p.staffId }),
              ...(p.contact !== undefined && { contact: p.contact }),
            },
            actor,
          ),
        'alarm:acknowledge': (p) => {
          const alarm = repo.activeAlarm(p.key);
          if (!alarm) return no('alarm:acknowledge', 'unknown-alarm');
          const denied = hub.denied(actor, who, 'supervise', 'alarm:acknowledge', alarm.department === undefined ? {} : { department: alarm.department });
          if (denied) return denied;
          if (alarm.acknowledged) return no('alarm:acknowledge', 'alarm-acknowledged', { by: staffName(alarm.acknowledged.by) });
          const done = repo.acknowledge(p.key, actor, p.requestId, hub.clock());
          if (!done) return no('alarm:acknowledge', 'unknown-alarm');
          tellOverseers(hub, 'alarm:changed', done, done.department);
          return { ok: true, alarm: done };
        },
        'followUp:callback': (p) =>
          withItem('followUp:callback', repo.followUp(p.id), (item) =>
            changed('followUp:callback', repo.recordCallback(item.id, p.reached, p.note, actor, p.requestId, hub.clock())),
          ),
        'followUp:rectify': (p) =>
          withItem('followUp:rectify', repo.followUp(p.id), (item) =>
            changed('followUp:rectify', repo.recordRectification(item.id, p.note, actor, p.requestId, hub.clock())),
          ),
        'followUp:close': (p) =>
          withItem('followUp:close', repo.followUp(p.id), (item) => {
            if (!item.callback || !item.rectification) return no('followUp:close', 'follow-up-not-ready');
            return changed('followUp:close', repo.close(item.id, actor, p.requestId, hub.clock()));
          }),
        'rating:appeal': (p) => {
          const item = repo.followUpOfTicket(p.ticketId);
          if (!item) return no('rating:appeal', 'not-appealable');
          return withItem('rating:appeal', item, () => {
            if (item.appeal) return no('rating:appeal', 'appeal-exists');
            return changed('rating:appeal', repo.appeal(item.id, p.reason, actor, p.requestId, hub.clock()));
          });
        },
        'rating:decideAppeal': (p) =>
          withItem('rating:decideAppeal', repo.followUpOfTicket(p.ticketId), (item) => {
            if (!item.appeal) return no('rating:decideAppeal', 'no-appeal');
            if (item.appeal.decision) return no('rating:decideAppeal', 'appeal-decided');
            return changed('rating:decideAppeal', repo.decideAppeal(item.id, p.upheld, p.note, actor, p.requestId, hub.clock()));
          }),
      },
      hub.bindOptions(actor),
    );
  });
  return ns;
}
