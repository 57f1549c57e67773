/*
 * Whether a person may write an event, and whether it makes sense. Each rule answers with a reason in Chinese
 * (and the tRPC code it maps to) or null. A batch with any refused event is refused whole.
 */
import type { Actor } from './auth';
import { dutyInPeriod, type Org } from './org';
import { COUNTY_WIDE, ISSUE_SOURCE_NAMES, type ClientEvent } from '../../shared/schemas/events';
import type { Calendar } from '../../shared/calendar';
import { checkRefusal, dutyAppliesTo, isValidPeriodKey } from '../../shared/schedule';
import { MOVES, moveRefusal } from '../../shared/issueFlow';
import { scopeHasUnit, type Scope } from '../../shared/scope';
import type { IssueRow } from '../../shared/projection';
import { PERMISSIONS, may } from '../../shared/permissions';
import type { Role } from '../../shared/roles';
import { inspectionUnitOf } from '../../shared/supervision';
import { photosCited, type PhotoAccess } from './photos';

export type IssueLookup = (issueId: string) => IssueRow | undefined;
/** An inspection round already stored (or stored earlier in the same batch). */
export type InspectionLookup = (inspectionId: string) => { zoneIds: string[] } | undefined;
/** Whether a photo is uploaded and the sender may see it (domain/photos.ts photoAccess). */
export type PhotoLookup = (photoId: string) => PhotoAccess;
/** A nudge already stored (or stored earlier in the same batch). */
export type NudgeLookup = (nudgeId: string) => { unitId: string } | undefined;

export interface AppealLookup {
  appeal(appealId: string): { unitId: string; deductionKey: string; decided: boolean } | undefined;
  /** Whether a deduction already has an appeal waiting or accepted (a rejected one may be appealed again). */
  contested(deductionKey: string): boolean;
  /** The unit a stored event (a failed 回头看) was filed under. */
  eventUnit(eventId: string): string | undefined;
}

export interface RuleContext {
  actor: Actor;
  scope: Scope;
  org: Org;
  /** The county's calendar as it stood when the batch arrived (whether a duty is due on a day). */
  calendar: Calendar;
  lookup: IssueLookup;
  /** Optional so older callers keep working; without it, findings cannot name a round. */
  inspection?: InspectionLookup;
  photo: PhotoLookup;
  nudge: NudgeLookup;
  /** Whether an inspection team with this id is configured. */
  team(teamId: string): boolean;
  /** Optional like `inspection`; without it, appeals are refused. */
  appeals?: AppealLookup;
  /** The event's effective time. */
  at: number;
  /**
   * Everything the actor is today: their role, and 片长 when a zone names them chief (shared/roles.ts `rolesOf`), so
   * a unit's staff who is also 片长 may act as either. Worked out once per batch with the scope, not per event.
   */
  roles: readonly Role[];
}

export interface Refusal {
  code: 'FORBIDDEN' | 'BAD_REQUEST' | 'NOT_FOUND' | 'CONFLICT';
  message: string;
}

/** A round is recorded when the team is back; it cannot have started in the future or weeks ago. */
const MAX_ROUND_AGE = 7 * 24 * 60 * 60_000;
const ROUND_CLOCK_SLACK = 5 * 60_000;
const forbidden = (message: string): Refusal => ({ code: 'FORBIDDEN', message });
const bad = (message: string): Refusal => ({ code: 'BAD_REQUEST', message });

/** A member of the unit acting for it ('unit.work' in shared/permissions.ts: its scope is the own unit). */
function ownUnit(actor: Actor, roles: readonly Role[], unitId: string): boolean {
  return may(roles, 'unit.work') && actor.person.unitId === unitId;
}

/** Why the event is refused, checked in order: scope and kind first, then the photos it cites. */
export function refusalOf(event: ClientEvent, ctx: RuleContext): Refusal | null {
  return kindRefusal(event, ctx) ?? photoRefusal(event, ctx);
}

function photoRefusal(event: ClientEvent, ctx: RuleContext): Refusal | null {
  for (const id of photosCited(event)) {
    const access = ctx.photo(id);
    if (access === 'missing') return bad('引用的照片尚未上传到服务器，请联网同步后再试');
    if (access === 'hidden') return forbidden('不能引用您无权查看的照片');
  }
  return null;
}

function kindRefusal(event: ClientEvent, ctx: RuleContext): Refusal | null {
  const { actor, org, scope, roles } = ctx;
  if (event.kind === 'calendar.day_set' || event.unitId === COUNTY_WIDE) return countyWideRefusal(event, roles);
  const unit = org.unitById.get(event.unitId);
  if (!unit) return { code: 'NOT_FOUND', message: `单位“${event.unitId}”不存在` };
  if (!scopeHasUnit(scope, unit.id)) return forbidden(`您无权为“${unit.name}”提交记录`);

  switch (event.kind) {
    case 'duty.checked':
    case 'duty.unchecked': {
      if (!ownUnit(actor, roles, unit.id)) return forbidden(`只有“${unit.name}”的工作人员可以打勾`);
      const { dutyId, periodKey } = event.payload;
      const listed = org.dutyById.get(dutyId);
      if (listed && !isValidPeriodKey(listed.cadence, periodKey)) return bad(checkRefusal(listed, periodKey, ctx.at, ctx.calendar)!);
      // The duty as it stood for that period (the organisation of the period's first day).
      const duty = listed && dutyInPeriod(org, dutyId, periodKey);
      if (!duty || !dutyAppliesTo(duty, unit.id)) return { code: 'NOT_FOUND', message: '该事项不在本单位的责任清单中' };
      const why = checkRefusal(duty, periodKey, ctx.at, ctx.calendar);
      return why ? bad(why) : null;
    }
    case 'issue.reported': {
      const p = event.payload;
      const inZone = p.zoneId === unit.zoneId || org.gridCells.some((c) => c.unitId === unit.id && c.zoneId === p.zoneId);
      if (!inZone) return bad(`“${unit.name}”不在所选片区`);
      if (p.gridCellId && !org.gridCells.some((c) => c.id === p.gridCellId && c.unitId === unit.id)) {
        return bad('所选网格不属于该单位');
      }
      if (ctx.lookup(p.issueId)) return { code: 'CONFLICT', message: '问题编号重复' };
      if (p.inspectionId) {
        if (p.source !== 'inspection') return bad('只有督查发现的问题可以关联督查记录');
        const round = ctx.inspection?.(p.inspectionId);
        if (!round) return { code: 'NOT_FOUND', message: '关联的督查记录不存在，请先提交督查记录' };
        if (!round.zoneIds.includes(p.zoneId)) return bad('问题所在片区不在本次督查的片区中');
      }
      if (p.source === 'self_check') return ownUnit(actor, roles, unit.id) ? null : forbidden('自查问题只能由本单位上报');
      if (p.source === 'complaint') return may(roles, 'complaint.log') ? null : forbidden(`${ISSUE_SOURCE_NAMES.complaint}只能由指挥部登记`);
      if (p.source === 'public') return may(roles, 'intake.handle') ? null : forbidden(`${ISSUE_SOURCE_NAMES.public}只能由指挥部受理`);
      return may(roles, 'issue.reportFound')
        ? null
        : forbidden('只有督查人员可以登记督查发现的问题');
    }
    case 'issue.assigned':
    case 'issue.rectified':
    case 'issue.verified':
    case 'issue.rejected': {
      const issue = ctx.lookup(event.payload.issueId);
      if (!issue) return { code: 'NOT_FOUND', message: '问题不存在或尚未同步' };
      if (issue.unitId !== unit.id) return bad('记录的单位与问题的责任单位不一致');
      const why = moveRefusal(event.kind, issue.state, roles);
      if (why) return why.reason === 'state' ? { code: 'CONFLICT', message: why.message } : forbidden(why.message);
      // A move a unit makes for itself (整改) only on its own issues; the others reach the units in scope.
      if (PERMISSIONS[MOVES[event.kind].action].scope === 'own' && !ownUnit(actor, roles, unit.id)) return forbidden('只能处理本单位的问题');
      if (event.kind === 'issue.assigned') {
        const target = org.unitById.get(event.payload.unitId);
        if (!target) return { code: 'NOT_FOUND', message: '交办的单位不存在' };
        if (!scopeHasUnit(scope, target.id)) return forbidden(`您无权交办给“${target.name}”`);
        if (target.id !== unit.id) return bad('交办单位须为问题所在的责任单位');
      }
      return null;
    }
    case 'inspection.recorded': {
      const p = event.payload;
      if (!may(roles, 'inspection.record')) return forbidden('只有督查组或指挥部可以登记督查记录');
      const missing = p.zoneIds.find((z) => !org.zones.some((zone) => zone.id === z));
      if (missing) return { code: 'NOT_FOUND', message: `片区“${missing}”不存在` };
      if (inspectionUnitOf(p.zoneIds[0], org.zones, org.units) !== unit.id) {
        return bad('督查记录应归入第一个片区的牵头单位');
      }
      if (ctx.inspection?.(p.inspectionId)) return { code: 'CONFLICT', message: '督查记录编号重复' };
      if (p.teamId && !ctx.team(p.teamId)) return { code: 'NOT_FOUND', message: '督查组不存在，请刷新后重新选择' };
      if (p.startedAt > ctx.at + ROUND_CLOCK_SLACK) return bad('督查开始时间不能晚于提交时间');
      if (p.startedAt < ctx.at - MAX_ROUND_AGE) return bad('督查开始时间过早（超过7天）');
      return null;
    }
    case 'nudge.sent':
      return may(roles, 'nudge.send')
        ? null
        : forbidden('只有负责人或指挥部可以催办');
    case 'nudge.acknowledged': {
      if (!ownUnit(actor, roles, unit.id)) return forbidden(`只有“${unit.name}”的人员可以确认收到催办`);
      const nudge = ctx.nudge(event.payload.nudgeId);
      if (!nudge || nudge.unitId !== unit.id) return { code: 'NOT_FOUND', message: '催办不存在或不是发给本单位的' };
      return null;
    }
    case 'appeal.filed': {
      if (!may(roles, 'appeal.file') || actor.person.unitId !== unit.id) return forbidden(`只有“${unit.name}”的单位负责人可以申诉`);
      if (!ctx.appeals) return forbidden('暂不能申诉');
      const key = event.payload.deductionKey;
      if (deductionUnit(key, ctx) !== unit.id) return { code: 'NOT_FOUND', message: '该扣分项不属于本单位' };
      if (ctx.appeals.appeal(event.payload.appealId)) return { code: 'CONFLICT', message: '申诉编号重复' };
      if (ctx.appeals.contested(key)) return { code: 'CONFLICT', message: '该扣分项已有申诉在处理或已被采纳' };
      return null;
    }
    case 'appeal.decided': {
      if (!may(roles, 'appeal.decide')) return forbidden('只有指挥部可以处理申诉');
      const appeal = ctx.appeals?.appeal(event.payload.appealId);
      if (!appeal) return { code: 'NOT_FOUND', message: '申诉不存在' };
      if (appeal.unitId !== unit.id) return bad('记录的单位与申诉单位不一致');
      if (appeal.decided) return { code: 'CONFLICT', message: '该申诉已处理' };
      return null;
    }
    case 'rubric.changed':
    case 'bulletin.issued':
      return forbidden('考核办法和通报由指挥部在看板中修改、签发');
  }
}

/** The unit a deduction key is about (see shared/assessment/score.ts for the keys). */
function deductionUnit(key: string, ctx: RuleContext): string | undefined {
  const [kind, rest] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'duty') return ctx.org.units.find((u) => rest.startsWith(`${u.id}:`))?.id;
  if (kind === 'problem' || kind === 'overdue') return ctx.lookup(rest)?.unitId;
  return ctx.appeals?.eventUnit(rest);
}

/** The holiday schedule is the command center's to keep, and it is filed under the whole county, nothing else. */
function countyWideRefusal(event: ClientEvent, roles: readonly Role[]): Refusal | null {
  if (event.kind !== 'calendar.day_set') return { code: 'NOT_FOUND', message: `单位“${event.unitId}”不存在` };
  if (event.unitId !== COUNTY_WIDE) return bad('节假日安排应记在全县名下');
  return may(roles, 'calendar.set') ? null : forbidden('只有指挥部可以录入节假日安排');
}
